"""The moderators' admin: "Flagged jobs" (a JobPost proxy), "Flagged rooms" (a Room proxy), "Suspended accounts"
(a User proxy) and the client actions.

Imported by `jobs/admin.py`, so the app that owns the proxies registers them. Every action calls one service of
`jobs.moderation` per row, which checks the moderator, records the decision (moderator, time, note) and
notifies; suspending a job closes its applications through the hiring layer (the `JOB_CLOSING` hook). State
fields are read-only everywhere. The client actions are a mixin that accounts' `ClientProfileAdmin` takes
from the setting `CLIENT_PROFILE_ADMIN_MIXINS` (accounts never imports this layer).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, IntegerField, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from marketplace.accounts.models import ClientProfile
from marketplace.admin_base import ActionsOnlyAdmin
from marketplace.fsm import ActionNotAllowed
from messaging.models import Message

from . import hooks
from . import moderation as job_moderation
from .admin import FlagInline, ModerationActionForm, OpenFlagsFilter, action_note, decisions_html, report_refusal
from .models import Flag, FlaggedJob, FlaggedRoom, FlagReason, FlagStatus, JobPost, JobStatus, SuspendedAccount

OPEN = Q(flags__status=FlagStatus.OPEN)


def row_action(service: Callable[..., object], *, description: str, done: str) -> Callable[..., None]:
    """An admin action that calls `service(row, by=moderator, note=note)` for each selected row: refusals are
    shown per row (a permission refusal stops the run), and one success message counts the rows done."""

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
        note, count = action_note(request), 0
        for row in queryset.order_by("pk"):
            try:
                service(row, by=request.user, note=note)
            except PermissionDenied as exc:
                report_refusal(modeladmin, request, exc)
                return
            except (ValidationError, ActionNotAllowed) as exc:
                report_refusal(modeladmin, request, exc)
            else:
                count += 1
        if count:
            modeladmin.message_user(request, done.format(count=count), messages.SUCCESS)

    return action


class QueueFilter(OpenFlagsFilter):
    """Jobs with open flags (the queue, by default), suspended jobs (to reinstate), or every flagged job."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("suspended", "Suspended jobs"), ("all", "Every flagged or suspended job")]

    def queryset(self, request, queryset: QuerySet[JobPost]) -> QuerySet[JobPost]:
        if self.value() == "all":
            return queryset
        if self.value() == "suspended":
            return queryset.filter(status=JobStatus.SUSPENDED)
        return queryset.filter(open_flag_count__gt=0)


