"""Applications (a freelancer's whole path through one job), their offers and their timeline.

`Application.status` is an `FSMField(protected=True)`: only the transitions below change it (brief section 3).
Transitions change state and the fields that go with it; they do no I/O. The services in `services.py` check
who acts, lock the rows, call the transition, write the event and notify the other side.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, transition

from jobs.models import BudgetType
from marketplace.activity.models import Activity
from marketplace.fsm import ConcurrentTransitionMixin


class ApplicationStatus(models.TextChoices):
    INVITED = "invited", "Invited to interview"
    ARCHIVED = "archived", "Archived"
    SENT = "sent", "Proposal sent"
    ACTIVE = "active", "Active candidacy"
    OFFERED = "offered", "Offer sent"
    HIRED = "hired", "Hired"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REJECTED = "rejected", "Not selected"
    EXPIRED = "expired", "Expired"
    CLOSED = "closed", "Job closed"


OPEN_STATES = [
    ApplicationStatus.INVITED,
    ApplicationStatus.ARCHIVED,
    ApplicationStatus.SENT,
    ApplicationStatus.ACTIVE,
    ApplicationStatus.OFFERED,
]
END_STATES = [s for s in ApplicationStatus if s not in OPEN_STATES]


class Origin(models.TextChoices):
    INVITATION = "invitation", "Invitation"
    PROPOSAL = "proposal", "Proposal"


class ApplicationAction(models.TextChoices):
    """What happened, as the timeline names it (one per service)."""

    INVITE = "invite", "Invited to interview"
    SUBMIT = "submit", "Sent a proposal"
    INVITE_TO_INTERVIEW = "invite_to_interview", "Invited the applicant to interview"
    ACCEPT_INVITATION = "accept_invitation", "Accepted the invitation"
    DECLINE_INVITATION = "decline_invitation", "Declined the invitation"
    IGNORE = "ignore", "Ignored the invitation (archived)"
    RESPOND = "respond", "Replied to the proposal"
    UPDATE_TERMS = "update_terms", "Proposed different terms"
    SEND_OFFER = "send_offer", "Sent an offer"
    WITHDRAW_OFFER = "withdraw_offer", "Withdrew the offer"
    ASK_CLARIFICATION = "ask_clarification", "Asked for clarification on the offer"
    ACCEPT_OFFER = "accept_offer", "Accepted the offer"
    DECLINE_OFFER = "decline_offer", "Declined the offer"
    WITHDRAW = "withdraw", "Withdrew the proposal"
    REJECT = "reject", "Declined the candidate"
    EXPIRE = "expire", "Expired"
    CLOSE = "close", "Closed with the job"
    END_CONTRACT = "end_contract", "Ended the contract"


# Reason lists (brief section 3). Each has "Other", which needs a text.
class DeclineReason(models.TextChoices):
    """Declining an invitation or an offer (the freelancer)."""

    NOT_A_FIT = "not_a_fit", "Not a fit for my skills"
    NOT_INTERESTED = "not_interested", "Not interested in the work described"
    TOO_BUSY = "too_busy", "Too busy"
    BUDGET_TOO_LOW = "budget_too_low", "The budget or rate is too low"
    CLIENT_HISTORY = "client_history", "The client has too little history"
    FREE_WORK = "free_work", "The client asked for free work"
    OUTSIDE_PLATFORM = "outside_platform", "The client asked to work or pay outside the platform"
    SPAM = "spam", "Spam"
    OTHER = "other", "Other"


class WithdrawReason(models.TextChoices):
    """Withdrawing a proposal (the freelancer)."""

    APPLIED_BY_MISTAKE = "applied_by_mistake", "Applied by mistake"
    RATE_TOO_LOW = "rate_too_low", "Rate too low"
    SCHEDULING_CONFLICT = "scheduling_conflict", "Scheduling conflict with the client"
    UNRESPONSIVE_CLIENT = "unresponsive_client", "Unresponsive client"
    INAPPROPRIATE_BEHAVIOUR = "inappropriate_behaviour", "Inappropriate client behaviour"
    OTHER = "other", "Other"


class RejectReason(models.TextChoices):
    """A client declining a candidate. The freelancer is never told which."""

    NOT_RIGHT_SKILLS = "not_right_skills", "Not the right skills"
    CHOSE_ANOTHER = "chose_another", "Chose another freelancer"
    BUDGET = "budget", "Budget"
    NO_LONGER_HIRING = "no_longer_hiring", "No longer hiring"
    OTHER = "other", "Other"


class SystemReason(models.TextChoices):
    """Why the system ended an application."""

    INVITATION_EXPIRED = "invitation_expired", "The invitation was not answered in time"
    OFFER_EXPIRED = "offer_expired", "The offer was not answered in time"
    JOB_CLOSED = "job_closed", "The client closed the job"
    JOB_CANCELLED = "job_cancelled", "The client cancelled the job"
    JOB_FILLED = "job_filled", "The job was filled"
    JOB_SUSPENDED = "job_suspended", "The job was suspended by a moderator"
    AGENCY_SUSPENDED = "agency_suspended", "The agency was suspended by a moderator"
    ACCOUNT_SUSPENDED = "account_suspended", "The freelancer's account was suspended by a moderator"


REASON_LISTS: tuple[type[models.TextChoices], ...] = (DeclineReason, WithdrawReason, RejectReason, SystemReason)


def reason_label(code: str, other_text: str = "") -> str:
    """The label of a reason code from any list; "Other: <text>" for Other."""
    if not code:
        return ""
    if code == "other":
        return f"Other: {other_text}" if other_text else "Other"
    for choices in REASON_LISTS:
        if code in choices.values:
            return str(choices(code).label)
    return code.replace("_", " ").capitalize()


def format_money(amount: Decimal | None) -> str:
    return "" if amount is None else f"${amount:,.2f}"


# Transition guards (pure: they read the instance and its job only).
def _job_is_open(application: Application) -> bool:
    return application.job.is_open


def _by_freelancer(application: Application, user) -> bool:
    return user is not None and user.pk == application.freelancer_id


def _by_client(application: Application, user) -> bool:
    return user is not None and user.pk == application.job.client_id


def _by_system(application: Application, user) -> bool:
    return False


FREELANCER = "freelancer"
CLIENT = "client"
SYSTEM = "system"


class Application(ConcurrentTransitionMixin, models.Model):
    """One freelancer's whole path through one job, begun by an invitation or a proposal.

    Belt and braces against two people acting at once: services lock the row (select_for_update), and
    ConcurrentTransitionMixin refuses to save a state change over a row whose state moved meanwhile.
    """

    job = models.ForeignKey("jobs.JobPost", on_delete=models.CASCADE, related_name="applications")
    freelancer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    # Sent for an agency: the agency is the applicant and `freelancer` is the member it named (who agreed to be
    # named, or sent it). `submitted_by` is the member who sent it when that was someone else.
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    origin = models.CharField(max_length=20, choices=Origin.choices)
    status = FSMField(choices=ApplicationStatus.choices, protected=True, db_index=True)
    invitation_message = models.TextField(max_length=5000, blank=True)
    cover_letter = models.TextField(max_length=5000, blank=True)
    # Terms: an hourly rate, or a fixed bid with an estimated duration. Changeable; the cover letter is not.
    hourly_rate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    fixed_bid = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    estimated_duration = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the freelancer accepted or declined an invitation (response time); Ignore does not set it.
    responded_at = models.DateTimeField(null=True, blank=True)
    room = models.ForeignKey("messaging.Room", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # When the client invited the freelancer (an invitation, or invite_to_interview on a proposal).
    invited_at = models.DateTimeField(null=True, blank=True)
    # When the application reached an end state.
    ended_at = models.DateTimeField(null=True, blank=True)
    # The timeline: the activity log's entries on this application (`selectors.timeline`).
    events = GenericRelation(Activity, related_query_name="application")

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "freelancer"],
                condition=models.Q(status__in=OPEN_STATES),
                name="one_open_application_per_freelancer_per_job",
            ),
        ]
        indexes = [
            models.Index(fields=["freelancer", "status"], name="application_freelancer_idx"),
            # A job's applications by stage, newest change first: its numbers (GROUP BY status) and the ids of an
            # Applicants tab's page (proposals.selectors.IdsFirst) read this index alone.
            models.Index(fields=["job", "status", "-updated_at", "-id"], name="application_job_stage_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.freelancer} on {self.job}"

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", args=[self.pk])

    def get_send_offer_url(self) -> str:
        """The client's "Send offer" page (linked from the room, which may not name hiring URLs)."""
        return reverse("proposals:send_offer", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    @property
    def is_ended(self) -> bool:
        return self.status in END_STATES

    @property
    def client_id(self) -> int:
        return self.job.client_id

    def is_party(self, user) -> bool:
        """The freelancer or the job's client (moderators see applications in the admin only)."""
        return bool(user and user.is_authenticated and user.pk in (self.freelancer_id, self.job.client_id))

    def side_of(self, user) -> str | None:
        if user is None or not user.is_authenticated:
            return None
        if user.pk == self.freelancer_id:
            return FREELANCER
        if user.pk == self.job.client_id:
            return CLIENT
        return None

    # Terms -------------------------------------------------------------------------------------------------
    @property
    def is_hourly(self) -> bool:
        return self.hourly_rate is not None

    @property
    def has_terms(self) -> bool:
        return self.hourly_rate is not None or self.fixed_bid is not None

    @property
    def bid_amount(self) -> Decimal | None:
        """The rate or bid the freelancer asks (what the client sees)."""
        return self.hourly_rate if self.hourly_rate is not None else self.fixed_bid

    @property
    def terms_display(self) -> str:
        if self.hourly_rate is not None:
            return f"{format_money(self.hourly_rate)}/hr"
        if self.fixed_bid is not None:
            duration = f", {self.estimated_duration}" if self.estimated_duration else ""
            return f"{format_money(self.fixed_bid)} fixed price{duration}"
        return ""

    @property
    def invitation_expires_at(self) -> datetime | None:
        if self.invited_at is None or self.status not in (ApplicationStatus.INVITED, ApplicationStatus.ARCHIVED):
            return None
        return self.invited_at + timedelta(days=settings.INVITATION_EXPIRY_DAYS)

    @property
    def latest_offer(self) -> Offer | None:
        """The newest offer (uses `offers_newest_first` when the selectors prefetched it)."""
        prefetched = getattr(self, "offers_newest_first", None)
        if prefetched is not None:
            return prefetched[0] if prefetched else None
        return self.offers.order_by("-created_at", "-id").first()

    @property
    def open_offer(self) -> Offer | None:
        offer = self.latest_offer
        return offer if offer is not None and offer.status == OfferStatus.OPEN else None

    # Transitions (brief section 3). `custom`: who acts and the button label the pages use. ---------------------
    def _end(self, now: datetime | None) -> None:
        self.ended_at = now or timezone.now()

    @transition(
        field=status,
        source=ApplicationStatus.SENT,
        target=ApplicationStatus.INVITED,
        conditions=[_job_is_open],
        permission=_by_client,
        custom={"who": CLIENT, "label": "Invite to interview"},
    )
    def invite_to_interview(self, *, message: str = "", now: datetime | None = None) -> None:
        self.invited_at = now or timezone.now()
        self.invitation_message = message

    @transition(
        field=status,
        source=[ApplicationStatus.INVITED, ApplicationStatus.ARCHIVED],
        target=ApplicationStatus.ACTIVE,
        conditions=[_job_is_open],
        permission=_by_freelancer,
        custom={"who": FREELANCER, "label": "Accept"},
    )
    def accept_invitation(self, *, now: datetime | None = None) -> None:
        self.responded_at = now or timezone.now()

    @transition(
        field=status,
        source=[ApplicationStatus.INVITED, ApplicationStatus.ARCHIVED],
        target=ApplicationStatus.DECLINED,
        permission=_by_freelancer,
        custom={"who": FREELANCER, "label": "Decline"},
    )
    def decline_invitation(self, *, now: datetime | None = None) -> None:
        self.responded_at = now or timezone.now()
        self._end(self.responded_at)

    @transition(
        field=status,
        source=ApplicationStatus.INVITED,
        target=ApplicationStatus.ARCHIVED,
        permission=_by_freelancer,
        custom={"who": FREELANCER, "label": "Ignore"},
    )
    def ignore(self) -> None:
        """Out of the way; not a response (responded_at stays empty)."""

    @transition(
        field=status,
        source=ApplicationStatus.SENT,
        target=ApplicationStatus.ACTIVE,
        conditions=[_job_is_open],
        permission=_by_client,
        custom={"who": CLIENT, "label": "Send message"},
    )
    def respond(self) -> None:
        """The client's first message on a proposal starts the candidacy."""

    @transition(
        field=status,
        source=[ApplicationStatus.ACTIVE, ApplicationStatus.SENT],
        target=None,
        conditions=[_job_is_open],
        permission=_by_freelancer,
        custom={"who": FREELANCER, "label": "Propose different terms"},
    )
    def update_terms(
        self, *, hourly_rate: Decimal | None, fixed_bid: Decimal | None, estimated_duration: str = ""
    ) -> None:
        """New rate or bid; the state and the cover letter stay."""
        self.hourly_rate = hourly_rate
        self.fixed_bid = fixed_bid
        self.estimated_duration = estimated_duration if fixed_bid is not None else ""

    @transition(
        field=status,
        # A direct offer: to an invitation not answered yet (an ignored one too: ignoring is private), or
        # "Hire" from a profile (an invitation and its offer at once). Accepting it hires; declining ends it.
        source=[
            ApplicationStatus.SENT,
            ApplicationStatus.ACTIVE,
            ApplicationStatus.INVITED,
            ApplicationStatus.ARCHIVED,
        ],
        target=ApplicationStatus.OFFERED,
        conditions=[_job_is_open],
        permission=_by_client,
        custom={"who": CLIENT, "label": "Send offer"},
    )
    def send_offer(self) -> None:
        """The Offer row is written by the service."""

    @transition(
        field=status,
        source=ApplicationStatus.OFFERED,
        target=ApplicationStatus.ACTIVE,
        permission=_by_client,
        custom={"who": CLIENT, "label": "Withdraw offer"},
    )
    def withdraw_offer(self) -> None:
        pass

    @transition(
        field=status,
        source=ApplicationStatus.OFFERED,
        target=None,
        permission=_by_freelancer,
        custom={"who": FREELANCER, "label": "Ask for clarification"},
    )
    def ask_clarification(self) -> None:
        """A message in the room; the offer stays open."""

    @transition(
        field=status,
        source=ApplicationStatus.OFFERED,
        target=ApplicationStatus.HIRED,
        conditions=[_job_is_open],
        permission=_by_freelancer,
        custom={"who": FREELANCER, "label": "Accept offer"},
    )
    def accept_offer(self, *, now: datetime | None = None) -> None:
        self._end(now)

    @transition(
        field=status,
        source=ApplicationStatus.OFFERED,
        target=ApplicationStatus.DECLINED,
        permission=_by_freelancer,
        custom={"who": FREELANCER, "label": "Decline offer"},
    )
    def decline_offer(self, *, now: datetime | None = None) -> None:
        self._end(now)

    @transition(
        field=status,
        source=[ApplicationStatus.SENT, ApplicationStatus.ACTIVE],
        target=ApplicationStatus.WITHDRAWN,
        permission=_by_freelancer,
        custom={"who": FREELANCER, "label": "Withdraw proposal"},
    )
    def withdraw(self, *, now: datetime | None = None) -> None:
        self._end(now)

    @transition(
        field=status,
        source=[
            ApplicationStatus.SENT,
            ApplicationStatus.INVITED,
            ApplicationStatus.ARCHIVED,
            ApplicationStatus.ACTIVE,
        ],
        target=ApplicationStatus.REJECTED,
        permission=_by_client,
        custom={"who": CLIENT, "label": "Decline candidate"},
    )
    def reject(self, *, now: datetime | None = None) -> None:
        self._end(now)

    @transition(
        field=status,
        source=[ApplicationStatus.INVITED, ApplicationStatus.ARCHIVED, ApplicationStatus.OFFERED],
        target=ApplicationStatus.EXPIRED,
        permission=_by_system,
        custom={"who": SYSTEM},
    )
    def expire(self, *, now: datetime | None = None) -> None:
        self._end(now)

    @transition(
        field=status,
        source=OPEN_STATES,
        target=ApplicationStatus.CLOSED,
        permission=_by_system,
        custom={"who": SYSTEM},
    )
    def close(self, *, now: datetime | None = None) -> None:
        self._end(now)

    def actions_for(self, user) -> list[str]:
        """Names of the transitions `user` may take now (job open, right side, right state).

        The pages show these actions and only these. Needs `job` loaded (select_related) to avoid a query.
        """
        return [t.name for t in self.get_available_user_status_transitions(user)]


class OfferStatus(models.TextChoices):
    OPEN = "open", "Open"
    WITHDRAWN = "withdrawn", "Withdrawn by the client"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"
    CLOSED = "closed", "Closed with the job"


def default_offer_expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.OFFER_EXPIRY_DAYS)


