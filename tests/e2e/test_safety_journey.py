"""Trust and safety in Chromium: a flag a moderator acts on, and a risky room message queued for review."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from proposals.models import ApplicationStatus
from tests.factories import PASSWORD, ClientFactory, FreelancerFactory, JobPostFactory, ModeratorFactory, build

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

POLL_TIMEOUT = 10_000
NOTICE = "Don't start work or pay outside the platform before a contract is in place"


def _admin_log_in(page: Page, live_server, user) -> None:
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def test_a_flagged_job_is_suspended_by_a_moderator(browser: Browser, live_server, log_in):
    carla = ClientFactory(first_name="Carla", last_name="Client")
    fred = FreelancerFactory(first_name="Fred", last_name="Freelancer")
    job = JobPostFactory(client=carla, title="Shop rebuild, pay outside")
    application = build(ApplicationStatus.SENT, job=job, freelancer=fred)
    moderator = ModeratorFactory()

    # Fred flags the job.
    fred_page = browser.new_context().new_page()
    log_in(fred_page, fred)
    fred_page.goto(f"{live_server.url}{job.get_absolute_url()}")
    fred_page.get_by_role("button", name="Flag as inappropriate").click()
    fred_page.get_by_label("Asks for payment outside the platform").check()
    fred_page.get_by_label("Comment (optional)").fill("Asked me to pay a deposit by wire.")
    fred_page.get_by_role("button", name="Flag as inappropriate").click()
    expect(fred_page.get_by_text("a moderator will review this job")).to_be_visible()

    # The moderator finds it in the flagged jobs with the reason, and suspends it.
    mod_page = browser.new_context().new_page()
    _admin_log_in(mod_page, live_server, moderator)
    mod_page.get_by_role("link", name="Flagged jobs").click()
    row = mod_page.get_by_role("row", name=re.compile("Shop rebuild, pay outside"))
    expect(row).to_contain_text("Asks for payment outside the platform (1)")
    row.get_by_role("checkbox").check()
    mod_page.get_by_role("combobox", name="Action").select_option(label="Suspend job")
    mod_page.get_by_label("Decision note").fill("Confirmed by the reporter's screenshot")
    mod_page.get_by_role("button", name="Go").click()
    expect(mod_page.get_by_text("1 job(s) suspended")).to_be_visible()

    # Fred's application shows closed; the job page says it is no longer available.
    fred_page.goto(f"{live_server.url}{application.get_absolute_url()}")
    expect(fred_page.get_by_text("Job closed", exact=True)).to_be_visible()
    fred_page.goto(f"{live_server.url}{job.get_absolute_url()}")
    expect(fred_page.get_by_role("heading", name="This job is no longer available")).to_be_visible()


def test_a_risky_room_message_shows_the_notice_and_queues_the_room(browser: Browser, live_server, log_in):
    carla = ClientFactory(first_name="Carla", last_name="Client")
    fred = FreelancerFactory(first_name="Fred", last_name="Freelancer")
    job = JobPostFactory(client=carla, title="Booking website")
    application = build(ApplicationStatus.ACTIVE, job=job, freelancer=fred)
    room = application.room
    moderator = ModeratorFactory()

    fred_page = browser.new_context().new_page()
    log_in(fred_page, fred)
    fred_page.goto(f"{live_server.url}{room.get_absolute_url()}")
    expect(
        fred_page.get_by_text("You are not hired yet: wait for an offer and a contract before starting work")
    ).to_be_visible()

    carla_page = browser.new_context().new_page()
    log_in(carla_page, carla)
    carla_page.goto(f"{live_server.url}{room.get_absolute_url()}")
    carla_page.get_by_label("Message", exact=True).fill("let's pay via PayPal directly, start now")
    carla_page.get_by_role("button", name="Send message").click()
    messages = carla_page.get_by_role("list", name="Messages")
    expect(messages.get_by_text("let's pay via PayPal directly, start now")).to_be_visible()
    expect(messages.get_by_text(NOTICE)).to_have_count(0)  # the notice is for the reader

    # Fred's open room picks the message up with the safety notice.
    fred_messages = fred_page.get_by_role("list", name="Messages")
    expect(fred_messages.get_by_text("let's pay via PayPal directly, start now")).to_be_visible(timeout=POLL_TIMEOUT)
    expect(fred_messages.get_by_text(NOTICE)).to_be_visible()

    # The room is in the moderators' review queue.
    mod_page = browser.new_context().new_page()
    _admin_log_in(mod_page, live_server, moderator)
    mod_page.get_by_role("link", name="Flags", exact=True).click()
    mod_page.get_by_role("link", name="Rooms to review").click()
    expect(mod_page.get_by_role("row", name=re.compile(f"Room: {re.escape(room.title)}"))).to_be_visible()


def test_a_reported_message_leads_a_moderator_to_suspend_its_sender(browser: Browser, live_server, log_in):
    carla = ClientFactory(first_name="Carla", last_name="Client")
    fred = FreelancerFactory(first_name="Fred", last_name="Freelancer")
    job = JobPostFactory(client=carla, title="Booking website")
    room = build(ApplicationStatus.ACTIVE, job=job, freelancer=fred).room
    moderator = ModeratorFactory()
    wording = "Before anything else, buy the premium template from my friend's shop."

    carla_page = browser.new_context().new_page()
    log_in(carla_page, carla)
    carla_page.goto(f"{live_server.url}{room.get_absolute_url()}")
    carla_page.get_by_label("Message", exact=True).fill(wording)
    carla_page.get_by_role("button", name="Send message").click()
    expect(carla_page.get_by_role("list", name="Messages").get_by_text(wording)).to_be_visible()
    # Nobody reports their own message.
    expect(carla_page.get_by_role("link", name="Report message")).to_have_count(0)

    # Fred reports it from the room.
    fred_page = browser.new_context().new_page()
    log_in(fred_page, fred)
    fred_page.goto(f"{live_server.url}{room.get_absolute_url()}")
    message = fred_page.get_by_role("listitem").filter(has_text=wording)
    message.get_by_role("link", name="Report message").click()
    fred_page.get_by_label("Scam or phishing (suspicious links or files)").check()
    fred_page.get_by_label("Comment (optional)").fill("Wants me to pay a shop before any contract.")
    fred_page.get_by_role("button", name="Report message").click()
    expect(fred_page.get_by_text("a moderator will review this message")).to_be_visible()

    # The moderator finds the room in Flagged rooms, reads the message there and suspends its writer.
    mod_page = browser.new_context().new_page()
    _admin_log_in(mod_page, live_server, moderator)
    mod_page.get_by_role("link", name="Flagged rooms").click()
    row = mod_page.get_by_role("row", name=re.compile(re.escape(room.title)))
    expect(row).to_contain_text(carla.username)
    row.get_by_role("link", name=re.compile(re.escape(room.title))).click()
    expect(mod_page.get_by_text(wording)).to_have_count(0)  # nothing is read before the moderator asks
    mod_page.get_by_role("button", name="Read the conversation").click()
    expect(mod_page.get_by_text(wording)).to_be_visible()
    mod_page.get_by_role("link", name="Flagged rooms").first.click()
    row = mod_page.get_by_role("row", name=re.compile(re.escape(room.title)))
    row.get_by_role("checkbox").check()
    mod_page.get_by_role("combobox", name="Action").select_option(label="Suspend the sender")
    mod_page.get_by_role("button", name="Go").click()
    expect(
        mod_page.get_by_text(
            "Senders suspended in 1 room(s): they can no longer log in, and each is emailed why and where to appeal."
        )
    ).to_be_visible()

    # Carla can no longer log in.
    carla_again = browser.new_context().new_page()
    carla_again.goto(f"{live_server.url}/accounts/login/")
    carla_again.get_by_label("Username").fill(carla.username)
    carla_again.get_by_label("Password").fill(PASSWORD)
    carla_again.get_by_role("button", name="Log in").click()
    expect(carla_again.get_by_text("This account is suspended by a moderator, so you can't log in.")).to_be_visible()
    expect(carla_again.get_by_role("button", name="Log out")).to_have_count(0)

    # Fred is told once, and never who was suspended.
    fred_page.goto(f"{live_server.url}/notifications/")
    told = fred_page.get_by_text("Thank you for your report: a moderator reviewed it and took action.")
    expect(told).to_have_count(1)

    # On appeal, the moderator reinstates Carla from "Suspended accounts", and she can log in again.
    mod_page.get_by_role("link", name="Suspended accounts").first.click()
    row = mod_page.get_by_role("row", name=re.compile(re.escape(carla.username)))
    row.get_by_role("checkbox").check()
    mod_page.get_by_role("combobox", name="Action").select_option(label="Reinstate the account")
    mod_page.get_by_role("button", name="Go").click()
    expect(mod_page.get_by_text(re.compile(r"^1 account\(s\) reinstated: they can log in again"))).to_be_visible()
    expect(mod_page.get_by_role("row", name=re.compile(re.escape(carla.username)))).to_have_count(0)
    log_in(browser.new_context().new_page(), carla)
