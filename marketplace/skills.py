"""Skill names as people type them, for job posts, freelancer profiles and agencies (one rule for all three)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

MAX_SKILLS = 15
MAX_SKILL_LENGTH = 50  # a skill is a django-taggit tag, whose name column holds 100


def clean_skills(names: Iterable[str] | str) -> list[str]:
    """Skill names stripped, de-duplicated case-insensitively, in the given order; errors on the `skills` field.

    A comma-separated string is split on commas. Too many skills or a name too long is refused, never cut.
    """
    if isinstance(names, str):
        names = names.split(",")
    seen: dict[str, str] = {}
    for raw in names:
        name = " ".join(str(raw).split())
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    cleaned = list(seen.values())
    if len(cleaned) > MAX_SKILLS:
        raise ValidationError({"skills": f"List at most {MAX_SKILLS} skills."})
    if any(len(name) > MAX_SKILL_LENGTH for name in cleaned):
        raise ValidationError({"skills": f"A skill name has at most {MAX_SKILL_LENGTH} characters."})
    return cleaned


def clean_skills_field(value: Iterable[str] | str) -> list[str]:
    """`clean_skills` for a form's `clean_skills()`, where Django wants plain messages rather than a field dict."""
    try:
        return clean_skills(value or "")
    except ValidationError as exc:
        raise ValidationError(exc.messages) from exc
