"""The hiring workflow's actions, one function per action (brief section 3; `accept_offer` is in contracts).

Each service:
1. checks who acts (PermissionDenied for the wrong person: a freelancer on a client's action, or vice versa),
2. validates the input (ValidationError, keyed by field, for a form to show next to the input),
3. opens one transaction and locks the job row, then the application row (always in that order, so two
   services never deadlock; `close_job` and `contracts.services.accept_offer` take the same order),
4. refuses a state that does not allow the action with `ActionNotAllowed` and a message for the person,
5. calls the FSM transition, writes the related rows and one `ApplicationEvent`,
6. notifies the other side through `messaging.services.notify` (a row now, the email after commit).

Services return the fresh application and also update the instance they were given.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_fsm import can_proceed

from jobs.models import BudgetType, JobPost, JobStatus, Visibility
from marketplace.screening import find_contact_details
from messaging.models import Message, NotificationKind, Room
from messaging.services import notify, open_room, post_system_message

from .models import (
    CLIENT,
    END_STATES,
    FREELANCER,
    OPEN_STATES,
    Application,
    ApplicationAction,
    ApplicationEvent,
    ApplicationStatus,
    DeclineReason,
    Offer,
    OfferStatus,
    Origin,
    RejectReason,
    SystemReason,
    WithdrawReason,
    format_money,
)

logger = logging.getLogger(__name__)

TEXT_MAX_LENGTH = 5000
REASON_TEXT_MAX_LENGTH = 500
HOURLY_RATE_MIN, HOURLY_RATE_MAX = Decimal("1.00"), Decimal("10000.00")
FIXED_MIN, FIXED_MAX = Decimal("5.00"), Decimal("10000000.00")
WEEKLY_LIMIT_MAX = 100


class ActionNotAllowed(Exception):
    """A rule of the hiring workflow refuses the action. `message` says why, in words for the person."""

    def __init__(self, message: str, *, code: str = "not_allowed") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# URLs --------------------------------------------------------------------------------------------------------
def applicants_url(job: JobPost) -> str:
    """The client's review page for a job."""
    for name in ("hiring:applicants", "jobs:applicants"):
        try:
            return reverse(name, args=[job.pk])
        except NoReverseMatch:
            continue
    return f"/jobs/{job.pk}/applicants/"  # the path the brief fixes, before the page is routed


# Locking and checks (also used by contracts.services) ---------------------------------------------------------
def lock_job(job_or_id) -> JobPost:
    """Lock and return the job row (must run inside a transaction)."""
    pk = getattr(job_or_id, "pk", job_or_id)
    return JobPost.objects.select_for_update(of=("self",)).select_related("client").get(pk=pk)


def lock_application(application: Application | int) -> Application:
    """Lock the job row, then the application row; return the fresh application with its job attached."""
    if isinstance(application, Application):
        pk, job_id = application.pk, application.job_id
    else:
        pk = application
        job_id = Application.objects.values_list("job_id", flat=True).get(pk=pk)
    job = lock_job(job_id)
    app = Application.objects.select_for_update(of=("self",)).select_related("freelancer", "room").get(pk=pk)
    app.job = job
    return app


def sync(target, fresh):
    """Copy the fresh row's values onto the caller's instance (FSM fields are protected from setattr)."""
    if target is fresh or target is None:
        return fresh
    for field in fresh._meta.concrete_fields:
        target.__dict__[field.attname] = fresh.__dict__.get(field.attname)
    target._state.fields_cache = dict(fresh._state.fields_cache)
    target.__dict__.pop("_prefetched_objects_cache", None)
    if hasattr(target, "_update_initial_state"):
        target._update_initial_state()
    return fresh


def _day(value: date) -> str:
    return f"{value:%b} {value.day}, {value.year}"


# What each action does to what, for the messages that refuse it: (object, past participle).
_ACTION_WORDS: dict[str, tuple[str, str]] = {
    "invite_to_interview": ("this applicant", "invited to interview"),
    "accept_invitation": ("this invitation", "accepted"),
    "decline_invitation": ("this invitation", "declined"),
    "ignore": ("this invitation", "archived"),
    "respond": ("this proposal", "answered"),
    "update_terms": ("the terms", "changed"),
    "send_offer": ("an offer", "sent"),
    "withdraw_offer": ("the offer", "withdrawn"),
    "ask_clarification": ("clarification", "asked for"),
    "accept_offer": ("the offer", "accepted"),
    "decline_offer": ("the offer", "declined"),
    "withdraw": ("this proposal", "withdrawn"),
    "reject": ("this candidate", "declined"),
    "expire": ("it", "expired"),
    "close": ("it", "closed"),
}
_OFFER_ACTIONS = {"withdraw_offer", "ask_clarification", "accept_offer", "decline_offer"}
_OFFER_WHY = {
    OfferStatus.WITHDRAWN: "This offer was withdrawn by the client",
    OfferStatus.EXPIRED: "This offer expired",
    OfferStatus.ACCEPTED: "This offer was already accepted",
    OfferStatus.DECLINED: "This offer was declined",
    OfferStatus.CLOSED: "This offer was closed with the job",
}
_STATE_WHY = {
    ApplicationStatus.INVITED: "This invitation is waiting for the freelancer's answer",
    ApplicationStatus.ARCHIVED: "This invitation is archived and waiting for the freelancer's answer",
    ApplicationStatus.SENT: "This proposal is waiting for the client's reply",
    ApplicationStatus.ACTIVE: "This is an active candidacy without an open offer",
    ApplicationStatus.OFFERED: "An offer is open on this application",
    ApplicationStatus.HIRED: "The freelancer was already hired for this job",
    ApplicationStatus.WITHDRAWN: "The freelancer withdrew this proposal",
    ApplicationStatus.REJECTED: "The client declined this application",
    ApplicationStatus.CLOSED: "This application was closed with the job",
}


