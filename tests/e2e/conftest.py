import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD


@pytest.fixture
def log_in(live_server):
    """Log a user in through the real login form."""

    def _log_in(page: Page, user) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("button", name="Log out")).to_be_visible()

    return _log_in


@pytest.fixture
def log_out():
    def _log_out(page: Page) -> None:
        page.get_by_role("button", name="Log out").click()
        expect(page.get_by_role("link", name="Log in")).to_be_visible()

    return _log_out
