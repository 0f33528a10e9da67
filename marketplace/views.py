from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_authenticated and user.is_freelancer:
        return redirect("jobs:list")
    if user.is_authenticated and user.is_client:
        return redirect("jobs:mine")
    return render(request, "home.html")


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A refused rate limit (django-ratelimit's `RATELIMIT_VIEW`): 429 and a page saying to wait."""
    return render(request, "rate_limited.html", status=429)


def _check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "down" for a health check
        return False, exc.__class__.__name__
    return True, connection.vendor


def _check_broker() -> tuple[bool, str]:
    from kombu import Connection

    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return False, exc.__class__.__name__
    return True, "ok"


def _check_email() -> dict:
    from messaging.health import oldest_pending_email_age

    age = oldest_pending_email_age(timezone.now())
    seconds = round(age.total_seconds()) if age is not None else None
    ok = age is None or age <= settings.HEALTH_MAX_PENDING_EMAIL_AGE
    return {"ok": ok, "detail": "ok" if ok else "email is piling up", "oldest_pending_seconds": seconds}


def _check_beat() -> dict:
    from marketplace.ops.models import last_beat

    at = last_beat()
    if at is None:
        return {"ok": False, "detail": "beat never ran", "last_run": None, "age_seconds": None}
    age = timezone.now() - at
    ok = age <= settings.HEALTH_MAX_BEAT_AGE
    return {
        "ok": ok,
        "detail": "ok" if ok else "beat is late",
        "last_run": at.isoformat(),
        "age_seconds": round(age.total_seconds()),
    }


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when everything answers, 503 otherwise: the database; with a broker configured, the broker, the age of
    the oldest email waiting to be sent and the last beat heartbeat (thresholds in settings HEALTH_*)."""
    db_ok, db_detail = _check_database()
    checks: dict[str, dict] = {"database": {"ok": db_ok, "detail": db_detail}}
    if settings.CELERY_BROKER_URL:
        broker_ok, broker_detail = _check_broker()
        checks["broker"] = {"ok": broker_ok, "detail": broker_detail}
        if db_ok:
            checks["email"] = _check_email()
            checks["beat"] = _check_beat()
    healthy = all(check["ok"] for check in checks.values())
    if not request.user.is_staff:
        # Which database and which errors are for staff; a monitor needs only up or down.
        for name in ("database", "broker"):
            if name in checks:
                checks[name]["detail"] = "ok" if checks[name]["ok"] else "down"
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
    )


@require_GET
def ping(request: HttpRequest) -> HttpResponse:
    """The trivial view `make bench` compares each page with: the same middleware, no database, no template."""
    return HttpResponse("ok", content_type="text/plain")
