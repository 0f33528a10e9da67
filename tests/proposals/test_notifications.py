"""Each step notifies exactly the right person once: one Notification row, and one email when their
preferences want one (delivered by the messaging task after the commit)."""

from __future__ import annotations

from contextlib import contextmanager
from decimal import Decimal
from unittest.mock import ANY

import pytest
from django.core import mail

from contracts import services as contract_services
from contracts.models import Contract
from messaging.models import EMAIL_DEFAULTS, Notification, NotificationKind
from messaging.services import set_preferences
from proposals import services
from proposals.models import ApplicationStatus, DeclineReason, RejectReason, WithdrawReason
from proposals.services import applicants_url
from tests.factories import FreelancerFactory, JobPostFactory, build, offer_terms

pytestmark = pytest.mark.django_db

K = NotificationKind
S = ApplicationStatus


@pytest.fixture
def expect(django_capture_on_commit_callbacks):
    """`with expect((person, kind, url), ...):` the block notifies exactly these people, once each."""

    @contextmanager
    def _expect(*expected):
        seen = set(Notification.objects.values_list("pk", flat=True))
        mail.outbox.clear()
        got: list[Notification] = []
        with django_capture_on_commit_callbacks(execute=True):
            yield got
        got.extend(sorted(Notification.objects.exclude(pk__in=seen), key=lambda n: (n.recipient_id, n.kind)))
        wanted = sorted(expected, key=lambda e: (e[0].pk, e[1]))
        assert [(n.recipient_id, n.kind) for n in got] == [(person.pk, kind) for person, kind, _ in wanted]
        for n, (_, _, url) in zip(got, wanted, strict=True):
            assert n.url == url
            assert n.text and n.context.get("job_title")
        emailed = sorted(tuple(m.to) for m in mail.outbox)
        assert emailed == sorted((person.email,) for person, kind, _ in expected if EMAIL_DEFAULTS[kind])

    return _expect


def test_invitation_path_to_a_contract(expect, job, freelancer):
    client = job.client
    apps_url = applicants_url(job)
    assert apps_url == f"/jobs/{job.pk}/applicants/"

    with expect((freelancer, K.INVITATION_RECEIVED, ANY)) as got:
        app = services.invite(job, freelancer, by=client, message="Interested?")
    mine = app.get_absolute_url()
    assert mine == f"/proposals/{app.pk}/"
    assert got[0].url == mine
    assert got[0].context["note"] == "Interested?"

    with expect((client, K.INVITATION_ACCEPTED, apps_url)):
        services.accept_invitation(app, by=freelancer, message="Yes please", hourly_rate="55")
    with expect((client, K.TERMS_UPDATED, apps_url)):  # in the app only: email is off by default for this kind
        services.update_terms(app, by=freelancer, hourly_rate="58")
    with expect((freelancer, K.OFFER_RECEIVED, mine)):
        services.send_offer(app, by=client, message="Welcome", **offer_terms())
    with expect((client, K.OFFER_CLARIFICATION, apps_url)):
        services.ask_clarification(app, by=freelancer, message="Remote?")
    with expect((freelancer, K.OFFER_WITHDRAWN, mine)):
        services.withdraw_offer(app, by=client)
    services.send_offer(app, by=client, **offer_terms())
    with expect((freelancer, K.CONTRACT_STARTED, ANY), (client, K.OFFER_ACCEPTED, ANY)) as got:
        contract = contract_services.accept_offer(app, by=freelancer)
    contract_url = contract.get_absolute_url()
    assert contract_url == f"/contracts/{contract.pk}/"
    assert [n.url for n in got] == [contract_url, contract_url]
    with expect((client, K.CONTRACT_ENDED, contract_url)):
        contract_services.end_contract(contract, by=freelancer, reason="Work is done")


def test_nothing_is_sent_without_an_action(expect):
    with expect():
        pass


def test_proposal_path(expect, job, freelancer):
    client = job.client
    apps_url = applicants_url(job)
    with expect((client, K.PROPOSAL_RECEIVED, apps_url)):
        app = services.submit_proposal(job, by=freelancer, cover_letter="Hello", hourly_rate=Decimal("40"))
    mine = app.get_absolute_url()

    with expect((freelancer, K.CANDIDACY_STARTED, mine)):
        services.respond(app, by=client, message="Tell me more")
    with expect((freelancer, K.APPLICATION_DECLINED, mine)):
        services.reject(app, by=client, reason=RejectReason.BUDGET, other_text="")


