"""The one activity log: every state-changing service writes exactly one entry per change (one test per service
family), and the application timeline reads from it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from contracts import services as contract_services
from contracts.models import ContractStatus
from jobs import moderation as job_moderation
from jobs.models import FlagStatus, JobStatus, ModerationAction
from marketplace.activity.models import Activity
from marketplace.activity.services import activity_for, log_action, log_actions
from proposals import selectors, services
from proposals.models import ApplicationStatus as S
from tests.factories import FlagFactory, FreelancerFactory, JobPostFactory, ModeratorFactory, build, hire, offer_terms

pytestmark = pytest.mark.django_db


def _since(mark: int) -> list[tuple[str, str, str, str]]:
    """(model, action, from, to) of the entries written after `mark`, oldest first."""
    return [
        (a.content_type.model, a.action, a.from_state, a.to_state)
        for a in Activity.objects.filter(pk__gt=mark).select_related("content_type").order_by("pk")
    ]


def _mark() -> int:
    last = Activity.objects.order_by("-pk").first()
    return last.pk if last else 0


def test_job_services_write_one_entry_per_change():
    job = JobPostFactory()
    mark = _mark()
    services.close_job(job, by=job.client, reason="Hired elsewhere")
    assert _since(mark) == [("jobpost", "close", JobStatus.OPEN, JobStatus.CLOSED)]
    entry = activity_for(job).get()
    assert (entry.actor, entry.note) == (job.client, "Hired elsewhere")


def test_application_services_write_one_entry_per_change():
    job, freelancer = JobPostFactory(), FreelancerFactory()
    mark = _mark()
    app = services.submit_proposal(job, by=freelancer, cover_letter="I can.", hourly_rate=Decimal("40.00"))
    assert _since(mark) == [("application", "submit", "", S.SENT)]
    mark = _mark()
    services.respond(app, by=job.client, message="Tell me more.")
    assert _since(mark) == [("application", "respond", S.SENT, S.ACTIVE)]
    mark = _mark()
    services.send_offer(app, by=job.client, **offer_terms())
    assert _since(mark) == [("application", "send_offer", S.ACTIVE, S.OFFERED)]


def test_closing_a_job_logs_the_job_and_each_open_application_once():
    job = JobPostFactory()
    first, second = build(S.SENT, job=job), build(S.ACTIVE, job=job)
    mark = _mark()
    services.close_job(job, by=job.client, reason="No longer needed")
    assert _since(mark) == [
        ("jobpost", "close", JobStatus.OPEN, JobStatus.CLOSED),
        ("application", "close", S.SENT, S.CLOSED),
        ("application", "close", S.ACTIVE, S.CLOSED),
    ]
    assert [first.events.last().action, second.events.last().action] == ["close", "close"]


def test_moderation_writes_one_entry_per_job_and_per_flag():
    moderator = ModeratorFactory()
    flag = FlagFactory()
    job = flag.job
    FlagFactory(job=job)
    mark = _mark()
    job_moderation.suspend_job(job, by=moderator, note="Scam")
    assert _since(mark) == [
        ("flag", "action", FlagStatus.OPEN, FlagStatus.ACTIONED),
        ("flag", "action", FlagStatus.OPEN, FlagStatus.ACTIONED),
        ("jobpost", ModerationAction.SUSPEND_JOB, JobStatus.OPEN, JobStatus.SUSPENDED),
    ]
    mark = _mark()
    job_moderation.reinstate_job(job, by=moderator, note="Mistake")
    assert _since(mark) == [("jobpost", ModerationAction.REINSTATE_JOB, JobStatus.SUSPENDED, JobStatus.OPEN)]


def test_contract_services_write_one_entry_per_change():
    contract = hire()
    mark = _mark()
    contract_services.pause_contract(contract, by=contract.client, reason="Holiday")
    assert _since(mark) == [("contract", "pause", ContractStatus.ACTIVE, ContractStatus.PAUSED)]


def test_an_entry_private_to_one_side_stays_off_the_other_sides_timeline():
    app = build(S.SENT)
    log_action(app.freelancer, "note_to_self", app, from_state=app.status, private_to="freelancer")
    client_view = [e.action for e in selectors.timeline(app, app.job.client)]
    freelancer_view = [e.action for e in selectors.timeline(app, app.freelancer)]
    assert client_view == ["submit"]
    assert freelancer_view == ["submit", "note_to_self"]
    assert [e.label for e in selectors.timeline(app, app.freelancer)] == ["Sent a proposal", "Note to self"]


def test_ignoring_an_invitation_is_logged_private_to_the_freelancer():
    app = build(S.INVITED)
    mark = _mark()
    services.ignore_invitation(app, by=app.freelancer)
    assert _since(mark) == [("application", "ignore", S.INVITED, S.ARCHIVED)]
    assert app.events.last().private_to == "freelancer"
    assert [e.action for e in selectors.timeline(app, app.job.client)] == ["invite"]
    assert [e.action for e in selectors.timeline(app, app.freelancer)] == ["invite", "ignore"]


def test_a_direct_offer_logs_the_invitation_and_the_offer_once_each():
    job, freelancer = JobPostFactory(), FreelancerFactory()
    mark = _mark()
    offer = services.hire_directly(job, freelancer, by=job.client, message="Let's start.", **offer_terms())
    assert _since(mark) == [
        ("application", "invite", "", S.INVITED),
        ("application", "send_offer", S.INVITED, S.OFFERED),
    ]
    assert [e.actor for e in offer.application.events.all()] == [job.client, job.client]


def test_log_actions_writes_one_entry_per_target_like_log_action():
    apps = [build(S.SENT), build(S.ACTIVE)]
    entries = log_actions(None, "note", apps, from_states=["sent", "active"], reason="why")
    assert [(e.object_id, e.from_state, e.to_state, e.reason, e.actor) for e in entries] == [
        (apps[0].pk, "sent", "sent", "why", None),
        (apps[1].pk, "active", "active", "why", None),
    ]
    assert [e.pk for e in activity_for(apps[0]) if e.action == "note"] == [entries[0].pk]
    with pytest.raises(ValueError, match="one from_state per target"):
        log_actions(None, "note", apps, from_states=["sent"])
