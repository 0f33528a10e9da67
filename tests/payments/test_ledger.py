"""The double-entry ledger: balanced, idempotent transactions and balances that are derived, never stored."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from payments import ledger
from payments.ledger import InsufficientFunds, LedgerError, Leg
from payments.models import LedgerEntry, LedgerTransaction, TransactionKind
from tests.factories import hire

pytestmark = pytest.mark.django_db


def test_release_pays_the_freelancer_less_the_fee_and_the_fee_to_the_marketplace():
    contract = hire(fixed=True)
    ledger.fund_escrow("fund-1", contract, Decimal("500.00"), description="Milestone 1")
    ledger.release_escrow("release-1", contract, Decimal("500.00"), description="Milestone 1")
    assert ledger.balance(ledger.escrow_account(contract)) == Decimal("0.00")
    assert ledger.balance(ledger.freelancer_account(contract.freelancer)) == Decimal("450.00")
    assert ledger.balance(ledger.fee_account()) == Decimal("50.00")
    assert ledger.balance(ledger.client_account(contract.client)) == Decimal("-500.00")


def test_a_retried_movement_is_written_once():
    contract = hire(fixed=True)
    first = ledger.fund_escrow("fund-x", contract, Decimal("100.00"), description="M")
    again = ledger.fund_escrow("fund-x", contract, Decimal("100.00"), description="M")
    assert first.pk == again.pk
    assert LedgerTransaction.objects.count() == 1
    assert ledger.balance(ledger.escrow_account(contract)) == Decimal("100.00")


def test_an_unbalanced_or_overdrawing_movement_is_refused_and_writes_nothing():
    contract = hire(fixed=True)
    escrow, client = ledger.escrow_account(contract), ledger.client_account(contract.client)
    with pytest.raises(LedgerError, match="must balance"):
        ledger.post(
            "bad", TransactionKind.FUND, [Leg(client, Decimal("-5")), Leg(escrow, Decimal("4"))], description="x"
        )
    with pytest.raises(InsufficientFunds):
        ledger.release_escrow("too-much", contract, Decimal("1.00"), description="nothing funded")
    with pytest.raises(LedgerError, match="another kind"):
        ledger.fund_escrow("k", contract, Decimal("10"), description="x")
        ledger.refund_escrow("k", contract, Decimal("10"), description="x")
    assert LedgerTransaction.objects.count() == 1  # only the first "k"


# Property test: random sequences of funding, releasing, refunding, bonuses and weekly bills, some retried.
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000"), places=2)
operations = st.lists(
    st.tuples(st.sampled_from(["fund", "release", "refund", "bonus", "hourly"]), amounts, st.booleans()),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_random_sequences_balance_never_overdraw_and_move_money_once(db, ops):
    contract = hire(fixed=True)
    funded: list[Decimal] = []  # escrowed amounts not yet released or refunded
    expected_escrow = expected_paid = expected_earned = Decimal("0")
    written = 0
    for index, (op, amount, retried) in enumerate(ops):
        key = f"{contract.pk}-{index}"
        tries = 2 if retried else 1
        for _ in range(tries):
            if op == "fund":
                ledger.fund_escrow(key, contract, amount, description="fund")
            elif op in ("release", "refund"):
                if not funded:
                    with pytest.raises(InsufficientFunds):
                        ledger.release_escrow(key, contract, amount + expected_escrow, description="overdraw")
                    break
                move = ledger.release_escrow if op == "release" else ledger.refund_escrow
                move(key, contract, funded[-1], description=op)
            else:
                kind = TransactionKind.BONUS if op == "bonus" else TransactionKind.HOURLY
                ledger.pay_directly(key, kind, contract, amount, description=op)
        else:
            written += 1
            if op == "fund":
                funded.append(amount)
                expected_escrow += amount
                expected_paid += amount
            elif op in ("release", "refund"):
                moved = funded.pop()
                expected_escrow -= moved
                if op == "release":
                    expected_earned += moved
                else:
                    expected_paid -= moved
            else:
                expected_paid += amount
                expected_earned += amount

    txs = LedgerTransaction.objects.filter(contract=contract)
    assert txs.count() == written  # a retried operation moved money once
    for tx in txs:
        assert sum(e.amount for e in tx.entries.all()) == 0  # every transaction balances, to the cent
    escrow = ledger.balance(ledger.escrow_account(contract))
    earned = ledger.balance(ledger.freelancer_account(contract.freelancer))
    fee_entries = LedgerEntry.objects.filter(transaction__contract=contract, account__kind="fee")
    fees = {"t": sum((e.amount for e in fee_entries), Decimal("0"))}
    assert escrow == expected_escrow >= 0
    assert earned >= 0 and (fees["t"] or 0) >= 0
    assert earned + (fees["t"] or 0) == expected_earned  # the fee and the freelancer's share add up to the whole
    assert -ledger.balance(ledger.client_account(contract.client)) == expected_paid
