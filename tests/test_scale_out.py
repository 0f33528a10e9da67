"""Settings for running on several machines: sessions and cache in Redis, PgBouncer-safe database options."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client

from tests.factories import PASSWORD, FreelancerFactory

ROOT = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = (
    "import json; from django.conf import settings as s; db = s.DATABASES['default']; "
    "print(json.dumps([s.CACHES['default']['BACKEND'], s.CACHES['default'].get('LOCATION'), s.SESSION_ENGINE, "
    "db['CONN_HEALTH_CHECKS'], db['DISABLE_SERVER_SIDE_CURSORS'], db['CONN_MAX_AGE']]))"
)


def _settings(**env: str) -> list:
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DISABLE_SERVER_SIDE_CURSORS"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_redis_url_cache_is_local_and_sessions_in_the_database():
    backend, _, engine, health_checks, no_server_cursors, _ = _settings()
    assert backend == "django.core.cache.backends.locmem.LocMemCache"
    assert engine == "django.contrib.sessions.backends.db"
    assert health_checks is True
    assert no_server_cursors is False


def test_redis_url_puts_cache_and_sessions_in_redis_and_pgbouncer_options_apply():
    backend, location, engine, _, no_server_cursors, max_age = _settings(
        REDIS_URL="redis://10.0.0.5:6379/1", DISABLE_SERVER_SIDE_CURSORS="true", CONN_MAX_AGE="60"
    )
    assert backend == "django.core.cache.backends.redis.RedisCache"
    assert location == "redis://10.0.0.5:6379/1"
    assert engine == "django.contrib.sessions.backends.cache"
    assert no_server_cursors is True
    assert max_age == 60


@pytest.mark.integration
@pytest.mark.django_db
def test_a_session_started_on_one_host_is_valid_on_another_through_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CELERY_BROKER_URL"],
            "KEY_PREFIX": "test-scale-out",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    freelancer = FreelancerFactory()
    first_host, second_host = Client(), Client()

    response = first_host.post("/accounts/login/", {"username": freelancer.username, "password": PASSWORD})
    assert response.status_code == 302
    session_key = first_host.cookies["sessionid"].value
    second_host.cookies["sessionid"] = session_key

    response = second_host.get("/settings/notifications/")
    assert response.status_code == 200
    assert response.context["user"] == freelancer
    assert not Session.objects.exists()  # nothing in the database: the session is in Redis
    key = f"django.contrib.sessions.cache{session_key}"
    assert cache.get(key)["_auth_user_id"] == str(freelancer.pk)
    cache.delete(key)  # not cache.clear(): that would flush the broker's Redis database
