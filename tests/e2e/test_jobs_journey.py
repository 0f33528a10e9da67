import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.factories import ClientFactory, FreelancerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WORD = "aquaponics"  # a word of the description only, not of the title


def _find_work(page: Page, base_url: str, word: str) -> None:
    page.goto(f"{base_url}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Find work").click()
    page.get_by_label("Search", exact=True).fill(word)
    page.get_by_role("button", name="Search", exact=True).click()


def test_client_posts_freelancer_finds_client_closes_and_it_leaves_search(
    page: Page, browser: Browser, live_server, log_in
):
    acme = ClientFactory(username="acme")
    maria = FreelancerFactory(username="maria")

    # The client posts a job; a bad budget first gets a clear field error.
    log_in(page, acme)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Post job").click()
    expect(page.get_by_role("heading", name="Post a job")).to_be_visible()
    page.get_by_label("Title", exact=True).fill("Build a greenhouse monitoring dashboard")
    page.get_by_label("Description", exact=True).fill(
        f"Our {WORD} farm needs a dashboard for water temperature, pH and fish feeding times."
    )
    page.get_by_label("Skills", exact=True).fill("Python, IoT, Grafana")
    page.get_by_label("Experience level").select_option(label="Expert")
    page.get_by_label("Hourly rate", exact=True).check()
    page.get_by_label("Minimum hourly rate").fill("70")
    page.get_by_label("Maximum hourly rate").fill("40")
    page.get_by_role("button", name="Post job").click()
    expect(page.get_by_text("The maximum hourly rate must be at least the minimum.")).to_be_visible()
    page.get_by_label("Maximum hourly rate").fill("90")
    page.get_by_role("button", name="Post job").click()
    expect(page.get_by_text("Your job is posted.")).to_be_visible()
    expect(page.get_by_role("heading", name="Build a greenhouse monitoring dashboard")).to_be_visible()
    job_url = page.url

    # A freelancer, in a browser of their own, finds it by a word of its description and opens it.
    freelancer_context = browser.new_context()
    freelancer = freelancer_context.new_page()
    try:
        log_in(freelancer, maria)
        _find_work(freelancer, live_server.url, WORD)
        results = freelancer.get_by_role("list", name="Jobs")
        expect(results.get_by_role("link")).to_have_count(1)
        results.get_by_role("link", name="Build a greenhouse monitoring dashboard").click()
        expect(freelancer.get_by_role("heading", name="Build a greenhouse monitoring dashboard")).to_be_visible()
        expect(freelancer.get_by_text("Hourly: $70.00\u2013$90.00/hr")).to_be_visible()
        expect(freelancer.get_by_role("heading", name="Client activity on this job")).to_be_visible()
        expect(freelancer.get_by_role("button", name="Close job")).to_have_count(0)

        # The client closes it from the job page.
        page.goto(job_url)
        page.get_by_label("Reason for closing (optional)").fill("We found a local installer.")
        page.get_by_role("button", name="Close job").click()
        expect(page.get_by_text("Job closed. It no longer takes proposals.")).to_be_visible()
        expect(page.locator(".status-pill", has_text=re.compile(r"^Closed$"))).to_be_visible()
        expect(page.get_by_role("button", name="Close job")).to_have_count(0)

        # It has left the freelancer's search; its page says it takes no proposals.
        _find_work(freelancer, live_server.url, WORD)
        expect(freelancer.get_by_text("No open jobs match your search.")).to_be_visible()
        freelancer.goto(job_url)
        expect(freelancer.get_by_text("This job is closed and no longer accepting proposals.")).to_be_visible()
    finally:
        freelancer_context.close()

    # "My job posts" lists it as closed.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My job posts").click()
    row = page.get_by_role("row", name=re.compile("Build a greenhouse monitoring dashboard"))
    expect(row.get_by_text("Closed", exact=True)).to_be_visible()
