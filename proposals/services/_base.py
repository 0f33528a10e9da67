"""What every hiring action shares: the refusal error, row locks and checks, the event and notification rows,
the room helpers and the input checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django_fsm import can_proceed

from agencies import selectors as agency_selectors
from agencies.models import Agency, AgencyStatus
from jobs.models import BudgetType, JobPost
from marketplace.activity.models import Activity
from marketplace.activity.services import log_action
from marketplace.fsm import ActionNotAllowed as ActionNotAllowed
from marketplace.screening import find_contact_details
from messaging.models import Message, Notification, NotificationKind, Room
from messaging.services import notify, open_room, post_message, post_system_message

from ..models import (
    CLIENT,
    END_STATES,
    FREELANCER,
    OPEN_STATES,
    Application,
    ApplicationStatus,
    DeclineReason,
    OfferStatus,
    format_money,
)

if TYPE_CHECKING:
    from marketplace.accounts.models import User

_M = TypeVar("_M", bound=models.Model)

TEXT_MAX_LENGTH = 5000
REASON_TEXT_MAX_LENGTH = 500
HOURLY_RATE_MIN, HOURLY_RATE_MAX = Decimal("1.00"), Decimal("10000.00")
FIXED_MIN, FIXED_MAX = Decimal("5.00"), Decimal("10000000.00")
WEEKLY_LIMIT_MAX = 100


# URLs --------------------------------------------------------------------------------------------------------
def applicants_url(job: JobPost) -> str:
    """The client's review page for a job."""
    return reverse("hiring:applicants", args=[job.pk])


# Locking and checks (also used by contracts.services) ---------------------------------------------------------
def lock_job(job_or_id: JobPost | int) -> JobPost:
    """Lock and return the job row (must run inside a transaction)."""
    pk = job_or_id.pk if isinstance(job_or_id, JobPost) else job_or_id
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


def sync(target: _M | None, fresh: _M) -> _M:
    """Bring the caller's instance up to date with the row the service changed; return the fresh one.

    `refresh_from_db` (django-fsm-2's, which may set protected state fields) costs one SELECT, and keeps the
    caller's cached relations whose keys did not change.
    """
    if target is fresh or target is None:
        return fresh
    target.refresh_from_db()
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


def _who(app: Application, action: str) -> str | None:
    """The side a transition is for (its `custom={"who": ...}`), read through django-fsm's public listing."""
    # django-fsm adds `get_all_status_transitions` to the class when it is built (FSMField.contribute_to_class);
    # django-stubs cannot see it.
    for transition in app.get_all_status_transitions():  # type: ignore[attr-defined]
        if transition.name == action:
            who: str | None = transition.custom.get("who")
            return who
    return None


def check_action(app: Application, action: str, by: User) -> None:
    """Who may act (PermissionDenied), then the state (ActionNotAllowed), then the guards (job still open)."""
    who = _who(app, action)
    move = getattr(app, action)
    side = app.side_of(by)
    if who in (FREELANCER, CLIENT) and side != who:
        if side is None:
            raise PermissionDenied("Only the freelancer and the client of this job can act on this application.")
        doer = "the freelancer" if who == FREELANCER else "the client"
        raise PermissionDenied(f"Only {doer} can do this.")
    if who == FREELANCER and app.agency_id is not None and not agency_selectors.is_member(app.agency_id, by):
        raise PermissionDenied("You are no longer a member of the agency this application is for.")
    if not can_proceed(move, check_conditions=False):
        raise ActionNotAllowed(_why_not(app, action), code="wrong_state")
    if not can_proceed(move):
        obj, done = _ACTION_WORDS.get(action, ("it", action))
        raise ActionNotAllowed(
            f"The job “{app.job.title}” is {app.job.get_status_display().lower()}, so {obj} can no longer be {done}.",
            code="job_not_open",
        )


# Rows that go with every action ---------------------------------------------------------------------------------
def record_event(
    app: Application,
    *,
    actor: User | None,
    action: str,
    from_state: str,
    reason: str = "",
    reason_text: str = "",
    note: str = "",
    now: datetime | None = None,
    private_to: str = "",
) -> Activity:
    """The application's timeline entry: one `log_action` on the application."""
    return log_action(
        actor,
        action,
        app,
        from_state=from_state,
        reason=reason,
        reason_text=reason_text,
        note=note,
        now=now,
        private_to=private_to,
    )


def notice_context(app: Application, note: str = "", **extra: object) -> dict[str, object]:
    """What a notification about `app` carries for its email (the job's title, the application, the room)."""
    context = {"job_title": app.job.title, "application_id": app.pk, "note": note, **extra}
    if app.room_id is not None:
        context.setdefault("room_url", reverse("messaging:room", args=[app.room_id]))  # "Open the conversation"
    return context


def notify_freelancer(
    app: Application,
    kind: NotificationKind,
    *,
    actor: User | None,
    text: str,
    note: str = "",
    url: str = "",
    **extra: object,
) -> Notification:
    return notify(
        app.freelancer,
        kind,
        actor=actor,
        text=text,
        url=url or app.get_absolute_url(),
        context=notice_context(app, note, **extra),
    )


def notify_client(
    app: Application,
    kind: NotificationKind,
    *,
    actor: User | None,
    text: str,
    note: str = "",
    url: str = "",
    **extra: object,
) -> Notification:
    return notify(
        app.job.client,
        kind,
        actor=actor,
        text=text,
        url=url or applicants_url(app.job),
        context=notice_context(app, note, **extra),
    )


