from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from .models import Activity


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    """Read-only: the services write the log."""

    list_display = ("created_at", "actor", "action", "content_type", "object_id", "from_state", "to_state")
    list_filter = ("content_type", "action")
    search_fields = ("action", "note")
    date_hierarchy = "created_at"
    list_select_related = ("actor", "content_type")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ActivityInline(GenericTabularInline):
    """An object's entries in the activity log (who did what, when, from which state to which, and why)."""

    model = Activity
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "what", "from_state", "to_state", "reason", "reason_text", "note"]
    readonly_fields = fields
    # The owning app's words for its action codes (e.g. its TextChoices as a dict).
    action_labels: dict[str, str] = {}
    ordering = ["created_at", "id"]
    verbose_name = "activity entry"
    verbose_name_plural = "Activity"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    @admin.display(description="Action")
    def what(self, entry: Activity) -> str:
        return self.action_labels.get(entry.action, entry.action)

    def has_view_permission(self, request, obj=None) -> bool:
        # Shown on the owning object's page, to whoever may view that page (moderators hold no
        # permission on the log itself).
        return True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
