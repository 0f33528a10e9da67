"""Every transition of the table (brief section 3) from every allowed state, and every other state refused.

The people actions are driven through their services; `expire` and `close` (the system's) are in
test_expiry.py and test_close_job.py.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from contracts import services as contract_services
from contracts.models import Contract
from marketplace.activity.models import Activity
from proposals import services
from proposals.models import (
    END_STATES,
    Application,
    ApplicationStatus,
    DeclineReason,
    Offer,
    OfferStatus,
    RejectReason,
    WithdrawReason,
)
from tests.factories import FreelancerFactory, build, offer_terms

pytestmark = pytest.mark.django_db

S = ApplicationStatus
FREELANCER, CLIENT = "freelancer", "client"

# action: (who, allowed sources, target (None: the state stays), call)
ACTIONS = {
    "invite_to_interview": (
        CLIENT,
        {S.SENT},
        S.INVITED,
        lambda app, by: services.invite_to_interview(app, by=by, message="Let's talk"),
    ),
    "accept_invitation": (
        FREELANCER,
        {S.INVITED, S.ARCHIVED},
        S.ACTIVE,
        lambda app, by: services.accept_invitation(app, by=by, message="Glad to"),
    ),
    "decline_invitation": (
        FREELANCER,
        {S.INVITED, S.ARCHIVED},
        S.DECLINED,
        lambda app, by: services.decline_invitation(app, by=by, reason=DeclineReason.TOO_BUSY),
    ),
    "ignore": (FREELANCER, {S.INVITED}, S.ARCHIVED, lambda app, by: services.ignore_invitation(app, by=by)),
    "respond": (CLIENT, {S.SENT}, S.ACTIVE, lambda app, by: services.respond(app, by=by, message="Hello")),
    "update_terms": (
        FREELANCER,
        {S.ACTIVE, S.SENT},
        None,
        lambda app, by: services.update_terms(app, by=by, hourly_rate=Decimal("77.00")),
    ),
    "send_offer": (
        CLIENT,
        {S.SENT, S.ACTIVE, S.INVITED, S.ARCHIVED},
        S.OFFERED,
        lambda app, by: services.send_offer(app, by=by, **offer_terms()),
    ),
    "withdraw_offer": (CLIENT, {S.OFFERED}, S.ACTIVE, lambda app, by: services.withdraw_offer(app, by=by)),
    "ask_clarification": (
        FREELANCER,
        {S.OFFERED},
        None,
        lambda app, by: services.ask_clarification(app, by=by, message="Is the start date firm?"),
    ),
    "accept_offer": (FREELANCER, {S.OFFERED}, S.HIRED, lambda app, by: contract_services.accept_offer(app, by=by)),
    "decline_offer": (
        FREELANCER,
        {S.OFFERED},
        S.DECLINED,
        lambda app, by: services.decline_offer(app, by=by, reason=DeclineReason.BUDGET_TOO_LOW),
    ),
    "withdraw": (
        FREELANCER,
        {S.SENT, S.ACTIVE},
        S.WITHDRAWN,
        lambda app, by: services.withdraw(app, by=by, reason=WithdrawReason.RATE_TOO_LOW),
    ),
    "reject": (
        CLIENT,
        {S.SENT, S.INVITED, S.ARCHIVED, S.ACTIVE},
        S.REJECTED,
        lambda app, by: services.reject(app, by=by, reason=RejectReason.CHOSE_ANOTHER),
    ),
}

ALLOWED = [(action, state) for action, (_, sources, _, _) in ACTIONS.items() for state in sorted(sources)]
# accept_offer on a hired application by its freelancer is the double click: it returns the contract (tested below).
REFUSED = [
    (action, state)
    for action, (_, sources, _, _) in ACTIONS.items()
    for state in S.values
    if state not in sources and (action, state) != ("accept_offer", S.HIRED)
]


def _actor(app, who):
    return app.freelancer if who == FREELANCER else app.job.client


def _other(app, who):
    return app.job.client if who == FREELANCER else app.freelancer


def test_the_table_is_covered():
    assert len(ALLOWED) == 23
    model_transitions = {t.name for t in Application().get_all_status_transitions()}
    assert set(ACTIONS) | {"expire", "close"} == model_transitions


@pytest.mark.parametrize(("action", "state"), ALLOWED)
def test_allowed_transition_moves_the_state_and_logs_it(action, state):
    who, _, target, call = ACTIONS[action]
    app = build(state)
    actor = _actor(app, who)
    events_before = app.events.count()

    call(app, actor)

    app.refresh_from_db()
    assert app.status == (target or state)
    event = app.events.order_by("-created_at", "-id").first()
    assert app.events.count() > events_before
    assert event.actor == actor
    assert event.from_state == state
    assert event.to_state == app.status
    assert event.action == action


@pytest.mark.parametrize(("action", "state"), REFUSED)
def test_other_states_are_refused_with_a_clear_message(action, state):
    who, _, _, call = ACTIONS[action]
    app = build(state)
    events_before = list(Activity.objects.values_list("pk", flat=True))
    contracts_before = Contract.objects.count()

    with pytest.raises(services.ActionNotAllowed) as refused:
        call(app, _actor(app, who))

    assert refused.value.message.endswith(".")
    assert "can" in refused.value.message  # "... so it can no longer be accepted." / "can't be ... now."
    assert app.status == state
    app.refresh_from_db()
    assert app.status == state
    assert list(Activity.objects.values_list("pk", flat=True)) == events_before
    assert Contract.objects.count() == contracts_before


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_the_other_side_and_strangers_are_refused(action):
    who, sources, _, call = ACTIONS[action]
    state = sorted(sources)[0]
    app = build(state)

    with pytest.raises(PermissionDenied, match=r"Only the (freelancer|client) can do this"):
        call(app, _other(app, who))
    with pytest.raises(PermissionDenied, match="Only the freelancer and the client of this job"):
        call(app, FreelancerFactory())

    app.refresh_from_db()
    assert app.status == state


@pytest.mark.parametrize("state", END_STATES)
def test_an_end_state_never_changes(state):
    app = build(state)
    for action, (who, _, _, call) in ACTIONS.items():
        if (action, state) == ("accept_offer", S.HIRED):
            continue
        with pytest.raises(services.ActionNotAllowed):
            call(app, _actor(app, who))
        app.refresh_from_db()
        assert app.status == state
    # Nor do the system transitions move it.
    services.expire_due(now=app.updated_at.replace(year=app.updated_at.year + 1))
    services.close_open_applications(app.job, reason="job_closed")
    app.refresh_from_db()
    assert app.status == state


def test_withdrawn_offer_gives_the_message_from_the_brief():
    app = build(S.OFFERED)
    services.withdraw_offer(app, by=app.job.client)

    with pytest.raises(services.ActionNotAllowed) as refused:
        contract_services.accept_offer(app, by=app.freelancer)

    assert refused.value.message == "This offer was withdrawn by the client, so it can no longer be accepted."
    assert Contract.objects.count() == 0


def test_asking_about_a_withdrawn_offer_says_so():
    app = build(S.OFFERED)
    services.withdraw_offer(app, by=app.job.client)
    with pytest.raises(services.ActionNotAllowed) as refused:
        services.ask_clarification(app, by=app.freelancer, message="Still on?")
    expected = "This offer was withdrawn by the client, so clarification can no longer be asked for."
    assert refused.value.message == expected


def test_messages_name_what_happened():
    app = build(S.WITHDRAWN)
    with pytest.raises(services.ActionNotAllowed, match="The freelancer withdrew this proposal, so this candidate"):
        services.reject(app, by=app.job.client, reason=RejectReason.BUDGET)
    app = build(S.EXPIRED)
    with pytest.raises(services.ActionNotAllowed, match="This invitation expired, so this invitation can no longer"):
        services.accept_invitation(app, by=app.freelancer, message="Sorry I'm late")
    app = build(S.SENT)
    with pytest.raises(services.ActionNotAllowed, match="can't be accepted now"):
        contract_services.accept_offer(app, by=app.freelancer)


def test_accept_invitation_with_new_terms_opens_the_room_and_posts_the_message(job, freelancer):
    app = services.invite(job, freelancer, by=job.client, message="Interested?")
    assert app.hourly_rate is None  # an invitation is not a bid

    services.accept_invitation(app, by=freelancer, message="Yes! At 60 an hour.", hourly_rate="60")

    app.refresh_from_db()
    assert app.status == S.ACTIVE
    assert app.hourly_rate == Decimal("60.00")
    assert app.responded_at is not None
    assert app.room is not None
    assert set(app.room.participants.all()) == {freelancer, job.client}
    assert list(app.room.messages.values_list("sender", "body")) == [(freelancer.pk, "Yes! At 60 an hour.")]
    assert [e.action for e in app.events.all()] == ["invite", "accept_invitation", "update_terms"]


def test_accept_invitation_without_terms_takes_the_profile_rate(job, freelancer):
    app = services.invite(job, freelancer, by=job.client, message="Interested?")
    services.accept_invitation(app, by=freelancer, message="Yes.")
    app.refresh_from_db()
    assert app.hourly_rate == Decimal("50.00")


def test_the_service_updates_the_instance_it_was_given():
    app = build(S.INVITED)
    services.ignore_invitation(app, by=app.freelancer)
    assert app.status == S.ARCHIVED
    services.accept_invitation(app, by=app.freelancer, message="Back to it")  # the instance is not stale
    assert app.status == S.ACTIVE
    assert app.room is not None


def test_respond_opens_the_room_with_the_clients_message():
    app = build(S.SENT)
    services.respond(app, by=app.job.client, message="Can you start Monday?")
    assert app.status == S.ACTIVE
    assert list(app.room.messages.values_list("sender", "body")) == [(app.job.client.pk, "Can you start Monday?")]


def test_update_terms_keeps_the_cover_letter_and_refuses_unchanged_terms(fixed_job, freelancer):
    app = services.submit_proposal(
        fixed_job, by=freelancer, cover_letter="Letter", fixed_bid="700", estimated_duration="1 to 3 months"
    )
    services.update_terms(app, by=freelancer, fixed_bid="650", estimated_duration="Less than 1 month")
    app.refresh_from_db()
    assert (app.fixed_bid, app.estimated_duration, app.cover_letter) == (
        Decimal("650.00"),
        "Less than 1 month",
        "Letter",
    )
    with pytest.raises(Exception, match="already your terms"):
        services.update_terms(app, by=freelancer, fixed_bid="650", estimated_duration="Less than 1 month")


def test_send_offer_from_a_proposal_opens_the_room_and_records_the_offer():
    app = build(S.SENT)
    offer = services.send_offer(app, by=app.job.client, message="Welcome aboard?", **offer_terms())
    assert app.status == S.OFFERED
    assert app.room is not None
    assert offer.status == OfferStatus.OPEN
    assert offer.terms_display == "$50.00/hr, up to 20 hrs/week"
    assert offer.message == "Welcome aboard?"
    assert app.room.messages.filter(sender__isnull=True).count() == 1  # "… sent an offer: …"


def test_withdrawn_then_new_offer_keeps_one_open_offer():
    app = build(S.OFFERED)
    services.withdraw_offer(app, by=app.job.client)
    services.send_offer(app, by=app.job.client, **offer_terms(hourly_rate=Decimal("55")))
    assert list(Offer.objects.filter(application=app).values_list("status", flat=True)) == ["open", "withdrawn"]


def test_ask_clarification_keeps_the_offer_open_and_posts_in_the_room():
    app = build(S.OFFERED)
    services.ask_clarification(app, by=app.freelancer, message="Is it remote?")
    assert app.status == S.OFFERED
    assert app.open_offer is not None
    assert app.room.messages.filter(sender=app.freelancer, body="Is it remote?").exists()


def test_decline_offer_marks_the_offer_declined():
    app = build(S.OFFERED)
    services.decline_offer(app, by=app.freelancer, reason=DeclineReason.TOO_BUSY, message="Maybe next time.")
    assert app.status == S.DECLINED
    assert app.latest_offer.status == OfferStatus.DECLINED
    event = app.events.last()
    assert (event.reason, event.note) == ("too_busy", "Maybe next time.")


# Direct offers -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("state", [S.INVITED, S.ARCHIVED])
def test_a_direct_offer_to_an_unanswered_invitation(state, django_capture_on_commit_callbacks):
    app = build(state)
    with django_capture_on_commit_callbacks(execute=True):
        offer = services.send_offer(app, by=app.job.client, **offer_terms())
    app.refresh_from_db()
    assert app.status == S.OFFERED and offer.is_open
    assert app.room is not None  # they can talk about it
    contract = contract_services.accept_offer(app, by=app.freelancer)
    assert contract.freelancer == app.freelancer


def test_hire_from_a_profile_is_one_offer_without_a_proposal(job, freelancer, django_capture_on_commit_callbacks):
    from messaging.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        offer = services.hire_directly(job, freelancer, by=job.client, message="Join us", **offer_terms())
    app = offer.application
    assert (app.status, app.origin, app.cover_letter) == (S.OFFERED, "invitation", "")
    assert [e.action for e in app.events.all()] == ["invite", "send_offer"]
    assert list(Notification.objects.values_list("recipient", "kind")) == [(freelancer.pk, "offer_received")]


def test_hire_directly_guards(job, freelancer):
    from tests.factories import ClientFactory

    with pytest.raises(PermissionDenied):
        services.hire_directly(job, freelancer, by=ClientFactory(), **offer_terms())
    with pytest.raises(ValidationError):
        services.hire_directly(job, freelancer, by=job.client, **offer_terms(weekly_limit=None))
    assert not Application.objects.exists()  # nothing is left behind
    build(S.SENT, job=job, freelancer=freelancer)
    with pytest.raises(services.ActionNotAllowed):
        services.hire_directly(job, freelancer, by=job.client, **offer_terms())
    services.close_job(job, by=job.client)
    with pytest.raises(services.ActionNotAllowed):
        services.hire_directly(job, FreelancerFactory(), by=job.client, **offer_terms())
