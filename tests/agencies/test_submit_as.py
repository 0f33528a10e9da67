""" "Submit as": proposals and invitation answers for an agency naming one member, who agreed or is the sender.
The application keeps both, the client sees both, and only the agency's members see it (removal is immediate)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from agencies import services as agency_services
from agencies.models import Role
from messaging.models import Membership, Notification, NotificationKind
from proposals import services
from proposals.models import Application, ApplicationStatus
from tests.factories import AgencyFactory, AgencyMembershipFactory, FreelancerFactory, JobPostFactory, UserFactory

from .helpers import flash, press, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    owner = FreelancerFactory(username="olga", first_name="Olga", last_name="Owner")
    return AgencyFactory(name="Pixel Forge", created_by=owner)


@pytest.fixture
def maria(agency):
    user = FreelancerFactory(username="maria", first_name="Maria", last_name="Silva")
    AgencyMembershipFactory(agency=agency, user=user)
    return user


@pytest.fixture
def job():
    return JobPostFactory(title="Booking site")


def submit(job, by, **kwargs) -> Application:
    return services.submit_proposal(
        job, by=by, cover_letter="We built three booking sites.", hourly_rate=Decimal("55.00"), **kwargs
    )


def test_the_owner_submits_for_the_agency_naming_a_member_who_agreed(agency, maria, job):
    owner = agency.created_by
    app = submit(job, owner, agency=agency, named=maria)
    assert (app.freelancer, app.agency, app.submitted_by, app.status) == (maria, agency, owner, ApplicationStatus.SENT)
    to_client = Notification.objects.get(recipient=job.client)
    assert to_client.text == "Pixel Forge (agency) sent a proposal for “Booking site”, naming Maria Silva ($55.00/hr)"
    to_maria = Notification.objects.get(recipient=maria)
    assert to_maria.kind == NotificationKind.AGENCY_PROPOSAL and "naming you" in to_maria.text
    # The named member already has an open application for the job: a second one is refused.
    with pytest.raises(services.ActionNotAllowed, match="Maria Silva already has an open application"):
        submit(job, owner, agency=agency, named=maria)


def test_a_member_who_has_not_agreed_cannot_be_named_but_can_submit_themselves(agency, job):
    shy = AgencyMembershipFactory(agency=agency, may_be_named=False).user
    with pytest.raises(ValidationError) as exc:
        submit(job, agency.created_by, agency=agency, named=shy)
    assert exc.value.message_dict == {"submit_as": [f"{shy} has not agreed to be named on Pixel Forge's proposals."]}
    app = submit(job, shy, agency=agency)
    assert (app.freelancer, app.agency) == (shy, agency)


def test_nobody_acts_for_an_agency_they_do_not_belong_to(agency, maria, job):
    stranger = FreelancerFactory()
    with pytest.raises(PermissionDenied, match="You are not a member of Pixel Forge"):
        submit(job, stranger, agency=agency, named=maria)
    with pytest.raises(PermissionDenied, match="Only an agency can name another freelancer"):
        submit(job, stranger, named=maria)
    outsider = FreelancerFactory()
    with pytest.raises(ValidationError, match="is not a member of Pixel Forge"):
        submit(job, agency.created_by, agency=agency, named=outsider)
    invitation = services.invite(job, stranger, by=job.client, message="Talk?")
    with pytest.raises(PermissionDenied, match="You are not a member of Pixel Forge"):
        services.accept_invitation(invitation, by=stranger, message="Yes", agency=agency)
    assert not Application.objects.filter(agency=agency).exists()


def test_a_suspended_agency_sends_no_proposals(agency, maria, job):
    moderator = UserFactory(is_staff=True, is_superuser=True)
    agency_services.suspend_agency(agency, by=moderator)
    agency.refresh_from_db()
    with pytest.raises(services.ActionNotAllowed, match="Pixel Forge is suspended by a moderator"):
        submit(job, maria, agency=agency)


def test_an_invited_member_answers_for_their_agency(agency, maria, job):
    invitation = services.invite(job, maria, by=job.client, message="Would you like to interview?")
    app = services.accept_invitation(invitation, by=maria, message="Our agency would love to.", agency=agency)
    app.refresh_from_db()
    assert (app.status, app.agency, app.freelancer) == (ApplicationStatus.ACTIVE, agency, maria)
    note = Notification.objects.filter(recipient=job.client).latest("id")
    assert (
        note.text == "Maria Silva accepted your invitation to interview for “Booking site” for the agency Pixel Forge"
    )


def test_submit_as_on_the_proposal_page_and_the_client_sees_agency_and_member(client, agency, maria, job):
    client.force_login(agency.created_by)
    page = client.get(reverse("hiring:submit_proposal", args=[job.pk]))
    options = dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', page.content.decode()))
    assert "Submit as" in text(page)
    assert options[""] == "Myself (Olga Owner)"
    value = next(v for v, label in options.items() if label == "Pixel Forge, naming Maria Silva")
    assert "Pixel Forge, naming me" in options.values()
    response = press(
        client,
        page,
        "Submit proposal",
        {"submit_as": value, "hourly_rate": "55.00", "cover_letter": "We built three booking sites."},
    )
    assert flash(response) == [
        "Pixel Forge's proposal is sent, naming Maria Silva ($55.00/hr). It is under Submitted proposals until "
        "the client replies."
    ]
    app = Application.objects.get()
    assert (app.agency, app.freelancer) == (agency, maria)
    assert "You see this application as a member of Pixel Forge" in text(response)

    client.force_login(job.client)
    applicants = text(client.get(reverse("hiring:applicants", args=[job.pk])))
    assert "Pixel Forge (agency), naming Maria Silva" in applicants
    detail = text(client.get(app.get_absolute_url()))
    assert "Agency: Pixel Forge · Named freelancer: Maria Silva" in detail


def test_freelancers_without_an_agency_see_no_submit_as(client, job):
    client.force_login(FreelancerFactory())
    assert "Submit as" not in text(client.get(reverse("hiring:submit_proposal", args=[job.pk])))


def test_only_members_see_the_agencys_application_and_removal_is_immediate(client, agency, maria, job):
    plain = AgencyMembershipFactory(agency=agency, role=Role.MEMBER).user
    admin = AgencyMembershipFactory(agency=agency, role=Role.ADMIN).user
    app = submit(job, agency.created_by, agency=agency, named=maria)
    app = services.respond(app, by=job.client, message="Tell me more.")
    url, room_url = app.get_absolute_url(), app.room.get_absolute_url()
    for person, sees in [(maria, True), (agency.created_by, True), (admin, True), (plain, False)]:
        client.force_login(person)
        assert (client.get(url).status_code == 200) is sees, person
    client.force_login(FreelancerFactory())
    assert client.get(url).status_code == 404
    client.force_login(maria)
    assert "Booking site" in text(client.get(reverse("proposals:list")))
    assert client.get(room_url).status_code == 200

    membership = agency.memberships.get(user=maria)
    agency_services.remove_member(membership, by=agency.created_by)
    assert client.get(url).status_code == 404
    assert client.get(room_url).status_code == 404
    assert not Membership.objects.filter(room=app.room, user=maria).exists()
    assert "Booking site" not in text(client.get(reverse("proposals:list")))
    # Nor can the removed member act on it through the services.
    with pytest.raises(PermissionDenied, match="no longer a member of the agency"):
        services.update_terms(app, by=maria, hourly_rate=Decimal("60.00"))


def test_suspending_an_agency_closes_its_open_applications(agency, maria, job):
    own = services.submit_proposal(JobPostFactory(), by=maria, cover_letter="On my own.", hourly_rate=Decimal("50.00"))
    sent = submit(job, agency.created_by, agency=agency, named=maria)
    other = JobPostFactory(title="Clinic app")
    active = services.respond(submit(other, maria, agency=agency), by=other.client, message="Hi")
    agency_services.suspend_agency(agency, by=UserFactory(is_staff=True, is_superuser=True), note="Spam")
    for app in (sent, active, own):
        app.refresh_from_db()
    assert (sent.status, active.status, own.status) == (
        ApplicationStatus.CLOSED,
        ApplicationStatus.CLOSED,
        ApplicationStatus.SENT,
    )
    assert Notification.objects.filter(
        recipient=job.client, text__contains="Pixel Forge's application for “Booking site” is closed"
    ).exists()
    assert active.room.messages.filter(sender=None, body__contains="Pixel Forge was suspended").exists()
