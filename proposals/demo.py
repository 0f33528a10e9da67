"""Demo applications for `manage.py seed_demo`: every state, made through the services (rooms, events,
notifications). Idempotent: a scenario is skipped when its freelancer already has an application on its job.

`contracts.demo` then accepts the two offers on the "to fill" jobs (HIRE_JOBS), which makes contracts, fills
those jobs and closes their other applications; proposals cannot do that here without importing contracts.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from jobs import services as job_services
from jobs.demo import JOBS as JOB_ROWS
from jobs.models import BudgetType, JobPost, JobStatus, Visibility
from messaging.models import EmailState, Notification

from . import services
from .models import Application, DeclineReason, RejectReason, WithdrawReason

# Jobs made for the scenarios that end a job (looked up by client and title).
CLOSED_JOB = ("acme", "Migrate our old booking data")
HIRE_JOBS = (
    ("brightside", "Write the API guide for our booking widget", "maria", "lucas"),
    ("newco", "Build an Android app for table bookings", "kenji", "amara"),
)

_FALLBACK_JOBS = {
    "acme": ("Booking website for a rental agency", BudgetType.HOURLY, 2),
    "brightside": ("Brand refresh for a design studio", BudgetType.FIXED, 1),
    "newco": ("Landing page and signup flow", BudgetType.HOURLY, 1),
}


def _open_job(client) -> JobPost:
    """The client's oldest open public job, created when there is none yet."""
    job = (
        JobPost.objects.filter(client=client, status=JobStatus.OPEN, visibility=Visibility.PUBLIC)
        .order_by("created_at", "id")
        .first()
    )
    if job is None:
        title, budget_type, hires = _FALLBACK_JOBS[client.username]
        job = _create_job(client, title, budget_type=budget_type, hires_needed=hires)
    return job


def _create_job(client, title: str, *, budget_type: str = BudgetType.HOURLY, hires_needed: int = 1) -> JobPost:
    fields = {"hourly_min": Decimal("35"), "hourly_max": Decimal("70")}
    if budget_type == BudgetType.FIXED:
        fields = {"fixed_budget": Decimal("1500")}
    job = JobPost.objects.create(
        client=client,
        title=title,
        description=f"{title}. Demo job: clear scope, friendly client, paid through the platform.",
        budget_type=budget_type,
        hires_needed=hires_needed,
        **fields,
    )
    job_services.refresh_search_vectors([job.pk])
    return job


def _named_job(client, title: str) -> JobPost:
    return JobPost.objects.filter(client=client, title=title).first() or _create_job(client, title)


def _terms(job: JobPost, amount: str) -> dict:
    if job.budget_type == BudgetType.FIXED:
        return {"fixed_bid": Decimal(amount) * 20, "estimated_duration": "1 to 3 months"}
    return {"hourly_rate": Decimal(amount)}


def _offer_terms(job: JobPost, amount: str) -> dict:
    if job.budget_type == BudgetType.FIXED:
        return {"fixed_price": Decimal(amount) * 20}
    return {"hourly_rate": Decimal(amount), "weekly_limit": 20}


def _todo(job: JobPost, freelancer) -> bool:
    return not Application.objects.filter(job=job, freelancer=freelancer).exists()


def _invite(job, freelancer, message: str = "") -> Application:
    return services.invite(job, freelancer, by=job.client, message=message)


def _propose(job, freelancer, amount: str, letter: str) -> Application:
    return services.submit_proposal(job, by=freelancer, cover_letter=letter, **_terms(job, amount))


def _offer(app: Application, amount: str, message: str) -> None:
    services.send_offer(
        app,
        by=app.job.client,
        start_date=timezone.localdate() + timedelta(days=7),
        message=message,
        **_offer_terms(app.job, amount),
    )


