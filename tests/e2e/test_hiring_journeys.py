"""The hiring workflow in Chromium, as people click through it: by role and visible label.

Each journey starts from factory data (people via tests/factories.py, earlier steps via the services) and has
the client and the freelancer in two browser contexts, or one after the other with log out / log in.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Page, expect

from jobs.models import JobPost
from proposals import services
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The conversation polls every 2 seconds; leave room for a slow machine.
POLL_TIMEOUT = 10_000


def _nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def _region(page: Page, name: str):
    return page.get_by_role("region", name=name, exact=True)


def _told(page: Page, text: str) -> None:
    """The page's flash message says `text`."""
    expect(page.get_by_role("region", name="Messages", exact=True).get_by_text(text)).to_be_visible()


def _open_my_proposals(page: Page) -> None:
    _nav(page).get_by_role("link", name="My proposals").click()
    expect(page.get_by_role("heading", name="My proposals", level=1)).to_be_visible()


def _open_job_as_client(page: Page, title: str) -> None:
    _nav(page).get_by_role("link", name="My job posts").click()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def _send_in_room(page: Page, text: str) -> None:
    page.get_by_label("Message", exact=True).fill(text)
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("list", name="Messages").get_by_text(text)).to_be_visible()


def _last_viewed_by_client(title: str, timeout: float = 5.0):
    """The job's "last viewed by client", once the applicants page has posted it (or None after `timeout`)."""
    deadline = time.monotonic() + timeout
    while (seen := JobPost.objects.get(title=title).client_last_viewed_at) is None and time.monotonic() < deadline:
        time.sleep(0.1)
    return seen


def _people():
    carla = ClientFactory(username="carla", first_name="Carla", last_name="Client")
    maria = FreelancerFactory(username="maria", first_name="Maria", last_name="Silva")
    return carla, maria


def test_invitation_to_interview_ends_in_a_contract(page: Page, browser: Browser, live_server, log_in):
    carla, maria = _people()
    FreelancerFactory(first_name="Otto", last_name="Other")
    JobPostFactory(client=carla, title="Build a booking website")

    # Carla finds Maria from her job page and invites her from Maria's profile, with a message.
    log_in(page, carla)
    _open_job_as_client(page, "Build a booking website")
    page.get_by_role("button", name="Invite to interview").click()
    page.get_by_label("Find freelancers").fill("Silva")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_role("list", name="Freelancers")
    expect(results.get_by_role("listitem")).to_have_count(1)
    results.get_by_role("link", name="Maria Silva").click()
    invite = _region(page, "Invite Maria Silva to interview")
    expect(invite.get_by_label("Job")).to_have_value(re.compile(r"^\d+$"))  # the job she came from is chosen
    invite.get_by_label("Message").fill("Hi Maria, would you like to talk about our booking website?")
    invite.get_by_role("button", name="Invite to interview").click()
    _told(page, "You invited Maria Silva to interview for “Build a booking website”.")

    maria_context = browser.new_context()
    fred = maria_context.new_page()
    try:
        # Maria accepts with different terms and a message; the fee preview shows what she would receive.
        log_in(fred, maria)
        _open_my_proposals(fred)
        _region(fred, "Invitations to interview").get_by_role("link", name="Build a booking website").click()
        expect(fred.get_by_text("Hi Maria, would you like to talk about our booking website?").first).to_be_visible()
        accept = _region(fred, "Accept the invitation")
        accept.get_by_label("Message to the client").fill("Thanks Carla! I have built two booking sites.")
        accept.get_by_label("Hourly rate").fill("65")
        expect(accept.get_by_text("You'll receive")).to_be_visible()
        expect(accept.get_by_text("$58.50/hr")).to_be_visible()
        accept.get_by_role("button", name="Accept", exact=True).click()
        _told(fred, "You accepted the invitation.")
        expect(fred.get_by_text("Active candidacy", exact=True)).to_be_visible()

        # They talk in the room.
        fred.get_by_role("button", name="Open conversation").click()
        conversation = fred.get_by_role("list", name="Messages")
        expect(conversation.get_by_text("Thanks Carla! I have built two booking sites.")).to_be_visible()
        _send_in_room(fred, "When would you like to start?")

        _nav(page).get_by_role("link", name=re.compile("^Messages")).click()
        page.get_by_role("link", name="Build a booking website: Maria Silva").click()
        expect(page.get_by_role("list", name="Messages").get_by_text("When would you like to start?")).to_be_visible()
        _send_in_room(page, "Next Monday works for us.")
        expect(conversation.get_by_text("Next Monday works for us.")).to_be_visible(timeout=POLL_TIMEOUT)

        # Carla sends an offer from the applicants page.
        _open_job_as_client(page, "Build a booking website")
        page.get_by_role("button", name="Review applicants").click()
        interviewing = _region(page, "Interviewing")
        expect(interviewing.get_by_text("Rate bid: $65.00/hr")).to_be_visible()
        assert _last_viewed_by_client("Build a booking website") is not None  # posted by the shown page
        interviewing.get_by_role("button", name="Send offer").click()
        expect(page.get_by_role("heading", name="Send an offer to Maria Silva")).to_be_visible()
        expect(page.get_by_role("spinbutton", name="Hourly rate")).to_have_value("65.00")
        page.get_by_label("Weekly limit (hours)").fill("20")
        page.get_by_role("button", name="Send offer").click()
        _told(page, "Your offer is sent to Maria Silva: $65.00/hr, up to 20 hrs/week.")

        # Maria asks about it, then accepts it.
        _open_my_proposals(fred)
        _region(fred, "Offers").get_by_role("link", name="Build a booking website").click()
        expect(_region(fred, "Offer").get_by_text("$65.00/hr, up to 20 hrs/week")).to_be_visible()
        question = _region(fred, "Questions about the offer?")
        question.get_by_label("Message", exact=True).fill("Are the 20 hours flexible from week to week?")
        question.get_by_role("button", name="Ask for clarification").click()
        _told(fred, "The offer stays open.")
        accept = _region(fred, "Accept the offer")
        expect(accept.get_by_text("Accepting hires you and starts the contract on")).to_be_visible()
        accept.get_by_label("I accept $65.00/hr, up to 20 hrs/week: hire me and start the contract").check()
        fred.get_by_role("button", name="Accept offer").click()
        _told(fred, "You accepted the offer. You are hired: the contract is under My Jobs.")

        # Both see the contract: under My Jobs for Maria, under Contracts for Carla.
        _nav(fred).get_by_role("link", name="My Jobs").click()
        expect(
            fred.get_by_role("list", name="My Jobs").get_by_role("link", name="Build a booking website")
        ).to_be_visible()
        _nav(page).get_by_role("link", name="Contracts").click()
        contracts = page.get_by_role("list", name="Contracts")
        expect(contracts.get_by_role("link", name="Build a booking website")).to_be_visible()
        expect(contracts.get_by_text("Freelancer: Maria Silva")).to_be_visible()

        # The job page shows one hire in "Client activity on this job".
        _open_job_as_client(page, "Build a booking website")
        activity = _region(page, "Client activity on this job")
        expect(activity.get_by_text("1: Maria Silva")).to_be_visible()
    finally:
        maria_context.close()


