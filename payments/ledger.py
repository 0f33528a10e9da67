"""The ledger's one writer, `post`, and the money movements the contract services use.

`post` writes one balanced transaction under an idempotency key: a retried call (a double click, a task run
twice, a request retried after a timeout) returns the transaction already written and moves nothing. It locks
every account it takes money from that must not go below zero, so two movements out of one escrow at once
cannot overdraw it. Amounts are `Decimal` in cents; balances are always summed from entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum

from marketplace.money import service_fee, to_money

from .models import NON_NEGATIVE, AccountKind, LedgerAccount, LedgerEntry, LedgerTransaction, TransactionKind

ZERO = Decimal("0.00")


class LedgerError(Exception):
    """A movement that would break the ledger's rules (unbalanced, negative, or a reused key)."""


class InsufficientFunds(LedgerError):
    pass


@dataclass(frozen=True)
class Leg:
    account: LedgerAccount
    amount: Decimal


# Accounts ----------------------------------------------------------------------------------------------------
def client_account(user) -> LedgerAccount:
    return LedgerAccount.objects.get_or_create(kind=AccountKind.CLIENT, owner=user, contract=None)[0]


def freelancer_account(user) -> LedgerAccount:
    return LedgerAccount.objects.get_or_create(kind=AccountKind.FREELANCER, owner=user, contract=None)[0]


def agency_account(agency) -> LedgerAccount:
    agency_id = getattr(agency, "pk", agency)
    return LedgerAccount.objects.get_or_create(kind=AccountKind.AGENCY, agency_id=agency_id, owner=None, contract=None)[
        0
    ]


def payee_account(contract) -> LedgerAccount:
    """Where a contract's earnings go: the agency's balance on an agency contract, else the freelancer's."""
    if contract.agency_id is not None:
        return agency_account(contract.agency_id)
    return freelancer_account(contract.freelancer)


def escrow_account(contract) -> LedgerAccount:
    return LedgerAccount.objects.get_or_create(kind=AccountKind.ESCROW, contract=contract, owner=None)[0]


def fee_account() -> LedgerAccount:
    return LedgerAccount.objects.get_or_create(kind=AccountKind.FEE, owner=None, contract=None)[0]


def balance(account: LedgerAccount | None) -> Decimal:
    if account is None or account.pk is None:
        return ZERO
    total = LedgerEntry.objects.filter(account=account).aggregate(total=Sum("amount"))["total"]
    return to_money(total or 0)


# The one writer ------------------------------------------------------------------------------------------------
def post(
    key: str,
    kind: TransactionKind,
    legs: Iterable[Leg],
    *,
    description: str,
    contract=None,
    by=None,
    gateway_reference: str = "",
) -> LedgerTransaction:
    """Write one balanced transaction once per `key`; a retry returns the first one unchanged."""
    legs = [Leg(leg.account, to_money(leg.amount)) for leg in legs if to_money(leg.amount) != ZERO]
    if len(legs) < 2:
        raise LedgerError("A transaction moves money between at least two accounts.")
    if sum((leg.amount for leg in legs), ZERO) != ZERO:
        raise LedgerError("A transaction must balance: its entries add up to zero.")
    with transaction.atomic():
        existing = _existing(key, kind)
        if existing is not None:
            return existing
        # Lock the accounts money leaves (in id order, so two movements never deadlock), then check them.
        drawn = sorted({leg.account.pk for leg in legs if leg.amount < 0 and leg.account.kind in NON_NEGATIVE})
        if drawn:
            list(LedgerAccount.objects.select_for_update().filter(pk__in=drawn).order_by("pk"))
            existing = _existing(key, kind)  # the same key may have committed while we waited for the lock
            if existing is not None:
                return existing
            for pk in drawn:
                change = sum((leg.amount for leg in legs if leg.account.pk == pk), ZERO)
                account = next(leg.account for leg in legs if leg.account.pk == pk)
                if balance(account) + change < ZERO:
                    raise InsufficientFunds(f"Not enough money in {account} for this movement.")
        try:
            with transaction.atomic():
                tx = LedgerTransaction.objects.create(
                    idempotency_key=key,
                    kind=kind,
                    description=description[:300],
                    contract=contract,
                    created_by=by,
                    gateway_reference=gateway_reference,
                )
        except IntegrityError:
            existing = _existing(key, kind)
            if existing is None:
                raise
            return existing
        LedgerEntry.objects.bulk_create(
            LedgerEntry(transaction=tx, account=leg.account, amount=leg.amount) for leg in legs
        )
    return tx


def _existing(key: str, kind: str) -> LedgerTransaction | None:
    tx = LedgerTransaction.objects.filter(idempotency_key=key).first()
    if tx is not None and tx.kind != kind:
        raise LedgerError(f"The key {key!r} was already used for another kind of movement.")
    return tx


# Movements -----------------------------------------------------------------------------------------------------
def fund_escrow(
    key: str, contract, amount: Decimal, *, description: str, by=None, reference: str = ""
) -> LedgerTransaction:
    """The client pays `amount` into the contract's escrow."""
    return post(
        key,
        TransactionKind.FUND,
        [Leg(client_account(contract.client), -amount), Leg(escrow_account(contract), amount)],
        description=description,
        contract=contract,
        by=by,
        gateway_reference=reference,
    )


def release_escrow(key: str, contract, amount: Decimal, *, description: str, by=None) -> LedgerTransaction:
    """Escrow goes to the freelancer (or the agency) less the service fee, which goes to the marketplace."""
    fee = service_fee(amount)
    return post(
        key,
        TransactionKind.RELEASE,
        [
            Leg(escrow_account(contract), -amount),
            Leg(payee_account(contract), to_money(amount) - fee),
            Leg(fee_account(), fee),
        ],
        description=description,
        contract=contract,
        by=by,
    )


def refund_escrow(key: str, contract, amount: Decimal, *, description: str, by=None) -> LedgerTransaction:
    """Escrow goes back to the client."""
    return post(
        key,
        TransactionKind.REFUND,
        [Leg(escrow_account(contract), -amount), Leg(client_account(contract.client), amount)],
        description=description,
        contract=contract,
        by=by,
    )


def pay_directly(
    key: str, kind: TransactionKind, contract, amount: Decimal, *, description: str, by=None, reference: str = ""
) -> LedgerTransaction:
    """A bonus or a weekly hourly bill: from the client to the freelancer (or the agency) less the fee, without
    escrow."""
    fee = service_fee(amount)
    return post(
        key,
        kind,
        [
            Leg(client_account(contract.client), -amount),
            Leg(payee_account(contract), to_money(amount) - fee),
            Leg(fee_account(), fee),
        ],
        description=description,
        contract=contract,
        by=by,
        gateway_reference=reference,
    )


def distribute(key: str, agency, member, amount: Decimal, *, description: str, by=None) -> LedgerTransaction:
    """An internal transfer: from the agency's balance to one member's earnings (no fee: the money stays with
    the agency's people). Refused with InsufficientFunds past the agency's balance."""
    return post(
        key,
        TransactionKind.DISTRIBUTION,
        [Leg(agency_account(agency), -to_money(amount)), Leg(freelancer_account(member), to_money(amount))],
        description=description,
        by=by,
    )