def _why_not(app: Application, action: str) -> str:
    obj, done = _ACTION_WORDS.get(action, ("it", action.replace("_", " ")))
    offer = app.latest_offer if action in _OFFER_ACTIONS or app.status in END_STATES else None
    if action in _OFFER_ACTIONS and offer is not None and not offer.is_open and offer.status in _OFFER_WHY:
        return f"{_OFFER_WHY[offer.status]}, so {'it' if obj == 'the offer' else obj} can no longer be {done}."
    status = app.status
    if status == ApplicationStatus.DECLINED:
        thing = "offer" if offer is not None and offer.status == OfferStatus.DECLINED else "invitation"
        why = f"The freelancer declined this {thing}"
    elif status == ApplicationStatus.EXPIRED:
        thing = "offer" if offer is not None and offer.status == OfferStatus.EXPIRED else "invitation"
        why = f"This {thing} expired"
    else:
        why = _STATE_WHY[status]
    if status in END_STATES:
        return f"{why}, so {obj} can no longer be {done}."
    return f"{why}, so {obj} can't be {done} now."


def _transition_meta(app: Application, action: str):
    method = getattr(app, action)
    meta = method._django_fsm
    who = next(iter(meta.transitions.values())).custom.get("who")
    return meta, who


def check_action(app: Application, action: str, by) -> None:
    """Who may act (PermissionDenied), then the state (ActionNotAllowed), then the guards (job still open)."""
    meta, who = _transition_meta(app, action)
    side = app.side_of(by)
    if who in (FREELANCER, CLIENT) and side != who:
        if side is None:
            raise PermissionDenied("Only the freelancer and the client of this job can act on this application.")
        doer = "the freelancer" if who == FREELANCER else "the client"
        raise PermissionDenied(f"Only {doer} can do this.")
    if not meta.has_transition(app.status):
        raise ActionNotAllowed(_why_not(app, action), code="wrong_state")
    if not meta.conditions_met(app, app.status):
        obj, done = _ACTION_WORDS.get(action, ("it", action))
        raise ActionNotAllowed(
            f"The job “{app.job.title}” is {app.job.get_status_display().lower()}, so {obj} can no longer be {done}.",
            code="job_not_open",
        )


# Rows that go with every action ---------------------------------------------------------------------------------
def record_event(
    app: Application,
    *,
    actor,
    action: str,
    from_state: str,
    reason: str = "",
    reason_text: str = "",
    note: str = "",
    now: datetime | None = None,
) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=app,
        actor=actor,
        action=action,
        from_state=from_state or "",
        to_state=app.status,
        reason=reason,
        reason_text=reason_text,
        note=note,
        created_at=now or timezone.now(),
    )


def _context(app: Application, note: str = "", **extra) -> dict:
    return {"job_title": app.job.title, "application_id": app.pk, "note": note, **extra}


def notify_freelancer(app: Application, kind: str, *, actor, text: str, note: str = "", url: str = "", **extra):
    return notify(
        app.freelancer,
        kind,
        actor=actor,
        text=text,
        url=url or app.get_absolute_url(),
        context=_context(app, note, **extra),
    )


def notify_client(app: Application, kind: str, *, actor, text: str, note: str = "", url: str = "", **extra):
    return notify(
        app.job.client,
        kind,
        actor=actor,
        text=text,
        url=url or applicants_url(app.job),
        context=_context(app, note, **extra),
    )


def ensure_room(app: Application) -> Room:
    """The application's room (the two parties), opened if there is none yet."""
    if app.room_id is not None:
        return app.room
    title = f"{app.job.title}: {app.freelancer}"[:200]
    room = open_room(subject=app, participants=[app.job.client, app.freelancer], title=title)
    app.room = room
    return room


def post_in_room(room: Room, *, sender, body: str) -> Message:
    """Post the actor's words in the room without a separate "message received" notification.

    The service's own notification (e.g. "Maria accepted your invitation") quotes the same words, so the
    other side hears about the action once, in the app and by email.
    """
    # Screened like any room message (safety notice, review queue); imported here because moderation
    # builds on these services.
    from .moderation import post_room_message

    return post_room_message(room, sender=sender, body=body, notify_others=False)


