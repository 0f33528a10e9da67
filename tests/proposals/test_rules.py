"""The workflow's rules: who may create what, on which jobs, once; the reasons; contact details in declines."""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from contracts import services as contract_services
from jobs.models import JobStatus, Visibility
from proposals import services
from proposals.models import (
    Application,
    ApplicationStatus,
    DeclineReason,
    Origin,
    RejectReason,
    WithdrawReason,
    reason_label,
)
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory, UserFactory, build, offer_terms

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def _propose(job, freelancer, **kwargs):
    return services.submit_proposal(
        job, by=freelancer, cover_letter=kwargs.pop("cover_letter", "Hi"), hourly_rate=Decimal("40"), **kwargs
    )


# Creating applications ---------------------------------------------------------------------------------------
def test_submit_proposal_creates_a_sent_application(job, freelancer):
    app = _propose(job, freelancer, cover_letter="  I built three booking sites.  ")
    assert (app.status, app.origin, app.cover_letter, app.hourly_rate) == (
        S.SENT,
        Origin.PROPOSAL,
        "I built three booking sites.",
        Decimal("40.00"),
    )
    assert app.invited_at is None
    event = app.events.get()
    assert (event.action, event.from_state, event.to_state, event.actor) == ("submit", "", "sent", freelancer)


def test_invite_creates_an_invited_application(job, freelancer):
    app = services.invite(job, freelancer, by=job.client, message="Let's talk")
    assert (app.status, app.origin, app.invitation_message) == (S.INVITED, Origin.INVITATION, "Let's talk")
    assert app.invited_at is not None
    assert app.invitation_expires_at is not None


def test_invite_without_a_message_sends_a_standard_one(job, freelancer):
    app = services.invite(job, freelancer, by=job.client)
    assert job.title in app.invitation_message


@pytest.mark.parametrize("close", ["close", "cancel", "fill", "suspend"])
def test_a_job_that_is_not_open_refuses_proposals_invitations_and_offers(close, job):
    candidate = build(S.ACTIVE, job=job)  # an application left open by a job changed outside close_job
    getattr(job, close)()
    job.save()
    label = job.get_status_display().lower()

    with pytest.raises(services.ActionNotAllowed, match=f"is {label}, so proposals can no longer be sent"):
        _propose(job, FreelancerFactory())
    with pytest.raises(services.ActionNotAllowed, match=f"is {label}, so invitations can no longer be sent"):
        services.invite(job, FreelancerFactory(), by=job.client)
    with pytest.raises(services.ActionNotAllowed, match=f"is {label}, so an offer can no longer be sent"):
        services.send_offer(candidate, by=job.client, **offer_terms())
    assert Application.objects.filter(job=job).count() == 1
    candidate.refresh_from_db()
    assert candidate.status == S.ACTIVE


@pytest.mark.parametrize("to", [JobStatus.CLOSED, JobStatus.CANCELLED, JobStatus.SUSPENDED])
def test_after_close_job_no_new_proposals_invitations_or_offers(to, job):
    candidate = build(S.ACTIVE, job=job)
    moderator = UserFactory(is_staff=True, is_superuser=True)
    services.close_job(job, by=moderator if to == JobStatus.SUSPENDED else job.client, to=to)

    with pytest.raises(services.ActionNotAllowed):
        _propose(job, FreelancerFactory())
    with pytest.raises(services.ActionNotAllowed):
        services.invite(job, FreelancerFactory(), by=job.client)
    with pytest.raises(services.ActionNotAllowed, match="closed with the job"):
        services.send_offer(candidate, by=job.client, **offer_terms())


