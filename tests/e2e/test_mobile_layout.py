"""At 375 px wide, no main page scrolls sideways, for each role; the navigation collapses behind "Menu"."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from proposals.models import ApplicationStatus
from tests.factories import PASSWORD, UserFactory, build, hire

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

S = ApplicationStatus
PHONE = {"width": 375, "height": 740}


def _pages(offered, contract) -> dict[str, list[str]]:
    job, app = offered.job, offered
    common = [
        reverse("home"),
        reverse("jobs:list"),
        job.get_absolute_url(),
        reverse("messaging:inbox"),
        reverse("messaging:notifications"),
        reverse("messaging:preferences"),
        reverse("payments:list"),
        reverse("accounts:profile_edit"),
        reverse("contracts:list"),
    ]
    return {
        "visitor": [reverse("home"), reverse("jobs:list"), job.get_absolute_url(), reverse("accounts:login"),
                    reverse("accounts:signup")],
        "freelancer": [*common, reverse("proposals:list"), app.get_absolute_url(), app.room.get_absolute_url(),
                       contract.get_absolute_url()],
        "client": [*common, reverse("jobs:mine"), reverse("jobs:create"), reverse("hiring:applicants", args=[job.pk]),
                   app.get_absolute_url(), app.room.get_absolute_url(), offered.freelancer.get_absolute_url(),
                   reverse("hiring:hire_from_profile", args=[offered.freelancer.username]),
                   contract.get_absolute_url()],
        "moderator": [reverse("home"), reverse("jobs:list"), job.get_absolute_url(),
                      reverse("messaging:notifications")],
    }  # fmt: skip


def test_no_main_page_scrolls_sideways_at_375px(browser: Browser, live_server):
    offered = build(S.OFFERED)
    contract = hire(client=offered.job.client, freelancer=offered.freelancer)
    people = {
        "visitor": None,
        "freelancer": offered.freelancer,
        "client": offered.job.client,
        "moderator": UserFactory(is_staff=True, is_superuser=True, username="mod"),
    }
    wide: list[str] = []
    for role, urls in _pages(offered, contract).items():
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        try:
            if people[role] is not None:
                page.goto(f"{live_server.url}{reverse('accounts:login')}")
                page.get_by_label("Username").fill(people[role].username)
                page.get_by_label("Password").fill(PASSWORD)
                page.get_by_role("button", name="Log in").click()
                # The navigation is collapsed behind "Menu" at this width.
                expect(page.get_by_role("button", name="Log out")).to_be_hidden()
                page.locator("summary", has_text="Menu").click()
                expect(page.get_by_role("button", name="Log out")).to_be_visible()
            for url in urls:
                page.goto(f"{live_server.url}{url}")
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 0:
                    wide.append(f"{role} {url}: {overflow}px too wide")
        finally:
            context.close()
    assert wide == []