def system_message(app: Application, body: str) -> None:
    if app.room_id is not None:
        post_system_message(app.room, body=body)


# Input checks ----------------------------------------------------------------------------------------------------
def _text(value: str | None, field: str, *, required: str | None = None, max_length: int = TEXT_MAX_LENGTH) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: required}, code="required")
    if len(value) > max_length:
        raise ValidationError(
            {field: f"Keep it to {max_length} characters (this one has {len(value)})."}, code="max_length"
        )
    return value


def _money(value, field: str, low: Decimal, high: Decimal, what: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: f"Enter the {what} as a number, for example 45.00."}) from exc
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: f"Enter the {what} in dollars and cents, for example 45.00."})
    if amount < low:
        raise ValidationError({field: f"The {what} must be at least {format_money(low)}."})
    if amount > high:
        raise ValidationError({field: f"The {what} can be at most {format_money(high)}."})
    return amount


def clean_terms(
    job: JobPost, *, hourly_rate=None, fixed_bid=None, estimated_duration: str = ""
) -> tuple[Decimal | None, Decimal | None, str]:
    """A freelancer's terms: an hourly rate for an hourly job, a fixed bid and a duration for a fixed one."""
    hourly_rate = _money(hourly_rate, "hourly_rate", HOURLY_RATE_MIN, HOURLY_RATE_MAX, "hourly rate")
    fixed_bid = _money(fixed_bid, "fixed_bid", FIXED_MIN, FIXED_MAX, "bid")
    estimated_duration = _text(estimated_duration, "estimated_duration", max_length=40)
    if job.budget_type == BudgetType.FIXED:
        if fixed_bid is None:
            raise ValidationError({"fixed_bid": "This job pays a fixed price: enter your bid for the whole job."})
        if not estimated_duration:
            raise ValidationError({"estimated_duration": "Say how long the work will take."})
        return None, fixed_bid, estimated_duration
    if hourly_rate is None:
        raise ValidationError({"hourly_rate": "This job pays by the hour: enter your hourly rate."})
    return hourly_rate, None, ""


def _has_terms_input(hourly_rate, fixed_bid) -> bool:
    return any(v not in (None, "") for v in (hourly_rate, fixed_bid))


def clean_reason(choices, reason: str | None, other_text: str | None) -> tuple[str, str]:
    """A reason from the list; "Other" needs a few words."""
    if reason not in choices.values:
        raise ValidationError({"reason": "Choose a reason from the list."}, code="invalid_choice")
    other_text = _text(other_text, "other_text", max_length=REASON_TEXT_MAX_LENGTH)
    if reason == "other" and not other_text:
        raise ValidationError({"other_text": "You chose “Other”: tell us the reason in a few words."}, code="required")
    return reason, other_text if reason == "other" else ""


def refuse_contact_details(text: str, field: str = "message") -> None:
    """Decline messages must not pass contact details (brief section 3)."""
    found = [hit.text for hit in find_contact_details(text)]
    if found:
        quoted = ", ".join(f"“{f}”" for f in found)
        raise ValidationError(
            {
                field: (
                    "Remove the contact details from your message: an email address, phone number or messenger "
                    f"handle can't be passed when declining ({quoted}). Keep the conversation on the platform."
                )
            },
            code="contact_details",
        )


def _decline_input(reason, other_text, message) -> tuple[str, str, str]:
    reason, other_text = clean_reason(DeclineReason, reason, other_text)
    message = _text(message, "message")
    refuse_contact_details(message, "message")
    refuse_contact_details(other_text, "other_text")
    return reason, other_text, message


# Creating an application: invite and submit ------------------------------------------------------------------------
_EXISTING_FOR_CLIENT = {
    ApplicationStatus.INVITED: "{name} is already invited to interview for this job.",
    ApplicationStatus.ARCHIVED: "{name} is already invited to interview for this job.",
    ApplicationStatus.SENT: "{name} already sent a proposal for this job: invite them to interview from it.",
    ApplicationStatus.ACTIVE: "{name} is already interviewing for this job.",
    ApplicationStatus.OFFERED: "{name} already has an open offer for this job.",
}
_EXISTING_FOR_FREELANCER = {
    ApplicationStatus.INVITED: "You were invited to interview for this job: accept the invitation instead.",
    ApplicationStatus.ARCHIVED: "You were invited to interview for this job: accept the invitation instead.",
    ApplicationStatus.SENT: "You already sent a proposal for this job.",
    ApplicationStatus.ACTIVE: "You are already interviewing for this job.",
    ApplicationStatus.OFFERED: "You already have an open offer for this job.",
}


def _refuse_second_application(job: JobPost, freelancer, *, messages: dict[str, str]) -> None:
    statuses = set(
        Application.objects.filter(
            job=job, freelancer=freelancer, status__in=[*OPEN_STATES, ApplicationStatus.HIRED]
        ).values_list("status", flat=True)
    )
    if ApplicationStatus.HIRED in statuses:
        raise ActionNotAllowed(f"{freelancer} was already hired for this job.", code="already_hired")
    if statuses:
        raise ActionNotAllowed(messages[statuses.pop()].format(name=freelancer), code="already_applied")


def _create_application(**fields) -> Application:
    try:
        with transaction.atomic():
            return Application.objects.create(**fields)
    except IntegrityError as exc:  # a concurrent request created the open application first
        raise ActionNotAllowed(
            "There is already an open application for this freelancer on this job.", code="already_applied"
        ) from exc


def _refuse_closed_job(job: JobPost, what: str) -> None:
    if not job.is_open:
        raise ActionNotAllowed(
            f"The job “{job.title}” is {job.get_status_display().lower()}, so {what} can no longer be sent.",
            code="job_not_open",
        )
    if job.held_for_review:
        raise ActionNotAllowed(
            f"The job “{job.title}” is under review by our moderators, so {what} can't be sent until it is cleared.",
            code="job_under_review",
        )


def invite(job: JobPost, freelancer, *, by, message: str = "") -> Application:
    """The client invites a freelancer to interview (a new application in "invited")."""
    if by is None or by.pk != job.client_id:
        raise PermissionDenied("Only the client who posted this job can invite freelancers to it.")
    if not freelancer.is_freelancer or not freelancer.is_active or freelancer.pk == by.pk:
        raise ActionNotAllowed(f"{freelancer} can't be invited: they are not an active freelancer.")
    message = _text(message, "message") or (
        f"Hello {freelancer.first_name or freelancer.username}, I'd like to invite you to interview for "
        f"my job “{job.title}”. Please take a look and let me know if you are interested."
    )
    now = timezone.now()
    with transaction.atomic():
        job = lock_job(job)
        _refuse_closed_job(job, "invitations")
        _refuse_second_application(job, freelancer, messages=_EXISTING_FOR_CLIENT)
        profile_rate = getattr(getattr(freelancer, "freelancer_profile", None), "hourly_rate", None)
        app = _create_application(
            job=job,
            freelancer=freelancer,
            origin=Origin.INVITATION,
            status=ApplicationStatus.INVITED,
            invitation_message=message,
            invited_at=now,
            hourly_rate=profile_rate if job.budget_type == BudgetType.HOURLY else None,
        )
        app.job = job
        record_event(app, actor=by, action=ApplicationAction.INVITE, from_state="", note=message, now=now)
        notify_freelancer(
            app,
            NotificationKind.INVITATION_RECEIVED,
            actor=by,
            text=f"{job.client} invited you to interview for “{job.title}”",
            note=message,
        )
    return app


def submit_proposal(
    job: JobPost,
    *,
    by,
    cover_letter: str,
    hourly_rate=None,
    fixed_bid=None,
    estimated_duration: str = "",
) -> Application:
    """A freelancer sends a proposal: a cover letter (fixed once sent) and terms."""
    if by is None or not by.is_freelancer:
        raise PermissionDenied("Only freelancers can send proposals.")
    if by.pk == job.client_id:
        raise PermissionDenied("You can't send a proposal to your own job.")
    cover_letter = _text(cover_letter, "cover_letter", required="Write a cover letter for the client.")
    hourly_rate, fixed_bid, estimated_duration = clean_terms(
        job, hourly_rate=hourly_rate, fixed_bid=fixed_bid, estimated_duration=estimated_duration
    )
    with transaction.atomic():
        job = lock_job(job)
        _refuse_closed_job(job, "proposals")
        if (
            job.visibility == Visibility.INVITE_ONLY
            and not Application.objects.filter(job=job, freelancer=by, invited_at__isnull=False).exists()
        ):
            raise ActionNotAllowed(
                "This job is invite-only: only freelancers the client invited can send a proposal.",
                code="invite_only",
            )
        _refuse_second_application(job, by, messages=_EXISTING_FOR_FREELANCER)
        app = _create_application(
            job=job,
            freelancer=by,
            origin=Origin.PROPOSAL,
            status=ApplicationStatus.SENT,
            cover_letter=cover_letter,
            hourly_rate=hourly_rate,
            fixed_bid=fixed_bid,
            estimated_duration=estimated_duration,
        )
        app.job = job
        record_event(app, actor=by, action=ApplicationAction.SUBMIT, from_state="", note=app.terms_display)
        notify_client(
            app,
            NotificationKind.PROPOSAL_RECEIVED,
            actor=by,
            text=f"{by} sent a proposal for “{job.title}” ({app.terms_display})",
        )
    return app


# Transitions on an existing application ---------------------------------------------------------------------------
def invite_to_interview(application: Application, *, by, message: str = "") -> Application:
    """The client asks the author of a proposal to interview, without messaging yet (sent -> invited)."""
    message = _text(message, "message")
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "invite_to_interview", by)
        from_state = app.status
        app.invite_to_interview(message=message, now=now)
        app.save()
        record_event(app, actor=by, action=ApplicationAction.INVITE_TO_INTERVIEW, from_state=from_state, note=message)
        notify_freelancer(
            app,
            NotificationKind.INVITATION_RECEIVED,
            actor=by,
            text=f"{app.job.client} invited you to interview for “{app.job.title}”",
            note=message,
        )
    return sync(application, app)


