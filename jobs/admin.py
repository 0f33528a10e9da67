from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from taggit.admin import TagAdmin
from taggit.models import Tag

from marketplace.admin_base import ActionsOnlyAdmin, ReadOnlyInline
from marketplace.http import parse_id

from . import moderation, services
from .models import Flag, FlagStatus, JobPost, ModerationAction

# Shown, never edited: the state moves only through the services' transitions.
STATE_FIELDS = (
    "status",
    "status_reason",
    "suspended_from",
    "held_for_review",
    "client_last_viewed_at",
    "created_at",
    "updated_at",
)


class ModerationActionForm(ActionForm):
    """The admin action bar with a note recorded on every decision."""

    note = forms.CharField(
        label="Decision note",
        required=False,
        max_length=moderation.NOTE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"size": 50, "placeholder": "Why (recorded with the decision)"}),
    )


def action_note(request) -> str:
    return moderation.clean_note(request.POST.get("note", ""))


def report_refusal(modeladmin: admin.ModelAdmin, request, exc: Exception) -> None:
    text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(getattr(exc, "message", "") or exc)
    modeladmin.message_user(request, text, messages.WARNING)


def format_hits(hits) -> str:
    """Screening hits as "category: text" lines for moderators."""
    if not hits:
        return "-"
    return format_html_join(
        "\n", "<div><strong>{}</strong>: {}</div>", ((h.get("category", "?"), h.get("text", "")) for h in hits)
    )


class FlagInline(ReadOnlyInline):
    """Every flag on the job: what, by whom (moderators only), what the screening found, and the decision."""

    model = Flag
    fk_name = "job"
    fields = (
        "created_at",
        "reason",
        "comment",
        "reporter_display",
        "screening_hits",
        "snippet",
        "status",
        "moderator",
        "decided_at",
        "decision_note",
    )
    readonly_fields = fields
    ordering = ("-created_at", "-id")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reporter", "moderator")

    @admin.display(description="Reporter")
    def reporter_display(self, flag: Flag) -> str:
        return str(flag.reporter) if flag.reporter_id else "Screening (system)"

    @admin.display(description="Screening hits")
    def screening_hits(self, flag: Flag) -> str:
        return format_hits(flag.hits)


_DECISION_LABELS = dict(ModerationAction.choices)


def decisions_html(decisions, *, with_job: bool = False) -> str:
    """Moderation decisions from the activity log, one line each: when, what, who, on which job, why."""
    rows = [
        (
            f"{d.created_at:%Y-%m-%d %H:%M}",
            _DECISION_LABELS.get(d.action, d.action),
            d.actor or "the screening",
            f" (job #{d.object_id})" if with_job and d.content_type.model == "jobpost" else "",
            f": {d.note}" if d.note else "",
        )
        for d in decisions
    ]
    return format_html_join("\n", "<div>{}: {} by {}{}{}</div>", rows) or "-"


@admin.register(JobPost)
class JobPostAdmin(admin.ModelAdmin):
    """Moderators review job posts here. The state is read-only: it changes only through services."""

    list_display = ("title", "client", "status", "visibility", "budget", "hires_needed", "created_at")
    list_filter = ("status", ("client", admin.RelatedOnlyFieldListFilter), "created_at", "visibility", "budget_type")
    search_fields = (
        "title",
        "description",
        "client__username",
        "client__email",
        "client__client_profile__company_name",
    )
    list_select_related = ("client",)
    date_hierarchy = "created_at"
    raw_id_fields = ("client",)
    readonly_fields = (*STATE_FIELDS, "flags_summary", "moderation_history")
    fieldsets = (
        (None, {"fields": ("client", "title", "description", "skills", "category")}),
        ("Budget", {"fields": ("budget_type", "hourly_min", "hourly_max", "fixed_budget")}),
        ("Freelancer", {"fields": ("experience_level", "duration", "hires_needed", "visibility")}),
        ("State", {"fields": STATE_FIELDS}),
        ("Moderation", {"fields": ("flags_summary", "moderation_history")}),
    )

    def save_related(self, request, form, formsets, change) -> None:
        """The title, description and skills may change here (a superuser's edit): Find work's stored search
        document follows, as after the services' writes."""
        super().save_related(request, form, formsets, change)
        services.refresh_search_vectors([form.instance.pk])

    @admin.display(description="Flags")
    def flags_summary(self, job: JobPost) -> str:
        flags = job.flags.select_related("reporter", "moderator") if job.pk else []
        return (
            format_html_join(
                "\n",
                "<div>{} · {} · {} · by {}{}</div>",
                (
                    (
                        f"{flag.created_at:%Y-%m-%d %H:%M}",
                        flag.get_reason_display(),
                        flag.get_status_display(),
                        flag.reporter or "the screening",
                        f" · decided by {flag.moderator}: {flag.decision_note}" if flag.decided_at else "",
                    )
                    for flag in flags
                ),
            )
            or "-"
        )

    @admin.display(description="Moderation decisions")
    def moderation_history(self, job: JobPost) -> str:
        return decisions_html(moderation.decisions_for_job(job)[:50]) if job.pk else "-"

    @admin.display(description="Budget")
    def budget(self, job: JobPost) -> str:
        if job.is_hourly:
            return f"${job.hourly_min} to ${job.hourly_max}/hr"
        return f"${job.fixed_budget} fixed"