def test_proposal_becomes_a_candidacy_then_the_client_declines_it(page: Page, browser: Browser, live_server, log_in):
    carla, maria = _people()
    JobPostFactory(client=carla, title="Translate our booking widget", description="Portuguese and Spanish.")

    # Maria finds the job and submits a proposal; the fee preview follows what she types.
    log_in(page, maria)
    _nav(page).get_by_role("link", name="Find work").click()
    page.get_by_label("Search", exact=True).fill("widget")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("list", name="Jobs").get_by_role("link", name="Translate our booking widget").click()
    page.get_by_role("button", name="Submit proposal").click()
    page.get_by_label("Hourly rate").fill("45")
    expect(page.get_by_text("$40.50/hr")).to_be_visible()
    page.get_by_label("Cover letter").fill("I translate web apps into Portuguese and Spanish every week.")
    page.get_by_role("button", name="Submit proposal").click()
    _told(page, "Your proposal is sent ($45.00/hr).")

    carla_context = browser.new_context()
    client = carla_context.new_page()
    try:
        # Carla replies to the proposal: Maria becomes an active candidate.
        log_in(client, carla)
        _open_job_as_client(client, "Translate our booking widget")
        client.get_by_role("button", name="Review applicants").click()
        proposals = _region(client, "New proposals")
        expect(proposals.get_by_role("link", name="Maria Silva")).to_be_visible()
        expect(proposals.get_by_text("Rate bid: $45.00/hr")).to_be_visible()
        proposals.get_by_role("button", name="Send message").click()
        reply = _region(client, "Reply to Maria Silva")
        reply.get_by_label("Message", exact=True).fill("Hello Maria, can you also do Catalan?")
        reply.get_by_role("button", name="Send message").click()
        _told(client, "Maria Silva is now an active candidate")

        # Maria sees it under Active candidacies and proposes different terms.
        _open_my_proposals(page)
        expect(_region(page, "Submitted proposals").get_by_role("link")).to_have_count(0)
        _region(page, "Active candidacies").get_by_role("link", name="Translate our booking widget").click()
        terms = _region(page, "Change your terms")
        terms.get_by_label("Hourly rate").fill("55")
        expect(terms.get_by_text("$49.50/hr")).to_be_visible()
        terms.get_by_role("button", name="Propose different terms").click()
        _told(page, "Your new terms are sent to the client: $55.00/hr.")

        # Carla sees the new rate and declines the candidate.
        client.get_by_role("link", name="Applicants", exact=True).click()
        interviewing = _region(client, "Interviewing")
        expect(interviewing.get_by_text("Rate bid: $55.00/hr")).to_be_visible()
        interviewing.get_by_role("button", name="Decline candidate").click()
        decline = _region(client, "Decline this candidate")
        decline.get_by_label("Chose another freelancer").check()
        decline.get_by_role("button", name="Decline candidate").click()
        _told(client, "You declined Maria Silva.")
        client.get_by_role("link", name="Applicants", exact=True).click()
        expect(_region(client, "Declined and closed").get_by_role("link", name="Maria Silva")).to_be_visible()

        # Maria is told politely, without the reason.
        _open_my_proposals(page)
        past = _region(page, "Past applications")
        expect(past.get_by_role("link", name="Translate our booking widget")).to_be_visible()
        expect(past.get_by_text("Not selected")).to_be_visible()
        past.get_by_role("link", name="Translate our booking widget").click()
        expect(page.get_by_text("The client decided not to move forward")).to_be_visible()
        expect(page.get_by_text("Chose another freelancer")).to_have_count(0)
    finally:
        carla_context.close()


