"""Contracts: what an accepted offer becomes. Listed under "My Jobs"."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, transition

from agencies import selectors as agency_selectors
from jobs.models import BudgetType
from marketplace.fsm import ConcurrentTransitionMixin
from proposals.models import OfferTerms

if TYPE_CHECKING:
    from marketplace.accounts.models import User


class ContractStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class Contract(OfferTerms, ConcurrentTransitionMixin, models.Model):
    """A hire: the parties, the job, the application it came from and a snapshot of the accepted terms.

    The terms are copied from the accepted offer so later changes elsewhere never rewrite what was agreed.
    """

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="client_contracts")
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="freelancer_contracts"
    )
    job = models.ForeignKey("jobs.JobPost", on_delete=models.PROTECT, related_name="contracts")
    application = models.OneToOneField("proposals.Application", on_delete=models.PROTECT, related_name="contract")
    offer = models.OneToOneField(
        "proposals.Offer", on_delete=models.SET_NULL, null=True, blank=True, related_name="contract"
    )
    # An agency contract: the agency is the contracting party and is paid; `freelancer` is the member it named.
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="contracts"
    )
    # Snapshot of the accepted terms.
    title = models.CharField(max_length=120)
    payment_type = models.CharField(max_length=10, choices=BudgetType.choices)
    hourly_rate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    weekly_limit = models.PositiveSmallIntegerField("weekly limit (hours)", null=True, blank=True)
    fixed_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    start_date = models.DateField()
    status = FSMField(default=ContractStatus.ACTIVE, choices=ContractStatus.choices, protected=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    end_reason = models.TextField(max_length=2000, blank=True)
    # Hourly contracts: the client can turn manual time off; the timer runs from `timer_started_at`.
    manual_time_allowed = models.BooleanField("manual time allowed", default=True)
    # Why the contract was last paused or resumed (the activity log keeps every change).
    status_note = models.CharField(max_length=500, blank=True)
    timer_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["freelancer", "status"], name="contract_freelancer_idx"),
            models.Index(fields=["client", "status"], name="contract_client_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.freelancer} for {self.client}"

    def get_absolute_url(self) -> str:
        return reverse("contracts:detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == ContractStatus.ACTIVE

    @property
    def is_ended(self) -> bool:
        return self.status == ContractStatus.ENDED

    def is_party(self, user) -> bool:
        """The client, or the freelancer (on an agency contract, while still a member of the agency)."""
        if not (user and user.is_authenticated and user.pk in (self.client_id, self.freelancer_id)):
            return False
        return user.pk == self.client_id or self.agency_id is None or agency_selectors.is_member(self.agency_id, user)

    @property
    def contractor_name(self) -> str:
        """Who the client hired: the agency (naming its freelancer), or the freelancer."""
        if self.agency_id is not None:
            return f"{self.agency.name} ({self.freelancer.display_name})"
        return self.freelancer.display_name

    def other_party(self, user: User) -> User:
        return self.freelancer if user.pk == self.client_id else self.client

    @transition(field=status, source=ContractStatus.ACTIVE, target=ContractStatus.PAUSED)
    def pause(self, *, reason: str = "") -> None:
        self.status_note = reason
        self.timer_started_at = None

    @transition(field=status, source=ContractStatus.PAUSED, target=ContractStatus.ACTIVE)
    def resume(self, *, reason: str = "") -> None:
        self.status_note = reason

    @transition(field=status, source=[ContractStatus.ACTIVE, ContractStatus.PAUSED], target=ContractStatus.ENDED)
    def end(self, *, by=None, reason: str = "", now=None) -> None:
        self.ended_at = now or timezone.now()
        self.timer_started_at = None
        self.ended_by = by
        self.end_reason = reason


class ContractAssignment(models.Model):
    """An agency member the agency's owner or admin assigned to an hourly agency contract: they may add manual
    time (marked with their name). Only the named freelancer records tracked time."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contract_assignments")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["contract", "user"], name="one_assignment_per_member")]

    def __str__(self) -> str:
        return f"{self.user} on contract {self.contract_id}"


class MilestoneStatus(models.TextChoices):
    NOT_FUNDED = "not_funded", "Not funded"
    FUNDED = "funded", "Funded"
    SUBMITTED = "submitted", "Work submitted"
    APPROVED = "approved", "Approved and released"
    REFUNDED = "refunded", "Refunded"


