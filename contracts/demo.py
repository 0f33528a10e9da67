"""Demo contracts for `manage.py seed_demo`. Idempotent.

The offers on `proposals.demo.HIRE_JOBS` are accepted (two contracts; those jobs fill). Then the life after the
hire, each contract made through the hiring services on its own demo job:
- acme / maria, hourly: two past weeks of time, one billed and one in review;
- brightside / amara, fixed price: milestones approved, submitted, funded and not funded, and a bonus;
- brightside / lucas, fixed price, ended: a funded milestone refunded with lucas's agreement; feedback both ways;
- acme / kenji, hourly, ended: feedback both ways;
- the agency "Booking Builders" (owner kenji, members lucas and amara) and its hourly contract with brightside:
  the proposal was sent by kenji for the agency naming lucas; amara is assigned; last week has lucas's tracked
  time and amara's manual time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from agencies import services as agency_services
from agencies.models import Agency
from jobs import services as job_services
from jobs.models import BudgetType, JobPost
from payments.models import PaymentMethod
from payments.services import add_payment_method
from proposals import services as proposal_services
from proposals.demo import HIRE_JOBS, quiet_demo_emails
from proposals.models import Application, ApplicationStatus

from . import services
from .models import Contract, TimeEntry, Timesheet, week_start

HOURLY, FIXED = BudgetType.HOURLY, BudgetType.FIXED


def seed(people: dict) -> None:
    started = timezone.now()
    for client_name, title, hire, _other in HIRE_JOBS:
        job = JobPost.objects.filter(client=people[client_name], title=title).first()
        if job is None:
            continue
        app = Application.objects.filter(job=job, freelancer=people[hire], status=ApplicationStatus.OFFERED).first()
        if app is not None:
            services.accept_offer(app, by=people[hire])
    for client_name in ("acme", "brightside"):  # verified clients pay with a sandbox test card
        if not PaymentMethod.objects.filter(user=people[client_name]).exists():
            add_payment_method(people[client_name], number="4242424242424242", exp_month=12, exp_year=2030, cvc="123")
    _hourly_with_two_weeks(people)
    _fixed_with_milestones(people)
    _ended_with_refund_and_feedback(people)
    _ended_hourly_with_feedback(people)
    _agency_with_hourly_contract(people)
    quiet_demo_emails(people, since=started)


def _hire(
    client, freelancer, title: str, budget_type: str, amount: str, *, agency=None, sender=None
) -> tuple[Contract, bool]:
    """The contract for the demo job `title`, made through the services the first time (then `True`)."""
    existing = Contract.objects.filter(client=client, title=title).first()
    if existing is not None:
        return existing, False
    if budget_type == FIXED:
        job_fields = {"fixed_budget": Decimal(amount)}
        terms = {"fixed_bid": Decimal(amount), "estimated_duration": "1 to 3 months"}
        offer = {"fixed_price": Decimal(amount)}
    else:
        job_fields = {"hourly_min": Decimal("35"), "hourly_max": Decimal("70")}
        terms = {"hourly_rate": Decimal(amount)}
        offer = {"hourly_rate": Decimal(amount), "weekly_limit": 20}
    job = JobPost.objects.create(
        client=client,
        title=title,
        description=f"{title}. Demo job: clear scope, friendly client, paid through the platform.",
        budget_type=budget_type,
        **job_fields,
    )
    job_services.refresh_search_vectors([job.pk])  # as post_job does
    as_agency = {"agency": agency, "named": freelancer} if agency is not None else {}
    app = proposal_services.submit_proposal(
        job, by=sender or freelancer, cover_letter="Happy to take this on.", **terms, **as_agency
    )
    app = proposal_services.respond(app, by=client, message="Great, let's get started.")
    proposal_services.send_offer(app, by=client, start_date=timezone.localdate(), **offer)
    app.refresh_from_db()
    return services.accept_offer(app, by=freelancer), True


def _week(contract: Contract, monday, memos: list[tuple[int, int, str, bool]], authors=None) -> None:
    """A past week of time (history written directly: the services only take time in the current week).
    `authors`, one per memo, default to the contract's freelancer."""
    timesheet = Timesheet.objects.create(contract=contract, week_start=monday)
    for i, (day, hour, memo, manual) in enumerate(memos):
        start = datetime.combine(monday + timedelta(days=day), datetime.min.time(), tzinfo=UTC) + timedelta(hours=hour)
        TimeEntry.objects.create(
            timesheet=timesheet,
            start=start,
            segments=12,
            memo=memo,
            manual=manual,
            created_by=authors[i] if authors else contract.freelancer,
        )


