from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from taggit.managers import TaggableManager


class User(AbstractUser):
    """A person. Roles are flags, not user types, so one account can later hold both."""

    email = models.EmailField("email address", unique=True)
    is_client = models.BooleanField(default=False)
    is_freelancer = models.BooleanField(default=False)
    # Set while a moderator's suspension keeps the account from logging in, so the login page can say so; an
    # account switched off another way (a superuser unticking "active") is not called suspended.
    suspended_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)

    @property
    def is_moderator(self) -> bool:
        return self.is_staff and (self.is_superuser or any(g.name == "Moderators" for g in self.groups.all()))

    def get_absolute_url(self) -> str:
        # A freelancer's profile page belongs to the hiring layer (response time, "Invite to interview"): the
        # project points freelancers there with ABSOLUTE_URL_OVERRIDES (settings), so accounts never names it.
        return reverse("accounts:client_profile", args=[self.username])


class FreelancerProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="freelancer_profile")
    title = models.CharField(max_length=120, blank=True)
    overview = models.TextField(max_length=5000, blank=True)
    hourly_rate = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1.00"))],
        help_text="In USD per hour.",
    )
    skills = TaggableManager(blank=True, help_text="A comma-separated list of skills.")

    def __str__(self) -> str:
        return f"Freelancer profile of {self.user}"


class ClientProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="client_profile")
    company_name = models.CharField(max_length=120, blank=True)
    location = models.CharField(max_length=120, blank=True)
    payment_verified = models.BooleanField("payment method verified", default=False)

    def __str__(self) -> str:
        return f"Client profile of {self.user}"
