"""Moderators' view of applications and offers.

States are read-only here: django-fsm's admin transition buttons are not used, because they call the model
directly and would skip the services' notifications and cascades. Admin actions call services.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet

from marketplace.activity.admin import ActivityInline
from marketplace.admin_base import ReadOnlyInline

from . import services
from .models import Application, ApplicationAction, Offer


class ApplicationEventInline(ActivityInline):
    """The timeline: the activity log's entries on the application."""

    action_labels = dict(ApplicationAction.choices)
    verbose_name = "timeline event"
    verbose_name_plural = "Timeline"


class OfferInline(ReadOnlyInline):
    model = Offer
    fields = ["created_at", "status", "payment_type", "hourly_rate", "weekly_limit", "fixed_price", "start_date"]
    readonly_fields = [*fields, "expires_at", "decided_at", "message"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["id", "freelancer", "job", "origin", "status", "terms_display", "created_at", "updated_at"]
    list_filter = ["status", "origin", ("job", admin.RelatedOnlyFieldListFilter), "created_at"]
    list_select_related = ["job", "job__client", "freelancer"]
    search_fields = ["freelancer__username", "freelancer__email", "job__title", "job__client__username"]
    date_hierarchy = "created_at"
    ordering = ["-updated_at", "-id"]
    fieldsets = [
        (None, {"fields": ["job", "freelancer", "origin", "status", "room"]}),
        ("Proposal", {"fields": ["cover_letter", "hourly_rate", "fixed_bid", "estimated_duration"]}),
        ("Invitation", {"fields": ["invitation_message", "invited_at", "responded_at"]}),
        ("Dates", {"fields": ["created_at", "updated_at", "ended_at"]}),
    ]
    # Everything is read-only: applications change through the services only.
    readonly_fields = [field for _, options in fieldsets for field in options["fields"]]
    inlines = [OfferInline, ApplicationEventInline]
    actions = ["expire_if_due"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    @admin.display(description="Terms")
    def terms_display(self, obj: Application) -> str:
        return obj.terms_display

    @admin.action(description="Expire the selected invitations and offers that are past their window")
    def expire_if_due(self, request, queryset: QuerySet[Application]) -> None:
        count = services.expire_due(only=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"{count} application(s) expired; the others are not due yet.", messages.INFO)


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["id", "application", "status", "payment_type", "terms_display", "start_date", "expires_at"]
    list_filter = ["status", "payment_type", "created_at"]
    list_select_related = ["application__job", "application__freelancer"]
    search_fields = ["application__freelancer__username", "application__job__title"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "application",
        "status",
        "payment_type",
        "hourly_rate",
        "weekly_limit",
        "fixed_price",
        "start_date",
        "expires_at",
        "message",
        "created_at",
        "decided_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Terms")
    def terms_display(self, obj: Offer) -> str:
        return obj.terms_display