def accept_invitation(
    application: Application,
    *,
    by,
    message: str,
    hourly_rate=None,
    fixed_bid=None,
    estimated_duration: str = "",
) -> Application:
    """The freelancer accepts (optionally with new terms) and writes a message; the room opens."""
    message = _text(message, "message", required="Write a message to the client.")
    new_terms = _has_terms_input(hourly_rate, fixed_bid)
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "accept_invitation", by)
        if new_terms:
            terms = clean_terms(
                app.job, hourly_rate=hourly_rate, fixed_bid=fixed_bid, estimated_duration=estimated_duration
            )
        from_state = app.status
        app.accept_invitation(now=now)
        if new_terms:
            app.hourly_rate, app.fixed_bid, app.estimated_duration = terms
        room = ensure_room(app)
        app.save()
        post_in_room(room, sender=by, body=message)
        record_event(app, actor=by, action=ApplicationAction.ACCEPT_INVITATION, from_state=from_state, note=message)
        text = f"{by} accepted your invitation to interview for “{app.job.title}”"
        if new_terms:
            record_event(
                app,
                actor=by,
                action=ApplicationAction.UPDATE_TERMS,
                from_state=app.status,
                note=f"Proposed terms: {app.terms_display}",
            )
            text += f" and proposed {app.terms_display}"
        notify_client(app, NotificationKind.INVITATION_ACCEPTED, actor=by, text=text, note=message)
    return sync(application, app)


def decline_invitation(
    application: Application, *, by, reason: str, other_text: str = "", message: str = ""
) -> Application:
    """The freelancer declines with a reason from the list and an optional message (no contact details)."""
    reason, other_text, message = _decline_input(reason, other_text, message)
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "decline_invitation", by)
        from_state = app.status
        app.decline_invitation(now=now)
        app.save()
        record_event(
            app,
            actor=by,
            action=ApplicationAction.DECLINE_INVITATION,
            from_state=from_state,
            reason=reason,
            reason_text=other_text,
            note=message,
        )
        notify_client(
            app,
            NotificationKind.INVITATION_DECLINED,
            actor=by,
            text=f"{by} declined your invitation to interview for “{app.job.title}”",
            note=message,
        )
    return sync(application, app)


def ignore_invitation(application: Application, *, by) -> Application:
    """Out of the way, under "Archived"; the client is not told, and it is not a response."""
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "ignore", by)
        from_state = app.status
        app.ignore()
        app.save()
        record_event(app, actor=by, action=ApplicationAction.IGNORE, from_state=from_state)
    return sync(application, app)


def respond(application: Application, *, by, message: str) -> Application:
    """The client's first message on a proposal starts the candidacy; the room opens."""
    message = _text(message, "message", required="Write a message to the freelancer.")
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "respond", by)
        from_state = app.status
        app.respond()
        room = ensure_room(app)
        app.save()
        post_in_room(room, sender=by, body=message)
        record_event(app, actor=by, action=ApplicationAction.RESPOND, from_state=from_state, note=message)
        notify_freelancer(
            app,
            NotificationKind.CANDIDACY_STARTED,
            actor=by,
            text=f"{app.job.client} replied to your proposal for “{app.job.title}”",
            note=message,
        )
    return sync(application, app)


def update_terms(
    application: Application, *, by, hourly_rate=None, fixed_bid=None, estimated_duration: str = ""
) -> Application:
    """The freelancer proposes a different rate or bid; the state and the cover letter stay."""
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "update_terms", by)
        hourly_rate, fixed_bid, estimated_duration = clean_terms(
            app.job, hourly_rate=hourly_rate, fixed_bid=fixed_bid, estimated_duration=estimated_duration
        )
        if (app.hourly_rate, app.fixed_bid, app.estimated_duration) == (hourly_rate, fixed_bid, estimated_duration):
            raise ValidationError("These are already your terms: change the rate or bid first.", code="unchanged")
        before = app.terms_display or "none"
        app.update_terms(hourly_rate=hourly_rate, fixed_bid=fixed_bid, estimated_duration=estimated_duration)
        app.save()
        note = f"New terms: {app.terms_display} (were {before})"
        record_event(app, actor=by, action=ApplicationAction.UPDATE_TERMS, from_state=app.status, note=note)
        system_message(app, f"{by} proposed new terms: {app.terms_display}.")
        notify_client(
            app,
            NotificationKind.TERMS_UPDATED,
            actor=by,
            text=f"{by} proposed new terms for “{app.job.title}”: {app.terms_display}",
        )
    return sync(application, app)


