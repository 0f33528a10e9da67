"""A suspended person is told, and so is a reinstated one: by email (a suspended account can't log in to read its
notifications) and, for the suspension, on the login page once the password is right; a wrong password gets the
usual answer, so the page tells nobody else that the account is suspended."""

from __future__ import annotations

import html
import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from jobs import moderation
from jobs.models import FlagReason
from marketplace.activity.models import Activity
from messaging import tasks
from messaging.models import EmailState, Notification, NotificationKind
from messaging.services import post_message
from proposals.models import ApplicationStatus as S
from tests.factories import PASSWORD, FreelancerFactory, ModeratorFactory, build

pytestmark = pytest.mark.django_db

APPEALS = "appeals@marketplace.example"
LOGIN = reverse("accounts:login")
SUSPENDED_ON_LOGIN = (
    f"This account is suspended by a moderator, so you can't log in. If you think this is a mistake, write to "
    f"{APPEALS}."
)
WRONG_PASSWORD = "Please enter a correct username and password."


@pytest.fixture(autouse=True)
def _appeals(settings):
    settings.APPEALS_EMAIL = APPEALS


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode())).split())


def suspend_sender(app, moderator, capture) -> None:
    message = post_message(app.room, sender=app.freelancer, body="Pay me by wire instead, reported by Carla.")
    moderation.flag_message(message, by=app.job.client, reason=FlagReason.OFF_PLATFORM_PAYMENT)
    with capture(execute=True):
        moderation.suspend_room_sender(app.room, by=moderator, note="Carla reported the wire payment")


def test_a_suspended_sender_is_emailed_why_and_where_to_appeal(
    moderator, mailoutbox, django_capture_on_commit_callbacks
):
    app = build(S.ACTIVE)
    freelancer = app.freelancer
    mailoutbox.clear()

    suspend_sender(app, moderator, django_capture_on_commit_callbacks)

    to_them = [m for m in mailoutbox if m.to == [freelancer.email]]
    assert len(to_them) == 1
    email = to_them[0]
    assert email.subject == "Your Marketplace account is suspended"
    assert "A moderator suspended your account: they found that it may break the marketplace's rules." in email.body
    assert "You can no longer log in." in email.body
    # In the freelancer's own roles: a freelancer has no job posts to suspend.
    assert (
        "Your open applications are closed and your active contracts are paused; the other side of each was told."
        in email.body
    )
    assert "job post" not in email.body and "job post" not in email.alternatives[0][0]
    assert "you can appeal by email (link below)" in email.body
    assert f"Write to the moderators: mailto:{APPEALS}" in email.body
    assert f'href="mailto:{APPEALS}"' in email.alternatives[0][0]
    # The moderator's note stays internal (it names the reporter), and an account notice can't be unsubscribed.
    for body in (email.body, email.alternatives[0][0]):
        assert "Carla" not in body and "unsubscribe" not in body.lower()
        assert "about your account; emails like this one are always sent" in body
    assert "List-Unsubscribe" not in email.extra_headers
    # The client is told about the closed application, never the other way round.
    assert sorted(m.to[0] for m in mailoutbox) == sorted([freelancer.email, app.job.client.email])


def test_a_suspended_client_is_emailed_once(client_user, moderator, mailoutbox, django_capture_on_commit_callbacks):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.suspend_client(client_user, by=moderator, note="Scam jobs")

    assert [m.to for m in mailoutbox] == [[client_user.email]]
    assert mailoutbox[0].subject == "Your Marketplace account is suspended"
    # In the client's own roles: a client has no applications to close.
    assert (
        "Your open job posts are suspended and your active contracts are paused; the other side of each was told."
        in mailoutbox[0].body
    )
    assert "application" not in mailoutbox[0].body


def test_the_account_notice_is_emailed_although_the_account_is_suspended(freelancer):
    freelancer.is_active = False
    freelancer.save(update_fields=["is_active"])
    notice = Notification.objects.create(recipient=freelancer, kind=NotificationKind.ACCOUNT_SUSPENDED, text="x")
    other = Notification.objects.create(recipient=freelancer, kind=NotificationKind.JOB_CLOSED, text="y")

    assert tasks.deliver_notification(notice.pk) == EmailState.SENT
    assert tasks.deliver_notification(other.pk) == EmailState.SKIPPED


def test_the_login_page_tells_a_suspended_person_with_the_right_password_only(client, moderator):
    app = build(S.ACTIVE)
    freelancer = app.freelancer
    _flag(app)
    moderation.suspend_room_sender(app.room, by=moderator, note="payment outside")

    right = text(client.post(LOGIN, {"username": freelancer.username, "password": PASSWORD}))
    assert SUSPENDED_ON_LOGIN in right and WRONG_PASSWORD not in right
    assert "_auth_user_id" not in client.session

    wrong = text(client.post(LOGIN, {"username": freelancer.username, "password": "not-the-password"}))
    assert WRONG_PASSWORD in wrong and "suspended" not in wrong
    assert "_auth_user_id" not in client.session


def _flag(app) -> None:
    message = post_message(app.room, sender=app.freelancer, body="Pay me by wire instead.")
    moderation.flag_message(message, by=app.job.client, reason=FlagReason.OFF_PLATFORM_PAYMENT)


