from django.contrib import admin, messages
from django.db.models import QuerySet

from .models import EmailState, Membership, Message, Notification, NotificationKind, NotificationPreference, Room


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    readonly_fields = ["joined_at", "last_read_at"]


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    fields = ["created_at", "sender", "body"]
    readonly_fields = ["created_at", "sender", "body"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["title", "created_at", "last_message_at"]
    search_fields = ["title", "participants__username"]
    date_hierarchy = "created_at"
    readonly_fields = ["subject_type", "subject_id", "created_at", "last_message_at"]
    inlines = [MembershipInline, MessageInline]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["room", "sender", "short_body", "created_at"]
    list_select_related = ["room", "sender"]
    search_fields = ["body", "room__title", "sender__username"]
    readonly_fields = ["room", "sender", "created_at"]

    @admin.display(description="Message")
    def short_body(self, obj: Message) -> str:
        return obj.body[:80]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "recipient",
        "kind",
        "text",
        "read_at",
        "email_state",
        "email_attempts",
        "email_last_error",
    ]
    list_filter = ["email_state", "email_error_temporary", "kind"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "recipient__email", "text"]
    date_hierarchy = "created_at"
    # The message itself stays out: its text would show here, and moderators read a conversation only through
    # Flagged rooms, where every reading is recorded.
    exclude = ["message"]
    readonly_fields = [
        "recipient",
        "actor",
        "room",
        "message_ref",
        "created_at",
        "email_state",
        "email_attempts",
        "email_last_error",
        "email_sent_at",
        "email_claimed_at",
        "email_next_attempt_at",
        "email_retry_until",
        "email_error_temporary",
    ]
    actions = ["retry_email"]

    @admin.display(description="Message")
    def message_ref(self, obj: Notification) -> str:
        return f"Message #{obj.message_id}" if obj.message_id else "-"

    # Moderators watch email delivery: they see notifications and retry failed emails, and change nothing else.
    # Their flag-review permission tells them apart without a query (the admin has loaded permissions already).
    def _moderator(self, request) -> bool:
        return request.user.is_staff and request.user.has_perm("jobs.view_flaggedjob")

    def has_module_permission(self, request) -> bool:
        return super().has_module_permission(request) or self._moderator(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return super().has_view_permission(request, obj) or self._moderator(request)

    def has_retry_permission(self, request) -> bool:
        return self.has_change_permission(request) or self._moderator(request)

    @admin.action(description="Retry failed emails", permissions=["retry"])
    def retry_email(self, request, queryset: QuerySet[Notification]) -> None:
        from .tasks import enqueue_notification_emails, revive_failed_emails

        failed = list(queryset.filter(email_state=EmailState.FAILED).values_list("pk", flat=True))
        revived = Notification.objects.filter(pk__in=failed)
        revive_failed_emails(revived)
        revived.update(email_attempts=0)
        # Digest rows go out with the next digest run.
        enqueue_notification_emails(
            revived.exclude(kind=NotificationKind.MESSAGE_RECEIVED, room__isnull=False).values_list("pk", flat=True)
        )
        self.message_user(request, f"{len(failed)} email(s) queued again.", messages.SUCCESS)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email"]
    list_filter = ["kind", "email"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]
