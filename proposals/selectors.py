"""Read-only queries for the hiring pages. Each runs a fixed number of queries, whatever the data."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from agencies import selectors as agency_selectors
from agencies.models import MANAGERS
from jobs import selectors as job_selectors
from marketplace.activity.services import activity_for

from .models import (
    CLIENT,
    END_STATES,
    FREELANCER,
    OPEN_STATES,
    Application,
    ApplicationAction,
    ApplicationStatus,
    Offer,
    SystemReason,
    reason_label,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from jobs.models import JobPost
    from marketplace.accounts.models import User

# (key, title, statuses): the sections of a list page.
Groups = tuple[tuple[str, str, tuple[str, ...]], ...]

RESPONSE_WINDOW = timedelta(days=90)
MIN_ANSWERED = 3
WITHDRAWN_GRACE = timedelta(hours=24)
DAY = timedelta(hours=24)
THREE_DAYS = timedelta(days=3)


def response_time(freelancer: User, *, now: datetime | None = None) -> str | None:
    """How fast the freelancer answers invitations: "within 24 hours", "within 3 days", "more than 3 days".

    The median over invitations received in the last 90 days of the time until the freelancer accepted or
    declined. "Ignore" is not an answer: an invitation left unanswered (ignored, expired, or waiting more than
    3 days) counts as "more than 3 days". Invitations the client withdrew (or closed with the job) within 24
    hours do not count, nor do invitations still waiting less than 3 days. Nothing (None) with fewer than 3
    answered invitations. One query.
    """
    now = now or timezone.now()
    rows = Application.objects.filter(
        freelancer=freelancer, invited_at__isnull=False, invited_at__gte=now - RESPONSE_WINDOW
    ).values_list("invited_at", "responded_at", "status", "ended_at")
    seconds: list[float] = []
    answered = 0
    for invited_at, responded_at, status, ended_at in rows:
        if invited_at is None:  # never: filtered out above (this tells the type checker)
            continue
        if responded_at is not None:
            answered += 1
            seconds.append(max((responded_at - invited_at).total_seconds(), 0.0))
            continue
        if status in (ApplicationStatus.REJECTED, ApplicationStatus.CLOSED) and (
            ended_at is not None and ended_at - invited_at < WITHDRAWN_GRACE
        ):
            continue  # the client withdrew the invitation (or closed the job) within 24 hours
        if status in OPEN_STATES and now - invited_at <= THREE_DAYS:
            continue  # still waiting, and there is time left to answer well
        seconds.append(math.inf)
    if answered < MIN_ANSWERED:
        return None
    median = statistics.median(seconds)
    if median <= DAY.total_seconds():
        return "within 24 hours"
    if median <= THREE_DAYS.total_seconds():
        return "within 3 days"
    return "more than 3 days"


def _freelancer_side(user: User) -> Q:
    """Applications `user` sees on the freelancer's side: their own, and their agencies'.

    An agency's application is seen by the freelancer it names, the member who sent it and the agency's owners
    and admins, and only while they are active members: a removed member loses access at once.
    """
    # The agency ids are read first (one small query) and written into the SQL as values: an `IN (subquery)`
    # inside this OR kept PostgreSQL from using the freelancer index, a scan of every application (50 ms at 100,000).
    roles = agency_selectors.active_roles(user)
    if not roles:
        return Q(freelancer=user, agency__isnull=True)
    agencies = sorted(roles)
    managed = sorted(agency for agency, role in roles.items() if role in MANAGERS)
    own = Q(freelancer=user) & (Q(agency__isnull=True) | Q(agency__in=agencies))
    return own | Q(agency__in=managed) | Q(submitted_by=user, agency__in=agencies)


def visible_to(user: User | AnonymousUser) -> QuerySet[Application]:
    """The applications `user` is a party of (as the freelancer, a member of its agency, or the job's client)."""
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(_freelancer_side(user) | Q(job__client=user))


def _with_details(qs: QuerySet[Application]) -> QuerySet[Application]:
    # `contract` (one-to-one from the contracts layer, read by name): "Hired" links to the live contract.
    return qs.select_related(
        "job", "job__client", "freelancer", "freelancer__freelancer_profile", "agency", "room", "contract"
    ).prefetch_related(
        Prefetch("offers", queryset=Offer.objects.order_by("-created_at", "-id"), to_attr="offers_newest_first")
    )


# The freelancer's /proposals/ page, in this order (brief section 7).
FREELANCER_SECTIONS: Groups = (
    ("offers", "Offers", (ApplicationStatus.OFFERED,)),
    ("invitations", "Invitations to interview", (ApplicationStatus.INVITED,)),
    ("active", "Active candidacies", (ApplicationStatus.ACTIVE,)),
    ("submitted", "Submitted proposals", (ApplicationStatus.SENT,)),
    ("archived", "Archived", (ApplicationStatus.ARCHIVED,)),
    ("past", "Past applications", tuple(END_STATES)),
)

# The client's /jobs/<id>/applicants/ tabs. Each tab's count is one of the job's numbers
# (`jobs.selectors.job_numbers`, named in APPLICANT_TAB_NUMBERS), the same figure every other page shows.
APPLICANT_TABS: Groups = (
    ("proposals", "New proposals", (ApplicationStatus.SENT,)),
    ("invited", "Unanswered invites", (ApplicationStatus.INVITED, ApplicationStatus.ARCHIVED)),
    ("interviewing", "Interviewing", (ApplicationStatus.ACTIVE,)),
    ("offers", "Offers", (ApplicationStatus.OFFERED,)),
    ("hired", "Hires", (ApplicationStatus.HIRED,)),
    (
        "closed",
        "Declined and closed",
        (
            ApplicationStatus.DECLINED,
            ApplicationStatus.WITHDRAWN,
            ApplicationStatus.REJECTED,
            ApplicationStatus.EXPIRED,
            ApplicationStatus.CLOSED,
        ),
    ),
)
APPLICANT_TAB_NUMBERS: dict[str, str] = {
    "proposals": "new_proposals",
    "invited": "unanswered_invites",
    "interviewing": "interviewing",
    "offers": "offers",
    "hired": "hires",
    "closed": "closed",
}


PAGE_SIZE = 20
PAGE_ORDER = ("-updated_at", "-id")  # newest change first


def _statuses(groups: Groups, key: str) -> tuple[str, ...]:
    return next(statuses for k, _, statuses in groups if k == key)


def _counts(qs: QuerySet[Application], groups: Groups) -> dict[str, int]:
    """Rows per group key, in one GROUP BY query."""
    by_status = {status: key for key, _, statuses in groups for status in statuses}
    counts = {key: 0 for key, _, _ in groups}
    for status, n in qs.order_by().values_list("status").annotate(n=Count("id")):
        counts[by_status[status]] += n
    return counts


def freelancer_section_counts(freelancer: User) -> dict[str, int]:
    """How many applications each FREELANCER_SECTIONS key holds, their agencies' included (one query)."""
    return _counts(Application.objects.filter(_freelancer_side(freelancer)), FREELANCER_SECTIONS)


def freelancer_section(freelancer: User, key: str) -> QuerySet[Application]:
    """One section of the freelancer's /proposals/, newest change first (slice it: two queries a page)."""
    qs = Application.objects.filter(_freelancer_side(freelancer), status__in=_statuses(FREELANCER_SECTIONS, key))
    return _with_details(qs).order_by(*PAGE_ORDER)


def applicant_tab_counts(job: JobPost) -> dict[str, int]:
    """How many applications each APPLICANT_TABS key holds: the job's numbers (one query), the same figures every
    other page shows. The page's only source of tab counts; its paginator reuses them instead of a COUNT."""
    numbers = job_selectors.job_numbers(job)
    return {key: numbers[APPLICANT_TAB_NUMBERS[key]] for key, _, _ in APPLICANT_TABS}


def applicants_in_tab(job: JobPost, key: str) -> QuerySet[Application]:
    """One tab of a job's applicants, newest change first (slice it: two queries a page)."""
    qs = Application.objects.filter(job=job, status__in=_statuses(APPLICANT_TABS, key))
    return _with_details(qs).order_by(*PAGE_ORDER)


class IdsFirst:
    """A tab's rows, read a page at a time: the page's ids first (filtered and ordered through an index, no joins),
    then those 20 rows with their details, by primary key. Slicing the detailed queryset would make the database
    join every row of the tab (500 for a busy job's proposals) before sorting them and keeping 20; and with the
    ids as a subquery (`id IN (SELECT ... LIMIT 20)`) PostgreSQL's planner, past its join-order limit with the
    eight tables, still joins them all. Two small queries cost the same whatever the tab's size.

    For a Paginator whose `count` is set (it never asks for the length).
    """

    def __init__(self, rows: QuerySet[Application]) -> None:
        self.rows = rows  # a tab: filtered and ordered by PAGE_ORDER

    def __getitem__(self, page: slice) -> list[Application]:
        ids = list(self.rows.prefetch_related(None).values_list("pk", flat=True)[page])
        if not ids:
            return []
        return list(_with_details(Application.objects.filter(pk__in=ids)).order_by(*PAGE_ORDER))

    def __len__(self) -> int:
        return self.rows.count()


def application_for(user: User | AnonymousUser, pk: int) -> Application | None:
    """One application with its job, people, room and offers, if `user` is a party of it; else None."""
    return _with_details(visible_to(user)).filter(pk=pk).first()


_PRIVATE_REASON_ACTIONS = {
    ApplicationAction.REJECT,
    ApplicationAction.DECLINE_INVITATION,
    ApplicationAction.DECLINE_OFFER,
    ApplicationAction.WITHDRAW,
}


_ACTION_LABELS = dict(ApplicationAction.choices)


@dataclass(frozen=True)
class TimelineEntry:
    """One line of an application's timeline as one viewer may see it."""

    action: str
    actor: User | None
    created_at: datetime
    label: str
    shown_reason: str
    note: str


def timeline(application: Application, viewer: User | AnonymousUser | None) -> list[TimelineEntry]:
    """The application's events, oldest first, as `viewer` may see them (one query).

    Each event gets `label` (what happened, in words for the viewer) and `shown_reason`: a reason from a list
    is shown to the side that gave it and to moderators only (the freelancer is never told why a client
    declined them); system reasons (expiry, a job closing) are shown to both. Notes are shown to both. An entry
    marked private to one side (`Activity.private_to`) is shown to that side and to staff only.
    """
    side = application.side_of(viewer)
    staff = bool(viewer and viewer.is_authenticated and viewer.is_staff)
    entries = []
    for event in activity_for(application).select_related("actor"):
        if not (staff or not event.private_to or event.private_to == side):
            continue
        label = _ACTION_LABELS.get(event.action, event.action.replace("_", " ").capitalize())
        if event.action == ApplicationAction.REJECT and side == FREELANCER:
            if event.from_state in (ApplicationStatus.INVITED, ApplicationStatus.ARCHIVED):
                label = "The client withdrew the invitation"
            else:
                label = "The client decided not to move forward"
        actor_side = (
            FREELANCER
            if event.actor_id == application.freelancer_id
            else CLIENT
            if event.actor_id is not None and event.actor_id == application.job.client_id
            else None
        )
        hidden = event.reason not in SystemReason.values and (
            event.action in _PRIVATE_REASON_ACTIONS and not staff and side != actor_side
        )
        entries.append(
            TimelineEntry(
                action=event.action,
                actor=event.actor,
                created_at=event.created_at,
                label=label,
                shown_reason="" if hidden else reason_label(event.reason, event.reason_text),
                note=event.note,
            )
        )
    return entries
