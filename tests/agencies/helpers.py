"""Drive agency pages the way a person does: find the form whose button has a visible label, and post it."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None
        self._button: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {"action": attrs.get("action", ""), "fields": {}, "buttons": []}
            self.forms.append(self._current)
        elif self._current is not None and tag == "input" and attrs.get("name"):
            if attrs.get("type") in (None, "hidden", "text") or attrs.get("value"):
                self._current["fields"][attrs["name"]] = attrs.get("value", "")
        elif self._current is not None and tag == "button":
            self._button = [attrs.get("aria-label") or ""]

    def handle_data(self, data):
        if self._button is not None:
            self._button.append(data)

    def handle_endtag(self, tag):
        if tag == "button" and self._button is not None and self._current is not None:
            aria, *text = self._button
            self._current["buttons"].append(" ".join("".join(text).split()))
            if aria:
                self._current["buttons"].append(aria)
            self._button = None
        elif tag == "form":
            self._current = None


def text(response) -> str:
    """The page as a person reads it: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode())).split())


def press(client, page, label: str, data: dict | None = None, *, url: str = ""):
    """Post the form on `page` (a response) whose button reads `label`, with its hidden fields and `data`."""
    parser = _Forms()
    parser.feed(page.content.decode())
    matches = [f for f in parser.forms if label in f["buttons"]]
    assert matches, f"No button labelled {label!r} on the page"
    form = matches[0]
    return client.post(
        form["action"] or url or page.request["PATH_INFO"], {**form["fields"], **(data or {})}, follow=True
    )


def flash(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]
