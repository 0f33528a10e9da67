"""Two people acting at once, on PostgreSQL with real row locks: one winner, one clear message, never two contracts.

Each action runs in its own thread (its own database connection). To make the collision certain rather than
lucky, the test first holds the job row lock itself until both threads are waiting for it, then lets go.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from contracts import services as contract_services
from contracts.models import Contract
from jobs.models import JobPost, JobStatus
from proposals import services
from proposals.models import ApplicationStatus, OfferStatus
from tests.factories import JobPostFactory, build

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

S = ApplicationStatus


def _waiting_on_locks() -> int:
    """Connections to this database that wait for a lock."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # the statistics views are cached per transaction
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def run_together(job, *calls, hold: bool = True) -> list[tuple[str, object]]:
    """Run the calls at the same moment, each in its own thread; return ("ok", result) or ("error", exc).

    With `hold`, the test holds the job row lock until every thread waits for it, so they truly collide.
    """
    results: list[tuple[str, object] | None] = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def worker(index: int, call) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = ("ok", call())
        except Exception as exc:
            results[index] = ("error", exc)
        finally:
            connection.close()  # each thread has its own connection: close it

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    queued = None
    try:
        if hold:
            with transaction.atomic():
                JobPost.objects.select_for_update().get(pk=job.pk)
                for thread in threads:
                    thread.start()
                deadline = time.monotonic() + 10
                while (queued := _waiting_on_locks()) < len(calls) and time.monotonic() < deadline:
                    time.sleep(0.02)
        else:
            for thread in threads:
                thread.start()
    finally:
        for thread in threads:
            thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    if hold:
        assert queued == len(calls), "the threads never queued on the job row lock"
    return results  # type: ignore[return-value]


@pytest.mark.parametrize("hold", [True, False], ids=["queued-on-the-lock", "free-race"])
def test_withdraw_offer_and_accept_offer_at_once_give_one_winner(hold):
    for _ in range(1 if hold else 5):
        app = build(S.OFFERED)
        accept, withdraw = run_together(
            app.job,
            lambda app=app: contract_services.accept_offer(app, by=app.freelancer),
            lambda app=app: services.withdraw_offer(app, by=app.job.client),
            hold=hold,
        )

        assert sorted([accept[0], withdraw[0]]) == ["error", "ok"], (accept, withdraw)
        contracts = Contract.objects.filter(application=app).count()
        app.refresh_from_db()
        offer = app.latest_offer
        if accept[0] == "ok":
            assert isinstance(withdraw[1], services.ActionNotAllowed)
            assert withdraw[1].message == "This offer was already accepted, so it can no longer be withdrawn."
            assert (app.status, offer.status, contracts) == (S.HIRED, OfferStatus.ACCEPTED, 1)
        else:
            assert isinstance(accept[1], services.ActionNotAllowed)
            assert accept[1].message == "This offer was withdrawn by the client, so it can no longer be accepted."
            assert (app.status, offer.status, contracts) == (S.ACTIVE, OfferStatus.WITHDRAWN, 0)
        assert Contract.objects.filter(application=app).count() <= 1


@pytest.mark.parametrize("hold", [True, False], ids=["queued-on-the-lock", "free-race"])
def test_accepting_the_same_offer_twice_at_once_makes_one_contract(hold):
    app = build(S.OFFERED)
    first, second = run_together(
        app.job,
        lambda: contract_services.accept_offer(app, by=app.freelancer),
        lambda: contract_services.accept_offer(app, by=app.freelancer),
        hold=hold,
    )
    assert (first[0], second[0]) == ("ok", "ok"), (first, second)
    assert first[1].pk == second[1].pk
    assert Contract.objects.count() == 1
    app.refresh_from_db()
    assert app.status == S.HIRED
    assert app.events.filter(action="accept_offer").count() == 1


def test_closing_the_job_while_the_offer_is_accepted_stays_consistent():
    app = build(S.OFFERED)
    accept, close = run_together(
        app.job,
        lambda: contract_services.accept_offer(app, by=app.freelancer),
        lambda: services.close_job(app.job, by=app.job.client, reason="Changed plans"),
    )
    assert sorted([accept[0], close[0]]) == ["error", "ok"], (accept, close)
    app.refresh_from_db()
    job = JobPost.objects.get(pk=app.job_id)
    if accept[0] == "ok":  # hired and filled first: the job can no longer be closed
        assert (app.status, job.status, Contract.objects.count()) == (S.HIRED, JobStatus.FILLED, 1)
        assert "is filled" in close[1].message
    else:
        assert (app.status, job.status, Contract.objects.count()) == (S.CLOSED, JobStatus.CLOSED, 0)
        assert accept[1].message == "This offer was closed with the job, so it can no longer be accepted."


def test_two_proposals_from_one_freelancer_at_once_make_one_application():
    job = JobPostFactory()
    freelancer = build(S.SENT).freelancer
    first, second = run_together(
        job,
        lambda: services.submit_proposal(job, by=freelancer, cover_letter="One", hourly_rate="40"),
        lambda: services.submit_proposal(job, by=freelancer, cover_letter="Two", hourly_rate="40"),
    )
    assert sorted([first[0], second[0]]) == ["error", "ok"]
    loser = first if first[0] == "error" else second
    assert isinstance(loser[1], services.ActionNotAllowed)
    assert job.applications.count() == 1
