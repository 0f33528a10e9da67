"""Notification emails: one function per kind, each rendering `templates/emails/<kind>{_subject.txt,.txt,.html}`.

The per-kind templates extend `emails/base.txt` / `emails/base.html`, which greet the recipient by first name
(just "Hello," without one), say what happened as a sentence (`headline`), quote the actor's note, link to the
thing the notification is about (`SITE_URL` + `notification.url`), and end with a signed one-click link that
stops that kind of email (`messaging.unsubscribe`, also in the `List-Unsubscribe` and `List-Unsubscribe-Post`
headers) and the notification settings. Optional `notification.context` keys read here: `job_title`, `note`,
`room_url` (where "Open the conversation" goes).

Functions return an unsent `EmailMultiAlternatives`; `messaging.tasks` sends it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from .models import ACCOUNT_NOTICES, Message, Notification, NotificationKind, Room
from .unsubscribe import unsubscribe_path


def absolute_url(path: str) -> str:
    """`SITE_URL` + a site path; absolute URLs are kept as they are."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}/{path.lstrip('/')}"


def settings_url() -> str:
    return absolute_url(reverse("messaging:preferences"))


def message_id(kind: str, ids: Sequence[int]) -> str:
    """A Message-ID fixed by the notification rows an email is for, so a resend carries the same id."""
    domain = urlsplit(settings.SITE_URL).hostname or "marketplace.local"
    first, last = min(ids), max(ids)
    span = str(first) if first == last else f"{first}-{last}"
    return f"<{kind}-{span}@{domain}>"


def _one_line(subject: str) -> str:
    return " ".join(subject.split())[:180]


