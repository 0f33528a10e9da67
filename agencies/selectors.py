"""Who belongs to which agency: the reads every layer above uses to decide access (each one query or a subquery)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import MANAGERS, Agency, AgencyMembership, MembershipStatus, Role


def membership(agency: Agency | int, user) -> AgencyMembership | None:
    """`user`'s active membership of `agency`, or None (one query)."""
    if user is None or not user.is_authenticated:
        return None
    return AgencyMembership.objects.filter(
        agency_id=getattr(agency, "pk", agency), user=user, status=MembershipStatus.ACTIVE
    ).first()


def is_member(agency: Agency | int, user) -> bool:
    return membership(agency, user) is not None


def agency_ids(user, *, roles: tuple[str, ...] | None = None) -> QuerySet[AgencyMembership]:
    """A subquery of the agencies `user` is an active member of (optionally with one of `roles`)."""
    if user is None or not user.is_authenticated:
        return AgencyMembership.objects.none().values("agency_id")
    qs = AgencyMembership.objects.filter(user=user, status=MembershipStatus.ACTIVE)
    if roles is not None:
        qs = qs.filter(role__in=roles)
    return qs.values("agency_id")


def active_roles(user) -> dict[int, str]:
    """The agencies `user` is an active member of, with their role in each (one query)."""
    if user is None or not user.is_authenticated:
        return {}
    rows = AgencyMembership.objects.filter(user=user, status=MembershipStatus.ACTIVE).values_list("agency_id", "role")
    return dict(rows)


def managed_agency_ids(user) -> QuerySet[AgencyMembership]:
    return agency_ids(user, roles=MANAGERS)


def active_members(agency: Agency | int) -> QuerySet[AgencyMembership]:
    """The agency's active members with their users, by name (one query)."""
    return (
        AgencyMembership.objects.filter(agency_id=getattr(agency, "pk", agency), status=MembershipStatus.ACTIVE)
        .select_related("user")
        .order_by("user__first_name", "user__username")
    )


def agencies_of(user) -> QuerySet[Agency]:
    """The active agencies `user` is an active member of, by name."""
    return Agency.objects.filter(pk__in=agency_ids(user))


def nameable_members(agency: Agency) -> QuerySet[AgencyMembership]:
    """Active members who agreed to be named on proposals."""
    return agency.memberships.filter(status=MembershipStatus.ACTIVE, may_be_named=True).select_related("user")


def my_memberships(user) -> QuerySet[AgencyMembership]:
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
        .prefetch_related("skills", Prefetch("memberships", queryset=live, to_attr="live_memberships"))
        .first()
    )
