"""Emails read as a person would write them, and every one can be stopped with one click, without logging in.

Full sentences, "Hello <first name>," (just "Hello," without one), no sentence said twice, "Open the conversation"
goes to the room; a signed unsubscribe link in the footer and in `List-Unsubscribe` (with
`List-Unsubscribe-Post` for one-click mail clients) that switches off exactly that kind of email.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from messaging import emails, tasks
from messaging.models import EmailState, Notification, NotificationKind
from messaging.selectors import email_preferences
from proposals import services as hiring
from proposals.models import ApplicationStatus as S
from tests.factories import FreelancerFactory, build

pytestmark = pytest.mark.django_db

SITE = "https://marketplace.example"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def _row(recipient, kind=NotificationKind.OFFER_DECLINED, **fields) -> Notification:
    return Notification.objects.create(
        recipient=recipient,
        kind=kind,
        text="Fred declined your offer for “Booking website”",
        url="/proposals/3/",
        context={"job_title": "Booking website"},
        **fields,
    )


def _sentences(text: str) -> list[str]:
    words = " ".join(text.split())
    return [s for s in re.split(r"(?<=[.!?])\s+", words) if len(s) > 12]


def _repeated_phrases(text: str) -> set[str]:
    """Three-word phrases said more than once (the words of the job title and the link excepted)."""
    words = re.findall(r"[a-z']+", text.lower().replace("booking website", " ").replace("https", " "))
    seen: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - 2):
        seen[tuple(words[i : i + 3])] = seen.get(tuple(words[i : i + 3]), 0) + 1
    return {" ".join(phrase) for phrase, count in seen.items() if count > 1}


def _unsubscribe_url(email) -> str:
    return email.extra_headers["List-Unsubscribe"].strip("<>")


def test_greets_by_first_name_or_just_hello(freelancer):
    assert emails.for_notification(_row(freelancer)).body.startswith("Hello Fred,\n")
    nameless = FreelancerFactory(first_name="", last_name="")
    email = emails.for_notification(_row(nameless))
    assert email.body.startswith("Hello,\n")
    assert nameless.username not in email.body.split("\n")[0]


@pytest.mark.parametrize("kind", NotificationKind.values)
def test_every_kind_says_what_happened_in_full_sentences_once(freelancer, kind):
    email = emails.for_notification(_row(freelancer, kind=kind))
    html = email.alternatives[0][0].split("<body", 1)[1]  # what the reader sees (not the <title>)
    for body in (email.body, re.sub(r"<[^>]+>", " ", html)):
        assert "Fred declined your offer for “Booking website”." in body
        sentences = _sentences(body)
        assert len(sentences) == len(set(sentences)), f"a sentence is said twice: {sentences}"
        # The greeting, what happened, the note and the button (the HTML repeats the button's link under it).
        message = body.split("Keep work and payment")[0].split("Or open this link")[0]
        assert _repeated_phrases(message) == set()
        assert body.count("never start work") == 1


def test_open_the_conversation_goes_to_the_room():
    app = build(S.INVITED)
    hiring.accept_invitation(app, by=app.freelancer, message="Happy to talk.")
    app.refresh_from_db()
    room_url = f"{SITE}{reverse('messaging:room', args=[app.room_id])}"
    note = Notification.objects.get(recipient=app.job.client, kind=NotificationKind.INVITATION_ACCEPTED)
    email = emails.for_notification(note)
    assert f"Open the conversation: {room_url}" in email.body
    assert f'href="{room_url}"' in email.alternatives[0][0]

    proposal = build(S.SENT)
    hiring.respond(proposal, by=proposal.job.client, message="Tell me more.")
    proposal.refresh_from_db()
    note = Notification.objects.get(recipient=proposal.freelancer, kind=NotificationKind.CANDIDACY_STARTED)
    assert (
        f"Open the conversation: {SITE}{reverse('messaging:room', args=[proposal.room_id])}"
        in emails.for_notification(note).body
    )


def test_every_email_carries_a_one_click_unsubscribe_link(freelancer):
    email = emails.for_notification(_row(freelancer))
    url = _unsubscribe_url(email)
    assert url.startswith(f"{SITE}/unsubscribe/")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"Stop emails like this one (one click, no login needed): {url}" in email.body
    assert f'href="{url}"' in email.alternatives[0][0]


def test_the_link_switches_off_that_kind_only_without_logging_in(freelancer, mailoutbox):
    kind = NotificationKind.OFFER_DECLINED
    path = _unsubscribe_url(emails.for_notification(_row(freelancer, kind=kind))).removeprefix(SITE)
    browser = Client(enforce_csrf_checks=True)  # a person who is not logged in, or a mail client

    page = browser.get(path)  # opening the link (or a scanner following it) changes nothing
    assert page.status_code == 200
    assert "Stop these emails?" in page.text and "a freelancer declines my offer" in page.text
    assert email_preferences(freelancer).get(kind, True) is True

    done = browser.post(path, {"List-Unsubscribe": "One-Click"})  # RFC 8058 one-click, no CSRF token
    assert done.status_code == 200
    assert "You are unsubscribed" in done.text
    assert email_preferences(freelancer)[kind] is False

    assert tasks.deliver_notification(_row(freelancer, kind=kind).pk) == EmailState.SKIPPED
    other = _row(freelancer, kind=NotificationKind.OFFER_RECEIVED)
    assert tasks.deliver_notification(other.pk) == EmailState.SENT
    assert len(mailoutbox) == 1


def test_a_changed_link_does_nothing(freelancer):
    path = _unsubscribe_url(emails.for_notification(_row(freelancer))).removeprefix(SITE)
    forged = path.replace("/unsubscribe/", "/unsubscribe/x")
    response = Client().post(forged)
    assert response.status_code == 404
    assert "This link does not work" in response.text
    assert email_preferences(freelancer) == {}


def test_the_message_digest_unsubscribes_from_message_emails(room, freelancer):
    email = emails.message_digest(recipient=freelancer, room=room, messages=[])
    Client().post(_unsubscribe_url(email).removeprefix(SITE))
    assert email_preferences(freelancer)[NotificationKind.MESSAGE_RECEIVED] is False