def sentence(text: str) -> str:
    """The text as a full sentence: a capital first letter and an end mark ("... for “Logo”" gets a period)."""
    text = " ".join(str(text).split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _build(template: str, recipient, context: dict[str, Any], *, kind: str) -> EmailMultiAlternatives:
    # An account notice can't be switched off, so it carries no unsubscribe link (the footer says why).
    unsubscribe_url = "" if kind in ACCOUNT_NOTICES else absolute_url(unsubscribe_path(recipient, kind))
    context = {
        "recipient": recipient,
        "recipient_name": recipient.first_name.strip(),
        "unsubscribe_url": unsubscribe_url,
        "settings_url": settings_url(),
        "site_url": settings.SITE_URL,
        "offer_expiry_days": settings.OFFER_EXPIRY_DAYS,
        "invitation_expiry_days": settings.INVITATION_EXPIRY_DAYS,
        **context,
    }
    subject = _one_line(render_to_string(f"emails/{template}_subject.txt", context))
    context["subject"] = subject
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers=(
            {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
            if unsubscribe_url
            else {}
        ),
    )
    email.attach_alternative(html, "text/html")
    return email


def _notification_email(
    notification: Notification, template: str, *, action: str, to_room: bool = False
) -> EmailMultiAlternatives:
    """`to_room`: the button is "Open the conversation" and goes to the room when the notification names one."""
    data = notification.context if isinstance(notification.context, dict) else {}
    url = notification.url or reverse("messaging:notifications")
    if to_room and data.get("room_url"):
        url = str(data["room_url"])
    return _build(
        template,
        notification.recipient,
        {
            "notification": notification,
            "headline": sentence(notification.text),
            "actor": notification.actor,
            "job_title": str(data.get("job_title", "")),
            "note": str(data.get("note", "")),
            "action_label": action,
            "action_url": absolute_url(url),
        },
        kind=notification.kind,
    )


def generic(notification: Notification) -> EmailMultiAlternatives:
    """Any kind without its own function (for example one added later)."""
    return _notification_email(notification, "notification", action="Open it on Marketplace")


def invitation_received(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "invitation_received", action="View the invitation")


def invitation_accepted(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "invitation_accepted", action="Open the conversation", to_room=True)


def invitation_declined(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "invitation_declined", action="View the job")


def proposal_received(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "proposal_received", action="Review the proposal")


def candidacy_started(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "candidacy_started", action="Open the conversation", to_room=True)


def terms_updated(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "terms_updated", action="Review the new terms")


def message_received(notification: Notification) -> EmailMultiAlternatives:
    """A single message email (messages in rooms are emailed through `message_digest` instead)."""
    return _notification_email(notification, "message_received", action="Read and reply")


def offer_received(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "offer_received", action="Review the offer")


def offer_withdrawn(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "offer_withdrawn", action="View the application")


def offer_clarification(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "offer_clarification", action="Read the question")


def offer_accepted(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "offer_accepted", action="View the contract")


def offer_declined(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "offer_declined", action="View the application")


def contract_started(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "contract_started", action="View the contract")


def contract_ended(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "contract_ended", action="View the contract")


def application_declined(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "application_declined", action="View your application")


def proposal_withdrawn(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "proposal_withdrawn", action="View the application")


def job_closed(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "job_closed", action="View the job")


def invitation_expired(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "invitation_expired", action="View the details")


def offer_expired(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "offer_expired", action="View the details")


def job_suspended(notification: Notification) -> EmailMultiAlternatives:
    return _notification_email(notification, "job_suspended", action="View the job post")


# For a notice written before the email said what the suspension ended in the person's own roles.
SUSPENSION_ENDED_ANY_ROLE = (
    "Your open applications are closed, your open job posts are suspended and your active contracts are paused"
)


def account_suspended(notification: Notification) -> EmailMultiAlternatives:
    """To the suspended person, who can no longer log in: what the suspension did and where to appeal (the
    moderator's note stays internal: it may name a reporter)."""
    data = notification.context if isinstance(notification.context, dict) else {}
    return _build(
        "account_suspended",
        notification.recipient,
        {
            "headline": sentence(notification.text),
            "ended": data.get("ended") or SUSPENSION_ENDED_ANY_ROLE,
            "action_label": "Write to the moderators",
            "action_url": f"mailto:{settings.APPEALS_EMAIL}",
        },
        kind=notification.kind,
    )


def account_reinstated(notification: Notification) -> EmailMultiAlternatives:
    return _build(
        "account_reinstated",
        notification.recipient,
        {
            "headline": sentence(notification.text),
            "action_label": "Log in",
            "action_url": absolute_url(reverse("accounts:login")),
        },
        kind=notification.kind,
    )


BUILDERS: dict[str, Callable[[Notification], EmailMultiAlternatives]] = {
    NotificationKind.INVITATION_RECEIVED: invitation_received,
    NotificationKind.INVITATION_ACCEPTED: invitation_accepted,
    NotificationKind.INVITATION_DECLINED: invitation_declined,
    NotificationKind.PROPOSAL_RECEIVED: proposal_received,
    NotificationKind.CANDIDACY_STARTED: candidacy_started,
    NotificationKind.TERMS_UPDATED: terms_updated,
    NotificationKind.MESSAGE_RECEIVED: message_received,
    NotificationKind.OFFER_RECEIVED: offer_received,
    NotificationKind.OFFER_WITHDRAWN: offer_withdrawn,
    NotificationKind.OFFER_CLARIFICATION: offer_clarification,
    NotificationKind.OFFER_ACCEPTED: offer_accepted,
    NotificationKind.OFFER_DECLINED: offer_declined,
    NotificationKind.CONTRACT_STARTED: contract_started,
    NotificationKind.CONTRACT_ENDED: contract_ended,
    NotificationKind.APPLICATION_DECLINED: application_declined,
    NotificationKind.PROPOSAL_WITHDRAWN: proposal_withdrawn,
    NotificationKind.JOB_CLOSED: job_closed,
    NotificationKind.INVITATION_EXPIRED: invitation_expired,
    NotificationKind.OFFER_EXPIRED: offer_expired,
    NotificationKind.JOB_SUSPENDED: job_suspended,
    NotificationKind.ACCOUNT_SUSPENDED: account_suspended,
    NotificationKind.ACCOUNT_REINSTATED: account_reinstated,
}


def for_notification(notification: Notification) -> EmailMultiAlternatives:
    return BUILDERS.get(notification.kind, generic)(notification)


def message_digest(*, recipient, room: Room, messages: Sequence[Message]) -> EmailMultiAlternatives:
    """One email listing the messages in `room` the recipient has not read."""
    return _build(
        "message_digest",
        recipient,
        {
            "room": room,
            "messages": messages,
            "count": len(messages),
            "note": "",
            "action_label": "Read and reply",
            "action_url": absolute_url(room.get_absolute_url()),
        },
        kind=NotificationKind.MESSAGE_RECEIVED,
    )
