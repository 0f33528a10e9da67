"""Hourly contracts: the timer, manual time, the weekly limit, disputes, and the weekly close -> review -> bill
cycle; with the refusals and their messages."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone as dj_timezone

from contracts import services
from contracts.models import TimeEntry, Timesheet, TimesheetStatus
from contracts.tasks import close_and_bill_weeks
from messaging.models import Notification, NotificationKind
from payments import ledger
from payments.models import LedgerTransaction
from payments.services import PaymentDeclined, add_payment_method
from proposals.services import ActionNotAllowed
from tests.factories import FreelancerFactory, hire

pytestmark = pytest.mark.django_db

T = TimesheetStatus
WEDNESDAY = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # a Wednesday; the week runs Nov 23 to Nov 29


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock(WEDNESDAY)
    monkeypatch.setattr(dj_timezone, "now", clock)
    return clock


@pytest.fixture
def contract(clock):
    contract = hire(rate="40.00", weekly_limit=2)
    add_payment_method(contract.client, number="4242424242424242", exp_month=12, exp_year=2099, cvc="123")
    return contract


def at(hour: int, minute: int = 0, day: int = 25) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def test_the_timer_records_whole_segments_for_the_named_freelancer(clock, contract):
    clock.now = at(9, 3)
    services.start_timer(contract, by=contract.freelancer)
    with pytest.raises(ActionNotAllowed, match="already running"):
        services.start_timer(contract, by=contract.freelancer)
    entry, left_out = services.stop_timer(contract, by=contract.freelancer, memo="Booking form", now=at(9, 48))
    assert (entry.start, entry.segments, entry.minutes, entry.manual, left_out) == (at(9, 0), 4, 40, False, 0)
    assert entry.timesheet.week_start.isoformat() == "2026-11-23"
    with pytest.raises(ActionNotAllowed, match="The timer is not running"):
        services.stop_timer(contract, by=contract.freelancer, memo="x")


def test_only_the_named_freelancer_records_tracked_time(contract):
    for someone in (contract.client, FreelancerFactory()):
        with pytest.raises(
            PermissionDenied, match="Only the freelancer named on this contract can record tracked time"
        ):
            services.start_timer(contract, by=someone)


def test_time_on_a_fixed_price_contract_is_refused(clock):
    fixed = hire(fixed=True)
    with pytest.raises(ActionNotAllowed, match="fixed-price contract: there is no time tracking"):
        services.start_timer(fixed, by=fixed.freelancer)
    with pytest.raises(ActionNotAllowed, match="fixed-price contract: there is no time tracking"):
        services.add_manual_time(fixed, by=fixed.freelancer, start=at(9), end=at(10), memo="x")


def test_manual_time_is_marked_manual_and_refused_when_turned_off(clock, contract):
    entry = services.add_manual_time(contract, by=contract.freelancer, start=at(8), end=at(8, 30), memo="Planning")
    assert (entry.manual, entry.segments) == (True, 3)
    with pytest.raises(ActionNotAllowed, match="overlaps"):
        services.add_manual_time(contract, by=contract.freelancer, start=at(8, 20), end=at(8, 40), memo="x")
    with pytest.raises(ValidationError, match="10-minute segments"):
        services.add_manual_time(contract, by=contract.freelancer, start=at(11, 5), end=at(12), memo="x")
    with pytest.raises(ValidationError, match="current week only"):
        services.add_manual_time(contract, by=contract.freelancer, start=at(9, day=20), end=at(10, day=20), memo="x")
    with pytest.raises(ValidationError, match="future"):
        services.add_manual_time(contract, by=contract.freelancer, start=at(18), end=at(19), memo="x")
    services.set_manual_time(contract, by=contract.client, allowed=False)
    told = Notification.objects.get(recipient=contract.freelancer, kind=NotificationKind.WEEKLY_LIMIT_CHANGED)
    assert "turned off manual time" in told.text
    with pytest.raises(ActionNotAllowed, match="The client turned off manual time for this contract"):
        services.add_manual_time(contract, by=contract.freelancer, start=at(9), end=at(10), memo="x")


def test_time_past_the_weekly_limit_is_refused_with_a_clear_message(clock, contract):
    services.add_manual_time(contract, by=contract.freelancer, start=at(8), end=at(9, 30), memo="Work")
    with pytest.raises(ActionNotAllowed) as refused:
        services.add_manual_time(contract, by=contract.freelancer, start=at(10), end=at(11), memo="More")
    assert refused.value.message == (
        "This would bring the week to 2:30 hrs, past the weekly limit of 2 hrs (1:30 hrs already logged). "
        "The client pays at most 2 hrs a week."
    )
    # The timer records up to the limit and says what it left out; then it cannot start again.
    clock.now = at(12)
    services.start_timer(contract, by=contract.freelancer)
    entry, left_out = services.stop_timer(contract, by=contract.freelancer, memo="Tracked", now=at(13))
    assert (entry.minutes, left_out) == (30, 30)
    with pytest.raises(ActionNotAllowed, match="weekly limit of 2 hrs"):
        services.start_timer(contract, by=contract.freelancer)
    assert services.week_summary(contract)["total"] == "2:00 hrs"


def test_an_ended_contract_refuses_time(clock, contract):
    services.end_contract(contract, by=contract.client, reason="Done")
    with pytest.raises(ActionNotAllowed, match="has ended"):
        services.start_timer(contract, by=contract.freelancer)


def test_changing_the_weekly_limit_notifies_the_freelancer(contract):
    services.change_weekly_limit(contract, by=contract.client, limit=30)
    assert contract.weekly_limit == 30
    note = Notification.objects.get(recipient=contract.freelancer, kind=NotificationKind.WEEKLY_LIMIT_CHANGED)
    assert "from 2 to 30 hrs/week" in note.text
    with pytest.raises(PermissionDenied):
        services.change_weekly_limit(contract, by=contract.freelancer, limit=40)
    with pytest.raises(ValidationError):
        services.change_weekly_limit(contract, by=contract.client, limit=0)


def test_the_week_closes_to_review_then_is_billed_less_disputed_time(clock, contract):
    services.add_manual_time(contract, by=contract.freelancer, start=at(8), end=at(9), memo="Good work")
    disputed = services.add_manual_time(contract, by=contract.freelancer, start=at(10), end=at(10, 30), memo="?")
    with pytest.raises(ActionNotAllowed, match="only while its week is in review"):
        services.dispute_entry(disputed, by=contract.client, note="Not agreed")
    monday_after = datetime(2026, 11, 30, 0, 30, tzinfo=UTC)
    assert services.close_and_bill_weeks(now=monday_after) == {"closed": 1, "billed": 0}
    timesheet = Timesheet.objects.get(contract=contract)
    assert timesheet.status == T.IN_REVIEW
    assert timesheet.review_ends_at == datetime(2026, 12, 5, tzinfo=UTC)  # the end of Friday
    assert Notification.objects.filter(recipient=contract.client, kind=NotificationKind.TIMESHEET_IN_REVIEW).exists()
    clock.now = monday_after
    with pytest.raises(PermissionDenied):
        services.dispute_entry(disputed, by=contract.freelancer, note="x")
    services.dispute_entry(disputed, by=contract.client, note="I did not ask for this")
    timesheet.refresh_from_db()
    assert timesheet.status == T.DISPUTED
    assert Notification.objects.filter(recipient=contract.freelancer, kind=NotificationKind.TIME_DISPUTED).exists()
    assert services.close_and_bill_weeks(now=monday_after + timedelta(days=2)) == {"closed": 0, "billed": 0}
    clock.now = datetime(2026, 12, 5, 0, 5, tzinfo=UTC)
    result = close_and_bill_weeks.delay().get()  # the beat task itself
    assert result == {"closed": 0, "billed": 1}
    timesheet.refresh_from_db()
    assert (timesheet.status, timesheet.billed_minutes, timesheet.billed_amount) == (T.BILLED, 60, Decimal("40.00"))
    assert ledger.balance(ledger.freelancer_account(contract.freelancer)) == Decimal("36.00")
    assert ledger.balance(ledger.fee_account()) == Decimal("4.00")
    assert services.close_and_bill_weeks(now=datetime(2026, 12, 6, tzinfo=UTC)) == {"closed": 0, "billed": 0}
    assert LedgerTransaction.objects.filter(kind="hourly").count() == 1
    assert Notification.objects.filter(kind=NotificationKind.TIMESHEET_BILLED).count() == 2


def test_a_declined_weekly_bill_stays_in_review_and_tells_the_client(clock):
    contract = hire(rate="40.00", weekly_limit=10)
    add_payment_method(contract.client, number="4000000000000341", exp_month=12, exp_year=2099, cvc="123")
    services.add_manual_time(contract, by=contract.freelancer, start=at(8), end=at(9), memo="Work")
    services.close_and_bill_weeks(now=datetime(2026, 11, 30, 1, tzinfo=UTC))
    assert services.close_and_bill_weeks(now=datetime(2026, 12, 5, 1, tzinfo=UTC)) == {"closed": 0, "billed": 0}
    assert Timesheet.objects.get().status == T.IN_REVIEW
    assert not LedgerTransaction.objects.exists()
    assert Notification.objects.filter(recipient=contract.client, kind=NotificationKind.PAYMENT_DECLINED).exists()
    with pytest.raises(PaymentDeclined):
        services.bill_timesheet(Timesheet.objects.get(), now=datetime(2026, 12, 5, 1, tzinfo=UTC))


def text(response) -> str:
    """The page as a person reads it: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode())).split())