def test_a_reinstated_person_is_emailed_and_can_log_in(client, mailoutbox, django_capture_on_commit_callbacks):
    app = build(S.ACTIVE)
    freelancer = app.freelancer
    _flag(app)
    moderation.suspend_room_sender(app.room, by=ModeratorFactory(), note="payment outside")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.reinstate_account(freelancer, by=ModeratorFactory(), note="Appeal accepted")

    assert [m.to for m in mailoutbox] == [[freelancer.email]]
    email = mailoutbox[0]
    assert email.subject == "Your Marketplace account is active again"
    assert "A moderator reinstated your account: you can log in again." in email.body
    assert email.body.lower().count("you can log in again") == 1  # the headline says it; the body goes on
    assert f"Log in: http://127.0.0.1:8000{LOGIN}" in email.body
    assert "Appeal accepted" not in email.body

    response = client.post(LOGIN, {"username": freelancer.username, "password": PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(freelancer.pk)
    # Both notices wait in their notifications, newest first.
    page = text(client.get(reverse("messaging:notifications")))
    assert page.index("A moderator reinstated your account") < page.index("A moderator suspended your account")


def test_an_account_closed_outside_the_moderation_tools_is_not_called_suspended(client, freelancer):
    """A superuser unticking "active" in the admin is no moderator's decision: the login page says the account is
    closed, and it is not on the moderators' "Suspended accounts" list."""
    freelancer.is_active = False
    freelancer.save(update_fields=["is_active"])

    page = text(client.post(LOGIN, {"username": freelancer.username, "password": PASSWORD}))

    assert f"This account is closed, so you can't log in. If you think this is a mistake, write to {APPEALS}." in page
    assert "suspended" not in page and "_auth_user_id" not in client.session
    assert not moderation.suspended_accounts().filter(pk=freelancer.pk).exists()


def test_reinstating_clears_the_suspension_mark(moderator):
    app = build(S.ACTIVE)
    freelancer = app.freelancer
    _flag(app)
    moderation.suspend_room_sender(app.room, by=moderator, note="payment outside")
    freelancer.refresh_from_db()
    assert freelancer.suspended_at is not None
    assert list(moderation.suspended_accounts()) == [freelancer]

    moderation.reinstate_account(freelancer, by=moderator)

    freelancer.refresh_from_db()
    assert freelancer.is_active and freelancer.suspended_at is None
    assert not moderation.suspended_accounts().exists()


def test_the_migration_marks_accounts_suspended_before_the_field_existed(moderator):
    """jobs 0012 reads the moderation record: an account still off after a suspension is marked with its last
    suspension's time; one reinstated since, and one closed another way, stay unmarked."""
    backfill = importlib.import_module("jobs.migrations.0012_backfill_suspended_at").backfill
    still_off, reinstated, closed = FreelancerFactory(), FreelancerFactory(), FreelancerFactory(is_active=False)
    for person in (still_off, reinstated):
        moderation.suspend_client(person, by=moderator, note="old suspension")
    moderation.reinstate_account(reinstated, by=moderator)
    last = Activity.objects.filter(object_id=still_off.pk, action="suspend_client").latest("created_at").created_at
    get_user_model().objects.update(suspended_at=None)  # as before the field existed

    backfill(django_apps, None)

    marks = dict(get_user_model().objects.values_list("pk", "suspended_at"))
    assert marks[still_off.pk] == last
    assert marks[reinstated.pk] is None and marks[closed.pk] is None


def test_the_user_admin_shows_the_suspension_mark_read_only(admin_client, moderator):
    app = build(S.ACTIVE)
    _flag(app)
    moderation.suspend_room_sender(app.room, by=moderator, note="payment outside")

    page = admin_client.get(reverse("admin:accounts_user_change", args=[app.freelancer.pk])).content.decode()

    assert "Suspended at" in page and 'name="suspended_at"' not in page


def test_suspending_twice_or_a_closed_account_says_which(moderator, mailoutbox, django_capture_on_commit_callbacks):
    suspended, closed = FreelancerFactory(), FreelancerFactory(is_active=False)
    moderation.suspend_client(suspended, by=moderator, note="scam")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(moderation.ModerationError, match=f"{suspended} is already suspended"):
            moderation.suspend_client(suspended, by=moderator, note="again")
        with pytest.raises(moderation.ModerationError, match="account is already closed"):
            moderation.suspend_client(closed, by=moderator, note="scam")

    closed.refresh_from_db()
    assert closed.suspended_at is None and mailoutbox == []


def _change_form_data(page: str) -> dict[str, str | list[str]]:
    """What the browser would send back from an admin change form as it was rendered: its inputs' values (ticked
    boxes only, "on" when they have no value) and each select's chosen options."""
    data: dict[str, str | list[str]] = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        checkbox = 'type="checkbox"' in tag
        if (
            name is None
            or "__prefix__" in name.group(1)
            or 'type="submit"' in tag
            or (checkbox and "checked" not in tag)
        ):
            continue
        data[name.group(1)] = html.unescape(value.group(1)) if value else ("on" if checkbox else "")
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', options)
        if chosen and "__prefix__" not in name:
            data[name] = chosen
    return data


def test_the_user_admin_cannot_tick_active_on_a_suspended_account(admin_client, moderator):
    app = build(S.ACTIVE)
    _flag(app)
    moderation.suspend_room_sender(app.room, by=moderator, note="payment outside")
    url = reverse("admin:accounts_user_change", args=[app.freelancer.pk])

    page = admin_client.get(url).content.decode()
    assert 'name="is_active"' not in page
    assert "reinstate the account from “Suspended accounts”" in html.unescape(page)

    response = admin_client.post(url, {**_change_form_data(page), "is_active": "on"})

    assert response.status_code == 302
    app.freelancer.refresh_from_db()
    assert app.freelancer.is_active is False and app.freelancer.suspended_at is not None


def test_the_user_admin_can_still_close_and_reopen_an_account_no_moderator_suspended(admin_client):
    person = FreelancerFactory(is_active=False)
    url = reverse("admin:accounts_user_change", args=[person.pk])

    page = admin_client.get(url).content.decode()
    response = admin_client.post(url, {**_change_form_data(page), "is_active": "on"})

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_active is True