def test_invite_to_interview_decline_and_withdraw(expect, job):
    client = job.client
    apps_url = applicants_url(job)
    app = build(S.SENT, job=job)
    with expect((app.freelancer, K.INVITATION_RECEIVED, app.get_absolute_url())):
        services.invite_to_interview(app, by=client)
    with expect((client, K.INVITATION_DECLINED, apps_url)):
        services.decline_invitation(app, by=app.freelancer, reason=DeclineReason.TOO_BUSY, message="Sorry")

    other = build(S.ACTIVE, job=job)
    with expect((client, K.PROPOSAL_WITHDRAWN, apps_url)):  # in the app only by default
        services.withdraw(other, by=other.freelancer, reason=WithdrawReason.UNRESPONSIVE_CLIENT)

    offered = build(S.OFFERED, job=job)
    with expect((client, K.OFFER_DECLINED, apps_url)):
        services.decline_offer(offered, by=offered.freelancer, reason=DeclineReason.BUDGET_TOO_LOW, message="No")


def test_ignore_tells_nobody(expect):
    app = build(S.INVITED)
    with expect():
        services.ignore_invitation(app, by=app.freelancer)


def test_messages_posted_by_a_service_are_not_notified_twice(expect):
    """The room message that goes with accept/respond/clarify is quoted in the action's own notification."""
    app = build(S.INVITED)
    with expect((app.job.client, K.INVITATION_ACCEPTED, applicants_url(app.job))):
        services.accept_invitation(app, by=app.freelancer, message="Hi there")
    assert not Notification.objects.filter(kind=K.MESSAGE_RECEIVED).exists()
    assert Notification.objects.get(kind=K.INVITATION_ACCEPTED).context["note"] == "Hi there"


def test_the_freelancer_is_told_politely_and_never_the_reason(django_capture_on_commit_callbacks):
    app = build(S.ACTIVE)
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(app, by=app.job.client, reason=RejectReason.OTHER, other_text="Too expensive and slow")
    note = Notification.objects.get(kind=K.APPLICATION_DECLINED)
    assert "not selected" in note.text
    [email] = mail.outbox
    for text in (note.text, str(note.context), email.subject, email.body):
        assert "expensive" not in text
        assert "Other" not in text


def test_email_follows_preferences_and_the_app_row_stays(expect, job, freelancer):
    set_preferences(freelancer, {K.INVITATION_RECEIVED: False})
    seen = set(Notification.objects.values_list("pk", flat=True))
    mail.outbox.clear()
    services.invite(job, freelancer, by=job.client)
    assert Notification.objects.exclude(pk__in=seen).get().recipient == freelancer
    assert mail.outbox == []


def test_hires_needed_fill_notifies_each_other_applicant_once(expect, client_user):
    job = JobPostFactory(client=client_user, hires_needed=1)
    offered = build(S.OFFERED, job=job)
    others = [build(state, job=job) for state in (S.SENT, S.INVITED, S.ACTIVE)]
    build(S.WITHDRAWN, job=job)  # already over: told nothing
    expected = [(offered.freelancer, K.CONTRACT_STARTED, ANY), (client_user, K.OFFER_ACCEPTED, ANY)]
    expected += [(o.freelancer, K.JOB_CLOSED, o.get_absolute_url()) for o in others]
    with expect(*expected):
        contract_services.accept_offer(offered, by=offered.freelancer)
    assert Contract.objects.get().job == job


def test_close_job_notifies_each_open_applicant_once(expect, job):
    open_apps = [build(state, job=job) for state in (S.INVITED, S.ARCHIVED, S.SENT, S.ACTIVE, S.OFFERED)]
    build(S.DECLINED, job=job)
    build(S.REJECTED, job=job, freelancer=FreelancerFactory())
    with expect(*[(a.freelancer, K.JOB_CLOSED, a.get_absolute_url()) for a in open_apps]):
        services.close_job(job, by=job.client, reason="Budget cut")
