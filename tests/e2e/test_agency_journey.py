"""An agency in Chromium, by role and visible label: an owner creates an agency and adds members who accept; the
owner submits a proposal as the agency naming a member; the client hires; the named member runs the timer, an
assigned member adds manual time and has no timer, and the client sees both entries with their authors."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from contracts.models import Contract
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Booking app for our clinics"


def _told(page: Page, text: str) -> None:
    expect(page.get_by_role("region", name="Messages", exact=True).get_by_text(text)).to_be_visible()


def _nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def _open_agency(page: Page) -> None:
    _nav(page).get_by_role("link", name="Agencies").click()
    page.get_by_role("link", name="Pixel Forge").click()
    expect(page.get_by_role("heading", name="Pixel Forge", level=1)).to_be_visible()


def _join(page: Page, log_in, log_out, person, *, agree: bool) -> None:
    log_in(page, person)
    _open_agency(page)
    page.get_by_role("button", name="Accept").click()
    _told(page, "You joined Pixel Forge.")
    if agree:
        page.get_by_role("button", name="Agree to be named on proposals").click()
        _told(page, "Pixel Forge may now name you on the proposals it sends.")
    log_out(page)


def test_agency_members_proposal_hire_and_work_diary(page: Page, live_server, log_in, log_out, monkeypatch):
    real_now = timezone.now()
    if real_now.weekday() == 0 and real_now.hour < 2:
        # The week began less than two hours ago: the journey's time would cross into last week.
        monkeypatch.setattr(timezone, "now", lambda: datetime.now(UTC) + timedelta(hours=2))
    olga = FreelancerFactory(username="olga", first_name="Olga", last_name="Owner")
    maria = FreelancerFactory(username="maria", first_name="Maria", last_name="Silva")
    lee = FreelancerFactory(username="lee", first_name="Lee", last_name="Chen")
    carla = ClientFactory(username="carla", first_name="Carla", last_name="Client")
    job = JobPostFactory(client=carla, title=TITLE, description="Appointments for three clinics.")

    # Olga creates the agency and adds Maria and Lee by username.
    log_in(page, olga)
    _nav(page).get_by_role("link", name="Agencies").click()
    page.get_by_role("button", name="Create agency").click()
    page.get_by_label("Agency name").fill("Pixel Forge")
    page.get_by_label("Skills").fill("Django, Flutter")
    page.get_by_role("button", name="Create agency").click()
    _told(page, "Your agency “Pixel Forge” is created.")
    add = page.get_by_role("region", name="Add member")
    for username in ("maria", "lee"):
        add = page.get_by_role("region", name="Add member")
        add.get_by_label("Username").fill(username)
        add.get_by_role("button", name="Add member").click()
        _told(page, f"{username} is invited. They become a member when they accept.")
    log_out(page)

    # Both accept; Maria agrees to be named on the agency's proposals.
    _join(page, log_in, log_out, maria, agree=True)
    _join(page, log_in, log_out, lee, agree=False)

    # Olga sends a proposal as the agency, naming Maria.
    log_in(page, olga)
    page.goto(f"{live_server.url}{job.get_absolute_url()}")
    page.get_by_role("button", name="Submit proposal").click()
    page.get_by_label("Submit as").select_option(label="Pixel Forge, naming Maria Silva")
    page.get_by_label("Hourly rate").fill("50")
    page.get_by_label("Cover letter").fill("Our agency built booking apps for two clinics last year.")
    page.get_by_role("button", name="Submit proposal").click()
    _told(page, "Pixel Forge's proposal is sent, naming Maria Silva ($50.00/hr).")
    log_out(page)

    # Carla sees the agency and the named freelancer, replies, and sends an offer.
    log_in(page, carla)
    page.goto(f"{live_server.url}{reverse('hiring:applicants', args=[job.pk])}")
    proposals = page.get_by_role("region", name="Proposals")
    expect(proposals.get_by_text(re.compile(r"Pixel Forge \(agency\), naming Maria Silva"))).to_be_visible()
    proposals.get_by_role("button", name="Send message").click()
    reply = page.get_by_role("region", name="Reply to Maria Silva")
    reply.get_by_label("Message", exact=True).fill("Hello Pixel Forge, when could Maria start?")
    reply.get_by_role("button", name="Send message").click()
    _told(page, "Maria Silva is now an active candidate")
    page.goto(f"{live_server.url}{reverse('hiring:applicants', args=[job.pk])}")
    page.get_by_role("region", name="Interviewing").get_by_role("button", name="Send offer").click()
    page.get_by_label("Weekly limit (hours)").fill("20")
    page.get_by_role("button", name="Send offer").click()
    _told(page, "Your offer is sent to Maria Silva")
    log_out(page)

    # Maria accepts: an agency contract.
    log_in(page, maria)
    _nav(page).get_by_role("link", name="My proposals").click()
    page.get_by_role("region", name="Offers").get_by_role("link", name=TITLE).click()
    page.get_by_label(re.compile("hire me and start the contract")).check()
    page.get_by_role("button", name="Accept offer").click()
    _told(page, "You accepted the offer.")
    contract = Contract.objects.get()
    assert contract.agency is not None and contract.freelancer == maria
    log_out(page)

    # Olga assigns Lee to the contract from the agency's contracts.
    log_in(page, olga)
    _open_agency(page)
    page.get_by_role("link", name="Agency contracts").click()
    page.get_by_role("link", name=TITLE).click()
    team = page.get_by_role("region", name="Assigned members")
    team.get_by_label("Member").select_option(label="Lee Chen")
    team.get_by_role("button", name="Assign member").click()
    _told(page, "Lee Chen is assigned to this contract and can add manual time.")
    log_out(page)

    # Maria, the named freelancer, runs the timer.
    log_in(page, maria)
    _nav(page).get_by_role("link", name="My Jobs").click()
    page.get_by_role("link", name=TITLE).click()
    diary = page.get_by_role("region", name="Work diary")
    diary.get_by_role("button", name="Start timer").click()
    _told(page, "Timer started.")
    # Thirty minutes pass: move the timer's start back rather than wait.
    Contract.objects.filter(pk=contract.pk).update(timer_started_at=timezone.now() - timedelta(minutes=30))
    diary = page.get_by_role("region", name="Work diary")
    diary.get_by_label("Memo", exact=True).fill("Appointment list screen")
    diary.get_by_role("button", name="Stop timer").click()
    _told(page, "Timer stopped: 30 minutes recorded.")
    log_out(page)

    # Lee, assigned, adds manual time and has no timer.
    log_in(page, lee)
    _nav(page).get_by_role("link", name="My Jobs").click()
    page.get_by_role("link", name=TITLE).click()
    diary = page.get_by_role("region", name="Work diary")
    expect(diary.get_by_role("button", name="Start timer")).to_have_count(0)
    now = timezone.now()
    end = now.replace(minute=now.minute - now.minute % 10, second=0, microsecond=0) - timedelta(minutes=40)
    start = end - timedelta(minutes=20)
    diary.locator("summary", has_text="Add manual time").click()
    diary.get_by_label("Date").fill(start.strftime("%Y-%m-%d"))
    diary.get_by_label("From (UTC)").fill(start.strftime("%H:%M"))
    diary.get_by_label("To (UTC)").fill(end.strftime("%H:%M"))
    diary.get_by_label("What you worked on").fill("Booking flow mock-ups")
    diary.get_by_role("button", name="Add manual time").click()
    _told(page, "Manual time added: 20 minutes.")
    log_out(page)

    # Carla sees both entries with their authors.
    log_in(page, carla)
    _nav(page).get_by_role("link", name="Contracts").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Open the work diary").click()
    entries = page.get_by_role("table", name="Time entries")
    expect(entries.get_by_role("row").filter(has_text="Appointment list screen")).to_contain_text("Maria Silva")
    expect(entries.get_by_role("row").filter(has_text="Appointment list screen")).to_contain_text("Tracked time")
    expect(entries.get_by_role("row").filter(has_text="Booking flow mock-ups")).to_contain_text("Lee Chen")
    expect(entries.get_by_role("row").filter(has_text="Booking flow mock-ups")).to_contain_text("Manual time")
