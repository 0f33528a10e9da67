"""Money: a double-entry ledger and clients' payment methods (brief section 8).

Every movement is one `LedgerTransaction` whose `LedgerEntry` amounts add up to zero, written once per
idempotency key (`payments.ledger.post` is the only writer). Balances are sums of entries, never stored.

Sign convention: an entry adds its amount to its account's balance. A client's account pays out, so its
balance is minus what the client has spent; escrow, freelancer and fee accounts hold money and never go below
zero.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AccountKind(models.TextChoices):
    CLIENT = "client", "Client payments"
    ESCROW = "escrow", "Escrow"
    FREELANCER = "freelancer", "Freelancer earnings"
    FEE = "fee", "Marketplace service fees"
    AGENCY = "agency", "Agency balance"


# Accounts that hold money: a transaction that would take one below zero is refused.
NON_NEGATIVE = frozenset({AccountKind.ESCROW, AccountKind.FREELANCER, AccountKind.FEE, AccountKind.AGENCY})


class LedgerAccount(models.Model):
    """One account: a person's (client or freelancer), a contract's escrow, an agency's balance (what its
    contracts earned, until its owner distributes it to members), or the marketplace's fees."""

    kind = models.CharField(max_length=12, choices=AccountKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_accounts"
    )
    # Escrow is held per contract (a string reference: contracts is the layer above).
    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_accounts"
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_accounts"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "owner"], condition=models.Q(contract__isnull=True), name="one_account_per_owner"
            ),
            models.UniqueConstraint(
                fields=["kind", "contract"], condition=models.Q(contract__isnull=False), name="one_escrow_per_contract"
            ),
            models.UniqueConstraint(fields=["kind"], condition=models.Q(kind="fee"), name="one_fee_account"),
            models.UniqueConstraint(
                fields=["kind", "agency"], condition=models.Q(agency__isnull=False), name="one_account_per_agency"
            ),
        ]

    def __str__(self) -> str:
        if self.kind == AccountKind.ESCROW:
            return f"Escrow of contract {self.contract_id}"
        if self.kind == AccountKind.FEE:
            return "Marketplace service fees"
        if self.kind == AccountKind.AGENCY:
            return f"Balance of agency {self.agency_id}"
        return f"{self.get_kind_display()} of {self.owner}"


class TransactionKind(models.TextChoices):
    FUND = "fund", "Milestone funded"
    RELEASE = "release", "Milestone released"
    REFUND = "refund", "Milestone refunded"
    BONUS = "bonus", "Bonus"
    HOURLY = "hourly", "Weekly hourly billing"
    DISTRIBUTION = "distribution", "Agency distribution"


class LedgerTransaction(models.Model):
    """One balanced movement of money, recorded once per `idempotency_key` however often it is retried."""

    idempotency_key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=12, choices=TransactionKind.choices)
    description = models.CharField(max_length=300)
    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_transactions"
    )
    # The gateway's charge for money that came from a card (funding, bonuses, weekly bills).
    gateway_reference = models.CharField(max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class LedgerEntry(models.Model):
    """One leg of a transaction: `amount` is added to the account's balance (negative takes money out)."""

    transaction = models.ForeignKey(LedgerTransaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="entries")
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["account", "transaction"], name="ledger_entry_account_idx")]
        constraints = [models.CheckConstraint(condition=~models.Q(amount=0), name="ledger_entry_not_zero")]

    def __str__(self) -> str:
        return f"{self.amount} to {self.account}"


class PaymentMethod(models.Model):
    """A card a client added through the gateway. Only the gateway's token and the last four digits are kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="payment_methods")
    brand = models.CharField(max_length=20)
    last4 = models.CharField(max_length=4)
    exp_month = models.PositiveSmallIntegerField()
    exp_year = models.PositiveSmallIntegerField()
    gateway_token = models.CharField(max_length=120)
    verified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.brand} ending in {self.last4}"
