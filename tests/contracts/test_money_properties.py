"""Property test over the contract services (hypothesis): random sequences of adding, funding, submitting,
requesting changes, approving, ending and refunding milestones, bonuses and weekly billing, some retried.
Whatever the order, every transaction balances, escrow, earnings and fees never go negative, escrow holds exactly
the funded-but-unreleased milestones, and a retried operation moves money once."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracts import services
from contracts.models import Milestone, MilestoneStatus, TimeEntry, Timesheet
from payments import ledger
from payments.models import LedgerEntry, LedgerTransaction
from payments.services import add_payment_method
from proposals.services import ActionNotAllowed
from tests.factories import hire

M = MilestoneStatus
OPS = ["add", "fund", "submit", "changes", "approve", "bonus", "week", "end", "refund"]
steps = st.lists(
    st.tuples(st.sampled_from(OPS), st.integers(0, 3), st.integers(1, 400), st.booleans()), min_size=1, max_size=12
)


def _attempt(call) -> None:
    # A refused step (wrong state, ended contract) is part of a random sequence; it must move nothing.
    with contextlib.suppress(ActionNotAllowed, ValidationError):
        call()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=steps)
@pytest.mark.django_db
def test_random_contract_money_sequences_keep_the_ledger_sound(sequence):
    fixed = hire(fixed=True, price="100.00")
    hourly = hire(client=fixed.client, freelancer=fixed.freelancer, rate="30.00", weekly_limit=40)
    add_payment_method(fixed.client, number="4242424242424242", exp_month=12, exp_year=2099, cvc="123")
    client, freelancer = fixed.client, fixed.freelancer
    bonuses = Decimal("0")
    weeks = 0
    for n, (op, index, amount, retried) in enumerate(sequence):
        milestones = list(Milestone.objects.filter(contract=fixed).order_by("pk"))
        m = milestones[index % len(milestones)]
        calls = {
            "add": lambda amount=amount: services.add_milestone(fixed, by=client, description="Part", amount=amount),
            "fund": lambda m=m: services.fund_milestone(m, by=client),
            "submit": lambda m=m: services.submit_work(m, by=freelancer, message="Done"),
            "changes": lambda m=m: services.request_changes(m, by=client, note="Again"),
            "approve": lambda m=m: services.approve_milestone(m, by=client),
            "end": lambda: services.end_contract(fixed, by=client, reason="Stop"),
            "refund": lambda m=m: services.agree_refund(m, by=freelancer),
            "bonus": lambda amount=amount, n=n: services.give_bonus(
                hourly, by=client, amount=amount, note="Thanks", key=f"k{n}"
            ),
        }
        if op == "week":
            weeks += 1
            monday = date(2026, 1, 5) + timedelta(days=7 * weeks)
            sheet = Timesheet.objects.create(contract=hourly, week_start=monday)
            start = datetime.combine(monday, datetime.min.time(), tzinfo=UTC)
            TimeEntry.objects.create(
                timesheet=sheet, start=start, segments=amount % 30 + 1, memo="Work", created_by=freelancer
            )
            calls["week"] = lambda monday=monday: [
                services.close_and_bill_weeks(now=datetime.combine(monday, datetime.min.time(), tzinfo=UTC) + delta)
                for delta in (timedelta(days=8), timedelta(days=13))
            ]
        for _ in range(2 if retried else 1):
            before = LedgerTransaction.objects.filter(contract=hourly).count()
            _attempt(calls[op])
            if op == "bonus" and LedgerTransaction.objects.filter(contract=hourly).count() > before:
                bonuses += Decimal(amount)

    for tx in LedgerTransaction.objects.filter(contract__in=[fixed, hourly]):
        assert sum(e.amount for e in tx.entries.all()) == 0
    milestones = Milestone.objects.filter(contract=fixed)
    held = sum((m.amount for m in milestones if m.status in (M.FUNDED, M.SUBMITTED)), Decimal("0"))
    released = sum((m.amount for m in milestones if m.status == M.APPROVED), Decimal("0"))
    billed = sum((t.billed_amount or 0 for t in Timesheet.objects.filter(contract=hourly)), Decimal("0"))
    escrow = ledger.balance(ledger.escrow_account(fixed))
    earned = ledger.balance(ledger.freelancer_account(freelancer))
    fee_entries = LedgerEntry.objects.filter(account__kind="fee", transaction__contract__in=[fixed, hourly])
    fees = sum((e.amount for e in fee_entries), Decimal("0"))
    assert escrow == held >= 0
    assert earned >= 0 and fees >= 0
    assert earned + fees == released + bonuses + billed  # each movement once, fee and share add up
    # Examples share the test's database transaction, so every count is scoped to this example's contracts.
    releases = LedgerTransaction.objects.filter(kind="release", contract=fixed).count()
    assert releases == milestones.filter(status=M.APPROVED).count()
    assert (
        LedgerTransaction.objects.filter(kind="hourly", contract=hourly).count()
        == Timesheet.objects.filter(contract=hourly, billed_amount__gt=0).count()
    )
    refunded = sum((m.amount for m in milestones if m.status == M.REFUNDED), Decimal("0"))
    funded_ever = held + released + refunded
    assert -ledger.balance(ledger.client_account(client)) == funded_ever - refunded + bonuses + billed
