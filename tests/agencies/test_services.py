"""Agency services: create, "Add member" by username, accept/decline, remove, leave (the last owner stays), the
naming agreement and moderators' suspension. Every refusal says why; every change is logged once."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from agencies import selectors, services
from agencies.models import AgencyMembership, AgencyStatus, MembershipStatus, Role
from marketplace.activity.models import Activity
from messaging.models import Notification, NotificationKind
from tests.factories import AgencyFactory, AgencyMembershipFactory, ClientFactory, FreelancerFactory, UserFactory

pytestmark = pytest.mark.django_db
M = MembershipStatus


@pytest.fixture
def agency():
    return AgencyFactory(name="Pixel Forge")


@pytest.fixture
def owner(agency):
    return agency.created_by


def test_a_freelancer_creates_an_agency_and_owns_it():
    fred = FreelancerFactory()
    agency = services.create_agency(by=fred, name="  Pixel Forge ", description="Design", skills=["Figma", "CSS"])
    assert (agency.name, agency.slug) == ("Pixel Forge", "pixel-forge")
    assert sorted(agency.skills.names()) == ["CSS", "Figma"]
    mine = selectors.membership(agency, fred)
    assert (mine.role, mine.status, mine.may_be_named) == (Role.OWNER, M.ACTIVE, True)
    assert services.create_agency(by=fred, name="Pixel Forge").slug == "pixel-forge-2"
    assert Activity.objects.filter(action="create_agency").count() == 2


def test_only_freelancers_create_agencies_and_a_name_is_needed():
    with pytest.raises(PermissionDenied):
        services.create_agency(by=ClientFactory(), name="Acme agency")
    with pytest.raises(ValidationError) as exc:
        services.create_agency(by=FreelancerFactory(), name="   ")
    assert exc.value.message_dict == {"name": ["Give the agency a name."]}


def test_add_member_invites_a_freelancer_who_accepts(agency, owner):
    maria = FreelancerFactory(username="maria")
    invitation = services.invite_member(agency, by=owner, username="@Maria")
    assert (invitation.user, invitation.status, invitation.role) == (maria, M.INVITED, Role.MEMBER)
    assert not selectors.is_member(agency, maria)
    note = Notification.objects.get(recipient=maria)
    assert note.kind == NotificationKind.AGENCY_INVITATION and "Pixel Forge" in note.text
    services.accept_membership(invitation, by=maria)
    assert selectors.is_member(agency, maria)
    assert Notification.objects.filter(recipient=owner, kind=NotificationKind.AGENCY_MEMBERSHIP).count() == 1
    assert list(
        Activity.objects.filter(object_id=invitation.pk, action__endswith="member").values_list("action", flat=True)
    ) == ["invite_member"]
    with pytest.raises(services.ActionNotAllowed, match=re.escape("You already accepted this invitation.")):
        services.accept_membership(invitation, by=maria)


def test_add_member_refusals(agency, owner):
    FreelancerFactory(username="maria")
    UserFactory(username="bob", is_client=True)
    for username, error in [
        ("nobody", "There is no freelancer with the username “nobody”."),
        ("bob", "There is no freelancer with the username “bob”."),
        (owner.username, f"{owner.username} is already a member."),
    ]:
        with pytest.raises(ValidationError) as exc:
            services.invite_member(agency, by=owner, username=username)
        assert exc.value.message_dict == {"username": [error]}
    services.invite_member(agency, by=owner, username="maria")
    with pytest.raises(ValidationError, match=re.escape("maria is already invited.")):
        services.invite_member(agency, by=owner, username="maria")
    member = AgencyMembershipFactory(agency=agency).user
    with pytest.raises(PermissionDenied, match=re.escape("Only the agency's owners and admins can add members.")):
        services.invite_member(agency, by=member, username="maria")
    with pytest.raises(PermissionDenied):
        services.invite_member(agency, by=FreelancerFactory(), username="maria")


def test_an_admin_adds_members_but_not_owners(agency):
    admin = AgencyMembershipFactory(agency=agency, role=Role.ADMIN).user
    FreelancerFactory(username="lee")
    with pytest.raises(PermissionDenied, match=re.escape("Only an owner can add another owner.")):
        services.invite_member(agency, by=admin, username="lee", role=Role.OWNER)
    assert services.invite_member(agency, by=admin, username="lee", role=Role.ADMIN).role == Role.ADMIN


def test_the_invited_freelancer_declines_and_only_they_answer(agency, owner):
    maria = FreelancerFactory(username="maria")
    invitation = services.invite_member(agency, by=owner, username="maria")
    with pytest.raises(PermissionDenied):
        services.accept_membership(invitation, by=owner)
    services.decline_membership(invitation, by=maria)
    invitation.refresh_from_db()
    assert invitation.status == M.DECLINED and not selectors.is_member(agency, maria)
    with pytest.raises(services.ActionNotAllowed, match="You already declined"):
        services.accept_membership(invitation, by=maria)
    # Declined, the freelancer can be invited again.
    assert services.invite_member(agency, by=owner, username="maria").status == M.INVITED


HEARD: list[tuple] = []


def hear(*, agency, user, by) -> None:
    HEARD.append((agency, user, by))


def test_removal_takes_effect_at_once_and_is_announced(agency, owner, settings):
    membership = AgencyMembershipFactory(agency=agency)
    HEARD.clear()
    settings.AGENCY_MEMBERSHIP_ENDED = [*settings.AGENCY_MEMBERSHIP_ENDED, f"{__name__}.hear"]
    services.remove_member(membership, by=owner)
    assert [(agency, membership.user, owner)] == HEARD
    assert not selectors.is_member(agency, membership.user)
    assert not selectors.agencies_of(membership.user).exists()
    assert Notification.objects.filter(recipient=membership.user, text__contains="removed you").exists()
    with pytest.raises(services.ActionNotAllowed, match="is no longer a member"):
        services.remove_member(membership, by=owner)


def test_who_may_remove_whom(agency, owner):
    admin = AgencyMembershipFactory(agency=agency, role=Role.ADMIN)
    member = AgencyMembershipFactory(agency=agency)
    owner_membership = selectors.membership(agency, owner)
    with pytest.raises(PermissionDenied, match=re.escape("Only the agency's owners and admins can remove members.")):
        services.remove_member(admin, by=member.user)
    with pytest.raises(PermissionDenied, match=re.escape("Only an owner can remove another owner.")):
        services.remove_member(owner_membership, by=admin.user)
    with pytest.raises(services.ActionNotAllowed, match="Leave agency"):
        services.remove_member(owner_membership, by=owner)
    services.remove_member(member, by=admin.user)
    assert AgencyMembership.objects.get(pk=member.pk).status == M.REMOVED


def test_the_last_owner_cannot_leave_but_a_member_can(agency, owner):
    member = AgencyMembershipFactory(agency=agency)
    with pytest.raises(
        services.ActionNotAllowed, match=re.escape("You are the agency's last owner, so you can't leave it.")
    ):
        services.leave_agency(agency, by=owner)
    assert selectors.is_member(agency, owner)
    services.leave_agency(agency, by=member.user)
    assert AgencyMembership.objects.get(pk=member.pk).status == M.LEFT
    second = AgencyMembershipFactory(agency=agency, role=Role.OWNER)
    services.leave_agency(agency, by=owner)
    assert not selectors.is_member(agency, owner) and selectors.is_member(agency, second.user)
    with pytest.raises(PermissionDenied):
        services.leave_agency(agency, by=owner)


def test_a_member_agrees_to_be_named_and_takes_it_back(agency):
    membership = AgencyMembershipFactory(agency=agency, may_be_named=False)
    assert membership.user not in [m.user for m in selectors.nameable_members(agency)]
    services.set_may_be_named(agency, by=membership.user, agree=True)
    assert membership.user in [m.user for m in selectors.nameable_members(agency)]
    services.set_may_be_named(agency, by=membership.user, agree=False)
    assert membership.user not in [m.user for m in selectors.nameable_members(agency)]
    with pytest.raises(PermissionDenied):
        services.set_may_be_named(agency, by=FreelancerFactory(), agree=True)


def test_moderators_suspend_and_reinstate_an_agency(agency, owner):
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    with pytest.raises(PermissionDenied):
        services.suspend_agency(agency, by=owner)
    services.suspend_agency(agency, by=moderator, note="Spam proposals")
    agency.refresh_from_db()
    assert agency.status == AgencyStatus.SUSPENDED and agency.status_note == "Spam proposals"
    assert Notification.objects.filter(recipient=owner, text__contains="suspended").exists()
    FreelancerFactory(username="maria")
    with pytest.raises(services.ActionNotAllowed, match="This agency is suspended by a moderator"):
        services.invite_member(agency, by=owner, username="maria")
    with pytest.raises(services.ActionNotAllowed, match="already suspended"):
        services.suspend_agency(agency, by=moderator)
    services.reinstate_agency(agency, by=moderator)
    agency.refresh_from_db()
    assert agency.status == AgencyStatus.ACTIVE
    assert list(
        Activity.objects.filter(object_id=agency.pk, action__in=["suspend_agency", "reinstate_agency"]).values_list(
            "from_state", "to_state"
        )
    ) == [
        ("active", "suspended"),
        ("suspended", "active"),
    ]
