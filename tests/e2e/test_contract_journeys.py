"""Contracts after the hire in Chromium, by role and visible label: the hourly work diary billed by the beat task,
a fixed-price milestone from payment method to release, and a bonus, the end and feedback."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from contracts.models import Contract, week_start
from contracts.tasks import close_and_bill_weeks
from payments.services import add_payment_method
from tests.factories import ClientFactory, FreelancerFactory, hire

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _told(page: Page, text: str) -> None:
    expect(page.get_by_role("region", name="Messages", exact=True).get_by_text(text)).to_be_visible()


def _nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def _open_contract(page: Page, title: str, menu: str) -> None:
    _nav(page).get_by_role("link", name=menu).click()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def _people():
    carla = ClientFactory(username="carla", first_name="Carla", last_name="Client", profile__payment_verified=False)
    maria = FreelancerFactory(username="maria", first_name="Maria", last_name="Silva")
    return carla, maria


def test_hourly_timer_manual_time_limit_and_weekly_billing(
    page: Page, browser: Browser, live_server, log_in, monkeypatch
):
    real_now = timezone.now()
    if real_now.weekday() == 0 and real_now.hour < 2:
        # The week began less than two hours ago: the journey's hour of time would cross into last week, so the
        # app (live server included: same process) runs two hours ahead.
        monkeypatch.setattr(timezone, "now", lambda: datetime.now(UTC) + timedelta(hours=2))
    carla, maria = _people()
    contract = hire(client=carla, freelancer=maria, rate="40.00", weekly_limit=1)
    add_payment_method(carla, number="4242424242424242", exp_month=12, exp_year=2099, cvc="123")

    log_in(page, maria)
    _open_contract(page, contract.title, "My Jobs")
    diary = page.get_by_role("region", name="Work diary")
    expect(diary.get_by_text(re.compile(r"0:00 hrs .*weekly limit of 1 hrs"))).to_be_visible()
    diary.get_by_role("button", name="Start timer").click()
    _told(page, "Timer started.")
    # Thirty minutes pass: move the timer's start back rather than wait (the one thing a browser cannot do).
    Contract.objects.filter(pk=contract.pk).update(timer_started_at=timezone.now() - timedelta(minutes=30))
    diary.get_by_label("Memo", exact=True).fill("Booking form layout")
    diary.get_by_role("button", name="Stop timer").click()
    _told(page, "Timer stopped: 30 minutes recorded.")

    now = timezone.now()
    slot_end = now.replace(minute=now.minute - now.minute % 10, second=0, microsecond=0) - timedelta(minutes=40)
    diary.locator("summary", has_text="Add manual time").click()

    def add_manual(end, minutes: int, memo: str) -> None:
        start = end - timedelta(minutes=minutes)
        diary.get_by_label("Date").fill(start.strftime("%Y-%m-%d"))
        diary.get_by_label("From (UTC)").fill(start.strftime("%H:%M"))
        diary.get_by_label("To (UTC)").fill(end.strftime("%H:%M"))
        diary.get_by_label("What you worked on").fill(memo)
        diary.get_by_role("button", name="Add manual time").click()

    add_manual(slot_end, 20, "Call with Carla")
    _told(page, "Manual time added: 20 minutes.")
    diary = page.get_by_role("region", name="Work diary")
    diary.locator("summary", has_text="Add manual time").click()
    add_manual(slot_end - timedelta(minutes=20), 20, "One more thing")
    _told(page, "This would bring the week to 1:10 hrs, past the weekly limit of 1 hrs (0:50 hrs already logged).")
    expect(page.get_by_role("region", name="Work diary").get_by_text("0:50 hrs")).to_be_visible()

    # Beat closes the week, and after the review period bills it (the task run directly, the clock moved on).
    monday = week_start(now)
    for days_later in (7 - now.weekday(), 14):  # after the week: to review; after Friday: billed
        later = timezone.now() + timedelta(days=days_later)
        with monkeypatch.context() as m:
            m.setattr(timezone, "now", lambda later=later: later)
            close_and_bill_weeks()  # the beat task itself

    _nav(page).get_by_role("link", name="Payments").click()
    rows = page.get_by_role("table", name="Transactions")
    row = rows.get_by_role("row").filter(has_text="Weekly hourly billing")
    expect(row).to_contain_text(f"0:50 hrs, week of {monday:%b} {monday.day}")
    expect(row).to_contain_text("$30.00")  # $33.33 less the $3.33 service fee
    expect(row).to_contain_text("$3.33")

    carla_page = browser.new_context().new_page()
    log_in(carla_page, carla)
    _nav(carla_page).get_by_role("link", name="Payments").click()
    row = carla_page.get_by_role("table", name="Transactions").get_by_role("row").filter(has_text="Weekly hourly")
    expect(row).to_contain_text("\N{MINUS SIGN}$33.33")
    expect(row).to_contain_text("$3.33")


def test_fixed_price_fund_submit_changes_approve_and_release(page: Page, browser: Browser, live_server, log_in):
    carla, maria = _people()
    contract = hire(fixed=True, client=carla, freelancer=maria, price="500.00")

    log_in(page, carla)
    page.goto(f"{live_server.url}/settings/billing/")
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Expiry month").fill("12")
    page.get_by_label("Expiry year").fill("2099")
    page.get_by_label("CVC").fill("123")
    page.get_by_role("button", name="Add payment method").click()
    _told(page, "Visa ending in 4242 was added. Payment method verified.")

    _open_contract(page, contract.title, "Contracts")
    milestone = page.get_by_role("listitem", name=f"Milestone: {contract.title}")
    milestone.get_by_role("button", name="Fund milestone").click()
    _told(page, "Milestone funded: the money is held in escrow until you release it.")

    maria_page = browser.new_context().new_page()
    log_in(maria_page, maria)
    _open_contract(maria_page, contract.title, "My Jobs")
    item = maria_page.get_by_role("listitem", name=f"Milestone: {contract.title}")
    item.get_by_label("Message to the client").fill("First version attached in the room.")
    item.get_by_role("button", name="Submit work").click()
    _told(maria_page, "Work submitted. The client has been told.")

    page.reload()
    milestone = page.get_by_role("listitem", name=f"Milestone: {contract.title}")
    expect(milestone.get_by_text("Submitted: First version attached in the room.")).to_be_visible()
    milestone.get_by_label("What should change").fill("Please add the booking calendar.")
    milestone.get_by_role("button", name="Request changes").click()
    _told(page, "Changes requested. The freelancer has been told.")

    maria_page.reload()
    item = maria_page.get_by_role("listitem", name=f"Milestone: {contract.title}")
    expect(item.get_by_text("Changes requested: Please add the booking calendar.")).to_be_visible()
    item.get_by_label("Message to the client").fill("Calendar added.")
    item.get_by_role("button", name="Submit work").click()
    _told(maria_page, "Work submitted. The client has been told.")

    page.reload()
    page.get_by_role("listitem", name=f"Milestone: {contract.title}").get_by_role(
        "button", name="Approve and release"
    ).click()
    _told(page, "Milestone approved and released to the freelancer.")

    _nav(maria_page).get_by_role("link", name="Payments").click()
    expect(maria_page.get_by_text(re.compile(r"Available balance\s*\$450\.00"))).to_be_visible()


def test_bonus_end_feedback_and_the_profile_rating(page: Page, browser: Browser, live_server, log_in):
    carla, maria = _people()
    contract = hire(client=carla, freelancer=maria)
    add_payment_method(carla, number="4242424242424242", exp_month=12, exp_year=2099, cvc="123")

    log_in(page, carla)
    _open_contract(page, contract.title, "Contracts")
    page.locator("summary", has_text="Give a bonus").click()
    page.get_by_label("Bonus amount").fill("50")
    page.get_by_label("Note to the freelancer").fill("Thanks for the extra effort")
    page.get_by_role("button", name="Give a bonus").click()
    _told(page, "Bonus of $50.00 sent to Maria Silva.")
    page.get_by_label("Reason for ending the contract").fill("The website is live.")
    page.get_by_role("button", name="End contract").click()
    _told(page, "You ended the contract. Maria Silva has been told. Leave feedback below.")
    page.get_by_label("Rating").select_option("5")
    page.get_by_label("Public comment").fill("Maria delivered early and communicated well.")
    page.get_by_role("button", name="Leave feedback").click()
    _told(page, "Thank you: your feedback is saved.")

    maria_page = browser.new_context().new_page()
    log_in(maria_page, maria)
    _open_contract(maria_page, contract.title, "My Jobs")
    feedback = maria_page.get_by_role("region", name="Feedback")
    expect(feedback.get_by_text("Maria delivered early")).to_have_count(0)  # hidden until both left theirs
    maria_page.get_by_label("Rating").select_option("4")
    maria_page.get_by_label("Public comment").fill("Clear brief and quick answers.")
    maria_page.get_by_role("button", name="Leave feedback").click()
    feedback = maria_page.get_by_role("region", name="Feedback")
    expect(feedback.get_by_text("Maria delivered early and communicated well.")).to_be_visible()

    page.goto(f"{live_server.url}/freelancers/maria/")
    expect(page.get_by_text("5.0 of 5 stars from 1 review")).to_be_visible()
    expect(page.get_by_text("Maria delivered early and communicated well.")).to_be_visible()
