"""Find contact details in a short text (pure Python, no Django).

Used to refuse decline messages that pass contact details: an email address (also "name at gmail dot com"),
a phone number, or a messenger handle or link ("skype: x", "telegram @x", "whatsapp +1 ...", "t.me/x").
`find_contact_details` returns the fragments found, in the order they appear, so a form can quote them.
The fuller screening module (`marketplace.screening`) covers risky talk as well; this one stays small.
"""

from __future__ import annotations

import re

__all__ = ["find_contact_details"]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)

# "maria at gmail dot com", "maria [at] gmail [dot] com", "maria(at)proton(dot)me"
_SPOKEN_EMAIL = re.compile(
    r"\b[\w.+-]+\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+)\s*[\w-]+\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+|\.)\s*"
    r"(?:com|net|org|io|me|co|de|fr|pt|uk|us|info|biz|dev|app)\b",
    re.IGNORECASE,
)

# Links and handles of messengers: t.me/x, wa.me/123, skype:live:x, discord.gg/x, ...
_MESSENGER_LINK = re.compile(
    r"\b(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com|"
    r"discord\.gg|discord\.com/users|m\.me|signal\.me|join\.skype\.com|viber\.click)/[\w+@/?=.-]+",
    re.IGNORECASE,
)
_MESSENGERS = (
    r"skype|telegram|tg|whats\s?app|wa|signal|viber|wechat|we\s?chat|discord|line\s?id|kik|snapchat|"
    r"instagram|insta|ig|facebook|fb|messenger|icq|zoom"
)
# "skype: maria.costa", "telegram @maria", "whatsapp +1 415 555 0100", "my discord is maria#1234"
_MESSENGER_HANDLE = re.compile(
    rf"\b(?:{_MESSENGERS})\b(?:\s*(?:id|handle|name|number|username))?\s*(?:[:=-]|\bis\b|\bme\b|\bat\b|\bon\b)?\s*"
    r"(?:live:)?(?P<handle>\+?\d[\d\s().-]{5,}\d|@?[\w.+-]*\w(?:#\d{4})?)",
    re.IGNORECASE,
)
_HANDLE_STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "or",
        "the",
        "to",
        "you",
        "me",
        "us",
        "is",
        "it",
        "if",
        "i",
        "on",
        "at",
        "in",
        "for",
        "with",
        "call",
        "calls",
        "chat",
        "account",
        "please",
        "but",
        "not",
        "so",
        "as",
    }
)

_PHONE = re.compile(r"(?<![\w/])(?:\+|00)?\(?\d[\d\s().-]{5,}\d(?![\w/])")
_DATE = re.compile(r"^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$")


def _is_phone(candidate: str) -> bool:
    stripped = candidate.strip()
    digits = re.sub(r"\D", "", stripped)
    if not 7 <= len(digits) <= 15:
        return False
    if _DATE.match(stripped):
        return False
    # "1.500.000" and "10 000 000" read as amounts; a phone number starts with + or groups digits unevenly.
    return not (re.fullmatch(r"\d{1,3}(?:[.\s]\d{3})+", stripped) and not stripped.startswith("+"))


def find_contact_details(text: str) -> list[str]:
    """The contact details in `text` (email addresses, phone numbers, messenger handles and links)."""
    if not text:
        return []
    candidates: list[tuple[int, int]] = []
    for pattern in (_EMAIL, _SPOKEN_EMAIL, _MESSENGER_LINK):
        candidates.extend(m.span() for m in pattern.finditer(text))
    for m in _MESSENGER_HANDLE.finditer(text):
        handle = m.group("handle").strip()
        if handle.lstrip("@").lower() in _HANDLE_STOPWORDS:
            continue
        label = text[m.start() : m.start("handle")]
        # A handle looks like a name: an @, a digit, a dot, underscore or #, or it follows "skype:".
        if handle.startswith("@") or any(c.isdigit() or c in "._#" for c in handle) or re.search(r"[:=]", label):
            candidates.append((m.start(), m.start("handle") + len(m.group("handle").rstrip())))
    for m in _PHONE.finditer(text):
        if _is_phone(m.group()):
            candidates.append(m.span())
    kept: list[tuple[int, int]] = []
    # Longest first at each position; a fragment inside one already kept is dropped.
    for start, end in sorted(candidates, key=lambda span: (span[0], -(span[1] - span[0]))):
        if any(s <= start < e for s, e in kept):
            continue
        kept.append((start, end))
    return [text[start:end].strip() for start, end in kept]
