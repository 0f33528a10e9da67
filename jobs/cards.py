"""Find work's job cards and search form, rendered once and kept in the cache (README "Performance", "Cached
fragments").

A card shows only what every visitor sees: the job's own fields and skills, its client's payment and location,
and its number of proposals. Its cache key is made of all of these that can change without the job's
`updated_at` moving (the proposals count, the client's profile) plus `updated_at` itself (every service that
edits a job saves it, skills included) and the card templates' source, so a changed card gets a new key: nothing
has to be deleted, and old entries age out. What differs per visitor or with the time, the viewer's "You applied"
mark and "Posted 5 minutes ago", is not in the cached HTML: the card keeps two markers where the page puts them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from typing import Any

import django
from django.core.cache import caches
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import prefetch_related_objects
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe

from .models import JobPost

CACHE_ALIAS = "fragments"
CARD_TEMPLATE = "jobs/partials/job_card.html"
# Templates whose text is in a card: a deploy that changes them changes every key.
CARD_TEMPLATES = (CARD_TEMPLATE, "jobs/partials/budget.html")
MARK = "<!--card:mark-->"
POSTED = "<!--card:posted-->"
TIMEOUT = 6 * 60 * 60  # seconds; keys change with the card, so this only bounds how long unused cards stay


@dataclass(frozen=True)
class Card:
    """A job's cached card in three pieces: `head` + the viewer's mark + `middle` + the relative time + `tail`."""

    head: SafeString
    middle: SafeString
    tail: SafeString


@cache
def _templates_digest(names: tuple[str, ...] = CARD_TEMPLATES) -> str:
    """The templates' text (and Django's version, for its form widgets' templates), to put in cache keys."""
    sources = "\0".join(get_template(name).template.source for name in names)  # type: ignore[attr-defined]
    return hashlib.sha256(f"{django.get_version()}\0{sources}".encode()).hexdigest()[:12]


def _digest(parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def cached_fragment(
    template_name: str,
    context: dict[str, Any],
    *,
    vary_on: object,
    templates: tuple[str, ...] = (),
    timeout: int = TIMEOUT,
) -> SafeString:
    """`template_name` rendered with `context`, from the cache when it was rendered before for the same `vary_on`.

    `vary_on` must hold everything the output depends on (and nothing about who is looking unless the output
    does): e.g. the submitted values of a search form. `templates`: the other templates it includes. `timeout`:
    short when `vary_on` holds free text, whose values have no end (a flood of distinct searches then fills the
    cache for a minute, not for hours).
    """
    key = f"fragment:{template_name}:{_digest((vary_on, _templates_digest((template_name, *templates))))}"
    store = caches[CACHE_ALIAS]
    html: str | None = store.get(key)
    if html is None:
        html = render_to_string(template_name, context)
        store.set(key, html, timeout)
    return mark_safe(html)


def card_key(job: JobPost) -> str:
    """The card's cache key: the job and everything else the card shows that can change on its own."""
    try:
        profile = job.client.client_profile
        client_bits: tuple[object, ...] = (profile.payment_verified, profile.location)
    except ObjectDoesNotExist:
        client_bits = (None, None)
    parts = (
        job.updated_at.isoformat(),
        job.created_at.isoformat(),
        getattr(job, "proposals_count", None),
        *client_bits,
        _templates_digest(),
    )
    return f"jobcard:{job.pk}:{_digest(parts)}"


def _render(job: JobPost) -> tuple[str, str, str]:
    html = render_to_string(CARD_TEMPLATE, {"job": job})
    head, mark, rest = html.partition(MARK)
    middle, posted, tail = rest.partition(POSTED)
    if not (mark and posted):
        raise ValueError(f"{CARD_TEMPLATE} must hold the markers {MARK} and {POSTED}, in that order")
    return head, middle, tail


def attach_cards(jobs: list[JobPost]) -> None:
    """Give each job its `card`: one cache read for the page; the missing cards are rendered (their skills
    fetched in one query) and stored. The jobs need `proposals_count` and the client's profile loaded."""
    store = caches[CACHE_ALIAS]
    keys = {job.pk: card_key(job) for job in jobs}
    found: dict[str, Any] = store.get_many(list(keys.values())) if keys else {}
    missing = [job for job in jobs if keys[job.pk] not in found]
    if missing:
        prefetch_related_objects(missing, "skills")
        fresh = {keys[job.pk]: _render(job) for job in missing}
        store.set_many(fresh, TIMEOUT)
        found.update(fresh)
    for job in jobs:
        head, middle, tail = found[keys[job.pk]]
        job.card = Card(mark_safe(head), mark_safe(middle), mark_safe(tail))  # type: ignore[attr-defined]
