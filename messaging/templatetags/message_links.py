"""How a message's words are shown: links in risky messages stay text; other links go through a notice page."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe

from ..links import message_links
from ..models import Message

register = template.Library()

_HREF = re.compile(r'<a href="([^"]+)"')


def _through_notice(match: re.Match[str]) -> str:
    # urlize escaped the URL for the attribute; the query string carries it as the person would read it.
    target = match.group(1).replace("&amp;", "&")
    return f'<a class="external-link" href="{escape(reverse("messaging:leaving") + "?" + urlencode({"to": target}))}"'


@register.filter
def message_body(message: Message, user: object = None) -> SafeString:
    """The words `user` reads, with line breaks; links only when the screening found nothing risky, each via
    the notice."""
    body = message.body_for(user)
    if message.is_risky:
        return mark_safe(escape(body).replace("\n", "<br>"))
    linked = urlize(body, nofollow=True, autoescape=True)
    linked = _HREF.sub(_through_notice, linked)
    return mark_safe(linked.replace("\n", "<br>"))


@register.simple_tag
def report_url(message: Message) -> str:
    """ "Report message" from the layer above (setting `MESSAGE_LINKS`); empty when none is configured."""
    return message_links(message).get("report", "")
