"""In Chromium, both sides read "not hired yet" on every page of a candidacy until the offer is accepted, then
"You are hired" / "You hired ..." with a link to the contract (application, offer, room and job pages)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from proposals import services
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory, offer_terms

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _status(page: Page):
    return page.locator(".hire-status")


def _nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def test_not_hired_yet_until_the_offer_is_accepted_then_hired(page: Page, browser: Browser, live_server, log_in):
    carla = ClientFactory(username="carla", first_name="Carla", last_name="Client")
    maria = FreelancerFactory(username="maria", first_name="Maria", last_name="Silva")
    job = JobPostFactory(client=carla, title="Build a booking website")
    app = services.submit_proposal(job, by=maria, cover_letter="I have built three.", hourly_rate="45")
    services.respond(app, by=carla, message="Tell me more")
    services.send_offer(app, by=carla, **offer_terms())
    application = f"{live_server.url}{app.get_absolute_url()}"
    room = f"{live_server.url}{app.room.get_absolute_url()}"
    job_page = f"{live_server.url}{job.get_absolute_url()}"

    maria_context = browser.new_context()
    fred = maria_context.new_page()
    try:
        log_in(fred, maria)
        log_in(page, carla)
        # Before: the freelancer is told on the application (with the offer), the room and the job page.
        for url in (application, room, job_page):
            fred.goto(url)
            expect(_status(fred)).to_contain_text("You are not hired yet")
        fred.goto(application)
        expect(fred.get_by_role("region", name="Offer", exact=True)).to_be_visible()
        expect(fred.get_by_text("Accepting hires you and starts the contract on")).to_be_visible()
        fred.goto(job_page)
        expect(fred.get_by_role("button", name="Submit proposal")).to_have_count(0)
        expect(fred.get_by_role("button", name="View your application")).to_be_visible()
        # ... and the client on the application and the room.
        for url in (application, room):
            page.goto(url)
            expect(_status(page)).to_contain_text("Maria Silva is not hired yet")

        # Maria accepts (with the tick), on the application page.
        fred.goto(application)
        fred.get_by_role("checkbox", name="I accept $50.00").check()
        fred.get_by_role("button", name="Accept offer").click()
        expect(fred.get_by_role("region", name="Messages", exact=True)).to_contain_text("You are hired")

        contract_url = re.compile(r"/contracts/\d+/$")
        for url in (application, room, job_page):
            fred.goto(url)
            expect(_status(fred)).to_contain_text("You are hired.")
            expect(_status(fred)).not_to_contain_text("not hired")
            _status(fred).get_by_role("link", name="View the contract").click()
            expect(fred).to_have_url(contract_url)
        for url in (application, room):
            page.goto(url)
            expect(_status(page)).to_contain_text("You hired Maria Silva.")
            _status(page).get_by_role("link", name="View the contract").click()
            expect(page).to_have_url(contract_url)
        # My proposals: a live contract, not a past application that ended.
        _nav(fred).get_by_role("link", name="My proposals").click()
        expect(fred.get_by_text("Hired · contract active")).to_be_visible()
    finally:
        maria_context.close()
