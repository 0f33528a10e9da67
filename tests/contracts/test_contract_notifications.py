"""Every new contract notification goes through the outbox: an in-app row, an email unless switched off on
/settings/notifications/ (each new kind has its own switch)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from contracts import services
from messaging.models import PREFERENCE_GROUPS, EmailState, Notification, NotificationKind
from messaging.services import set_preferences
from payments.services import add_payment_method
from tests.factories import hire

pytestmark = pytest.mark.django_db

K = NotificationKind
NEW_KINDS = [
    K.MILESTONE_ADDED, K.MILESTONE_FUNDED, K.MILESTONE_SUBMITTED, K.MILESTONE_CHANGES_REQUESTED,
    K.MILESTONE_RELEASED, K.MILESTONE_REFUND, K.PAYMENT_DECLINED, K.TIMESHEET_IN_REVIEW, K.TIMESHEET_BILLED,
    K.TIME_DISPUTED, K.WEEKLY_LIMIT_CHANGED, K.BONUS_RECEIVED, K.CONTRACT_PAUSED, K.FEEDBACK_RECEIVED,
]  # fmt: skip


def test_every_new_kind_has_a_switch_on_the_settings_page(client):
    grouped = {kind for _, _, kinds in PREFERENCE_GROUPS for kind in kinds}
    assert set(NEW_KINDS) <= grouped
    contract = hire(fixed=True)
    client.force_login(contract.freelancer)
    page = client.get(reverse("messaging:preferences")).content.decode()
    assert "Email me when a client funds a milestone of my contract" in page
    client.force_login(contract.client)
    page = client.get(reverse("messaging:preferences")).content.decode()
    assert "Email me when my card is declined for a payment" in page


def test_a_funded_milestone_is_emailed_to_the_freelancer_unless_switched_off(django_capture_on_commit_callbacks):
    contract = hire(fixed=True)
    add_payment_method(contract.client, number="4242424242424242", exp_month=12, exp_year=2099, cvc="123")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.fund_milestone(contract.milestones.get(), by=contract.client)
    note = Notification.objects.get(kind=K.MILESTONE_FUNDED)
    assert note.recipient == contract.freelancer and note.url == contract.get_absolute_url()
    [email] = mail.outbox
    assert email.to == [contract.freelancer.email] and "funded" in email.subject
    assert contract.get_absolute_url() in email.body

    set_preferences(contract.freelancer, {K.MILESTONE_ADDED: False})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_milestone(contract, by=contract.client, description="More", amount="50")
    assert mail.outbox == []
    assert Notification.objects.get(kind=K.MILESTONE_ADDED).email_state == EmailState.SKIPPED
