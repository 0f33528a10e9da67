"""Every switch on /settings/notifications/: turning it off stops exactly that email and nothing else.

For each kind, a scenario brings the people to the step just before it; everyone then has every email on except
that kind; the step runs. Its notification rows of that kind stay in the app but are not emailed; every other
row the step wrote is emailed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone as dj_timezone

from agencies import services as agency_services
from contracts import services as contract_services
from contracts.models import Contract, TimeEntry
from jobs import moderation as job_moderation
from jobs.models import FlagReason
from jobs.moderation import flag_message
from marketplace.accounts.models import User
from messaging import tasks as messaging_tasks
from messaging.models import ACCOUNT_NOTICES, PREFERENCE_GROUPS, EmailState, Notification, NotificationKind
from messaging.services import post_message, set_preferences
from payments.services import add_payment_method, distribute_to_member
from proposals import services
from proposals.models import ApplicationStatus, DeclineReason, RejectReason, WithdrawReason
from tests.factories import (
    AgencyFactory,
    AgencyMembershipFactory,
    FreelancerFactory,
    JobPostFactory,
    ModeratorFactory,
    UserFactory,
    build,
    hire,
    offer_terms,
)

pytestmark = pytest.mark.django_db

K = NotificationKind
S = ApplicationStatus
Step = Callable[[], object]


def _card(user, number: str = "4242424242424242") -> None:
    add_payment_method(user, number=number, exp_month=12, exp_year=2099, cvc="123")


def _fixed() -> Contract:
    contract = hire(fixed=True)
    _card(contract.client)
    return contract


def _funded() -> tuple[Contract, object]:
    contract = _fixed()
    milestone = contract.milestones.get()
    contract_services.fund_milestone(milestone, by=contract.client)
    return contract, milestone


def _submitted() -> tuple[Contract, object]:
    contract, milestone = _funded()
    contract_services.submit_work(milestone, by=contract.freelancer, message="Done")
    return contract, milestone


def _ended() -> Contract:
    contract = hire()
    contract_services.end_contract(contract, by=contract.client, reason="All done")
    return contract


def _in_review(monkeypatch, *, card: str = "4242424242424242") -> tuple[Contract, datetime]:
    wednesday = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    monkeypatch.setattr(dj_timezone, "now", lambda: wednesday)
    contract = hire(rate="40.00", weekly_limit=10)
    _card(contract.client, card)
    contract_services.add_manual_time(
        contract, by=contract.freelancer, start=wednesday - timedelta(hours=5), end=wednesday - timedelta(hours=4),
        memo="Work",
    )  # fmt: skip
    return contract, wednesday


# Each scenario: the setup (returns the step to time), or raises when the kind needs monkeypatch.
def scenario(kind: str, monkeypatch) -> Step:
    if kind == K.INVITATION_RECEIVED:
        job = JobPostFactory()
        freelancer = build(S.SENT).freelancer
        return lambda: services.invite(job, freelancer, by=job.client, message="Interview?")
    if kind == K.INVITATION_ACCEPTED:
        app = build(S.INVITED)
        return lambda: services.accept_invitation(app, by=app.freelancer, message="Yes")
    if kind == K.INVITATION_DECLINED:
        app = build(S.INVITED)
        return lambda: services.decline_invitation(app, by=app.freelancer, reason=DeclineReason.TOO_BUSY)
    if kind == K.PROPOSAL_RECEIVED:
        job, freelancer = JobPostFactory(), build(S.SENT).freelancer
        return lambda: services.submit_proposal(job, by=freelancer, cover_letter="Me", hourly_rate=Decimal("40"))
    if kind == K.CANDIDACY_STARTED:
        app = build(S.SENT)
        return lambda: services.respond(app, by=app.job.client, message="Hello")
    if kind == K.TERMS_UPDATED:
        app = build(S.ACTIVE)
        return lambda: services.update_terms(app, by=app.freelancer, hourly_rate="55")
    if kind == K.MESSAGE_RECEIVED:
        app = build(S.ACTIVE)

        def message_and_digest():
            post_message(app.room, sender=app.job.client, body="Are you there?")
            later = dj_timezone.now() + timedelta(hours=2)
            monkeypatch.setattr(dj_timezone, "now", lambda: later)
            messaging_tasks.send_message_digests()

        return message_and_digest
    if kind == K.OFFER_RECEIVED:
        app = build(S.ACTIVE)
        return lambda: services.send_offer(app, by=app.job.client, **offer_terms())
    if kind == K.OFFER_WITHDRAWN:
        app = build(S.OFFERED)
        return lambda: services.withdraw_offer(app, by=app.job.client)
    if kind == K.OFFER_CLARIFICATION:
        app = build(S.OFFERED)
        return lambda: services.ask_clarification(app, by=app.freelancer, message="Remote?")
    if kind in (K.OFFER_ACCEPTED, K.CONTRACT_STARTED):
        app = build(S.OFFERED)
        return lambda: contract_services.accept_offer(app, by=app.freelancer)
    if kind == K.OFFER_DECLINED:
        app = build(S.OFFERED)
        return lambda: services.decline_offer(app, by=app.freelancer, reason=DeclineReason.TOO_BUSY)
    if kind == K.CONTRACT_ENDED:
        contract = hire()
        return lambda: contract_services.end_contract(contract, by=contract.client, reason="Done")
    if kind == K.APPLICATION_DECLINED:
        app = build(S.ACTIVE)
        return lambda: services.reject(app, by=app.job.client, reason=RejectReason.BUDGET)
    if kind == K.PROPOSAL_WITHDRAWN:
        app = build(S.SENT)
        return lambda: services.withdraw(app, by=app.freelancer, reason=WithdrawReason.RATE_TOO_LOW)
    if kind == K.JOB_CLOSED:
        app = build(S.ACTIVE)
        return lambda: services.close_job(app.job, by=app.job.client, reason="No longer needed")
    if kind == K.INVITATION_EXPIRED:
        app = build(S.INVITED)
        return lambda: services.expire_due(now=dj_timezone.now() + timedelta(days=30), only=[app.pk])
    if kind == K.OFFER_EXPIRED:
        app = build(S.OFFERED)
        return lambda: services.expire_due(now=dj_timezone.now() + timedelta(days=30), only=[app.pk])
    if kind == K.JOB_SUSPENDED:
        job = JobPostFactory()
        moderator = UserFactory(is_staff=True, is_superuser=True)
        return lambda: job_moderation.suspend_job(job, by=moderator, note="Off-platform payment")
    if kind == K.MILESTONE_ADDED:
        contract = _fixed()
        return lambda: contract_services.add_milestone(contract, by=contract.client, description="More", amount="50")
    if kind == K.MILESTONE_FUNDED:
        contract = _fixed()
        return lambda: contract_services.fund_milestone(contract.milestones.get(), by=contract.client)
    if kind == K.MILESTONE_SUBMITTED:
        contract, milestone = _funded()
        return lambda: contract_services.submit_work(milestone, by=contract.freelancer, message="Done")
    if kind == K.MILESTONE_CHANGES_REQUESTED:
        contract, milestone = _submitted()
        return lambda: contract_services.request_changes(milestone, by=contract.client, note="Bigger logo")
    if kind == K.MILESTONE_RELEASED:
        contract, milestone = _submitted()
        return lambda: contract_services.approve_milestone(milestone, by=contract.client)
    if kind == K.MILESTONE_REFUND:
        contract, milestone = _funded()
        contract_services.end_contract(contract, by=contract.client, reason="Stopping here")
        return lambda: contract_services.request_refund(milestone, by=contract.client)
    if kind == K.PAYMENT_DECLINED:
        contract = hire(fixed=True)
        _card(contract.client, "4000000000000341")

        def fund_with_a_declined_card():
            with pytest.raises(Exception, match="declined"):
                contract_services.fund_milestone(contract.milestones.get(), by=contract.client)

        return fund_with_a_declined_card
    if kind == K.TIMESHEET_IN_REVIEW:
        _in_review(monkeypatch)
        return lambda: contract_services.close_and_bill_weeks(now=datetime(2026, 11, 30, 1, tzinfo=UTC))
    if kind == K.TIMESHEET_BILLED:
        _in_review(monkeypatch)
        contract_services.close_and_bill_weeks(now=datetime(2026, 11, 30, 1, tzinfo=UTC))
        return lambda: contract_services.close_and_bill_weeks(now=datetime(2026, 12, 5, 1, tzinfo=UTC))
    if kind == K.TIME_DISPUTED:
        contract, _ = _in_review(monkeypatch)
        contract_services.close_and_bill_weeks(now=datetime(2026, 11, 30, 1, tzinfo=UTC))
        monkeypatch.setattr(dj_timezone, "now", lambda: datetime(2026, 11, 30, 2, tzinfo=UTC))
        entry = TimeEntry.objects.get(timesheet__contract=contract)
        return lambda: contract_services.dispute_entry(entry, by=contract.client, note="Not agreed")
    if kind == K.WEEKLY_LIMIT_CHANGED:
        contract = hire()
        return lambda: contract_services.change_weekly_limit(contract, by=contract.client, limit=5)
    if kind == K.BONUS_RECEIVED:
        contract = hire()
        _card(contract.client)
        return lambda: contract_services.give_bonus(contract, by=contract.client, amount="25", note="Thanks", key="k1")
    if kind == K.CONTRACT_PAUSED:
        contract = hire()
        return lambda: contract_services.pause_contract(contract, by=contract.client, reason="Holidays")
    if kind == K.FEEDBACK_RECEIVED:
        contract = _ended()
        return lambda: contract_services.leave_feedback(contract, by=contract.client, stars=5, comment="Great work")
    if kind == K.MODERATOR_WARNING:
        app = build(S.ACTIVE, job=JobPostFactory())
        post_message(app.room, sender=app.freelancer, body="Pay me via PayPal, send it to my email instead.")
        moderator = ModeratorFactory()
        return lambda: job_moderation.warn_room_sender(app.room, by=moderator)
    if kind == K.REPORT_REVIEWED:
        app = build(S.ACTIVE, job=JobPostFactory())
        reported = post_message(app.room, sender=app.job.client, body="Let's talk about the schedule.")
        flag_message(reported, by=app.freelancer, reason=FlagReason.SPAM)
        moderator = ModeratorFactory()
        return lambda: job_moderation.dismiss_room_flags(app.room, by=moderator)
    if kind in (K.AGENCY_INVITATION, K.AGENCY_MEMBERSHIP, K.AGENCY_PROPOSAL, K.AGENCY_DISTRIBUTION):
        return _agency_step(kind)
    raise AssertionError(f"no scenario for {kind}")


def _agency_step(kind: str) -> Step:
    agency = AgencyFactory(name="Pixel Forge", created_by=FreelancerFactory())
    owner = agency.created_by
    if kind == K.AGENCY_INVITATION:
        newcomer = FreelancerFactory()
        return lambda: agency_services.invite_member(agency, by=owner, username=newcomer.username)
    if kind == K.AGENCY_MEMBERSHIP:
        invited = agency_services.invite_member(agency, by=owner, username=FreelancerFactory().username)
        return lambda: agency_services.accept_membership(invited, by=invited.user)
    member = FreelancerFactory()
    AgencyMembershipFactory(agency=agency, user=member)
    if kind == K.AGENCY_PROPOSAL:
        job = JobPostFactory()
        return lambda: services.submit_proposal(
            job, by=owner, cover_letter="We did this.", hourly_rate=Decimal("55.00"), agency=agency, named=member
        )
    contract = hire(agency=agency, freelancer=member, sender=owner)
    _card(contract.client)
    contract_services.give_bonus(contract, by=contract.client, amount="100", note="Thanks", key="b1")
    return lambda: distribute_to_member(agency, by=owner, member=member, amount="60", note="November", key="d1")


SWITCHES = [kind for _, _, kinds in PREFERENCE_GROUPS for kind in kinds]


def test_every_kind_has_a_switch_but_the_account_notices():
    assert sorted(SWITCHES) == sorted(set(K.values) - ACCOUNT_NOTICES)
    assert len(SWITCHES) == len(set(SWITCHES))


@pytest.mark.parametrize("kind", SWITCHES)
def test_turning_a_switch_off_stops_exactly_that_email(kind, monkeypatch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        step = scenario(kind, monkeypatch)
    everything_but = {k: k != kind for k in K.values}
    for person in User.objects.all():
        set_preferences(person, everything_but)
    before = set(Notification.objects.values_list("pk", flat=True))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        step()
    written = Notification.objects.exclude(pk__in=before)
    switched_off = [n for n in written if n.kind == kind]
    others = [n for n in written if n.kind != kind]
    assert switched_off, f"the step wrote no {kind} notification"
    assert {n.email_state for n in switched_off} == {EmailState.SKIPPED}
    assert {n.email_state for n in others} <= {EmailState.SENT}
    assert len(mail.outbox) == len({(n.recipient_id, n.room_id) if n.is_digest else n.pk for n in others})
