"""Agencies for moderators: read-only, apart from the moderation actions "Suspend agency" and "Reinstate agency"
(which call services that check the moderator, log the decision and tell the owners)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet

from marketplace.activity.admin import ActivityInline
from marketplace.admin_base import ActionsOnlyAdmin, ReadOnlyInline

from . import services
from .models import Agency, AgencyMembership, MembershipStatus


class AgencyActionForm(ActionForm):
    note = forms.CharField(
        label="Decision note",
        required=False,
        max_length=services.NOTE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"size": 50, "placeholder": "Why (recorded with the decision)"}),
    )


class MembershipInline(ReadOnlyInline):
    model = AgencyMembership
    fields = ["user", "role", "status", "may_be_named", "invited_by", "created_at", "joined_at", "ended_at"]
    readonly_fields = fields


class AgencyActivityInline(ActivityInline):
    verbose_name_plural = "Moderation and activity"


@admin.register(Agency)
class AgencyAdmin(ActionsOnlyAdmin):
    list_display = ["name", "slug", "status", "members", "created_by", "created_at"]
    list_filter = ["status", "created_at"]
    list_select_related = ["created_by"]
    search_fields = ["name", "slug", "memberships__user__username"]
    fields = ["name", "slug", "description", "status", "status_note", "created_by", "created_at"]
    readonly_fields = fields
    inlines = [MembershipInline, AgencyActivityInline]
    action_form = AgencyActionForm
    actions = ["suspend_agencies", "reinstate_agencies"]

    def get_queryset(self, request) -> QuerySet[Agency]:
        active = Q(memberships__status=MembershipStatus.ACTIVE)
        return super().get_queryset(request).annotate(member_count=Count("memberships", filter=active))

    @admin.display(description="Members", ordering="member_count")
    def members(self, agency: Agency) -> int:
        return getattr(agency, "member_count", 0)

    def _each(self, request, queryset, act, done: str) -> None:
        note, count = request.POST.get("note", ""), 0
        for agency in queryset.order_by("pk"):
            try:
                act(agency, by=request.user, note=note)
            except PermissionDenied as exc:
                self.message_user(request, str(exc), messages.WARNING)
                return
            except services.ActionNotAllowed as exc:
                self.message_user(request, exc.message, messages.WARNING)
            else:
                count += 1
        if count:
            self.message_user(request, done.format(count=count), messages.SUCCESS)

    @admin.action(description="Suspend agency", permissions=["change"])
    def suspend_agencies(self, request, queryset: QuerySet[Agency]) -> None:
        self._each(
            request,
            queryset,
            services.suspend_agency,
            "{count} agency(ies) suspended: they can't send proposals or add members; their owners are told.",
        )

    @admin.action(description="Reinstate agency", permissions=["change"])
    def reinstate_agencies(self, request, queryset: QuerySet[Agency]) -> None:
        self._each(request, queryset, services.reinstate_agency, "{count} agency(ies) reinstated.")


@admin.register(AgencyMembership)
class AgencyMembershipAdmin(ActionsOnlyAdmin):
    list_display = ["user", "agency", "role", "status", "may_be_named", "created_at"]
    list_filter = ["role", "status"]
    list_select_related = ["user", "agency"]
    search_fields = ["user__username", "agency__name"]
    fields = ["agency", "user", "role", "status", "may_be_named", "invited_by", "created_at", "joined_at", "ended_at"]
    readonly_fields = fields
    actions = None

    def has_change_permission(self, request, obj=None) -> bool:
        return False
