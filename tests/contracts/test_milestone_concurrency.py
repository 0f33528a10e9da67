"""Milestones under concurrency, on PostgreSQL with real row locks: two "Approve and release" clicks at once
release once; the client requesting changes while the auto-release task runs gives one outcome.

As in test_concurrency.py, the test holds the milestone row lock until every thread waits for it, so the
calls truly collide.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.utils import timezone

from contracts import services
from contracts.models import Milestone, MilestoneStatus
from payments import ledger
from payments.models import LedgerTransaction
from payments.services import add_payment_method
from proposals.services import ActionNotAllowed
from tests.contracts.test_concurrency import _waiting_on_locks
from tests.factories import hire

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

M = MilestoneStatus


def run_on_milestone(milestone: Milestone, *calls) -> list[tuple[str, object]]:
    results: list[tuple[str, object] | None] = [None] * len(calls)

    def worker(index: int, call) -> None:
        try:
            results[index] = ("ok", call())
        except Exception as exc:
            results[index] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    try:
        with transaction.atomic():
            Milestone.objects.select_for_update().get(pk=milestone.pk)
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 10
            while (queued := _waiting_on_locks()) < len(calls) and time.monotonic() < deadline:
                time.sleep(0.02)
    finally:
        for thread in threads:
            thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    assert queued == len(calls), "the threads never queued on the milestone row lock"
    return results  # type: ignore[return-value]


def submitted_milestone() -> Milestone:
    contract = hire(fixed=True, price="300.00")
    add_payment_method(contract.client, number="4242424242424242", exp_month=12, exp_year=2099, cvc="123")
    m = contract.milestones.get()
    services.fund_milestone(m, by=contract.client)
    services.submit_work(m, by=contract.freelancer, message="Done")
    return m


def test_approve_and_release_clicked_twice_at_once_releases_once():
    m = submitted_milestone()
    client = m.contract.client
    first, second = run_on_milestone(
        m,
        lambda: services.approve_milestone(Milestone.objects.get(pk=m.pk), by=client),
        lambda: services.approve_milestone(Milestone.objects.get(pk=m.pk), by=client),
    )
    assert sorted([first[0], second[0]]) == ["error", "ok"], (first, second)
    loser = first if first[0] == "error" else second
    assert isinstance(loser[1], ActionNotAllowed)
    assert loser[1].message == "This milestone was already approved and released."
    assert LedgerTransaction.objects.filter(kind="release").count() == 1
    assert ledger.balance(ledger.freelancer_account(m.contract.freelancer)) == Decimal("270.00")


def test_request_changes_while_the_auto_release_runs_gives_one_outcome():
    for _ in range(2):
        m = submitted_milestone()
        later = timezone.now() + timedelta(days=30)
        changes, release = run_on_milestone(
            m,
            lambda m=m: services.request_changes(
                Milestone.objects.get(pk=m.pk), by=m.contract.client, note="Please fix the header."
            ),
            lambda later=later: services.release_due_milestones(now=later),
        )
        m.refresh_from_db()
        releases = LedgerTransaction.objects.filter(kind="release", contract=m.contract).count()
        if changes[0] == "ok":  # the client was first: nothing was released
            assert (m.status, releases) == (M.FUNDED, 0)
            assert release == ("ok", 0)
        else:  # the task was first: released, and the client is told why changes can't be asked
            assert release == ("ok", 1)
            assert (m.status, releases) == (M.APPROVED, 1)
            assert changes[1].message == "This milestone was already approved and released."
        assert ledger.balance(ledger.escrow_account(m.contract)) == (Decimal("300.00") if changes[0] == "ok" else 0)