def clean_offer_terms(
    *, hourly_rate=None, weekly_limit=None, fixed_price=None, start_date: date | None, expires_at=None, now=None
) -> dict:
    """Offer terms: an hourly rate and a weekly hour limit, or a fixed price; a start date; an expiry."""
    now = now or timezone.now()
    hourly_rate = _money(hourly_rate, "hourly_rate", HOURLY_RATE_MIN, HOURLY_RATE_MAX, "hourly rate")
    fixed_price = _money(fixed_price, "fixed_price", FIXED_MIN, FIXED_MAX, "fixed price")
    if (hourly_rate is None) == (fixed_price is None):
        raise ValidationError("Offer either an hourly rate with a weekly limit, or a fixed price.", code="terms")
    if hourly_rate is not None:
        try:
            weekly_limit = int(weekly_limit) if weekly_limit not in (None, "") else None
        except (TypeError, ValueError) as exc:
            raise ValidationError({"weekly_limit": "Enter the weekly limit as a whole number of hours."}) from exc
        if weekly_limit is None or not 1 <= weekly_limit <= WEEKLY_LIMIT_MAX:
            raise ValidationError({"weekly_limit": f"Set a weekly limit between 1 and {WEEKLY_LIMIT_MAX} hours."})
    else:
        weekly_limit = None
    if start_date is None:
        raise ValidationError({"start_date": "Choose a start date."})
    if start_date < timezone.localdate(now):
        raise ValidationError({"start_date": "The start date can't be in the past."})
    if expires_at is None:
        expires_at = now + timedelta(days=settings.OFFER_EXPIRY_DAYS)
    elif isinstance(expires_at, date) and not isinstance(expires_at, datetime):
        # A date means "until the end of that day".
        expires_at = timezone.make_aware(datetime.combine(expires_at, datetime.max.time().replace(microsecond=0)))
    if expires_at <= now:
        raise ValidationError({"expires_at": "The offer must expire in the future."})
    if expires_at > now + timedelta(days=30):
        raise ValidationError({"expires_at": "An offer can stay open for 30 days at most."})
    payment_type = BudgetType.HOURLY if hourly_rate is not None else BudgetType.FIXED
    return {
        "payment_type": payment_type,
        "hourly_rate": hourly_rate,
        "weekly_limit": weekly_limit,
        "fixed_price": fixed_price,
        "start_date": start_date,
        "expires_at": expires_at,
    }


def send_offer(
    application: Application,
    *,
    by,
    hourly_rate=None,
    weekly_limit=None,
    fixed_price=None,
    start_date: date | None,
    expires_at: datetime | date | None = None,
    message: str = "",
) -> Offer:
    """The client's formal hire proposal (sent or active -> offered); opens the room if none. Returns the offer."""
    message = _text(message, "message")
    now = timezone.now()
    terms = clean_offer_terms(
        hourly_rate=hourly_rate,
        weekly_limit=weekly_limit,
        fixed_price=fixed_price,
        start_date=start_date,
        expires_at=expires_at,
        now=now,
    )
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "send_offer", by)
        from_state = app.status
        app.send_offer()
        room = ensure_room(app)
        app.save()
        offer = Offer.objects.create(application=app, message=message, **terms)
        record_event(
            app,
            actor=by,
            action=ApplicationAction.SEND_OFFER,
            from_state=from_state,
            note=message or f"Offer: {offer.terms_display}",
        )
        post_system_message(
            room,
            body=f"{by} sent an offer: {offer.terms_display}, starting {_day(offer.start_date)}. "
            f"It is open until {_day(timezone.localtime(offer.expires_at))}.",
        )
        notify_freelancer(
            app,
            NotificationKind.OFFER_RECEIVED,
            actor=by,
            text=f"{app.job.client} sent you an offer for “{app.job.title}”: {offer.terms_display}",
            note=message,
            offer_id=offer.pk,
        )
    sync(application, app)
    return offer


def _open_offer_or_refuse(app: Application, action: str) -> Offer:
    offer = Offer.objects.select_for_update(of=("self",)).filter(application=app, status=OfferStatus.OPEN).first()
    if offer is None:
        raise ActionNotAllowed(_why_not(app, action), code="no_open_offer")
    return offer


def withdraw_offer(application: Application, *, by) -> Application:
    """The client takes the offer back (offered -> active); the candidacy goes on."""
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "withdraw_offer", by)
        offer = _open_offer_or_refuse(app, "withdraw_offer")
        offer.withdraw(now=now)
        offer.save()
        from_state = app.status
        app.withdraw_offer()
        app.save()
        record_event(app, actor=by, action=ApplicationAction.WITHDRAW_OFFER, from_state=from_state, now=now)
        system_message(app, f"{by} withdrew the offer.")
        notify_freelancer(
            app,
            NotificationKind.OFFER_WITHDRAWN,
            actor=by,
            text=f"{app.job.client} withdrew the offer for “{app.job.title}”",
        )
    return sync(application, app)


def ask_clarification(application: Application, *, by, message: str) -> Application:
    """The freelancer asks about the offer in the room; the offer stays open."""
    message = _text(message, "message", required="Write your question for the client.")
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "ask_clarification", by)
        _open_offer_or_refuse(app, "ask_clarification")
        app.ask_clarification()
        room = ensure_room(app)
        app.save()
        post_in_room(room, sender=by, body=message)
        record_event(app, actor=by, action=ApplicationAction.ASK_CLARIFICATION, from_state=app.status, note=message)
        notify_client(
            app,
            NotificationKind.OFFER_CLARIFICATION,
            actor=by,
            text=f"{by} asked for clarification on your offer for “{app.job.title}”",
            note=message,
        )
    return sync(application, app)


