"""The hiring layer's pages for a job, handed to the jobs layer's pages (setting `JOB_HIRING_LINKS`)."""

from __future__ import annotations

from django.urls import reverse

from jobs.models import JobPost
from messaging.models import Room

from .models import Application

_NAMES = {
    "applicants": "hiring:applicants",
    "invite": "hiring:invite_freelancers",
    "apply": "hiring:submit_proposal",
    "close": "hiring:close_job",
    "cancel": "hiring:cancel_job",
}


def job_links(job: JobPost) -> dict[str, str]:
    return {key: reverse(name, args=[job.pk]) for key, name in _NAMES.items()}


def room_applications(room: Room) -> list[Application]:
    """The applications a room is about, for the moderators' room page (setting `ROOM_SUBJECTS`)."""
    return list(Application.objects.filter(room=room).select_related("job", "freelancer", "job__client"))