@admin.register(FlaggedJob)
class FlaggedJobAdmin(ActionsOnlyAdmin):
    """The moderation queue: jobs with open flags, riskiest first (open flags, then screening hits)."""

    list_display = (
        "title",
        "status",
        "open_flags",
        "reasons",
        "hits",
        "newest",
        "client_link",
        "payment_verified",
        "held",
        "rooms",
    )
    list_display_links = ("title",)
    list_filter = (QueueFilter,)
    list_select_related = ("client", "client__client_profile")
    search_fields = ("title", "client__username", "client__email")
    list_per_page = 50
    action_form = ModerationActionForm
    actions = ["suspend_jobs", "dismiss_flags", "reinstate_jobs"]
    inlines = [FlagInline]
    fields = (
        "title",
        "client",
        "status",
        "status_reason",
        "suspended_from",
        "held_for_review",
        "visibility",
        "description",
        "created_at",
        "updated_at",
        "moderation_history",
    )
    readonly_fields = fields

    @admin.display(description="Moderation decisions")
    def moderation_history(self, job: FlaggedJob) -> str:
        return decisions_html(job_moderation.decisions_for_job(job)[:50]) if job.pk else "-"

    def get_queryset(self, request) -> QuerySet[FlaggedJob]:
        flagged = Flag.objects.filter(job__isnull=False).values("job_id")
        # Not super(): the admin orders the queryset before these annotations would exist.
        return (
            self.model._default_manager.filter(
                Q(pk__in=flagged) | Q(status=JobStatus.SUSPENDED) | Q(held_for_review=True)
            )
            .annotate(
                open_flag_count=Count("flags", filter=OPEN),
                screening_hits=Coalesce(Sum("flags__hit_count", filter=OPEN), Value(0), output_field=IntegerField()),
                newest_flag=Max("flags__created_at", filter=OPEN),
            )
            .prefetch_related(
                Prefetch(
                    "flags",
                    queryset=Flag.objects.filter(status=FlagStatus.OPEN).order_by("-created_at"),
                    to_attr="open_flag_list",
                )
            )
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request) -> list[str]:
        # Riskiest first: the most open flags, then the most screening hits, then the newest flag.
        return ["-open_flag_count", "-screening_hits", "-newest_flag"]

    @admin.display(description="Open flags", ordering="open_flag_count")
    def open_flags(self, job: FlaggedJob) -> int:
        return job.open_flag_count

    @admin.display(description="Reasons")
    def reasons(self, job: FlaggedJob) -> str:
        seen: dict[str, int] = {}
        for flag in getattr(job, "open_flag_list", []):
            seen[flag.reason] = seen.get(flag.reason, 0) + 1
        if not seen:
            return "-"
        return format_html_join(", ", "{} ({})", ((FlagReason(reason).label, count) for reason, count in seen.items()))

    @admin.display(description="Screening hits", ordering="screening_hits")
    def hits(self, job: FlaggedJob) -> int:
        return job.screening_hits

    @admin.display(description="Newest flag", ordering="newest_flag")
    def newest(self, job: FlaggedJob):
        return job.newest_flag

    @admin.display(description="Client", ordering="client__username")
    def client_link(self, job: FlaggedJob) -> str:
        profile = getattr(job.client, "client_profile", None)
        if profile is None:
            return str(job.client)
        url = reverse("admin:accounts_clientprofile_change", args=[profile.pk])
        return format_html('<a href="{}">{}</a>', url, job.client)

    @admin.display(description="Payment verified", boolean=True)
    def payment_verified(self, job: FlaggedJob) -> bool:
        profile = getattr(job.client, "client_profile", None)
        return bool(profile and profile.payment_verified)

    @admin.display(description="Held by screening", boolean=True)
    def held(self, job: FlaggedJob) -> bool:
        return job.held_for_review

    @admin.display(description="Flagged rooms")
    def rooms(self, job: FlaggedJob) -> str:
        room_ids = sorted({flag.room_id for flag in getattr(job, "open_flag_list", []) if flag.room_id})
        if not room_ids:
            return "-"
        return format_html_join(
            ", ",
            '<a href="{}">room {}</a>',
            ((reverse("admin:jobs_flaggedroom_change", args=[pk]), pk) for pk in room_ids),
        )

    suspend_jobs = row_action(
        job_moderation.suspend_job,
        description="Suspend job",
        done="{count} job(s) suspended: their open applications are closed and everyone concerned is told.",
    )

    dismiss_flags = row_action(
        job_moderation.dismiss_flags,
        description="Dismiss flags",
        done="Flags dismissed on {count} job(s).",
    )

    reinstate_jobs = row_action(
        job_moderation.reinstate_job,
        description="Reinstate job",
        done="{count} job(s) reinstated.",
    )