class Milestone(ConcurrentTransitionMixin, models.Model):
    """A fixed-price part of the work. Money moves with it: funded into escrow, released less the service fee
    on approval, or refunded when the contract ended and the freelancer agreed."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="milestones")
    description = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    due_date = models.DateField(null=True, blank=True)
    status = FSMField(default=MilestoneStatus.NOT_FUNDED, choices=MilestoneStatus.choices, protected=True)
    created_at = models.DateTimeField(auto_now_add=True)
    funded_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    submission_message = models.TextField(max_length=5000, blank=True)
    changes_requested = models.TextField(max_length=5000, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    auto_released = models.BooleanField(default=False)
    refund_requested_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="milestone_release_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="milestone_amount_positive")]

    def __str__(self) -> str:
        return f"{self.description} ({self.amount})"

    @transition(field=status, source=MilestoneStatus.NOT_FUNDED, target=MilestoneStatus.FUNDED)
    def fund(self, *, now) -> None:
        self.funded_at = now

    @transition(field=status, source=MilestoneStatus.FUNDED, target=MilestoneStatus.SUBMITTED)
    def submit(self, *, message: str, now) -> None:
        self.submission_message = message
        self.submitted_at = now

    @transition(field=status, source=MilestoneStatus.SUBMITTED, target=MilestoneStatus.FUNDED)
    def request_changes(self, *, note: str) -> None:
        self.changes_requested = note
        self.submitted_at = None

    @transition(field=status, source=MilestoneStatus.SUBMITTED, target=MilestoneStatus.APPROVED)
    def approve(self, *, now, automatic: bool = False) -> None:
        self.approved_at = now
        self.auto_released = automatic

    @transition(field=status, source=MilestoneStatus.FUNDED, target=MilestoneStatus.REFUNDED)
    def refund(self, *, now) -> None:
        self.refunded_at = now


SEGMENT_MINUTES = 10


def week_start(moment) -> date:
    """The Monday (UTC) of the week `moment` (a datetime or a date) falls in."""
    day = moment.astimezone(UTC).date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


def week_bounds(monday: date) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00, UTC."""
    start = datetime.combine(monday, time.min, tzinfo=UTC)
    return start, start + timedelta(days=7)


class TimesheetStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_REVIEW = "in_review", "In review"
    DISPUTED = "disputed", "Disputed"
    BILLED = "billed", "Billed"


class Timesheet(ConcurrentTransitionMixin, models.Model):
    """One week of an hourly contract's time. After the week it is in review (the client may dispute entries
    until Friday), then billed through the ledger at the contract's rate."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="timesheets")
    week_start = models.DateField()
    status = FSMField(default=TimesheetStatus.OPEN, choices=TimesheetStatus.choices, protected=True)
    review_ends_at = models.DateTimeField(null=True, blank=True)
    billed_minutes = models.PositiveIntegerField(default=0)
    billed_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    billed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-week_start"]
        constraints = [models.UniqueConstraint(fields=["contract", "week_start"], name="one_timesheet_per_week")]
        indexes = [models.Index(fields=["status", "week_start"], name="timesheet_status_idx")]

    def __str__(self) -> str:
        return f"Week of {self.week_start} on contract {self.contract_id}"

    @property
    def week_end(self) -> datetime:
        return week_bounds(self.week_start)[1]

    @transition(field=status, source=TimesheetStatus.OPEN, target=TimesheetStatus.IN_REVIEW)
    def close_week(self) -> None:
        # The client may dispute entries until the end of the Friday after the week.
        self.review_ends_at = self.week_end + timedelta(days=5)

    @transition(
        field=status, source=[TimesheetStatus.IN_REVIEW, TimesheetStatus.DISPUTED], target=TimesheetStatus.DISPUTED
    )
    def dispute(self) -> None:
        pass

    @transition(
        field=status, source=[TimesheetStatus.IN_REVIEW, TimesheetStatus.DISPUTED], target=TimesheetStatus.BILLED
    )
    def bill(self, *, minutes: int, amount: Decimal, now) -> None:
        self.billed_minutes = minutes
        self.billed_amount = amount
        self.billed_at = now


class TimeEntry(models.Model):
    """Time in the work diary: `segments` 10-minute segments from `start`, with a memo. Tracked (from the timer)
    or manual (added by form, marked manual)."""

    timesheet = models.ForeignKey(Timesheet, on_delete=models.PROTECT, related_name="entries")
    start = models.DateTimeField()
    segments = models.PositiveSmallIntegerField()
    memo = models.CharField(max_length=300)
    manual = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    disputed = models.BooleanField(default=False)
    dispute_note = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["timesheet", "start"], name="time_entry_week_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(segments__gt=0), name="time_entry_has_segments")]

    def __str__(self) -> str:
        return f"{self.minutes} min from {self.start:%Y-%m-%d %H:%M}"

    @property
    def minutes(self) -> int:
        return self.segments * SEGMENT_MINUTES

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


class PrivateReason(models.TextChoices):
    """Why the contract ended, told to the marketplace only (never shown to the other side)."""

    COMPLETED = "completed", "The work was completed"
    CANCELLED = "cancelled", "The project was cancelled"
    QUALITY = "quality", "Unhappy with the quality"
    COMMUNICATION = "communication", "Communication problems"
    PAYMENT = "payment", "Payment problems"
    OTHER = "other", "Other"


class Feedback(models.Model):
    """One side's rating of the other at the end of a contract. Published once both have left theirs, or
    `FEEDBACK_REVEAL_DAYS` after the contract ended, whichever comes first (`published_at`)."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="feedback_given")
    # Profiles (lower layers) read ratings through this reverse relation without importing contracts.
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="feedback_received")
    stars = models.PositiveSmallIntegerField()
    comment = models.TextField("public comment", max_length=2000)
    private_reason = models.CharField(max_length=20, choices=PrivateReason.choices, blank=True)
    private_note = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "author"], name="one_feedback_per_side"),
            models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5), name="feedback_stars_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.stars} stars from {self.author} on contract {self.contract_id}"

    def is_published(self, now=None) -> bool:
        return self.published_at <= (now or timezone.now())
