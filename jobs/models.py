from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django_fsm import RETURN_VALUE, FSMField, transition
from taggit.managers import TaggableManager

from marketplace.accounts.models import User
from marketplace.fsm import ConcurrentTransitionMixin
from messaging.models import Room

# Statuses in which a job no longer takes proposals but its post stays readable.
ENDED_STATUSES = ("closed", "filled", "cancelled")


class JobStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    FILLED = "filled", "Filled"
    CANCELLED = "cancelled", "Cancelled"
    SUSPENDED = "suspended", "Suspended"


class BudgetType(models.TextChoices):
    HOURLY = "hourly", "Hourly rate"
    FIXED = "fixed", "Fixed price"


class ExperienceLevel(models.TextChoices):
    ENTRY = "entry", "Entry level"
    INTERMEDIATE = "intermediate", "Intermediate"
    EXPERT = "expert", "Expert"


class Duration(models.TextChoices):
    LESS_THAN_MONTH = "lt1m", "Less than 1 month"
    ONE_TO_THREE = "1to3m", "1 to 3 months"
    THREE_TO_SIX = "3to6m", "3 to 6 months"
    MORE_THAN_SIX = "gt6m", "More than 6 months"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public: anyone can find it and apply"
    INVITE_ONLY = "invite_only", "Invite-only: hidden from search, open to invited freelancers"


class Category(models.TextChoices):
    WEB = "web", "Web development"
    MOBILE = "mobile", "Mobile development"
    DESIGN = "design", "Design & creative"
    WRITING = "writing", "Writing & translation"
    DATA = "data", "Data science & analytics"
    MARKETING = "marketing", "Sales & marketing"
    ADMIN = "admin", "Admin support"
    OTHER = "other", "Other"


