"""`close_job`: the job closes, is cancelled or suspended, and every open application of it closes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from jobs.models import JobPost, JobStatus
from messaging.models import Notification, NotificationKind
from proposals import services
from proposals.models import END_STATES, OPEN_STATES, Application, ApplicationStatus, OfferStatus
from tests.factories import ClientFactory, FreelancerFactory, UserFactory, build

pytestmark = pytest.mark.django_db

S = ApplicationStatus


@pytest.fixture
def moderator(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.mark.parametrize(
    ("to", "reason_code", "words"),
    [
        (JobStatus.CLOSED, "job_closed", "closed the job"),
        (JobStatus.CANCELLED, "job_cancelled", "cancelled the job"),
        (JobStatus.SUSPENDED, "job_suspended", "taken down by a moderator"),
    ],
)
def test_every_open_application_closes_and_end_states_stay(job, moderator, to, reason_code, words):
    open_apps = {state: build(state, job=job) for state in OPEN_STATES}
    ended = {state: build(state, job=job) for state in END_STATES if state not in (S.HIRED, S.CLOSED)}
    by = moderator if to == JobStatus.SUSPENDED else job.client

    returned = services.close_job(job, by=by, reason="Budget cut", to=to)

    assert returned.status == to
    assert job.status == to  # the caller's instance follows
    job.refresh_from_db()
    assert (job.status, job.status_reason) == (to, "Budget cut")
    for state, app in open_apps.items():
        app.refresh_from_db()
        assert app.status == S.CLOSED
        event = app.events.last()
        assert (event.action, event.from_state, event.to_state, event.reason, event.actor) == (
            "close",
            state,
            "closed",
            reason_code,
            None,
        )
    assert open_apps[S.OFFERED].latest_offer.status == OfferStatus.CLOSED
    for state, app in ended.items():
        app.refresh_from_db()
        assert app.status == state
    notes = Notification.objects.filter(kind=NotificationKind.JOB_CLOSED)
    assert sorted(notes.values_list("recipient", flat=True)) == sorted(a.freelancer_id for a in open_apps.values())
    assert all(words in n.text for n in notes)
    assert "Budget cut" not in " ".join(n.text for n in notes)  # the client's own note stays with them


def test_a_suspension_tells_the_client_with_the_moderators_reason(job, moderator):
    build(S.SENT, job=job)
    services.close_job(job, by=job.client)
    services.close_job(job, by=moderator, reason="Asks for payment outside the platform", to=JobStatus.SUSPENDED)
    [note] = Notification.objects.filter(kind=NotificationKind.JOB_SUSPENDED)
    assert note.recipient == job.client
    assert note.context["note"] == "Asks for payment outside the platform"
    assert Notification.objects.filter(kind=NotificationKind.JOB_CLOSED).count() == 1  # once, at the close


def test_rooms_get_a_system_message(job):
    app = build(S.ACTIVE, job=job)
    services.close_job(job, by=job.client)
    assert app.room.messages.filter(sender__isnull=True, body__contains="no longer open").exists()


def test_only_the_client_closes_and_only_moderators_suspend(job, moderator):
    app = build(S.SENT, job=job)
    with pytest.raises(PermissionDenied):
        services.close_job(job, by=app.freelancer)
    with pytest.raises(PermissionDenied):
        services.close_job(job, by=ClientFactory())
    with pytest.raises(PermissionDenied, match="Only moderators"):
        services.close_job(job, by=job.client, to=JobStatus.SUSPENDED)
    with pytest.raises(PermissionDenied):
        services.close_job(job, by=moderator, to=JobStatus.CLOSED)
    with pytest.raises(ValueError):
        services.close_job(job, by=job.client, to=JobStatus.FILLED)
    job.refresh_from_db()
    app.refresh_from_db()
    assert (job.status, app.status) == (JobStatus.OPEN, S.SENT)


def test_a_closed_job_cannot_be_closed_again_but_can_be_suspended(job, moderator):
    services.close_job(job, by=job.client)
    with pytest.raises(services.ActionNotAllowed, match="is closed, so it can't be closed now"):
        services.close_job(job, by=job.client)
    services.close_job(job, by=moderator, to=JobStatus.SUSPENDED)
    job.refresh_from_db()
    assert job.status == JobStatus.SUSPENDED


def test_closing_one_job_leaves_other_jobs_alone(job):
    mine = build(S.SENT, job=job)
    elsewhere = build(S.SENT, freelancer=mine.freelancer)
    services.close_job(job, by=job.client)
    elsewhere.refresh_from_db()
    assert elsewhere.status == S.SENT


def test_a_freelancer_whose_application_closed_may_apply_when_the_job_is_reinstated(job, moderator):
    app = build(S.SENT, job=job)
    services.close_job(job, by=moderator, to=JobStatus.SUSPENDED)
    job.refresh_from_db()
    job.reinstate()
    job.save()
    again = services.submit_proposal(job, by=app.freelancer, cover_letter="Still keen", hourly_rate="40")
    assert again.status == S.SENT
    app.refresh_from_db()
    assert app.status == S.CLOSED  # an end state never changes


def test_ended_at_is_set(job):
    app = build(S.INVITED, job=job, freelancer=FreelancerFactory())
    before = timezone.now()
    services.close_job(job, by=job.client)
    app = Application.objects.get(pk=app.pk)
    assert app.ended_at >= before


def test_closing_a_stale_instance_reads_the_database_state(job):
    stale = JobPost.objects.get(pk=job.pk)
    returned = services.close_job(job, by=job.client, reason="  Found someone already.  ")
    assert returned.status == job.status == JobStatus.CLOSED  # the caller's instance is brought up to date
    assert job.status_reason == "Found someone already."
    with pytest.raises(services.ActionNotAllowed, match="is closed, so it can't be cancelled now"):
        services.close_job(stale, by=job.client, to=JobStatus.CANCELLED)
