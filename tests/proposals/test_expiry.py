"""`expire`: unanswered invitations after INVITATION_EXPIRY_DAYS, open offers after their expiry (a beat task)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from contracts import services as contract_services
from messaging.models import Notification, NotificationKind
from proposals import services, tasks
from proposals.models import Application, ApplicationStatus, OfferStatus
from tests.factories import build, offer_terms

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def _age_invitation(app, days: float) -> None:
    Application.objects.filter(pk=app.pk).update(invited_at=timezone.now() - timedelta(days=days))


@pytest.mark.parametrize("state", [S.INVITED, S.ARCHIVED])
def test_an_unanswered_invitation_expires_after_the_window(settings, state):
    settings.INVITATION_EXPIRY_DAYS = 14
    due, fresh = build(state), build(state)
    _age_invitation(due, 14.01)
    _age_invitation(fresh, 13.9)

    assert services.expire_due() == 1

    due.refresh_from_db()
    fresh.refresh_from_db()
    assert (due.status, fresh.status) == (S.EXPIRED, state)
    assert due.ended_at is not None
    assert due.responded_at is None  # expiring is not an answer
    event = due.events.last()
    assert (event.action, event.actor, event.from_state, event.reason) == ("expire", None, state, "invitation_expired")
    kinds = sorted(
        Notification.objects.filter(kind=NotificationKind.INVITATION_EXPIRED).values_list("recipient", flat=True)
    )
    assert kinds == sorted([due.freelancer_id, due.job.client_id])


def test_the_invitation_window_is_a_setting(settings):
    settings.INVITATION_EXPIRY_DAYS = 2
    app = build(S.INVITED)
    _age_invitation(app, 2.5)
    assert services.expire_due() == 1


def test_an_open_offer_expires_at_its_expiry(settings):
    app = build(S.ACTIVE)
    services.send_offer(app, by=app.job.client, expires_at=timezone.now() + timedelta(days=2), **offer_terms())
    offer = app.open_offer

    assert services.expire_due(now=timezone.now() + timedelta(days=1)) == 0
    assert services.expire_due(now=timezone.now() + timedelta(days=2, minutes=1)) == 1

    app.refresh_from_db()
    offer.refresh_from_db()
    assert (app.status, offer.status) == (S.EXPIRED, OfferStatus.EXPIRED)
    assert app.events.last().reason == "offer_expired"
    assert Notification.objects.filter(kind=NotificationKind.OFFER_EXPIRED).count() == 2
    with pytest.raises(services.ActionNotAllowed, match="This offer expired, so it can no longer be accepted"):
        contract_services.accept_offer(app, by=app.freelancer)


def test_an_offer_expires_by_default_after_offer_expiry_days(settings):
    settings.OFFER_EXPIRY_DAYS = 7
    app = build(S.ACTIVE)
    before = timezone.now()
    services.send_offer(app, by=app.job.client, **offer_terms())
    offer = app.open_offer
    assert timedelta(days=7) <= offer.expires_at - before < timedelta(days=7, minutes=1)


def test_an_offer_past_its_expiry_cannot_be_accepted_before_the_task_runs():
    app = build(S.OFFERED)
    app.offers.update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(services.ActionNotAllowed, match="expired"):
        contract_services.accept_offer(app, by=app.freelancer)
    app.refresh_from_db()
    assert app.status == S.OFFERED


@pytest.mark.parametrize("state", [S.SENT, S.ACTIVE, S.HIRED, S.DECLINED, S.WITHDRAWN, S.REJECTED, S.CLOSED])
def test_other_states_never_expire(state):
    app = build(state)
    Application.objects.filter(pk=app.pk).update(
        invited_at=timezone.now() - timedelta(days=100), created_at=timezone.now() - timedelta(days=100)
    )
    assert services.expire_due(now=timezone.now() + timedelta(days=100)) == 0
    app.refresh_from_db()
    assert app.status == state


def test_expiry_runs_again_without_doing_anything_twice():
    app = build(S.INVITED)
    _age_invitation(app, settings.INVITATION_EXPIRY_DAYS + 1)
    assert services.expire_due() == 1
    assert services.expire_due() == 0
    assert app.events.filter(action="expire").count() == 1


def test_one_failure_does_not_stop_the_others(monkeypatch):
    first, second = build(S.INVITED), build(S.INVITED)
    _age_invitation(first, 30)
    _age_invitation(second, 30)
    real = services.record_event

    def failing(app, **kwargs):
        if app.pk == first.pk:
            raise RuntimeError("boom")
        return real(app, **kwargs)

    monkeypatch.setattr(services.closing, "record_event", failing)  # looked up where `_expire_one` lives
    assert services.expire_due() == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.INVITED, S.EXPIRED)  # the failed one rolled back whole


def test_the_beat_task_is_named_and_scheduled():
    app = build(S.INVITED)
    _age_invitation(app, 30)
    assert tasks.expire_applications.name == "proposals.expire_applications"
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "proposals.expire_applications" in scheduled
    assert tasks.expire_applications.delay().get() == 1
    app.refresh_from_db()
    assert app.status == S.EXPIRED
