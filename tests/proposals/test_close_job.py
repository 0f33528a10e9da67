"""`close_job`: the job closes, is cancelled or suspended, and every open application of it closes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobs.models import JobPost, JobStatus
from marketplace.activity.models import Activity
from messaging.models import Notification, NotificationKind
from proposals import services
from proposals.models import END_STATES, OPEN_STATES, Application, ApplicationStatus, OfferStatus
from tests.factories import (
    ClientFactory,
    FreelancerFactory,
    JobPostFactory,
    UserFactory,
    build,
    bulk_applications,
)

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


# Closing is written in bulk (README "Performance"): its queries do not grow with the open applications (the
# last one reloads the caller's job instance, `sync`).
CLOSE_JOB_QUERIES = 16


def _job_with_open_applications(count: int) -> JobPost:
    """A job with an invitation, a proposal, an active candidacy (a room) and an offer, plus bulk proposals."""
    job = JobPostFactory()
    for state in (S.INVITED, S.SENT, S.ACTIVE, S.OFFERED):
        build(state, job=job)
    bulk_applications(count - 4, job=job)
    return job


@pytest.mark.parametrize("count", [4, 50])
def test_close_job_query_budget_does_not_grow_with_the_applications(
    count, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    job = _job_with_open_applications(count)
    with django_capture_on_commit_callbacks() as callbacks, django_assert_max_num_queries(CLOSE_JOB_QUERIES):
        services.close_job(job, by=job.client, reason="Budget cut")
    assert len(callbacks) == 1  # every email enqueued together, after the commit
    assert Application.objects.filter(job=job, status=S.CLOSED).count() == count
    assert Notification.objects.filter(kind=NotificationKind.JOB_CLOSED).count() == count
    assert Activity.objects.filter(application__job=job, action="close").count() == count


def test_close_job_makes_the_same_queries_with_4_and_50_open_applications():
    """Belt and braces: the exact count, not only the budget, is the same."""
    counts = []
    for count in (4, 50):
        job = _job_with_open_applications(count)
        with CaptureQueriesContext(connection) as queries:
            services.close_job(job, by=job.client)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1] <= CLOSE_JOB_QUERIES


def test_closing_in_bulk_writes_what_closing_one_by_one_did(job):
    """Each application gets its own event (its own from-state), note in its own room, and notification with its
    own link; the open offer closes; the caller's instances can be saved again afterwards."""
    apps = {state: build(state, job=job) for state in (S.SENT, S.ACTIVE, S.OFFERED)}
    before = {app.room_id: app.room.last_message_at for app in apps.values() if app.room_id}

    closed = services.close_open_applications(job, reason="job_filled")

    assert sorted(a.pk for a in closed) == sorted(a.pk for a in apps.values())
    for state, app in apps.items():
        [event] = app.events.filter(action="close")
        assert (event.from_state, event.to_state, event.reason) == (state, S.CLOSED, "job_filled")
        [note] = Notification.objects.filter(recipient=app.freelancer, kind=NotificationKind.JOB_CLOSED)
        assert note.url == app.get_absolute_url()
        assert note.context["application_id"] == app.pk
        assert "has been filled" in note.text
        if app.room_id is not None:
            assert note.context["room_url"] == app.room.get_absolute_url()
            newest = app.room.messages.order_by("-created_at").first()
            assert newest.body == "This job is no longer open, so this application is closed."
            app.room.refresh_from_db()
            assert app.room.last_message_at == newest.created_at > before[app.room_id]
        else:
            assert "room_url" not in note.context
    assert apps[S.OFFERED].latest_offer.status == OfferStatus.CLOSED
    for app in closed:
        assert app.status == S.CLOSED
        app.save()  # the in-memory state matches the database (no ConcurrentTransition)