def decline_offer(application: Application, *, by, reason: str, other_text: str = "", message: str = "") -> Application:
    """The freelancer declines the offer with a reason and an optional message (no contact details)."""
    reason, other_text, message = _decline_input(reason, other_text, message)
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "decline_offer", by)
        offer = _open_offer_or_refuse(app, "decline_offer")
        offer.decline(now=now)
        offer.save()
        from_state = app.status
        app.decline_offer(now=now)
        app.save()
        record_event(
            app,
            actor=by,
            action=ApplicationAction.DECLINE_OFFER,
            from_state=from_state,
            reason=reason,
            reason_text=other_text,
            note=message,
            now=now,
        )
        if app.room_id is not None:
            if message:
                post_in_room(app.room, sender=by, body=message)
            post_system_message(app.room, body=f"{by} declined the offer.")
        notify_client(
            app,
            NotificationKind.OFFER_DECLINED,
            actor=by,
            text=f"{by} declined your offer for “{app.job.title}”",
            note=message,
        )
    return sync(application, app)


def withdraw(application: Application, *, by, reason: str, other_text: str = "") -> Application:
    """Withdraw proposal: the freelancer leaves (sent or active -> withdrawn) with a reason from the list."""
    reason, other_text = clean_reason(WithdrawReason, reason, other_text)
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "withdraw", by)
        from_state = app.status
        app.withdraw(now=now)
        app.save()
        record_event(
            app,
            actor=by,
            action=ApplicationAction.WITHDRAW,
            from_state=from_state,
            reason=reason,
            reason_text=other_text,
            now=now,
        )
        system_message(app, f"{by} withdrew their proposal.")
        notify_client(
            app,
            NotificationKind.PROPOSAL_WITHDRAWN,
            actor=by,
            text=f"{by} withdrew their proposal for “{app.job.title}”",
        )
    return sync(application, app)


def reject(application: Application, *, by, reason: str, other_text: str = "") -> Application:
    """Decline candidate (or withdraw an invitation). The freelancer is told politely, never the reason."""
    reason, other_text = clean_reason(RejectReason, reason, other_text)
    now = timezone.now()
    with transaction.atomic():
        app = lock_application(application)
        check_action(app, "reject", by)
        from_state = app.status
        app.reject(now=now)
        app.save()
        record_event(
            app,
            actor=by,
            action=ApplicationAction.REJECT,
            from_state=from_state,
            reason=reason,
            reason_text=other_text,
            now=now,
        )
        if from_state in (ApplicationStatus.INVITED, ApplicationStatus.ARCHIVED):
            text = f"The invitation to interview for “{app.job.title}” was withdrawn by the client"
        else:
            text = (
                f"Your application for “{app.job.title}” was not selected. "
                "Thank you for applying: the client decided to move forward with other candidates"
            )
        system_message(app, "The client decided not to move forward with this application.")
        notify_freelancer(app, NotificationKind.APPLICATION_DECLINED, actor=by, text=text)
    return sync(application, app)


