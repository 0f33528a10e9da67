"""seed_demo shows the life after the hire: weeks billed and in review, milestones in every state, a bonus, and
ended contracts with feedback. Running it twice changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from contracts.models import Contract, ContractStatus, Feedback, Milestone, MilestoneStatus, Timesheet
from payments.models import LedgerTransaction

pytestmark = pytest.mark.django_db


def test_seed_demo_shows_contracts_after_the_hire_and_is_idempotent(capsys):
    call_command("seed_demo")
    weeks = list(Timesheet.objects.filter(contract__title="Maintain our booking website").order_by("week_start"))
    assert [w.status for w in weeks] == ["billed", "in_review"]
    assert set(Milestone.objects.values_list("status", flat=True)) == set(MilestoneStatus.values)
    assert LedgerTransaction.objects.filter(kind="bonus").count() == 1
    ended = Contract.objects.filter(status=ContractStatus.ENDED)
    assert ended.count() == 2
    assert Feedback.objects.filter(contract__in=ended).count() == 4
    assert all(f.is_published() for f in Feedback.objects.all())
    counts = (Contract.objects.count(), LedgerTransaction.objects.count(), Milestone.objects.count())
    call_command("seed_demo")
    assert (Contract.objects.count(), LedgerTransaction.objects.count(), Milestone.objects.count()) == counts


def test_moderators_read_a_contracts_milestones_weeks_and_feedback_in_the_admin(client, django_user_model):
    call_command("seed_demo")
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw-123456789")
    client.force_login(admin)
    contract = Contract.objects.get(title="Document the booking API (phase 1)")
    page = client.get(f"/admin/contracts/contract/{contract.pk}/change/").content.decode()
    assert "Refunded" in page and "Lucas was flexible" in page
    hourly = Contract.objects.get(title="Maintain our booking website")
    page = client.get(f"/admin/contracts/contract/{hourly.pk}/change/").content.decode()
    assert "In review" in page and "Billed" in page
