"""Demo contracts for `manage.py seed_demo`: the offers on `proposals.demo.HIRE_JOBS` are accepted, which
makes two contracts, fills those jobs and closes their other applications. Idempotent."""

from __future__ import annotations

from django.utils import timezone

from jobs.models import JobPost
from proposals.demo import HIRE_JOBS, quiet_demo_emails
from proposals.models import Application, ApplicationStatus

from . import services


def seed(people: dict) -> None:
    started = timezone.now()
    for client_name, title, hire, _other in HIRE_JOBS:
        job = JobPost.objects.filter(client=people[client_name], title=title).first()
        if job is None:
            continue
        app = Application.objects.filter(job=job, freelancer=people[hire], status=ApplicationStatus.OFFERED).first()
        if app is not None:
            services.accept_offer(app, by=people[hire])
    quiet_demo_emails(people, since=started)