class ClientModerationMixin(ActionsOnlyAdmin):
    """Client profiles with the moderators' actions; the verification flag and the account state are read-only.

    Named by the setting `CLIENT_PROFILE_ADMIN_MIXINS`; accounts' admin builds its `ClientProfileAdmin` on it."""

    list_display = ("user", "company_name", "location", "payment_verified", "active", "open_flags")
    list_filter = ("payment_verified", "user__is_active")
    action_form = ModerationActionForm
    actions = ["mark_payment_verified", "suspend_clients"]
    fields = ("user", "company_name", "location", "payment_verified", "active", "moderation_history")
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(open_flag_count=Count("user__flags_received", filter=Q(user__flags_received__status="open")))
        )

    @admin.display(description="Can log in", boolean=True, ordering="user__is_active")
    def active(self, profile: ClientProfile) -> bool:
        return profile.user.is_active

    @admin.display(description="Open flags", ordering="open_flag_count")
    def open_flags(self, profile: ClientProfile) -> int:
        return getattr(profile, "open_flag_count", 0)

    @admin.display(description="Moderation history")
    def moderation_history(self, profile: ClientProfile) -> str:
        return decisions_html(job_moderation.decisions_for_client(profile.user_id)[:50], with_job=True)

    @admin.action(description="Mark payment verified", permissions=["change"])
    def mark_payment_verified(self, request, queryset: QuerySet[ClientProfile]) -> None:
        note, count = action_note(request), 0
        for profile in queryset.select_related("user"):
            try:
                count += job_moderation.mark_payment_verified(profile.user, by=request.user, note=note)
            except (PermissionDenied, ValidationError) as exc:
                report_refusal(self, request, exc)
                return
        self.message_user(request, f"{count} payment method(s) marked verified.", messages.SUCCESS)

    @admin.action(description="Suspend client", permissions=["change"])
    def suspend_clients(self, request, queryset: QuerySet[ClientProfile]) -> None:
        note, count, jobs = action_note(request), 0, 0
        for profile in queryset.select_related("user"):
            try:
                jobs += len(job_moderation.suspend_client(profile.user, by=request.user, note=note))
            except PermissionDenied as exc:
                report_refusal(self, request, exc)
                return
            except (ValidationError, ActionNotAllowed) as exc:
                report_refusal(self, request, exc)
            else:
                count += 1
        if count:
            self.message_user(
                request,
                f"{count} client(s) suspended: they can no longer log in, and each is emailed why and where to "
                f"appeal; {jobs} open job(s) suspended.",
                messages.SUCCESS,
            )


