"""A person's reputation: published feedback (average stars, number of reviews) and, for clients, total spend.

Feedback and the ledger live in higher layers (contracts, payments); their models are reached through the
reverse relations on the user (`feedback_received`, `ledger_accounts`), so this layer imports nothing above it.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Avg, Count, DecimalField, IntegerField, OuterRef, Subquery, Sum
from django.utils import timezone


def _related(model, name: str):
    return model._meta.get_field(name).related_model


def reputation(user) -> dict:
    """One query: `average` (Decimal to one place, or None), `reviews` (published feedback) and `spent` (what the
    person paid as a client, less refunds)."""
    user_model = type(user)
    feedback = _related(user_model, "feedback_received")
    account = _related(user_model, "ledger_accounts")
    entry = _related(account, "entries")
    published = feedback.objects.filter(recipient=OuterRef("pk"), published_at__lte=timezone.now()).values("recipient")
    paid = entry.objects.filter(account__owner=OuterRef("pk"), account__kind="client").values("account__owner")
    row = (
        user_model.objects.filter(pk=user.pk)
        .annotate(
            average=Subquery(published.annotate(a=Avg("stars")).values("a")[:1]),
            reviews=Subquery(published.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
            paid=Subquery(
                paid.annotate(s=Sum("amount")).values("s")[:1],
                output_field=DecimalField(max_digits=14, decimal_places=2),
            ),
        )
        .values("average", "reviews", "paid")
        .get()
    )
    average = row["average"]
    return {
        "average": None if average is None else Decimal(str(average)).quantize(Decimal("0.1")),
        "reviews": row["reviews"] or 0,
        "spent": -(row["paid"] or Decimal("0")) + Decimal("0.00"),
    }


def published_feedback(user, limit: int = 10) -> list:
    return list(
        user.feedback_received.filter(published_at__lte=timezone.now())
        .select_related("author", "contract")
        .order_by("-published_at", "-pk")[:limit]
    )