def test_a_filled_job_refuses_new_proposals_and_invitations(job):
    build(S.HIRED, job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.FILLED
    with pytest.raises(services.ActionNotAllowed, match="is filled"):
        _propose(job, FreelancerFactory())
    with pytest.raises(services.ActionNotAllowed, match="is filled"):
        services.invite(job, FreelancerFactory(), by=job.client)


def test_a_second_open_application_is_refused_with_a_clear_message(job, freelancer):
    _propose(job, freelancer)
    with pytest.raises(services.ActionNotAllowed, match="You already sent a proposal for this job"):
        _propose(job, freelancer)
    with pytest.raises(services.ActionNotAllowed, match="already sent a proposal for this job: invite them"):
        services.invite(job, freelancer, by=job.client)
    assert Application.objects.filter(job=job, freelancer=freelancer).count() == 1


def test_an_invited_freelancer_is_told_to_accept_instead_of_proposing(job, freelancer):
    services.invite(job, freelancer, by=job.client)
    with pytest.raises(services.ActionNotAllowed, match="accept the invitation instead"):
        _propose(job, freelancer)
    with pytest.raises(services.ActionNotAllowed, match="is already invited"):
        services.invite(job, freelancer, by=job.client)


def test_after_an_end_state_a_new_application_is_possible(job, freelancer):
    first = build(S.WITHDRAWN, job=job, freelancer=freelancer)
    second = _propose(job, freelancer)
    assert first.pk != second.pk
    first.refresh_from_db()
    assert first.status == S.WITHDRAWN


def test_a_hired_freelancer_cannot_apply_again(client_user, freelancer):
    job = JobPostFactory(client=client_user, hires_needed=2)
    build(S.HIRED, job=job, freelancer=freelancer)
    with pytest.raises(services.ActionNotAllowed, match="already hired"):
        _propose(job, freelancer)


def test_the_database_refuses_a_second_open_application(job, freelancer):
    Application.objects.create(job=job, freelancer=freelancer, origin=Origin.PROPOSAL, status=S.SENT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(job=job, freelancer=freelancer, origin=Origin.INVITATION, status=S.INVITED)


def test_a_race_past_the_check_is_caught_by_the_constraint(job, freelancer):
    _propose(job, freelancer)
    with (
        mock.patch.object(services.candidacy, "_refuse_second_application"),  # where `submit_proposal` looks it up
        pytest.raises(services.ActionNotAllowed, match="already an open application"),
    ):
        _propose(job, freelancer)
    assert Application.objects.filter(job=job, freelancer=freelancer).count() == 1


def test_invite_only_jobs_take_proposals_only_from_invited_freelancers(client_user):
    job = JobPostFactory(client=client_user, visibility=Visibility.INVITE_ONLY)
    stranger, invited = FreelancerFactory(), FreelancerFactory()
    with pytest.raises(services.ActionNotAllowed, match="invite-only"):
        _propose(job, stranger)

    build(S.DECLINED, job=job, freelancer=invited)  # invited once, declined, then changed their mind
    app = _propose(job, invited)
    assert app.status == S.SENT


def test_only_the_jobs_client_invites_and_only_freelancers_propose(job, freelancer):
    with pytest.raises(PermissionDenied, match="Only the client who posted this job"):
        services.invite(job, freelancer, by=ClientFactory())
    with pytest.raises(PermissionDenied, match="Only freelancers"):
        _propose(job, ClientFactory())
    with pytest.raises(PermissionDenied, match="your own job"):
        job.client.is_freelancer = True
        _propose(job, job.client)
    with pytest.raises(services.ActionNotAllowed, match="not an active freelancer"):
        services.invite(job, ClientFactory(), by=job.client)
    assert not Application.objects.exists()


# Input ---------------------------------------------------------------------------------------------------------
def test_proposal_needs_a_cover_letter_and_terms_that_match_the_job(job, fixed_job, freelancer):
    with pytest.raises(ValidationError) as err:
        services.submit_proposal(job, by=freelancer, cover_letter="  ", hourly_rate="40")
    assert err.value.message_dict == {"cover_letter": ["Write a cover letter for the client."]}
    with pytest.raises(ValidationError) as err:
        services.submit_proposal(job, by=freelancer, cover_letter="Hi", fixed_bid="400")
    assert "hourly_rate" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.submit_proposal(fixed_job, by=freelancer, cover_letter="Hi", fixed_bid="400")
    assert err.value.message_dict == {"estimated_duration": ["Say how long the work will take."]}
    with pytest.raises(ValidationError, match="at least"):
        services.submit_proposal(job, by=freelancer, cover_letter="Hi", hourly_rate="0.50")
    with pytest.raises(ValidationError, match="dollars and cents"):
        services.submit_proposal(job, by=freelancer, cover_letter="Hi", hourly_rate="40.005")
    assert not Application.objects.exists()


def test_offer_terms_are_checked():
    app = build(S.ACTIVE)
    client = app.job.client
    with pytest.raises(ValidationError, match="either an hourly rate"):
        services.send_offer(app, by=client, **offer_terms(fixed_price=Decimal("500")))
    with pytest.raises(ValidationError) as err:
        services.send_offer(app, by=client, **offer_terms(weekly_limit=None))
    assert "weekly_limit" in err.value.message_dict
    with pytest.raises(ValidationError, match="past"):
        services.send_offer(app, by=client, **offer_terms(start_date=offer_terms()["start_date"].replace(year=2020)))
    app.refresh_from_db()
    assert app.status == S.ACTIVE


@pytest.mark.parametrize(
    ("service", "choices", "state"),
    [
        ("decline_invitation", DeclineReason, S.INVITED),
        ("decline_offer", DeclineReason, S.OFFERED),
        ("withdraw", WithdrawReason, S.SENT),
        ("reject", RejectReason, S.SENT),
    ],
)
def test_reasons_come_from_the_list_and_other_needs_words(service, choices, state):
    app = build(state)
    by = app.job.client if service == "reject" else app.freelancer
    call = getattr(services, service)
    with pytest.raises(ValidationError) as err:
        call(app, by=by, reason="because")
    assert err.value.message_dict == {"reason": ["Choose a reason from the list."]}
    with pytest.raises(ValidationError) as err:
        call(app, by=by, reason=choices.OTHER, other_text="   ")
    assert "other_text" in err.value.message_dict
    app.refresh_from_db()
    assert app.status == state

    call(app, by=by, reason=choices.OTHER, other_text="The timing is wrong")
    event = app.events.last()
    assert (event.reason, event.reason_text, reason_label(event.reason, event.reason_text)) == (
        "other",
        "The timing is wrong",
        "Other: The timing is wrong",
    )


def test_reason_lists_match_the_brief():
    assert DeclineReason.labels == [
        "Not a fit for my skills",
        "Not interested in the work described",
        "Too busy",
        "The budget or rate is too low",
        "The client has too little history",
        "The client asked for free work",
        "The client asked to work or pay outside the platform",
        "Spam",
        "Other",
    ]
    assert WithdrawReason.labels == [
        "Applied by mistake",
        "Rate too low",
        "Scheduling conflict with the client",
        "Unresponsive client",
        "Inappropriate client behaviour",
        "Other",
    ]
    assert RejectReason.labels == [
        "Not the right skills",
        "Chose another freelancer",
        "Budget",
        "No longer hiring",
        "Other",
    ]


@pytest.mark.parametrize(
    "message",
    [
        "Write to me at fred@example.com instead",
        "Call me: +1 415 555 0100",
        "skype: fred.freelancer",
        "telegram @fredf",
        "whatsapp +44 7700 900123",
        "t.me/fredf",
        "fred at gmail dot com",
    ],
)
@pytest.mark.parametrize(("service", "state"), [("decline_invitation", S.INVITED), ("decline_offer", S.OFFERED)])
def test_contact_details_in_a_decline_message_are_refused(service, state, message):
    app = build(state)
    with pytest.raises(ValidationError) as err:
        getattr(services, service)(app, by=app.freelancer, reason=DeclineReason.TOO_BUSY, message=message)
    [error] = err.value.message_dict["message"]
    assert "contact details" in error
    assert "can't be passed when declining" in error
    app.refresh_from_db()
    assert app.status == state


def test_a_decline_message_without_contact_details_goes_through():
    app = build(S.INVITED)
    services.decline_invitation(
        app, by=app.freelancer, reason=DeclineReason.TOO_BUSY, message="Booked until March 2026, sorry."
    )
    assert app.status == S.DECLINED
    assert app.events.last().note == "Booked until March 2026, sorry."


def test_messages_are_required_where_they_start_a_conversation():
    app = build(S.SENT)
    with pytest.raises(ValidationError, match="Write a message to the freelancer"):
        services.respond(app, by=app.job.client, message=" ")
    app = build(S.INVITED)
    with pytest.raises(ValidationError, match="Write a message to the client"):
        services.accept_invitation(app, by=app.freelancer, message="")
    app = build(S.OFFERED)
    with pytest.raises(ValidationError, match="Write your question"):
        services.ask_clarification(app, by=app.freelancer, message="")


def test_double_click_on_accept_offer_returns_the_same_contract():
    app = build(S.OFFERED)
    first = contract_services.accept_offer(app, by=app.freelancer)
    second = contract_services.accept_offer(app, by=app.freelancer)
    assert first.pk == second.pk
    assert app.events.filter(action="accept_offer").count() == 1