class OpenFlagsFilter(admin.SimpleListFilter):
    """A moderation queue's filter whose default (no parameter) is "Open flags", listed first."""

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Open flags",
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


class FlagQueueFilter(OpenFlagsFilter):
    """Which flags: the open ones by default, the rooms queued by the screening, or the decided ones."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("rooms", "Rooms to review"),
            ("jobs", "Jobs"),
            ("clients", "Client profiles"),
            ("system", "Raised by the screening"),
            ("decided", "Decided"),
            ("all", "All flags"),
        ]

    def queryset(self, request, queryset: QuerySet[Flag]) -> QuerySet[Flag]:
        value = self.value()
        if value == "all":
            return queryset
        if value == "decided":
            return queryset.exclude(status=FlagStatus.OPEN)
        queryset = queryset.filter(status=FlagStatus.OPEN)
        if value == "rooms":
            return queryset.filter(room__isnull=False)
        if value == "jobs":
            return queryset.filter(job__isnull=False)
        if value == "clients":
            return queryset.filter(job__isnull=True, room__isnull=True)
        if value == "system":
            return queryset.filter(reporter__isnull=True)
        return queryset


@admin.register(Flag)
class FlagAdmin(ActionsOnlyAdmin):
    """Every flag, open ones first; "Rooms to review" lists the conversations the screening queued.

    Read-only: flags are decided through the actions (services), which record the moderator, time and note.
    """

    list_display = ("created_at", "reason", "target", "flagged_user", "reporter_display", "hit_count", "status")
    list_filter = (FlagQueueFilter, "reason", "status")
    list_select_related = ("job", "user", "room", "reporter")
    search_fields = ("job__title", "user__username", "room__title", "comment", "snippet")
    date_hierarchy = "created_at"
    action_form = ModerationActionForm
    actions = ["dismiss_selected"]
    fields = (
        "reason",
        "comment",
        "reporter",
        "job",
        "user",
        "room_link",
        "screening_hits",
        "snippet",
        "status",
        "moderator",
        "decided_at",
        "decision_note",
        "created_at",
    )
    readonly_fields = fields

    @admin.display(description="About", ordering="job__title")
    def target(self, flag: Flag) -> str:
        if flag.room_id:
            return f"Room: {flag.room}" + (f" (job: {flag.job})" if flag.job_id else "")
        if flag.job_id:
            return f"Job: {flag.job}"
        return f"Client profile: {flag.user}"

    @admin.display(description="Flagged user", ordering="user__username")
    def flagged_user(self, flag: Flag) -> str:
        return str(flag.user) if flag.user_id else "-"

    @admin.display(description="Reporter")
    def reporter_display(self, flag: Flag) -> str:
        return str(flag.reporter) if flag.reporter_id else "Screening (system)"

    @admin.display(description="Screening hits")
    def screening_hits(self, flag: Flag) -> str:
        return format_hits(flag.hits)

    @admin.display(description="Room")
    def room_link(self, flag: Flag) -> str:
        if not flag.room_id:
            return "-"
        # The moderators' read-only room page ("Flagged rooms"; the participants' room page admits participants only).
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:jobs_flaggedroom_change", args=[flag.room_id]), flag.room
        )

    @admin.action(description="Dismiss the selected flags", permissions=["change"])
    def dismiss_selected(self, request, queryset: QuerySet[Flag]) -> None:
        try:
            count = moderation.dismiss_selected_flags(queryset, by=request.user, note=action_note(request))
        except (PermissionDenied, ValidationError) as exc:
            report_refusal(self, request, exc)
            return
        self.message_user(request, f"{count} flag(s) dismissed.", messages.SUCCESS)


class SkillTagAdmin(TagAdmin):
    """django-taggit's tag admin, but merging needs the add and change permissions on tags.

    Its merge view is wrapped only in `admin_view` (any staff user, moderators included, could create tags there)
    and reads the chosen ids from the session unchecked (a 500 when there are none).
    """

    @admin.action(description="Merge selected tags", permissions=["add", "change"])
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def merge_tags_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied("Merging tags needs permission to add and change tags.")
        ids = [parse_id(value) for value in request.session.get("selected_tag_ids", "").split(",")]
        if None in ids or Tag.objects.filter(pk__in=ids).count() != len(set(ids)):
            self.message_user(request, "Choose the tags to merge from the list first.", level=messages.ERROR)
            return redirect("admin:taggit_tag_changelist")
        return super().merge_tags_view(request)


admin.site.unregister(Tag)
admin.site.register(Tag, SkillTagAdmin)


# The moderators' queues ("Flagged jobs", "Flagged rooms"); imported last, as they build on the classes above.
from . import moderation_admin  # noqa: E402, F401
