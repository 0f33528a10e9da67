from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import FSMField


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


class Application(models.Model):
    """One freelancer's whole path through one job, begun by an invitation or a proposal."""

    job = models.ForeignKey("jobs.JobPost", on_delete=models.CASCADE, related_name="applications")
    freelancer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
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

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "freelancer"],
                condition=models.Q(status__in=OPEN_STATES),
                name="one_open_application_per_freelancer_per_job",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.freelancer} on {self.job}"

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES
