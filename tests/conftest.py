"""Shared test setup.

Tests that need a real service (PostgreSQL, Chromium, Redis + a Celery worker) are marked; outside CI they
skip with a visible reason when the service is missing, and in CI (CI=true) they fail instead.
"""

import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from jobs.models import BudgetType
from messaging.services import open_room
from proposals.models import Application
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory, ModeratorFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the test are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Connections persist for 60 s by default (settings, CONN_MAX_AGE). In the live server of the Chromium tests a
# keep-alive socket keeps its handler thread, and so its connection, open until the browser closes, after the
# test database should have been dropped ("is being accessed by other users"). Tests close each connection when
# its request ends, unless CONN_MAX_AGE is set on purpose.
if "CONN_MAX_AGE" not in os.environ:
    django_settings.DATABASES["default"]["CONN_MAX_AGE"] = 0

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing_or_fail(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI needs this: {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("e2e") and not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _missing_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    if item.get_closest_marker("postgres") and not django_settings.IS_POSTGRES:
        _missing_or_fail("needs PostgreSQL: set DATABASE_URL=postgres://...")
    if item.get_closest_marker("integration") and not os.environ.get("CELERY_BROKER_URL"):
        _missing_or_fail("needs Redis and a Celery worker: set CELERY_BROKER_URL=redis://...")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(autouse=True)
def _fast_and_eager(request: pytest.FixtureRequest, settings) -> None:
    """Fast password hashing; Celery tasks run in-process unless the test drives a real worker."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from marketplace.celery import app
    from messaging import tasks

    tasks._broker_down_until = 0.0  # an earlier test's broker outage does not pause this test's enqueues
    from django.core.cache import cache, caches

    cache.clear()  # rate-limit counts (django-ratelimit) start from zero in every test
    caches["fragments"].clear()  # Find work's cached job cards (jobs.cards) from another test's rows

    if request.node.get_closest_marker("integration"):
        return
    previous = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    request.addfinalizer(lambda: _restore(app, previous))


def _restore(app, previous: tuple[bool, bool]) -> None:
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


# The people and objects most tests start from (one set for every app's tests).
@pytest.fixture
def client_user(db):
    return ClientFactory(first_name="Carla", last_name="Client")


@pytest.fixture
def freelancer(db):
    return FreelancerFactory(first_name="Fred", last_name="Freelancer")


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def moderator(db):
    """A staff user in the Moderators group (its permissions as the migrations grant them), not a superuser."""
    return ModeratorFactory()


@pytest.fixture
def job(client_user):
    return JobPostFactory(client=client_user, title="Booking website", skills=["Django", "PostgreSQL"])


@pytest.fixture
def fixed_job(client_user):
    return JobPostFactory(
        client=client_user,
        title="Logo design",
        budget_type=BudgetType.FIXED,
        hourly_min=None,
        hourly_max=None,
        fixed_budget=Decimal("800.00"),
    )


@pytest.fixture
def room(job, client_user, freelancer):
    return open_room(subject=job, participants=[client_user, freelancer], title="Booking website: Fred Freelancer")


@pytest.fixture
def make_application():
    """Create an Application row directly, in any state (for tests of the layers below the hiring services)."""

    def _make(job, *, status, origin="proposal", freelancer=None, **fields):
        return Application.objects.create(
            job=job, freelancer=freelancer or FreelancerFactory(), origin=origin, status=status, **fields
        )

    return _make
