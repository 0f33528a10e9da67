import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_freelancer_signs_up_edits_profile_logs_out_and_in(page: Page, live_server):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Email").fill("maria@example.com")
    page.get_by_label("Password", exact=True).fill("Sturdy-pass-2026")
    page.get_by_label("Password confirmation").fill("Sturdy-pass-2026")
    page.get_by_label("I am a freelancer").check()
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("heading", name="Your freelancer profile")).to_be_visible()
    page.get_by_label("Title").fill("Illustrator")
    page.get_by_label("Hourly rate").fill("0")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Hourly rate must be at least $1.00.")).to_be_visible()
    page.get_by_label("Hourly rate").fill("42")
    page.get_by_label("Skills").fill("illustration, branding")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile was saved.")).to_be_visible()
    expect(page.get_by_text("$42.00/hr")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Password").fill("Sturdy-pass-2026")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="My proposals")).to_be_visible()


def test_client_signs_up_and_sees_client_navigation(page: Page, live_server):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("acme")
    page.get_by_label("Email").fill("hiring@acme.example")
    page.get_by_label("Password", exact=True).fill("Sturdy-pass-2026")
    page.get_by_label("Password confirmation").fill("Sturdy-pass-2026")
    page.get_by_label("I am a client").check()
    page.get_by_role("button", name="Sign up").click()

    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Post job")).to_be_visible()
    expect(nav.get_by_role("link", name="My job posts")).to_be_visible()
    expect(nav.get_by_role("link", name="My proposals")).to_have_count(0)
