"""What the money pages read: balances summed from the ledger, and a person's transactions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from marketplace.money import to_money

from .models import AccountKind, LedgerEntry, LedgerTransaction

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from agencies.models import Agency
    from marketplace.accounts.models import User


class Amounts(TypedDict):
    """What `with_amounts` adds to each transaction."""

    fee: Decimal
    escrow: Decimal
    paid: Decimal
    received: Decimal
    to_agency: Decimal


ZERO = Decimal("0.00")
_MONEY = DecimalField(max_digits=12, decimal_places=2)


@dataclass(frozen=True)
class Balances:
    earnings: Decimal  # the freelancer's balance
    spent: Decimal  # what the client has paid in (less refunds)
    in_escrow_as_client: Decimal
    in_escrow_as_freelancer: Decimal


def balances(user: User) -> Balances:
    """One query: every balance the person has, summed from entries."""

    def total(condition: Q) -> Coalesce:
        return Coalesce(Sum("amount", filter=condition), Value(ZERO), output_field=_MONEY)

    row = LedgerEntry.objects.filter(
        Q(account__owner=user) | Q(account__contract__client=user) | Q(account__contract__freelancer=user)
    ).aggregate(
        earnings=total(Q(account__kind=AccountKind.FREELANCER, account__owner=user)),
        client=total(Q(account__kind=AccountKind.CLIENT, account__owner=user)),
        escrow_client=total(Q(account__kind=AccountKind.ESCROW, account__contract__client=user)),
        escrow_freelancer=total(Q(account__kind=AccountKind.ESCROW, account__contract__freelancer=user)),
    )
    return Balances(
        earnings=to_money(row["earnings"]),
        spent=to_money(-row["client"]),
        in_escrow_as_client=to_money(row["escrow_client"]),
        in_escrow_as_freelancer=to_money(row["escrow_freelancer"]),
    )


def with_amounts(
    transactions: QuerySet[LedgerTransaction], user: User | None = None
) -> QuerySet[WithAnnotations[LedgerTransaction, Amounts]]:
    """Each transaction with its total, fee and escrow movement (and the person's own share), in one query."""

    def part(condition: Q) -> Coalesce:
        return Coalesce(Sum("entries__amount", filter=condition), Value(ZERO), output_field=_MONEY)

    annotated = transactions.select_related("contract").annotate(
        fee=part(Q(entries__account__kind=AccountKind.FEE)),
        escrow=part(Q(entries__account__kind=AccountKind.ESCROW)),
        paid=part(Q(entries__account__kind=AccountKind.CLIENT)),
        received=part(Q(entries__account__kind=AccountKind.FREELANCER)),
        to_agency=part(Q(entries__account__kind=AccountKind.AGENCY)),
    )
    return annotated.order_by("-created_at", "-id")


def for_user(user: User) -> QuerySet[WithAnnotations[LedgerTransaction, Amounts]]:
    """A person's transactions: their contracts' as client or freelancer (an agency contract's are the agency's,
    see `for_agency`), and money their agencies paid them."""
    mine = LedgerEntry.objects.filter(account__owner=user).values("transaction_id")
    return with_amounts(
        LedgerTransaction.objects.filter(
            Q(contract__client=user) | Q(contract__freelancer=user, contract__agency__isnull=True) | Q(pk__in=mine)
        )
    )


def for_agency(agency: Agency) -> QuerySet[WithAnnotations[LedgerTransaction, Amounts]]:
    """Every movement of the agency's balance: what its contracts earned and what it distributed."""
    moved = LedgerEntry.objects.filter(account__kind=AccountKind.AGENCY, account__agency=agency).values(
        "transaction_id"
    )
    return with_amounts(LedgerTransaction.objects.filter(pk__in=moved))


def agency_balance(agency: Agency) -> Decimal:
    """The agency's balance (one query)."""
    total = LedgerEntry.objects.filter(account__kind=AccountKind.AGENCY, account__agency=agency).aggregate(
        total=Sum("amount")
    )["total"]
    return to_money(total or 0)


def amount_for(tx: WithAnnotations[LedgerTransaction, Amounts], user: User) -> Decimal:
    """What the transaction meant to `user` (an annotated row): what a client paid in (negative) or got back,
    what was released from their escrow, or what a freelancer received after the fee."""
    if tx.contract is not None and tx.contract.client_id == user.pk:
        return tx.escrow if tx.kind == "release" else tx.paid
    return tx.received


def amount_for_agency(tx: WithAnnotations[LedgerTransaction, Amounts]) -> Decimal:
    """What the transaction moved on the agency's balance (earned, or distributed: negative)."""
    return tx.to_agency
