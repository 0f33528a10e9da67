"""Agencies (brief section 8): an account several freelancers belong to. It sends proposals naming one member
and holds agency contracts. Accounts are never shared: each member acts as themselves.

`Agency.status` and `AgencyMembership.status` are `FSMField(protected=True)`: only the transitions below change
them, and they do no I/O (the services in `services.py` lock, check, log and notify).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, transition
from taggit.managers import TaggableManager

from marketplace.fsm import ConcurrentTransitionMixin


class AgencyStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended by a moderator"


class Agency(ConcurrentTransitionMixin, models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(max_length=5000, blank=True)
    skills = TaggableManager(blank=True)
    status = FSMField(default=AgencyStatus.ACTIVE, choices=AgencyStatus.choices, protected=True, db_index=True)
    status_note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agencies:detail", args=[self.slug])

    @property
    def is_suspended(self) -> bool:
        return self.status == AgencyStatus.SUSPENDED

    @transition(field=status, source=AgencyStatus.ACTIVE, target=AgencyStatus.SUSPENDED)
    def suspend(self, *, note: str = "") -> None:
        self.status_note = note

    @transition(field=status, source=AgencyStatus.SUSPENDED, target=AgencyStatus.ACTIVE)
    def reinstate(self, *, note: str = "") -> None:
        self.status_note = note


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    ADMIN = "admin", "Admin"
    MEMBER = "member", "Member"


# Owners and admins add and remove members and assign them to contracts.
MANAGERS = (Role.OWNER, Role.ADMIN)


class MembershipStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACTIVE = "active", "Member"
    DECLINED = "declined", "Declined"
    REMOVED = "removed", "Removed"
    LEFT = "left", "Left"


LIVE_STATES = (MembershipStatus.INVITED, MembershipStatus.ACTIVE)


class AgencyMembership(ConcurrentTransitionMixin, models.Model):
    """One freelancer in one agency, from "Add member" (invited) to accepted, declined, removed or left."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agency_memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = FSMField(default=MembershipStatus.INVITED, choices=MembershipStatus.choices, protected=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The member's agreement that the agency may name them on proposals (they can take it back).
    may_be_named = models.BooleanField("agrees to be named on proposals", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    joined_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "user"],
                condition=models.Q(status__in=["invited", "active"]),
                name="one_live_membership_per_agency",
            )
        ]
        indexes = [models.Index(fields=["user", "status"], name="agency_membership_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} in {self.agency} ({self.get_role_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE

    @property
    def is_manager(self) -> bool:
        return self.is_active and self.role in MANAGERS

    @transition(field=status, source=MembershipStatus.INVITED, target=MembershipStatus.ACTIVE)
    def accept(self, *, now=None) -> None:
        self.joined_at = now or timezone.now()

    @transition(field=status, source=MembershipStatus.INVITED, target=MembershipStatus.DECLINED)
    def decline(self, *, now=None) -> None:
        self.ended_at = now or timezone.now()

    @transition(
        field=status, source=[MembershipStatus.INVITED, MembershipStatus.ACTIVE], target=MembershipStatus.REMOVED
    )
    def remove(self, *, now=None) -> None:
        self.ended_at = now or timezone.now()
        self.may_be_named = False

    @transition(field=status, source=MembershipStatus.ACTIVE, target=MembershipStatus.LEFT)
    def leave(self, *, now=None) -> None:
        self.ended_at = now or timezone.now()
        self.may_be_named = False
