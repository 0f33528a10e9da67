from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, transition
from taggit.managers import TaggableManager


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


class JobPost(models.Model):
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_posts")
    title = models.CharField(max_length=120)
    description = models.TextField(max_length=10000)
    skills = TaggableManager(blank=True, help_text="A comma-separated list of skills.")
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
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    client_last_viewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hires_needed__gte=1), name="job_hires_needed_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == JobStatus.OPEN

    # Transitions change state only; services do the cascades and notifications.
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
        self.status_reason = reason

    @transition(field=status, source=JobStatus.SUSPENDED, target=JobStatus.OPEN)
    def reinstate(self) -> None:
        self.status_reason = ""
