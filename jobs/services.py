"""Job post actions, one function per user action: permission check, transaction, transition.

Closing, cancelling and suspending a job have one entry point, in the hiring layer
(`proposals.services.close_job`), because each also closes the job's applications and tells the freelancers;
the job page's "Close job" and "Cancel job post" buttons post to the hiring layer's views.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Lower
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from marketplace.skills import clean_skills

from . import moderation
from .models import JobPost
from .selectors import HIRED

if TYPE_CHECKING:
    from marketplace.accounts.models import User

# Fields a client sets when posting or editing a job; `skills` is a list of names.
EDITABLE_FIELDS = (
    "title",
    "description",
    "category",
    "budget_type",
    "hourly_min",
    "hourly_max",
    "fixed_budget",
    "experience_level",
    "duration",
    "hires_needed",
    "visibility",
)
REASON_MAX_LENGTH = 1000


class JobStateError(ValidationError):
    """The job's state does not allow the action (editing or closing a job that is not open)."""


def post_job(*, client: User, data: Mapping[str, Any]) -> JobPost:
    """A client publishes a job post. `data` holds EDITABLE_FIELDS (missing ones take defaults) and `skills`.

    Side effects: the job; when the screening finds off-platform payment or free-work talk, the job is held for
    review (`held_for_review`, a system Flag, see `jobs.moderation.hold_if_risky`).
    """
    if not getattr(client, "is_client", False):
        raise PermissionDenied("Only clients can post jobs.")
    fields, skills = _split(data)
    job = JobPost(client=client, **fields)
    _validate(job)
    with transaction.atomic():
        job.save()
        if skills is not None:
            _set_skills(job, skills)
        moderation.hold_if_risky(job)  # off-platform payment or free work: held for review, not published
        refresh_search_vectors([job.pk])
    job.refresh_from_db(fields=["search_vector"])
    return job


def update_job(job: JobPost, *, by: User, data: Mapping[str, Any]) -> JobPost:
    """The job's client edits it while it is open. Only the keys present in `data` change.

    Side effects: the job; held for review like `post_job` when the new text asks for off-platform payment.
    """
    fields, skills = _split(data)
    with transaction.atomic():
        locked = _lock_owned(job, by)
        if not locked.is_open:
            raise JobStateError(
                f"This job is {locked.get_status_display().lower()}, so it can no longer be edited.", code="not_open"
            )
        for name, value in fields.items():
            setattr(locked, name, value)
        _validate(locked)
        if "hires_needed" in fields:
            _check_hires_needed(locked)
        locked.save()
        if skills is not None:
            _set_skills(locked, skills)
        moderation.hold_if_risky(locked)
        refresh_search_vectors([locked.pk])
    locked.refresh_from_db(fields=["search_vector"])
    _sync(job)
    return locked


def _check_hires_needed(job: JobPost) -> None:
    # An open job with as many hires as it needs would have been filled; fewer would let the next hire pass it.
    hired = job.applications.filter(status=HIRED).count()
    if hired and job.hires_needed <= hired:
        raise ValidationError(
            {
                "hires_needed": f"You have hired {hired} already, so this job needs at least {hired + 1} to stay open. "
                "To stop hiring, close the job."
            },
            code="below_hired",
        )


def record_applicants_view(job: JobPost, *, by: User) -> None:
    """The job's client opened the applicants page: "last viewed by client" moves to now.

    Staff looking at the page leave the figure alone; anybody else is refused.
    """
    if job.client_id != getattr(by, "pk", None):
        if getattr(by, "is_staff", False):
            return
        raise PermissionDenied("Only the job's client can review its applicants.")
    now = timezone.now()
    # A plain UPDATE: no FSM save, and `updated_at` (the post's last edit) stays as it was.
    JobPost.objects.filter(pk=job.pk).update(client_last_viewed_at=now)
    job.client_last_viewed_at = now


# Helpers


def _split(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[str] | None]:
    unknown = set(data) - set(EDITABLE_FIELDS) - {"skills"}
    if unknown:
        raise TypeError(f"Unknown job fields: {', '.join(sorted(unknown))}")
    fields = {name: data[name] for name in EDITABLE_FIELDS if name in data}
    for name in ("title", "description"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    skills = data.get("skills")
    return fields, (None if skills is None else clean_skills(skills))


def _set_skills(job: JobPost, names: list[str]) -> None:
    """Reuse existing skills whatever their case, so "Django" and "django" are one skill to filter on."""
    existing: dict[str, Tag] = {}
    if names:
        for tag in Tag.objects.annotate(lname=Lower("name")).filter(lname__in=[n.lower() for n in names]):
            existing.setdefault(tag.name.lower(), tag)
    job.skills.set([existing.get(name.lower(), name) for name in names])


def refresh_search_vectors(job_ids: Iterable[int]) -> None:
    """Store the search document of these jobs (one UPDATE). Called by every service that changes a job's title,
    description or skills, and in bulk by seed_bench. Nothing on SQLite, whose search does not use it."""
    if not settings.IS_POSTGRES:
        return
    from django.contrib.postgres.aggregates import StringAgg
    from django.contrib.postgres.search import SearchVector

    config = "english"
    # From the tag rows straight: through the job's GenericRelation, Django casts object_id to bigint, which
    # defeats taggit's (content_type, object_id) index and made the update scan every tag row per job.
    skill_names = (
        TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(JobPost), object_id=OuterRef("pk"))
        .order_by()
        .values("object_id")
        .annotate(names=StringAgg("tag__name", delimiter=" ", default=Value("")))
        .values("names")
    )
    JobPost.objects.filter(pk__in=list(job_ids)).update(
        search_vector=SearchVector("title", weight="A", config=config)
        + SearchVector(Subquery(skill_names), weight="A", config=config)
        + SearchVector("description", weight="B", config=config)
    )


def _validate(job: JobPost) -> None:
    # The protected FSM field cannot be re-assigned by clean_fields(); transitions keep it valid anyway.
    job.full_clean(exclude=["status"])


def _lock_owned(job: JobPost, by: User) -> JobPost:
    """The job's row, locked until the transaction ends; PermissionDenied for anyone but its client."""
    if by is None or job.client_id != by.pk:
        raise PermissionDenied("Only the job's client can change it.")
    return JobPost.objects.select_for_update().get(pk=job.pk)


def _sync(job: JobPost) -> None:
    """Bring the caller's instance up to date with the row the service changed."""
    job.refresh_from_db()
