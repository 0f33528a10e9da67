import re

import pytest
from playwright.sync_api import Browser, Page, expect

from messaging.services import open_room
from tests.factories import PASSWORD, ClientFactory, FreelancerFactory, JobPostFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The room polls every 2 seconds; leave room for a slow machine.
POLL_TIMEOUT = 10_000


def _nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def _conversation(page: Page):
    return page.get_by_role("list", name="Messages")


def _log_in_to_messages(page: Page, live_server, user) -> None:
    """Log in through the real form, landing on the inbox."""
    page.goto(f"{live_server.url}/accounts/login/?next=/messages/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Messages")).to_be_visible()


def _send(page: Page, text: str) -> None:
    page.get_by_label("Message", exact=True).fill(text)
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_label("Message", exact=True)).to_have_value("")


def test_two_people_exchange_messages_live_and_the_badge_goes_up_and_down(browser: Browser, live_server):
    carla = ClientFactory(first_name="Carla", last_name="Client")
    fred = FreelancerFactory(first_name="Fred", last_name="Freelancer")
    room = open_room(
        subject=JobPostFactory(client=carla, title="Booking website"),
        participants=[carla, fred],
        title="Booking website",
    )
    carla_page = browser.new_context().new_page()
    fred_page = browser.new_context().new_page()
    refused: list[str] = []  # what the Content-Security-Policy blocked, as the browser reports it
    for page in (carla_page, fred_page):
        page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    _log_in_to_messages(carla_page, live_server, carla)
    _log_in_to_messages(fred_page, live_server, fred)

    expect(_nav(fred_page).locator(".badge")).to_have_count(0)

    # Carla writes first.
    carla_page.goto(f"{live_server.url}/messages/{room.pk}/")
    expect(carla_page.get_by_role("heading", name="Booking website")).to_be_visible()
    _send(carla_page, "Hi Fred, can you start on Monday?")
    expect(_conversation(carla_page).get_by_text("Hi Fred, can you start on Monday?")).to_be_visible()

    # Fred's navigation shows one unread conversation and one unread notification.
    _nav(fred_page).get_by_role("link", name=re.compile("^Messages")).click()
    expect(_nav(fred_page).get_by_label("1 unread conversations")).to_have_text("1")
    expect(_nav(fred_page).get_by_label("1 unread notifications")).to_have_text("1")
    expect(fred_page.get_by_label("1 unread", exact=True)).to_be_visible()  # the room's count in the list

    # Opening the conversation shows the message and the badges go back down.
    fred_page.get_by_role("link", name="Booking website").click()
    expect(_conversation(fred_page).get_by_text("Hi Fred, can you start on Monday?")).to_be_visible()
    expect(_nav(fred_page).locator(".badge")).to_have_count(0)

    # From now on both pages stay open: no reloads.
    fred_page.evaluate("window.stillTheSamePage = true")
    carla_page.evaluate("window.stillTheSamePage = true")

    _send(carla_page, "Also, <script>window.pwned = true</script> bring the designs.")
    expect(_conversation(fred_page).get_by_text("bring the designs.")).to_be_visible(timeout=POLL_TIMEOUT)
    expect(_conversation(fred_page).get_by_text("<script>window.pwned = true</script>", exact=False)).to_be_visible()

    _send(fred_page, "Yes! My portfolio: https://example.com/portfolio")
    expect(_conversation(carla_page).get_by_text("Yes! My portfolio:")).to_be_visible(timeout=POLL_TIMEOUT)
    expect(_conversation(carla_page).get_by_role("link", name="https://example.com/portfolio")).to_be_visible()

    # A blank message is refused with a clear error; the form keeps working afterwards.
    carla_page.get_by_label("Message", exact=True).fill("   ")
    carla_page.get_by_role("button", name="Send message").click()
    expect(carla_page.get_by_text("Write a message first.")).to_be_visible()
    _send(carla_page, "Perfect, talk soon.")
    expect(_conversation(fred_page).get_by_text("Perfect, talk soon.")).to_be_visible(timeout=POLL_TIMEOUT)
    expect(carla_page.get_by_text("Write a message first.")).to_have_count(0)

    assert fred_page.evaluate("window.stillTheSamePage") is True
    assert carla_page.evaluate("window.stillTheSamePage") is True
    assert fred_page.evaluate("window.pwned") is None
    assert refused == []
    # Each message appears once on each side.
    expect(_conversation(fred_page).get_by_role("listitem")).to_have_count(4)
    expect(_conversation(carla_page).get_by_role("listitem")).to_have_count(4)

    # What Fred saw live counts as read: after a reload, no badge.
    fred_page.reload()
    expect(_conversation(fred_page).get_by_role("listitem")).to_have_count(4)
    expect(_nav(fred_page).locator(".badge")).to_have_count(0)
