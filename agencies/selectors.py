"""Who belongs to which agency: the reads every layer above uses to decide access (each one query or a subquery)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import MANAGERS, Agency, AgencyMembership, MembershipStatus, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from marketplace.accounts.models import User

    # Whoever is looking: a signed-in user, an anonymous visitor or nobody (a background task).
    Viewer = User | AnonymousUser | None
    # A subquery of agency ids (`.values("agency_id")`), for `agency_id__in=` / `pk__in=`.
    AgencyIds = QuerySet[AgencyMembership, Mapping[str, object]]


def membership(agency: Agency | int, user: Viewer) -> AgencyMembership | None:
    """`user`'s active membership of `agency`, or None (one query)."""
    if user is None or not user.is_authenticated:
        return None
    return AgencyMembership.objects.filter(
        agency_id=getattr(agency, "pk", agency), user=user, status=MembershipStatus.ACTIVE
    ).first()


def is_member(agency: Agency | int, user: Viewer) -> bool:
    return membership(agency, user) is not None


def agency_ids(user: Viewer, *, roles: tuple[str, ...] | None = None) -> AgencyIds:
    """A subquery of the agencies `user` is an active member of (optionally with one of `roles`)."""
    if user is None or not user.is_authenticated:
        return AgencyMembership.objects.none().values("agency_id")
    qs = AgencyMembership.objects.filter(user=user, status=MembershipStatus.ACTIVE)
    if roles is not None:
        qs = qs.filter(role__in=roles)
    return qs.values("agency_id")


def active_roles(user: Viewer) -> dict[int, str]:
    """The agencies `user` is an active member of, with their role in each (one query)."""
    if user is None or not user.is_authenticated:
        return {}
    rows = AgencyMembership.objects.filter(user=user, status=MembershipStatus.ACTIVE).values_list("agency_id", "role")
    return dict(rows)


def managed_agency_ids(user: Viewer) -> AgencyIds:
    return agency_ids(user, roles=MANAGERS)


def active_members(agency: Agency | int) -> QuerySet[AgencyMembership]:
    """The agency's active members with their users, by name (one query)."""
    return (
        AgencyMembership.objects.filter(agency_id=getattr(agency, "pk", agency), status=MembershipStatus.ACTIVE)
        .select_related("user")
        .order_by("user__first_name", "user__username")
    )


def agencies_of(user: Viewer) -> QuerySet[Agency]:
    """The active agencies `user` is an active member of, by name."""
    return Agency.objects.filter(pk__in=agency_ids(user))


def nameable_members(agency: Agency) -> QuerySet[AgencyMembership]:
    """Active members who agreed to be named on proposals."""
    return agency.memberships.filter(status=MembershipStatus.ACTIVE, may_be_named=True).select_related("user")


def my_memberships(user: User) -> QuerySet[AgencyMembership]:
    """`user`'s invitations and active memberships, with the agency (one query)."""
    return (
        AgencyMembership.objects.filter(user=user, status__in=[MembershipStatus.INVITED, MembershipStatus.ACTIVE])
        .select_related("agency")
        .annotate(
            member_count=Count("agency__memberships", filter=Q(agency__memberships__status=MembershipStatus.ACTIVE))
        )
        .order_by("agency__name")
    )


ROLE_ORDER = {Role.OWNER: 0, Role.ADMIN: 1, Role.MEMBER: 2}


def profile(slug: str) -> Agency | None:
    """The agency with its skills and its active and invited members (three queries)."""
    live = AgencyMembership.objects.filter(
        status__in=[MembershipStatus.INVITED, MembershipStatus.ACTIVE]
    ).select_related("user", "user__freelancer_profile")
    return (
        Agency.objects.filter(slug=slug)
        # django-taggit ships no types, so the plugin cannot see that its TaggableManager `skills` prefetches.
        .prefetch_related("skills", Prefetch("memberships", queryset=live, to_attr="live_memberships"))  # type: ignore[misc]
        .first()
    )
