"""Page-speed benchmark: builds a throwaway database with realistic volume and times the main pages.

    .venv/bin/python bench/pages.py                 # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/marketplace .venv/bin/python bench/pages.py

It creates (and drops) a `test_...` database, so it never touches your data. Figures go in the README.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("CELERY_BROKER_URL", "")  # deliveries run in-process; we time the pages, not SMTP

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

JOBS = int(os.environ.get("BENCH_JOBS", "300"))
FREELANCERS = int(os.environ.get("BENCH_FREELANCERS", "60"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))


def seed():
    from decimal import Decimal

    from messaging.services import post_message
    from proposals import services
    from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    clients = [ClientFactory() for _ in range(10)]
    freelancers = [FreelancerFactory() for _ in range(FREELANCERS)]
    jobs = [
        JobPostFactory(client=clients[i % len(clients)], description=f"Django booking site number {i}", hires_needed=50)
        for i in range(JOBS)
    ]
    busy_job = jobs[0]
    busy_freelancer = freelancers[0]
    for i, freelancer in enumerate(freelancers):
        app = services.submit_proposal(
            busy_job, by=freelancer, cover_letter="I have built this before.", hourly_rate=Decimal("45.00")
        )
        if i % 2 == 0:
            services.respond(app, by=busy_job.client, message="Let's talk.")
            post_message(app.room, sender=freelancer, body="Happy to. When?")
    for job in jobs[1:FREELANCERS]:
        services.invite(job, busy_freelancer, by=job.client, message="Would you like to interview?")
    return busy_job, busy_freelancer


def seed_contracts():
    """A fixed-price contract with 60 milestones and 60 bonuses, and an hourly one with 60 entries this week."""
    from datetime import timedelta

    from django.utils import timezone

    from contracts import services
    from contracts.models import week_bounds, week_start
    from payments.services import add_payment_method
    from tests.factories import hire

    fixed = hire(fixed=True, price="600.00")
    add_payment_method(fixed.client, number="4242424242424242", exp_month=12, exp_year=2099, cvc="123")
    for i in range(59):
        services.add_milestone(fixed, by=fixed.client, description=f"Part {i}", amount="25")
    for i in range(60):
        services.give_bonus(fixed, by=fixed.client, amount="10", note=f"Thanks {i}", key=f"bench-{i}")
    hourly = hire(client=fixed.client, freelancer=fixed.freelancer, weekly_limit=100)
    monday_start = week_bounds(week_start(timezone.now()))[0]
    for i in range(60):
        start = monday_start + timedelta(minutes=20 * i)
        if start + timedelta(minutes=10) > timezone.now():
            break
        services.add_manual_time(hourly, by=hourly.freelancer, start=start, end=start + timedelta(minutes=10), memo="x")
    return fixed, hourly


def measure(client: Client, url: str) -> tuple[float, float, int]:
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        busy_job, busy_freelancer = seed()
        fixed, hourly = seed_contracts()
        mail.outbox.clear()
        client_browser, freelancer_browser, anonymous = Client(), Client(), Client()
        client_browser.force_login(busy_job.client)
        freelancer_browser.force_login(busy_freelancer)
        pages = [
            ("Find work (anonymous)", anonymous, "/jobs/"),
            ("Find work, search 'booking'", freelancer_browser, "/jobs/?q=booking"),
            ("Job page", freelancer_browser, f"/jobs/{busy_job.pk}/"),
            (f"Applicants ({FREELANCERS} applications)", client_browser, f"/jobs/{busy_job.pk}/applicants/"),
            ("My proposals (freelancer)", freelancer_browser, "/proposals/"),
            ("My job posts (client)", client_browser, "/jobs/mine/"),
            ("Messages (client)", client_browser, "/messages/"),
            ("Notifications (client)", client_browser, "/notifications/"),
            ("Contracts (client)", client_browser, "/contracts/"),
        ]
        party = Client()
        party.force_login(fixed.freelancer)
        pages += [
            ("Contract page (60 milestones, 60 payments)", party, fixed.get_absolute_url()),
            ("Work diary (60 entries)", party, f"/contracts/{hourly.pk}/work-diary/"),
            ("Payments (freelancer, 60 transactions)", party, "/payments/"),
        ]
        print(f"{connection.vendor}, {JOBS} jobs, {FREELANCERS} freelancers, {REQUESTS} requests per page")
        print(f"{'page':45} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for label, browser, url in pages:
            median, p95, queries = measure(browser, url)
            print(f"{label:45} {median:10.1f} {p95:8.1f} {queries:8d}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