# The system: expiry and closing ------------------------------------------------------------------------------------
def expire_due(now: datetime | None = None, *, only: list[int] | None = None) -> int:
    """Expire unanswered invitations and offers past their window; returns how many expired.

    Each application is handled in its own transaction, so one failure does not hold up the others.
    `only` limits the run to these application ids (the admin action).
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.INVITATION_EXPIRY_DAYS)
    invitations = Application.objects.filter(status__in=[ApplicationStatus.INVITED, ApplicationStatus.ARCHIVED]).filter(
        Q(invited_at__lte=cutoff) | Q(invited_at__isnull=True, created_at__lte=cutoff)
    )
    offers = Application.objects.filter(
        status=ApplicationStatus.OFFERED, offers__status=OfferStatus.OPEN, offers__expires_at__lte=now
    )
    if only is not None:
        invitations, offers = invitations.filter(pk__in=only), offers.filter(pk__in=only)
    ids = sorted(set(invitations.values_list("pk", flat=True)) | set(offers.values_list("pk", flat=True)))
    expired = 0
    for pk in ids:
        try:
            expired += _expire_one(pk, now)
        except Exception:
            logger.exception("Could not expire application %s", pk)
    if expired:
        logger.info("Expired %s application(s).", expired)
    return expired


def _expire_one(pk: int, now: datetime) -> int:
    with transaction.atomic():
        app = lock_application(pk)
        from_state = app.status
        if from_state in (ApplicationStatus.INVITED, ApplicationStatus.ARCHIVED):
            invited_at = app.invited_at or app.created_at
            if invited_at > now - timedelta(days=settings.INVITATION_EXPIRY_DAYS):
                return 0
            app.expire(now=now)
            app.save()
            record_event(
                app,
                actor=None,
                action=ApplicationAction.EXPIRE,
                from_state=from_state,
                reason=SystemReason.INVITATION_EXPIRED,
                now=now,
            )
            notify_freelancer(
                app,
                NotificationKind.INVITATION_EXPIRED,
                actor=None,
                text=f"The invitation to interview for “{app.job.title}” expired without an answer",
            )
            notify_client(
                app,
                NotificationKind.INVITATION_EXPIRED,
                actor=None,
                text=f"Your invitation to {app.freelancer} for “{app.job.title}” expired without an answer",
            )
            return 1
        if from_state == ApplicationStatus.OFFERED:
            offer = (
                Offer.objects.select_for_update(of=("self",))
                .filter(application=app, status=OfferStatus.OPEN, expires_at__lte=now)
                .first()
            )
            if offer is None:
                return 0
            offer.expire(now=now)
            offer.save()
            app.expire(now=now)
            app.save()
            record_event(
                app,
                actor=None,
                action=ApplicationAction.EXPIRE,
                from_state=from_state,
                reason=SystemReason.OFFER_EXPIRED,
                now=now,
            )
            system_message(app, "The offer expired without an answer.")
            notify_freelancer(
                app,
                NotificationKind.OFFER_EXPIRED,
                actor=None,
                text=f"The offer for “{app.job.title}” expired",
            )
            notify_client(
                app,
                NotificationKind.OFFER_EXPIRED,
                actor=None,
                text=f"Your offer to {app.freelancer} for “{app.job.title}” expired without an answer",
            )
            return 1
    return 0


_CLOSE_TEXT = {
    SystemReason.JOB_CLOSED: "The client closed the job “{title}”, so your application is closed",
    SystemReason.JOB_CANCELLED: "The client cancelled the job “{title}”, so your application is closed",
    SystemReason.JOB_FILLED: (
        "The job “{title}” has been filled, so your application is closed. Thank you for your interest"
    ),
    SystemReason.JOB_SUSPENDED: "The job “{title}” was taken down by a moderator, so your application is closed",
}


def close_open_applications(
    job: JobPost, *, reason: str, now: datetime | None = None, exclude: int | None = None
) -> list[Application]:
    """Close every open application of a (locked) job: one event and one notification per freelancer."""
    now = now or timezone.now()
    apps = list(
        Application.objects.select_for_update(of=("self",))
        .select_related("freelancer", "room")
        .filter(job=job, status__in=OPEN_STATES)
        .exclude(pk=exclude)
        .order_by("pk")
    )
    text = _CLOSE_TEXT[reason].format(title=job.title)
    for app in apps:
        app.job = job
        from_state = app.status
        if from_state == ApplicationStatus.OFFERED:
            for offer in Offer.objects.select_for_update(of=("self",)).filter(application=app, status=OfferStatus.OPEN):
                offer.close(now=now)
                offer.save()
        app.close(now=now)
        app.save()
        record_event(app, actor=None, action=ApplicationAction.CLOSE, from_state=from_state, reason=reason, now=now)
        system_message(app, "This job is no longer open, so this application is closed.")
        notify_freelancer(app, NotificationKind.JOB_CLOSED, actor=None, text=text)
    return apps


_CLOSE_TO = {
    JobStatus.CLOSED: ("close", SystemReason.JOB_CLOSED),
    JobStatus.CANCELLED: ("cancel", SystemReason.JOB_CANCELLED),
    JobStatus.SUSPENDED: ("suspend", SystemReason.JOB_SUSPENDED),
}


def close_job(job: JobPost, *, by, reason: str = "", to: str = JobStatus.CLOSED) -> JobPost:
    """Close, cancel (the client) or suspend (a moderator) a job, and close every open application of it.

    Each freelancer with an open application gets one notification; on a suspension the client is told too
    (with the moderator's reason). Returns the job.
    """
    if to not in _CLOSE_TO:
        raise ValueError(f"close_job: `to` must be one of {sorted(_CLOSE_TO)}, not {to!r}")
    if to == JobStatus.SUSPENDED:
        if by is None or not (by.is_superuser or getattr(by, "is_moderator", False)):
            raise PermissionDenied("Only moderators can suspend a job.")
    elif by is None or by.pk != job.client_id:
        raise PermissionDenied("Only the client who posted this job can close it.")
    reason = _text(reason, "reason", max_length=2000)
    method_name, app_reason = _CLOSE_TO[to]
    now = timezone.now()
    with transaction.atomic():
        locked = lock_job(job)
        move = getattr(locked, method_name)
        if not can_proceed(move):
            raise ActionNotAllowed(
                f"The job “{locked.title}” is {locked.get_status_display().lower()}, so it can't be "
                f"{JobStatus(to).label.lower()} now.",
                code="job_not_open",
            )
        move(reason=reason, by=by)
        locked.save()
        close_open_applications(locked, reason=app_reason, now=now)
        if to == JobStatus.SUSPENDED:
            notify(
                locked.client,
                NotificationKind.JOB_SUSPENDED,
                actor=None,
                text=f"A moderator suspended your job post “{locked.title}”",
                url=locked.get_absolute_url(),
                context={"job_title": locked.title, "note": reason},
            )
    return sync(job, locked)