def seed(people: dict) -> None:
    acme, brightside, newco = people["acme"], people["brightside"], people["newco"]
    maria, kenji, amara, lucas = people["maria"], people["kenji"], people["amara"], people["lucas"]
    started = timezone.now()

    _close_listed_jobs(people)
    a1, b1, n1 = _open_job(acme), _open_job(brightside), _open_job(newco)

    # Offered: an invitation accepted with a message, then an offer.
    if _todo(a1, maria):
        app = _invite(a1, maria, "Hi Maria, your Django work looks like what we need. Can we talk?")
        services.accept_invitation(app, by=maria, message="Thanks for the invitation! I'd love to hear more.")
        _offer(app, "65", "We'd like to work with you. Twenty hours a week to start?")
    # Active candidacy: a proposal the client replied to.
    if _todo(a1, kenji):
        app = _propose(a1, kenji, "55", "I have built booking apps for two rental agencies.")
        services.respond(app, by=acme, message="Thanks Kenji, can you share an example of the booking flow?")
    # Proposal sent.
    if _todo(a1, amara):
        _propose(a1, amara, "48", "I can design the booking pages and the brand around them.")
    # Invited to interview.
    if _todo(a1, lucas):
        _invite(a1, lucas, "Hi Lucas, we need help with the help pages of our booking site.")

    # Archived: an ignored invitation (can still be accepted or declined).
    if _todo(b1, maria):
        app = _invite(b1, maria)
        services.ignore_invitation(app, by=maria)
    # Not selected: the client declined the proposal.
    if _todo(b1, kenji):
        app = _propose(b1, kenji, "50", "Mobile is my focus but I know my way around brands too.")
        services.reject(app, by=brightside, reason=RejectReason.NOT_RIGHT_SKILLS)
    # Withdrawn proposal.
    if _todo(b1, amara):
        app = _propose(b1, amara, "45", "Brand refreshes are what I do best.")
        services.withdraw(app, by=amara, reason=WithdrawReason.SCHEDULING_CONFLICT)
    # Declined invitation.
    if _todo(b1, lucas):
        app = _invite(b1, lucas)
        services.decline_invitation(
            app, by=lucas, reason=DeclineReason.NOT_A_FIT, message="Thank you, but design is not my field."
        )

    # Expired invitation: sent long ago, never answered.
    if _todo(n1, maria):
        app = _invite(n1, maria)
        Application.objects.filter(pk=app.pk).update(invited_at=started - timedelta(days=30))
        services.expire_due(only=[app.pk])
    # Submitted proposal (maria's "Submitted proposals" section).
    if _todo(n1, kenji):
        _propose(n1, kenji, "52", "I can build the signup flow and the landing page in two weeks.")

    # Closed: the client closed a job that had an open invitation.
    closed_job = JobPost.objects.filter(client=people[CLOSED_JOB[0]], title=CLOSED_JOB[1]).first()
    if closed_job is None:
        closed_job = _create_job(people[CLOSED_JOB[0]], CLOSED_JOB[1])
        _invite(closed_job, lucas, "Hi Lucas, could you document our data migration?")
        services.close_job(closed_job, by=closed_job.client, reason="We found an in-house solution.")

    # Jobs to fill: an offer (accepted by contracts.demo) and a competing proposal (closed when filled).
    for client_name, title, hire, other in HIRE_JOBS:
        job = _named_job(people[client_name], title)
        if job.status != JobStatus.OPEN:
            continue
        if _todo(job, people[other]):
            _propose(job, people[other], "45", "I'd be glad to help with this.")
        if _todo(job, people[hire]):
            app = _propose(job, people[hire], "60", "I have done exactly this before; happy to show examples.")
            services.respond(app, by=job.client, message="Great, let's talk about the scope.")
            _offer(app, "60", "You're hired if you accept! Looking forward to it.")

    quiet_demo_emails(people, since=started)


def _close_listed_jobs(people: dict) -> None:
    """The jobs the jobs layer's demo lists with a closing reason, closed by their client."""
    for username, title, *_, reason in JOB_ROWS:
        if reason and username in people:
            job = JobPost.objects.filter(client=people[username], title=title, status=JobStatus.OPEN).first()
            if job is not None:
                services.close_job(job, by=job.client, reason=reason)


def quiet_demo_emails(people: dict, *, since) -> None:
    """The demo's notifications stay in the app; no email is sent for them (seed_demo stays quiet)."""
    Notification.objects.filter(
        recipient__in=list(people.values()), created_at__gte=since, email_state=EmailState.PENDING
    ).update(email_state=EmailState.SKIPPED, email_last_error="Demo data: not emailed.")