def test_the_work_diary_by_visible_label(client, clock, contract):
    url = contract.get_absolute_url()
    client.force_login(contract.freelancer)
    page = text(client.get(url))
    assert "Work diary" in page and "Start timer" in page and "Add manual time" in page
    assert "0:00 hrs" in page and "weekly limit of 2 hrs" in page
    response = client.post(reverse("contracts:start_timer", args=[contract.pk]), follow=True)
    assert "Timer started." in text(response) and "Stop timer" in text(response)
    clock.now = at(15, 25)
    response = client.post(reverse("contracts:stop_timer", args=[contract.pk]), {"memo": "Header"}, follow=True)
    assert "Timer stopped: 20 minutes recorded." in text(response)
    response = client.post(
        reverse("contracts:add_manual_time", args=[contract.pk]),
        {"manual-day": "2026-11-25", "manual-start": "09:00", "manual-end": "11:00", "manual-memo": "Too much"},
        follow=True,
    )
    assert "past the weekly limit of 2 hrs" in text(response)
    diary = text(client.get(reverse("contracts:work_diary", args=[contract.pk])))
    assert "Header" in diary and "Tracked time" in diary and "0:20 hrs" in diary
    client.force_login(contract.client)
    response = client.post(reverse("contracts:weekly_limit", args=[contract.pk]), {"weekly_limit": "5"}, follow=True)
    assert "Weekly limit set to 5 hrs. The freelancer has been told." in text(response)
    assert "Start timer" not in text(response)
    response = client.post(reverse("contracts:start_timer", args=[contract.pk]), follow=True)
    assert "Only the freelancer named on this contract can record tracked time." in text(response)


