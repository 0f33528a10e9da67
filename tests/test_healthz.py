from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from marketplace.ops import models as heartbeat
from messaging import services
from messaging.models import EmailState, Notification, NotificationKind
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory


@pytest.mark.django_db
def test_healthz_reports_database(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "detail": "ok"}
    assert "broker" not in body["checks"]


@pytest.mark.django_db
def test_healthz_names_the_database_and_errors_only_to_staff(client, settings, monkeypatch):
    settings.CELERY_BROKER_URL = ""
    client.force_login(FreelancerFactory(is_staff=True))
    assert client.get("/healthz").json()["checks"]["database"] == {"ok": True, "detail": connection.vendor}
    client.logout()
    from marketplace import views

    def broken_cursor():
        raise OSError("database unreachable")

    monkeypatch.setattr(views.connection, "cursor", broken_cursor)
    assert client.get("/healthz").json()["checks"]["database"] == {"ok": False, "detail": "down"}


@pytest.mark.django_db
def test_healthz_503_when_configured_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False


@pytest.mark.django_db
def test_healthz_503_when_database_is_down(client, monkeypatch):
    from marketplace import views

    def broken_cursor():
        raise OSError("database unreachable")

    monkeypatch.setattr(views.connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["ok"] is False


@pytest.mark.integration
@pytest.mark.django_db
def test_healthz_reports_reachable_broker(client, settings):
    import os

    settings.CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
    heartbeat.beat()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"]["ok"] is True


@pytest.fixture
def broker_up(settings, monkeypatch):
    """A broker is configured and answers, so /healthz also judges email and beat."""
    from marketplace import views

    settings.CELERY_BROKER_URL = "redis://broker.invalid:6379/0"
    monkeypatch.setattr(views, "_check_broker", lambda: (True, "ok"))


def _pending_email(age: timedelta, *, room=None) -> Notification:
    freelancer = FreelancerFactory()
    # Inside the test's transaction the on-commit enqueue never runs: the row stays pending, as with a dead worker.
    if room is None:
        notification = services.notify(freelancer, NotificationKind.CONTRACT_STARTED, text="You were hired")
    else:
        notification = services.notify(freelancer, NotificationKind.MESSAGE_RECEIVED, text="New message", room=room)
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - age)
    return notification


@pytest.mark.django_db
def test_healthz_ok_with_fresh_beat_and_no_email_waiting(client, broker_up):
    heartbeat.beat()
    response = client.get("/healthz")
    assert response.status_code == 200
    checks = response.json()["checks"]
    assert checks["email"] == {"ok": True, "detail": "ok", "oldest_pending_seconds": None}
    assert checks["beat"]["ok"] is True
    assert checks["beat"]["age_seconds"] == 0


@pytest.mark.django_db
def test_healthz_503_when_an_email_waits_past_the_threshold(client, broker_up, settings):
    settings.HEALTH_MAX_PENDING_EMAIL_AGE = timedelta(minutes=15)
    heartbeat.beat()
    notification = _pending_email(timedelta(minutes=14))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert 14 * 60 <= response.json()["checks"]["email"]["oldest_pending_seconds"] < 15 * 60

    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["email"]["ok"] is False
    assert body["checks"]["email"]["detail"] == "email is piling up"
    assert body["checks"]["email"]["oldest_pending_seconds"] >= 16 * 60


@pytest.mark.django_db
def test_healthz_sent_emails_do_not_count(client, broker_up):
    heartbeat.beat()
    notification = _pending_email(timedelta(hours=2))
    Notification.objects.filter(pk=notification.pk).update(email_state=EmailState.SENT)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["email"]["oldest_pending_seconds"] is None


@pytest.mark.django_db
def test_healthz_a_digest_waiting_out_its_quiet_period_is_not_late(client, broker_up, settings):
    settings.HEALTH_MAX_PENDING_EMAIL_AGE = timedelta(minutes=15)
    settings.MESSAGE_DIGEST_DELAY = timedelta(minutes=10)
    heartbeat.beat()
    room = services.open_room(subject=JobPostFactory(), participants=[ClientFactory()], title="Booking website")
    notification = _pending_email(timedelta(minutes=20), room=room)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["email"]["oldest_pending_seconds"] == pytest.approx(600, abs=5)

    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - timedelta(minutes=26))
    assert client.get("/healthz").status_code == 503


@pytest.mark.django_db
def test_healthz_503_when_beat_never_ran(client, broker_up):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["beat"] == {
        "ok": False,
        "detail": "beat never ran",
        "last_run": None,
        "age_seconds": None,
    }


@pytest.mark.django_db
def test_healthz_503_when_beat_is_stale(client, broker_up, settings):
    settings.HEALTH_MAX_BEAT_AGE = timedelta(minutes=5)
    heartbeat.beat(at=timezone.now() - timedelta(minutes=4))
    assert client.get("/healthz").status_code == 200

    heartbeat.beat(at=timezone.now() - timedelta(minutes=6))
    response = client.get("/healthz")
    assert response.status_code == 503
    beat = response.json()["checks"]["beat"]
    assert beat["ok"] is False
    assert beat["detail"] == "beat is late"
    assert beat["age_seconds"] >= 6 * 60


@pytest.mark.django_db
def test_beat_heartbeat_task_and_beat_start_record_the_time():
    from celery.signals import beat_init

    from marketplace.ops.tasks import beat_heartbeat

    assert heartbeat.last_beat() is None
    beat_init.send(sender=None)
    started = heartbeat.last_beat()
    assert started is not None
    beat_heartbeat.apply()
    assert heartbeat.last_beat() >= started


def test_healthz_without_broker_does_not_judge_email_or_beat(client, settings, db):
    settings.CELERY_BROKER_URL = ""
    _pending_email(timedelta(hours=2))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert set(response.json()["checks"]) == {"database"}