class OfferTerms:
    """How offer terms read (an offer, and the contract's snapshot of the accepted one).

    Expects the fields payment_type, hourly_rate, weekly_limit and fixed_price.
    """

    @property
    def is_hourly(self) -> bool:
        return self.payment_type == BudgetType.HOURLY

    @property
    def amount(self) -> Decimal | None:
        return self.hourly_rate if self.is_hourly else self.fixed_price

    @property
    def terms_display(self) -> str:
        if self.is_hourly:
            return f"{format_money(self.hourly_rate)}/hr, up to {self.weekly_limit} hrs/week"
        return f"{format_money(self.fixed_price)} fixed price"


class Offer(OfferTerms, ConcurrentTransitionMixin, models.Model):
    """The client's formal hire proposal: hourly rate + weekly hour limit, or a fixed price."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="offers")
    payment_type = models.CharField(max_length=10, choices=BudgetType.choices)
    hourly_rate = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(Decimal("1.00"))]
    )
    weekly_limit = models.PositiveSmallIntegerField(
        "weekly limit (hours)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    fixed_price = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(Decimal("5.00"))]
    )
    start_date = models.DateField()
    # Fixed price only: the milestones the contract starts with, [{"description": str, "amount": "300.00"}],
    # adding up to the fixed price. Empty means one milestone for the whole price.
    milestones = models.JSONField(default=list, blank=True)
    expires_at = models.DateTimeField(default=default_offer_expiry, db_index=True)
    message = models.TextField(max_length=5000, blank=True)
    status = FSMField(default=OfferStatus.OPEN, choices=OfferStatus.choices, protected=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"], condition=models.Q(status="open"), name="one_open_offer_per_application"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        payment_type=BudgetType.HOURLY,
                        hourly_rate__isnull=False,
                        weekly_limit__isnull=False,
                        fixed_price__isnull=True,
                    )
                    | models.Q(
                        payment_type=BudgetType.FIXED,
                        fixed_price__isnull=False,
                        hourly_rate__isnull=True,
                        weekly_limit__isnull=True,
                    )
                ),
                name="offer_terms_match_payment_type",
            ),
        ]

    def __str__(self) -> str:
        return f"Offer to {self.application.freelancer} for {self.application.job}"

    @property
    def is_open(self) -> bool:
        return self.status == OfferStatus.OPEN

    def _decide(self, now: datetime | None) -> None:
        self.decided_at = now or timezone.now()

    @transition(field=status, source=OfferStatus.OPEN, target=OfferStatus.WITHDRAWN)
    def withdraw(self, *, now: datetime | None = None) -> None:
        self._decide(now)

    @transition(field=status, source=OfferStatus.OPEN, target=OfferStatus.ACCEPTED)
    def accept(self, *, now: datetime | None = None) -> None:
        self._decide(now)

    @transition(field=status, source=OfferStatus.OPEN, target=OfferStatus.DECLINED)
    def decline(self, *, now: datetime | None = None) -> None:
        self._decide(now)

    @transition(field=status, source=OfferStatus.OPEN, target=OfferStatus.EXPIRED)
    def expire(self, *, now: datetime | None = None) -> None:
        self._decide(now)

    @transition(field=status, source=OfferStatus.OPEN, target=OfferStatus.CLOSED)
    def close(self, *, now: datetime | None = None) -> None:
        self._decide(now)
