"""Screening of user-written text for contact details and risky talk.

A pure module (the standard library only, no Django) used by decline messages, room messages before a
contract, job descriptions and the contact-details setting. It finds:

* contact details: email addresses (also obfuscated: "name at gmail dot com", "name [at] gmail [dot] com"),
  phone numbers in common national and international formats, messenger handles and links;
* risky talk: paying outside the platform, work before a contract, unpaid test work, file-download links
  from strangers (shortened links, file hosts, executables) and requests to move off the platform.

Every finding is a :class:`Hit` with character offsets into the original text, so callers can highlight it
(``text[hit.start:hit.end] == hit.text``) or show a :func:`snippet` to moderators. The detectors are tuned on
``tests/screening/corpus.json``; the tests report precision and recall on it.

The rules live in one module per kind: ``contact`` (contact details), ``terms`` (paying off the platform, work
before a contract, unpaid work), ``links`` (suspicious links and files) and ``moving_off``; ``scan`` holds the
machinery they share and ``detect`` the risky-talk rule table and the entry points. ``model`` and ``cues`` are the
classifier next to the rules (scikit-learn, imported only by the processes that use it).
"""

from .contact import find_contact_details
from .detect import find_risky_talk, screen, snippet
from .hits import RISKY_CATEGORIES, Category, Hit, ScreeningResult

__all__ = [
    "RISKY_CATEGORIES",
    "Category",
    "Hit",
    "ScreeningResult",
    "find_contact_details",
    "find_risky_talk",
    "screen",
    "snippet",
]