@pytest.mark.parametrize("rows", [3, 60])
def test_work_diary_query_budget(client, clock, rows, django_assert_max_num_queries):
    contract = hire(rate="40.00", weekly_limit=100)
    monday = datetime(2026, 11, 23, tzinfo=UTC)
    for i in range(rows):
        start = monday + timedelta(minutes=20 * i)
        services.add_manual_time(
            contract, by=contract.freelancer, start=start, end=start + timedelta(minutes=10), memo=f"Task {i}"
        )
    client.force_login(contract.client)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("contracts:work_diary", args=[contract.pk]))
    assert len(response.context["entries"]) == min(rows, 50)
    if rows > 50:
        page = text(client.get(reverse("contracts:work_diary", args=[contract.pk]) + "?week=2026-11-23"))
        assert "Page 1 of 2" in page and "Next page" in page
        assert (
            'href="?week=2026-11-23&amp;page=2"'
            in client.get(reverse("contracts:work_diary", args=[contract.pk]) + "?week=2026-11-23").content.decode()
        )
    with django_assert_max_num_queries(11):
        response = client.get(contract.get_absolute_url())
    assert TimeEntry.objects.count() == rows


def test_the_client_disputes_time_from_the_work_diary_page(client, clock, contract):
    entry = services.add_manual_time(contract, by=contract.freelancer, start=at(8), end=at(9), memo="Research")
    clock.now = datetime(2026, 11, 30, 9, tzinfo=UTC)
    services.close_and_bill_weeks()
    client.force_login(contract.client)
    diary = reverse("contracts:work_diary", args=[contract.pk])
    page = text(client.get(f"{diary}?week=2026-11-23"))
    assert "In review" in page and "Research" in page and "Manual time" in page and "Dispute" in page
    response = client.post(
        reverse("contracts:dispute_entry", args=[contract.pk, entry.pk]), {"note": "Not agreed"}, follow=True
    )
    page = text(response)
    assert "Time disputed." in page and "Disputed : Not agreed" in page
    client.force_login(contract.freelancer)
    page = text(client.get(f"{diary}?week=2026-11-23"))
    assert "Not agreed" in page and "Why you dispute this time" not in page