def ensure_room(app: Application) -> Room:
    """The application's room (the two parties), opened if there is none yet."""
    if app.room is not None:  # no query when `room_id` is None
        return app.room
    title = f"{app.job.title}: {app.freelancer}"[:200]
    room = open_room(subject=app, participants=[app.job.client, app.freelancer], title=title)
    app.room = room
    return room


def post_in_room(room: Room, *, sender: User, body: str) -> Message:
    """Post the actor's words in the room without a separate "message received" notification.

    The service's own notification (e.g. "Maria accepted your invitation") quotes the same words, so the
    other side hears about the action once, in the app and by email.
    """
    return post_message(room, sender=sender, body=body, notify_others=False)


def system_message(app: Application, body: str, *, actor: User | None = None, actor_body: str = "") -> None:
    """A note in the application's room; `actor` reads `actor_body` (second person) about their own action."""
    if app.room is not None:  # no query when `room_id` is None
        post_system_message(app.room, body=body, actor=actor, actor_body=actor_body)


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


def _money(value: Decimal | str | None, field: str, low: Decimal, high: Decimal, what: str) -> Decimal | None:
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
    job: JobPost,
    *,
    hourly_rate: Decimal | str | None = None,
    fixed_bid: Decimal | str | None = None,
    estimated_duration: str = "",
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


def _has_terms_input(hourly_rate: Decimal | str | None, fixed_bid: Decimal | str | None) -> bool:
    return any(v not in (None, "") for v in (hourly_rate, fixed_bid))


def clean_reason(choices: type[models.TextChoices], reason: str | None, other_text: str | None) -> tuple[str, str]:
    """A reason from the list; "Other" needs a few words."""
    if reason is None or reason not in choices.values:
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


def _decline_input(reason: str | None, other_text: str | None, message: str | None) -> tuple[str, str, str]:
    reason, other_text = clean_reason(DeclineReason, reason, other_text)
    message = _text(message, "message")
    refuse_contact_details(message, "message")
    refuse_contact_details(other_text, "other_text")
    return reason, other_text, message


# Creating an application: invite and submit ------------------------------------------------------------------------
# Keyed by status value: the statuses read back from the database are plain strings.
_EXISTING_FOR_CLIENT: dict[str, str] = {
    ApplicationStatus.INVITED: "{name} is already invited to interview for this job.",
    ApplicationStatus.ARCHIVED: "{name} is already invited to interview for this job.",
    ApplicationStatus.SENT: "{name} already sent a proposal for this job: invite them to interview from it.",
    ApplicationStatus.ACTIVE: "{name} is already interviewing for this job.",
    ApplicationStatus.OFFERED: "{name} already has an open offer for this job.",
}
_EXISTING_FOR_FREELANCER: dict[str, str] = {
    ApplicationStatus.INVITED: "You were invited to interview for this job: accept the invitation instead.",
    ApplicationStatus.ARCHIVED: "You were invited to interview for this job: accept the invitation instead.",
    ApplicationStatus.SENT: "You already sent a proposal for this job.",
    ApplicationStatus.ACTIVE: "You are already interviewing for this job.",
    ApplicationStatus.OFFERED: "You already have an open offer for this job.",
}

# The same, when an agency names a member who already has an open application for the job.
_EXISTING_FOR_NAMED: dict[str, str] = {
    status: "{name} already has an open application for this job." for status in _EXISTING_FOR_FREELANCER
}


def _refuse_second_application(job: JobPost, freelancer: User, *, messages: Mapping[str, str]) -> None:
    statuses = set(
        Application.objects.filter(
            job=job, freelancer=freelancer, status__in=[*OPEN_STATES, ApplicationStatus.HIRED]
        ).values_list("status", flat=True)
    )
    if ApplicationStatus.HIRED in statuses:
        raise ActionNotAllowed(f"{freelancer} was already hired for this job.", code="already_hired")
    if statuses:
        raise ActionNotAllowed(messages[statuses.pop()].format(name=freelancer), code="already_applied")


def _create_application(**fields: Any) -> Application:
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


# Agencies: "Submit as" -----------------------------------------------------------------------------------------
def clean_submit_as(agency: Agency | None, named: User | None, *, by: User) -> User:
    """Who an application is for when `by` sends it "as" `agency` naming `named` (default: `by`).

    `by` must be an active member of an active agency; `named` must be an active member who agreed to be named,
    or `by` themselves. Returns the named freelancer. PermissionDenied for a non-member, ActionNotAllowed for a
    suspended agency, ValidationError (field `submit_as`) for a member who has not agreed.
    """
    if agency is None:
        if named is not None and named.pk != by.pk:
            raise PermissionDenied("Only an agency can name another freelancer on a proposal.")
        return by
    if not agency_selectors.is_member(agency, by):
        raise PermissionDenied(f"You are not a member of {agency.name}, so you can't act for it.")
    if agency.status == AgencyStatus.SUSPENDED:
        raise ActionNotAllowed(
            f"{agency.name} is suspended by a moderator, so it can't send proposals.", code="suspended"
        )
    named = named or by
    if named.pk == by.pk:
        return by
    membership = agency_selectors.membership(agency, named)
    if membership is None:
        raise ValidationError({"submit_as": f"{named} is not a member of {agency.name}."})
    if not membership.may_be_named:
        raise ValidationError({"submit_as": f"{named} has not agreed to be named on {agency.name}'s proposals."})
    return named