class RoomQueueFilter(OpenFlagsFilter):
    """Rooms with open flags (the queue, by default) or every room with a decided flag too."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("all", "Every flagged room (open or decided)")]

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(open_flag_count__gt=0)


def highlighted(message: Message) -> SafeString:
    """The message body with its screening hits marked (offsets as stored by the screening hook)."""
    body = message.body
    hits = (message.screening or {}).get("hits", [])
    spans = sorted(
        (h["start"], h["end"], h.get("category", ""))
        for h in hits
        if isinstance(h.get("start"), int) and isinstance(h.get("end"), int) and 0 <= h["start"] < h["end"] <= len(body)
    )
    parts, at = [], 0
    for start, end, category in spans:
        if start < at:
            continue
        parts.append(format_html("{}", body[at:start]))
        parts.append(format_html('<mark class="screening-hit" title="{}">{}</mark>', category, body[start:end]))
        at = end
    parts.append(format_html("{}", body[at:]))
    return mark_safe("".join(parts))  # every part is escaped by format_html


@admin.register(FlaggedRoom)
class FlaggedRoomAdmin(ActionsOnlyAdmin):
    """Flagged rooms, riskiest first. A room's page shows its flags, job and applications; the conversation is
    shown by "Read the conversation" (a POST, so a GET writes nothing), and every reading is recorded.

    Lists only rooms with a flag (open or decided); the actions go through `jobs.moderation`.
    """

    list_display = ("title", "open_flags", "hits", "newest", "senders")
    list_filter = (RoomQueueFilter,)
    search_fields = ("title",)
    list_per_page = 50
    action_form = ModerationActionForm
    actions = ["warn_senders", "suspend_senders", "dismiss_room_flags"]

    def get_queryset(self, request) -> QuerySet[FlaggedRoom]:
        open_flags = Flag.objects.filter(room=OuterRef("pk"), status=FlagStatus.OPEN).order_by().values("room")
        return (
            self.model._default_manager.filter(pk__in=job_moderation.reviewable_rooms().values("pk"))
            .annotate(
                open_flag_count=Coalesce(
                    Subquery(open_flags.annotate(n=Count("id")).values("n")), Value(0), output_field=IntegerField()
                ),
                screening_hits=Coalesce(
                    Subquery(open_flags.annotate(n=Sum("hit_count")).values("n")), Value(0), output_field=IntegerField()
                ),
                newest_flag=Subquery(open_flags.annotate(n=Max("created_at")).values("n")),
            )
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request) -> list:
        return ["-open_flag_count", "-screening_hits", F("newest_flag").desc(nulls_last=True), "-pk"]

    @admin.display(description="Open flags", ordering="open_flag_count")
    def open_flags(self, room: FlaggedRoom) -> int:
        return room.open_flag_count  # type: ignore[attr-defined]

    @admin.display(description="Screening hits", ordering="screening_hits")
    def hits(self, room: FlaggedRoom) -> int:
        return room.screening_hits  # type: ignore[attr-defined]

    @admin.display(description="Newest open flag", ordering="newest_flag")
    def newest(self, room: FlaggedRoom):
        return room.newest_flag  # type: ignore[attr-defined]

    @admin.display(description="Flagged people")
    def senders(self, room: FlaggedRoom) -> str:
        names = Flag.objects.filter(room=room, status=FlagStatus.OPEN, user__isnull=False).values_list(
            "user__username", flat=True
        )
        return ", ".join(sorted(set(names))) or "-"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        room = self.get_object(request, object_id)  # only flagged rooms (get_queryset)
        if room is None or not self.has_view_permission(request, room):
            # As the admin does for a missing object: back to the queue with a message (an unflagged room is not
            # one the moderators may read, so it is "not found" to them).
            self.message_user(request, f"No flagged room with ID “{object_id}”.", messages.WARNING)
            return HttpResponseRedirect(reverse("admin:jobs_flaggedroom_changelist"))
        transcript = None
        if request.method == "POST":  # "Read the conversation": recorded, then shown; nothing is ever posted here
            job_moderation.record_room_opening(room, by=request.user)
            messages_ = Message.objects.filter(room=room).select_related("sender").order_by("created_at", "id")
            transcript = [(m, highlighted(m)) for m in messages_]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Room: {room}",
            "subtitle": None,
            "room": room,
            "original": room,
            "transcript": transcript,
            "applications": hooks.room_subjects(room),
            "flags": Flag.objects.filter(room=room).select_related("reporter", "user", "moderator"),
            "openings": job_moderation.room_openings(room)[:20],
            "has_view_permission": True,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/jobs/flaggedroom/room.html", context)

    warn_senders = row_action(
        job_moderation.warn_room_sender,
        description="Warn the sender",
        done="Senders warned in {count} room(s).",
    )

    suspend_senders = row_action(
        job_moderation.suspend_room_sender,
        description="Suspend the sender",
        done=(
            "Senders suspended in {count} room(s): they can no longer log in, and each is emailed why and where to "
            "appeal."
        ),
    )

    dismiss_room_flags = row_action(
        job_moderation.dismiss_room_flags,
        description="Dismiss the room's flags",
        done="Flags dismissed in {count} room(s).",
    )


@admin.register(SuspendedAccount)
class SuspendedAccountAdmin(ActionsOnlyAdmin):
    """Accounts a moderator suspended, to reinstate when the suspension was a mistake or has served its time.
    Reinstating resumes the contracts the suspension paused; closed applications and suspended jobs stay so."""

    list_display = ("username", "display_name", "roles", "suspended")
    search_fields = ("username", "first_name", "last_name")
    list_per_page = 50
    action_form = ModerationActionForm
    actions = ["reinstate_accounts"]
    fields = ("username", "display_name", "roles", "moderation_history")
    readonly_fields = fields

    def get_queryset(self, request) -> QuerySet[SuspendedAccount]:
        return self.model._default_manager.filter(pk__in=job_moderation.suspended_accounts().values("pk")).order_by(
            "-suspended_at", "-pk"
        )

    @admin.display(description="Roles")
    def roles(self, user: SuspendedAccount) -> str:
        return ", ".join(r for r, on in (("client", user.is_client), ("freelancer", user.is_freelancer)) if on) or "-"

    @admin.display(description="Suspended", ordering="suspended_at")
    def suspended(self, user: SuspendedAccount):
        return user.suspended_at

    @admin.display(description="Moderation history")
    def moderation_history(self, user: SuspendedAccount) -> str:
        return decisions_html(job_moderation.decisions_for_client(user.pk)[:50], with_job=True)

    reinstate_accounts = row_action(
        job_moderation.reinstate_account,
        description="Reinstate the account",
        done=(
            "{count} account(s) reinstated: they can log in again (each is emailed so), and the contracts their "
            "suspension paused are active again unless the other side is suspended too. Closed applications stay "
            "closed; reinstate suspended jobs from Flagged jobs."
        ),
    )
