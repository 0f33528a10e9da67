"""Agency pages through real requests, by the labels people read: "Create agency", the profile with its members,
"Add member", "Accept"/"Decline", "Remove", "Leave agency", and who may do what."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies import selectors
from agencies.models import Agency, MembershipStatus, Role
from tests.factories import AgencyFactory, AgencyMembershipFactory, ClientFactory, FreelancerFactory

from .helpers import flash, press, text

pytestmark = pytest.mark.django_db


def test_create_agency_then_add_a_member_who_accepts(client):
    owner = FreelancerFactory(username="olga")
    maria = FreelancerFactory(username="maria", first_name="Maria", last_name="Silva")
    client.force_login(owner)
    page = client.get(reverse("agencies:mine"))
    assert "Create agency" in text(page)
    form = client.get(reverse("agencies:create"))
    assert "Agency name" in text(form) and "Skills" in text(form)
    response = press(
        client, form, "Create agency", {"name": "Pixel Forge", "description": "Web shop", "skills": "Django, CSS"}
    )
    agency = Agency.objects.get()
    assert response.redirect_chain[-1][0] == "/agencies/pixel-forge/"
    assert flash(response) == ["Your agency “Pixel Forge” is created. Add members to it below."]
    page = text(response)
    assert "Pixel Forge" in page and "Django" in page and "Owner" in page and "Jobs done" in page
    response = press(client, response, "Add member", {"username": "maria", "role": Role.MEMBER})
    assert flash(response) == ["maria is invited. They become a member when they accept."]
    assert "Invited" in text(response) and "Withdraw invitation" in text(response)

    client.force_login(maria)
    mine = text(client.get(reverse("agencies:mine")))
    assert "Pixel Forge" in mine and "Invitation waiting for your answer" in mine
    page = client.get(agency.get_absolute_url())
    assert "You are invited to join Pixel Forge" in text(page)
    response = press(client, page, "Accept")
    assert flash(response) == ["You joined Pixel Forge."]
    assert selectors.is_member(agency, maria)
    page = text(response)
    assert "Maria Silva" in page and "Leave agency" in page and "Add member" not in page
    response = press(client, response, "Agree to be named on proposals")
    assert flash(response) == ["Pixel Forge may now name you on the proposals it sends."]
    # A second click on an answered invitation is harmless.
    response = client.post(reverse("agencies:accept", args=[agency.slug]), follow=True)
    assert flash(response) == ["You are already a member of Pixel Forge."]


def test_add_member_shows_the_error_next_to_the_form(client):
    agency = AgencyFactory()
    client.force_login(agency.created_by)
    page = client.get(agency.get_absolute_url())
    response = client.post(reverse("agencies:add_member", args=[agency.slug]), {"username": "ghost", "role": "member"})
    assert response.status_code == 400
    assert "There is no freelancer with the username “ghost”." in text(response)
    assert "Add member" in text(page)


def test_the_invited_freelancer_declines(client):
    agency = AgencyFactory(name="Pixel Forge")
    invitation = AgencyMembershipFactory(agency=agency, status=MembershipStatus.INVITED, joined_at=None)
    client.force_login(invitation.user)
    response = press(client, client.get(agency.get_absolute_url()), "Decline")
    assert flash(response) == ["You declined the invitation to Pixel Forge."]
    invitation.refresh_from_db()
    assert invitation.status == MembershipStatus.DECLINED


def test_an_owner_removes_a_member_by_the_remove_button(client):
    agency = AgencyFactory()
    member = AgencyMembershipFactory(agency=agency)
    client.force_login(agency.created_by)
    response = press(client, client.get(agency.get_absolute_url()), f"Remove {member.user.username}")
    assert flash(response) == [f"{member.user.username} is no longer a member of {agency.name}."]
    assert not selectors.is_member(agency, member.user)
    assert member.user.display_name not in text(response)


def test_members_cannot_manage_and_strangers_cannot_act(client):
    agency = AgencyFactory()
    member = AgencyMembershipFactory(agency=agency)
    client.force_login(member.user)
    page = text(client.get(agency.get_absolute_url()))
    assert "Add member" not in page and "Remove" not in page
    assert client.post(reverse("agencies:add_member", args=[agency.slug]), {"username": "x"}).status_code == 403
    owner_membership = selectors.membership(agency, agency.created_by)
    response = client.post(reverse("agencies:remove_member", args=[agency.slug, owner_membership.pk]), follow=True)
    assert flash(response) == ["Only the agency's owners and admins can remove members."]
    client.force_login(ClientFactory())
    assert client.get(reverse("agencies:create")).status_code == 403
    assert client.post(reverse("agencies:accept", args=[agency.slug])).status_code == 404
    assert client.get(reverse("agencies:accept", args=[agency.slug])).status_code == 405


def test_the_last_owner_is_told_they_cannot_leave(client):
    agency = AgencyFactory(name="Pixel Forge")
    client.force_login(agency.created_by)
    response = press(client, client.get(agency.get_absolute_url()), "Leave agency")
    assert flash(response) == ["You are the agency's last owner, so you can't leave it. Add another owner first."]
    assert selectors.is_member(agency, agency.created_by)


def test_anyone_reads_the_profile_but_not_the_invitations(client):
    agency = AgencyFactory(name="Pixel Forge")
    invited = AgencyMembershipFactory(agency=agency, status=MembershipStatus.INVITED, joined_at=None)
    page = text(client.get(agency.get_absolute_url()))
    assert "Pixel Forge" in page and agency.created_by.display_name in page
    assert invited.user.display_name not in page and "Add member" not in page
    assert client.get("/agencies/no-such-agency/").status_code == 404


def test_an_agency_skill_too_long_is_refused_not_cut(client):
    owner = FreelancerFactory()
    client.force_login(owner)
    form = client.get(reverse("agencies:create"))
    response = press(client, form, "Create agency", {"name": "Pixel Forge", "skills": "Django, " + "y" * 60})
    assert "A skill name has at most 50 characters." in text(response)
    assert not Agency.objects.exists()


def test_removing_a_former_member_is_refused_to_a_non_manager_before_any_state_is_told(client):
    agency = AgencyFactory(name="Pixel Forge")
    gone = AgencyMembershipFactory(agency=agency, status=MembershipStatus.REMOVED)
    plain = AgencyMembershipFactory(agency=agency)
    client.force_login(plain.user)
    response = client.post(reverse("agencies:remove_member", args=[agency.slug, gone.pk]), follow=True)
    assert flash(response) == ["Only the agency's owners and admins can remove members."]


@pytest.mark.parametrize("rows", [3, 60])
def test_agency_page_query_budget(client, rows, django_assert_max_num_queries):
    agency = AgencyFactory()
    agency.skills.add("Django", "CSS")
    for _ in range(rows - 1):
        AgencyMembershipFactory(agency=agency)
    client.force_login(agency.created_by)
    # session, user, agency, skills, members, jobs done and rating, and the header's two unread counts
    with django_assert_max_num_queries(8):
        response = client.get(agency.get_absolute_url())
    assert len(response.context["members"]) == rows
    client.logout()
    with django_assert_max_num_queries(4):  # the agency, its skills, its members, jobs done and rating
        response = client.get(agency.get_absolute_url())
    assert len(response.context["members"]) == rows


def test_a_member_stops_being_named_then_leaves(client):
    agency = AgencyFactory(name="Pixel Forge")
    member = AgencyMembershipFactory(agency=agency)
    client.force_login(member.user)
    response = press(client, client.get(agency.get_absolute_url()), "Stop being named on proposals")
    assert flash(response) == ["Pixel Forge can no longer name you on new proposals."]
    assert not selectors.membership(agency, member.user).may_be_named
    response = press(client, response, "Leave agency")
    assert flash(response) == ["You left Pixel Forge."]
    assert not selectors.is_member(agency, member.user)
    response = client.post(reverse("agencies:leave", args=[agency.slug]), follow=True)
    assert flash(response) == ["You are not a member of Pixel Forge."]
    response = client.post(reverse("agencies:naming", args=[agency.slug]), {"agree": "yes"}, follow=True)
    assert flash(response) == ["You are not a member of this agency."]


def test_an_owner_withdraws_an_invitation(client):
    agency = AgencyFactory(name="Pixel Forge")
    invited = AgencyMembershipFactory(agency=agency, status=MembershipStatus.INVITED, joined_at=None)
    client.force_login(agency.created_by)
    page = client.get(agency.get_absolute_url())
    response = press(client, page, f"Withdraw the invitation to {invited.user.username}")
    assert flash(response) == [f"{invited.user.username} is no longer a member of Pixel Forge."]
    invited.refresh_from_db()
    assert invited.status == MembershipStatus.REMOVED
    response = client.post(reverse("agencies:remove_member", args=[agency.slug, invited.pk]), follow=True)
    assert flash(response) == [f"{invited.user.username} is no longer a member."]
    client.force_login(invited.user)
    response = client.post(reverse("agencies:accept", args=[agency.slug]), follow=True)
    assert flash(response) == ["This invitation was withdrawn."]
    assert client.post("/agencies/no-such-agency/leave/").status_code == 404
    assert client.post(reverse("agencies:remove_member", args=[agency.slug, 999999])).status_code == 404


@pytest.mark.parametrize("rows", [3, 60])
def test_my_agencies_query_budget(client, rows, django_assert_max_num_queries):
    freelancer = FreelancerFactory()
    for i in range(rows):
        status = MembershipStatus.INVITED if i % 3 == 0 else MembershipStatus.ACTIVE
        AgencyMembershipFactory(user=freelancer, status=status, joined_at=None if i % 3 == 0 else timezone.now())
    client.force_login(freelancer)
    # session, user, memberships with their agencies, and the header's two unread counts
    with django_assert_max_num_queries(6):
        response = client.get(reverse("agencies:mine"))
    assert len(response.context["memberships"]) == rows