def _hourly_with_two_weeks(people: dict) -> None:
    contract, new = _hire(people["acme"], people["maria"], "Maintain our booking website", HOURLY, "65")
    if not new:
        return
    this_monday = week_start(timezone.now())
    two_weeks_ago, last_week = this_monday - timedelta(days=14), this_monday - timedelta(days=7)
    _week(contract, two_weeks_ago, [(0, 9, "Fixed the calendar sync", False), (2, 14, "Payment page copy", True)])
    # That week closed, was reviewed and billed by the end of the Friday after it.
    services.close_and_bill_weeks(now=datetime.combine(last_week, datetime.min.time(), tzinfo=UTC) + timedelta(days=6))
    _week(contract, last_week, [(1, 10, "Booking confirmation emails", False), (3, 15, "Weekly check-in", True)])
    # Last week is now in review until Friday.
    services.close_and_bill_weeks(
        now=datetime.combine(this_monday, datetime.min.time(), tzinfo=UTC) + timedelta(hours=1)
    )


def _fixed_with_milestones(people: dict) -> None:
    client, amara = people["brightside"], people["amara"]
    contract, new = _hire(client, amara, "Design our booking widget screens", FIXED, "600")
    if not new:
        return
    first = contract.milestones.get()  # the offer's price: approved and released
    services.fund_milestone(first, by=client)
    services.submit_work(first, by=amara, message="Desktop screens are in the shared folder.")
    services.approve_milestone(first, by=client)
    submitted = services.add_milestone(contract, by=client, description="Mobile screens", amount="400")
    services.fund_milestone(submitted, by=client)
    services.submit_work(submitted, by=amara, message="Mobile screens ready for review.")
    funded = services.add_milestone(contract, by=client, description="Icon set", amount="200")
    services.fund_milestone(funded, by=client)
    services.add_milestone(contract, by=client, description="Developer handoff", amount="150")
    services.give_bonus(contract, by=client, amount="75", note="Thanks for the quick turnaround!", key="demo-bonus")


def _ended_with_refund_and_feedback(people: dict) -> None:
    client, lucas = people["brightside"], people["lucas"]
    contract, new = _hire(client, lucas, "Document the booking API (phase 1)", FIXED, "400")
    if not new:
        return
    milestone = contract.milestones.get()
    services.fund_milestone(milestone, by=client)
    services.end_contract(contract, by=client, reason="Phase 1 is postponed to next quarter.")
    services.request_refund(milestone, by=client)
    services.agree_refund(milestone, by=lucas)
    services.leave_feedback(
        contract, by=client, stars=5, comment="Lucas was flexible when our plans changed.", private_reason="cancelled"
    )
    services.leave_feedback(contract, by=lucas, stars=4, comment="Clear client; the project was postponed.")


def _ended_hourly_with_feedback(people: dict) -> None:
    client, kenji = people["acme"], people["kenji"]
    contract, new = _hire(client, kenji, "Prototype a booking app", HOURLY, "55")
    if not new:
        return
    services.end_contract(contract, by=kenji, reason="The prototype is delivered.")
    services.leave_feedback(contract, by=kenji, stars=5, comment="Great client, quick answers.")
    services.leave_feedback(
        contract, by=client, stars=5, comment="Kenji's prototype convinced our board.", private_reason="completed"
    )


def _agency_with_hourly_contract(people: dict) -> None:
    kenji, lucas, amara = people["kenji"], people["lucas"], people["amara"]
    agency = Agency.objects.filter(slug="booking-builders").first()
    if agency is None:
        agency = agency_services.create_agency(
            by=kenji,
            name="Booking Builders",
            description="Three freelancers who build, design and document booking apps together.",
            skills=["flutter", "ui design", "documentation"],
        )
        for member in (lucas, amara):
            invitation = agency_services.invite_member(agency, by=kenji, username=member.username)
            agency_services.accept_membership(invitation, by=member)
            agency_services.set_may_be_named(agency, by=member, agree=True)
    contract, new = _hire(
        people["brightside"], lucas, "Booking app for our clinics", HOURLY, "50", agency=agency, sender=kenji
    )
    if not new:
        return
    services.assign_member(contract, by=kenji, member=amara)
    last_week = week_start(timezone.now()) - timedelta(days=7)
    _week(
        contract,
        last_week,
        [(0, 9, "Appointment list screen", False), (1, 13, "Booking flow mock-ups", True)],
        authors=[lucas, amara],
    )