def test_ignored_invitation_is_archived_then_declined_without_contact_details(page: Page, live_server, log_in):
    carla, maria = _people()
    job = JobPostFactory(client=carla, title="Design a logo for a bakery")
    services.invite(job, maria, by=carla, message="We love your portfolio.")

    log_in(page, maria)
    _open_my_proposals(page)
    _region(page, "Invitations to interview").get_by_role("link", name="Design a logo for a bakery").click()
    page.get_by_role("button", name="Ignore").click()
    _told(page, "Invitation archived.")

    # Later she finds it under Archived and declines it with a reason.
    _open_my_proposals(page)
    expect(_region(page, "Invitations to interview").get_by_role("link")).to_have_count(0)
    _region(page, "Archived").get_by_role("link", name="Design a logo for a bakery").click()
    expect(page.get_by_text("You archived this invitation.")).to_be_visible()
    decline = _region(page, "Decline the invitation")
    decline.get_by_label("Too busy").check()
    message = decline.get_by_label("Message to the client (optional)")
    message.fill("Too busy now, but email me at maria.silva@example.com next month.")
    decline.get_by_role("button", name="Decline", exact=True).click()

    # The message with an email address is refused with a clear reason; her input is kept.
    decline = _region(page, "Decline the invitation")
    expect(decline.get_by_text("Remove the contact details from your message")).to_be_visible()
    expect(decline.get_by_text("can't be passed when declining")).to_be_visible()
    message = decline.get_by_label("Message to the client (optional)")
    expect(message).to_have_value("Too busy now, but email me at maria.silva@example.com next month.")
    expect(decline.get_by_label("Too busy")).to_be_checked()
    message.fill("Too busy now, sorry. Good luck with the bakery!")
    decline.get_by_role("button", name="Decline", exact=True).click()
    _told(page, "You declined the invitation. The client has been told.")

    _open_my_proposals(page)
    expect(_region(page, "Archived").get_by_role("link")).to_have_count(0)
    past = _region(page, "Past applications")
    expect(past.get_by_role("link", name="Design a logo for a bakery")).to_be_visible()
    expect(past.get_by_text("Declined", exact=True)).to_be_visible()


def test_closing_a_job_closes_it_for_every_open_applicant(page: Page, live_server, log_in, log_out):
    carla = ClientFactory(username="carla", first_name="Carla", last_name="Client")
    job = JobPostFactory(client=carla, title="Migrate our old booking data")
    sent, invited, active = (
        FreelancerFactory(first_name=name, last_name="Applicant") for name in ("Ana", "Bruno", "Chen")
    )
    services.submit_proposal(job, by=sent, cover_letter="I can do it.", hourly_rate="40")
    services.invite(job, invited, by=carla)
    candidacy = services.submit_proposal(job, by=active, cover_letter="Done this before.", hourly_rate="50")
    services.respond(candidacy, by=carla, message="Let's talk.")

    log_in(page, carla)
    _open_job_as_client(page, "Migrate our old booking data")
    page.get_by_label("Reason for closing (optional)").fill("We found an in-house solution.")
    page.get_by_role("button", name="Close job").click()
    expect(
        page.get_by_text(
            "Job closed. It no longer takes proposals. 3 open applications were closed, "
            "and each freelancer has been told."
        )
    ).to_be_visible()
    page.get_by_role("button", name="Review applicants").click()
    expect(_region(page, "Declined and closed").get_by_role("listitem")).to_have_count(3)
    log_out(page)

    for freelancer in (sent, invited, active):
        log_in(page, freelancer)
        _nav(page).get_by_role("link", name=re.compile("^Notifications")).click()
        expect(page.get_by_text("The client closed the job “Migrate our old booking data”")).to_be_visible()
        _open_my_proposals(page)
        for open_section in ("Invitations to interview", "Active candidacies", "Submitted proposals"):
            expect(_region(page, open_section).get_by_role("link")).to_have_count(0)
        past = _region(page, "Past applications")
        expect(past.get_by_text("Job closed", exact=True)).to_be_visible()
        past.get_by_role("link", name="Migrate our old booking data").click()
        expect(page.get_by_text("This job is closed, so this application is closed.")).to_be_visible()
        expect(page.get_by_role("button", name=re.compile("Accept|Withdraw proposal|Propose"))).to_have_count(0)
        log_out(page)