class JobPost(ConcurrentTransitionMixin, models.Model):
    """A client's job post. `status` changes only through the transitions below (each one is logged)."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_posts")
    title = models.CharField(max_length=120)
    description = models.TextField(max_length=10000)
    skills = TaggableManager("Skills", blank=True, help_text="A comma-separated list of skills.")
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    budget_type = models.CharField(max_length=10, choices=BudgetType.choices, default=BudgetType.HOURLY)
    hourly_min = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(Decimal("1"))]
    )
    hourly_max = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(Decimal("1"))]
    )
    fixed_budget = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(Decimal("5"))]
    )
    experience_level = models.CharField(
        max_length=20, choices=ExperienceLevel.choices, default=ExperienceLevel.INTERMEDIATE
    )
    duration = models.CharField(max_length=10, choices=Duration.choices, default=Duration.ONE_TO_THREE)
    hires_needed = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    visibility = models.CharField(max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC)
    status = FSMField(default=JobStatus.OPEN, choices=JobStatus.choices, protected=True, db_index=True)
    status_reason = models.TextField(blank=True)
    # The state a moderator suspended the job from, so reinstating puts it back where it was.
    suspended_from = models.CharField(max_length=20, choices=JobStatus.choices, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    client_last_viewed_at = models.DateTimeField(null=True, blank=True)
    # Screening found off-platform payment or free-work talk in the post: hidden from "Find work" and from
    # freelancers until a moderator decides (see jobs.moderation). Changed by services only.
    held_for_review = models.BooleanField(default=False, editable=False)
    # Find work's search document (title and skills weight A, description B), stored so a search reads an index
    # instead of parsing every job. Kept current by jobs.services.refresh_search_vectors; PostgreSQL only (a GIN
    # index, made by migration 0009); SQLite leaves it empty and searches with LIKE.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # "Find work": open public jobs, newest first.
            models.Index(fields=["status", "visibility", "-created_at"], name="job_find_work_idx"),
            # Only the jobs Find work lists, newest first: its COUNT and the fingerprint of its searches' cached
            # counts (count and latest `updated_at`) read this small index alone (an index-only scan on
            # PostgreSQL) instead of every job row, and its page walks it in order.
            models.Index(
                fields=["-created_at", "-id"],
                include=["updated_at"],
                condition=models.Q(status="open", visibility="public", held_for_review=False),
                name="job_listed_newest_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(hires_needed__gte=1), name="job_hires_needed_positive"),
            models.CheckConstraint(
                condition=models.Q(hourly_min__isnull=True)
                | models.Q(hourly_max__isnull=True)
                | models.Q(hourly_min__lte=models.F("hourly_max")),
                name="job_hourly_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    def clean(self) -> None:
        """Budget and text invariants, reported per field (a form shows them next to the inputs)."""
        super().clean()
        errors: dict[str, str] = {}
        if self.title is not None and not self.title.strip():
            errors["title"] = "Give the job a title."
        if self.description is not None and not self.description.strip():
            errors["description"] = "Describe the work: the description cannot be blank."
        if self.budget_type == BudgetType.HOURLY:
            if self.hourly_min is None:
                errors["hourly_min"] = "Enter the lowest hourly rate you would pay."
            if self.hourly_max is None:
                errors["hourly_max"] = "Enter the highest hourly rate you would pay."
            if self.hourly_min is not None and self.hourly_max is not None and self.hourly_min > self.hourly_max:
                errors["hourly_max"] = "The maximum hourly rate must be at least the minimum."
            self.fixed_budget = None
        elif self.budget_type == BudgetType.FIXED:
            if self.fixed_budget is None:
                errors["fixed_budget"] = "Enter the fixed price you would pay for the whole job."
            self.hourly_min = self.hourly_max = None
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status == JobStatus.OPEN

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def is_invite_only(self) -> bool:
        return self.visibility == Visibility.INVITE_ONLY

    @property
    def is_ended(self) -> bool:
        """Closed, filled or cancelled: the post stays readable but takes no proposals."""
        return self.status in ENDED_STATUSES

    @property
    def is_suspended(self) -> bool:
        return self.status == JobStatus.SUSPENDED

    @property
    def is_hourly(self) -> bool:
        return self.budget_type == BudgetType.HOURLY

    # Transitions change state only; services do the cascades, notifications and the activity log entry.
    @transition(field=status, source=JobStatus.OPEN, target=JobStatus.CLOSED)
    def close(self, reason: str = "") -> None:
        self.status_reason = reason

    @transition(field=status, source=JobStatus.OPEN, target=JobStatus.CANCELLED)
    def cancel(self, reason: str = "") -> None:
        self.status_reason = reason

    @transition(field=status, source=JobStatus.OPEN, target=JobStatus.FILLED)
    def fill(self) -> None:
        self.status_reason = ""

    @transition(field=status, source=[JobStatus.OPEN, JobStatus.CLOSED, JobStatus.FILLED], target=JobStatus.SUSPENDED)
    def suspend(self, reason: str = "") -> None:
        self.suspended_from = self.status
        self.status_reason = reason

    @transition(
        field=status,
        source=JobStatus.SUSPENDED,
        target=RETURN_VALUE(JobStatus.OPEN, JobStatus.CLOSED, JobStatus.FILLED),
    )
    def reinstate(self) -> str:
        """Back to the state it was suspended from (open when unknown)."""
        previous = self.suspended_from or JobStatus.OPEN
        self.suspended_from = ""
        self.status_reason = ""
        return previous


# Trust and safety -------------------------------------------------------------------------------------------------


class FlagReason(models.TextChoices):
    """Why a job or a client is flagged (DESIGN.md section 3)."""

    OFF_PLATFORM_PAYMENT = "off_platform_payment", "Asks for payment outside the platform"
    UNPAID_WORK = "unpaid_work", "Asks for free work or unpaid tests"
    WORK_BEFORE_CONTRACT = "work_before_contract", "Asks to start work before a contract"
    SCAM = "scam", "Scam or phishing (suspicious links or files)"
    SPAM = "spam", "Spam or duplicate"
    CONTACT_DETAILS = "contact_details", "Shares or asks for contact details"
    OTHER = "other", "Something else"


class FlagStatus(models.TextChoices):
    OPEN = "open", "Open"
    DISMISSED = "dismissed", "Dismissed"
    ACTIONED = "actioned", "Actioned"


class Flag(ConcurrentTransitionMixin, models.Model):
    """A report about a job, a client or a room, by a person or by the screening (no reporter).

    The target: `job` (a job post), or `user` alone (a client's profile), or `room` (a conversation, with
    the job it is about when the client wrote the flagged words). `user` is the person the flag is about.
    `status` changes only through the transitions below (called by `jobs.moderation`).
    """

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="flags_reported",
        help_text="Empty for a flag raised by the screening.",
    )
    job = models.ForeignKey(JobPost, on_delete=models.CASCADE, null=True, blank=True, related_name="flags")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="flags_received",
        verbose_name="flagged user",
    )
    room = models.ForeignKey("messaging.Room", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # "Report message": the message a person reported (its room and sender are `room` and `user`).
    message = models.ForeignKey("messaging.Message", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    reason = models.CharField(max_length=30, choices=FlagReason.choices)
    comment = models.TextField(max_length=1000, blank=True)
    hits = models.JSONField("screening hits", default=list, blank=True)
    hit_count = models.PositiveIntegerField("screening hits", default=0)
    snippet = models.TextField(blank=True)
    status = FSMField(default=FlagStatus.OPEN, choices=FlagStatus.choices, protected=True, db_index=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "job"],
                condition=models.Q(status="open", reporter__isnull=False, job__isnull=False),
                name="one_open_flag_per_reporter_per_job",
            ),
            models.UniqueConstraint(
                fields=["reporter", "user"],
                condition=models.Q(status="open", reporter__isnull=False, job__isnull=True, room__isnull=True),
                name="one_open_flag_per_reporter_per_client",
            ),
            # The screening keeps one open flag per room (later hits are added to it).
            models.UniqueConstraint(
                fields=["room"],
                condition=models.Q(status="open", reporter__isnull=True, room__isnull=False),
                name="one_open_system_flag_per_room",
            ),
            models.UniqueConstraint(
                fields=["reporter", "message"],
                condition=models.Q(status="open", reporter__isnull=False, message__isnull=False),
                name="one_open_flag_per_reporter_per_message",
            ),
            models.CheckConstraint(
                condition=models.Q(job__isnull=False) | models.Q(user__isnull=False) | models.Q(room__isnull=False),
                name="flag_has_a_target",
            ),
        ]
        indexes = [
            models.Index(fields=["reporter", "created_at"], name="flag_rate_limit_idx"),
            models.Index(fields=["job", "status"], name="flag_job_status_idx"),
        ]

    def __str__(self) -> str:
        target = self.job or self.room or self.user
        return f"{self.get_reason_display()}: {target}"

    @property
    def is_open(self) -> bool:
        return self.status == FlagStatus.OPEN

    @property
    def is_system(self) -> bool:
        return self.reporter_id is None

    def _decide(self, moderator, note: str, now) -> None:
        self.moderator = moderator
        self.decision_note = note
        self.decided_at = now

    @transition(field=status, source=FlagStatus.OPEN, target=FlagStatus.DISMISSED)
    def dismiss(self, *, moderator, note: str = "", now=None) -> None:
        self._decide(moderator, note, now)

    @transition(field=status, source=FlagStatus.OPEN, target=FlagStatus.ACTIONED)
    def action(self, *, moderator, note: str = "", now=None) -> None:
        self._decide(moderator, note, now)


class ModerationAction(models.TextChoices):
    SUSPEND_JOB = "suspend_job", "Suspended the job"
    REINSTATE_JOB = "reinstate_job", "Reinstated the job"
    DISMISS_FLAGS = "dismiss_flags", "Dismissed the flags"
    HOLD_JOB = "hold_job", "Held the job for review (screening)"
    MARK_PAYMENT_VERIFIED = "mark_payment_verified", "Marked the payment method verified"
    SUSPEND_CLIENT = "suspend_client", "Suspended the client"
    WARN_USER = "warn_user", "Warned the sender of a flagged room message"
    SUSPEND_USER = "suspend_user", "Suspended the sender of a flagged room message"
    REINSTATE_USER = "reinstate_user", "Reinstated the account"


class FlaggedJob(JobPost):
    """Job posts as the moderators' "Flagged jobs" queue sees them (the admin lists those with open flags)."""

    class Meta:
        proxy = True
        verbose_name = "flagged job"
        verbose_name_plural = "Flagged jobs"


class FlaggedRoom(Room):
    """Rooms as the moderators' "Flagged rooms" queue sees them (rooms with a flag, open or decided).

    Its admin, like `FlaggedJob`'s, is in `jobs/moderation_admin.py`.
    """

    class Meta:
        proxy = True
        verbose_name = "flagged room"
        verbose_name_plural = "Flagged rooms"


class SuspendedAccount(User):
    """People as the moderators' "Suspended accounts" list sees them: accounts a moderator suspended, to reinstate
    (the admin lists those that still cannot log in; `jobs/moderation_admin.py`)."""

    class Meta:
        proxy = True
        verbose_name = "suspended account"
        verbose_name_plural = "Suspended accounts"
