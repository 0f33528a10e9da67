"""Demo job posts for `manage.py seed_demo`. Idempotent: a job is looked up by its client and title."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from . import services
from .models import JobPost

HOURLY, FIXED = "hourly", "fixed"

# (client, title, description, skills, category, budget, experience, duration, hires, visibility, age, closed)
# budget: ("hourly", min, max) or ("fixed", amount); age: how long ago it was posted; closed: a reason or None
# (the hiring layer's demo closes those jobs, through the one close action that also closes applications).
JOBS = [
    (
        "acme",
        "Build a booking website for our holiday rentals",
        "We rent out twelve holiday apartments in Lisbon and take bookings by email today. We need a website "
        "where guests see availability, book and pay a deposit online.\n\nWhat done looks like: a calendar per "
        "apartment, online payments with a refundable deposit, confirmation emails, and a simple admin for our "
        "two staff. You will work with our designer, who has the page layouts ready.",
        ["Django", "PostgreSQL", "Stripe", "HTML"],
        "web",
        (HOURLY, "40", "70"),
        "expert",
        "1to3m",
        1,
        "public",
        timedelta(hours=5),
        None,
    ),
    (
        "acme",
        "Fix calendar sync between Airbnb and our booking system",
        "Our iCal sync with Airbnb double-books about once a month. Find the cause, fix it and add a test that "
        "shows it cannot happen again. The code is a small Python service; we will share the repository once the "
        "contract starts.",
        ["Python", "iCal", "API integration"],
        "web",
        (FIXED, "600"),
        "intermediate",
        "lt1m",
        1,
        "public",
        timedelta(days=1, hours=3),
        None,
    ),
    (
        "acme",
        "Senior Django developer for ongoing maintenance",
        "We are looking for a long-term developer to look after our booking platform: upgrades, small features "
        "and the odd urgent fix. Around ten hours a week. We invite developers we have worked with before.",
        ["Django", "Python", "DevOps"],
        "web",
        (HOURLY, "60", "90"),
        "expert",
        "gt6m",
        1,
        "invite_only",
        timedelta(days=2),
        None,
    ),
    (
        "acme",
        "Write guest welcome guides in English and Portuguese",
        "Two-page welcome guides for each apartment: check-in steps, house rules, the neighbourhood's best "
        "bakeries and how to reach us. Friendly and short.",
        ["Copywriting", "Translation", "Portuguese"],
        "writing",
        (FIXED, "350"),
        "entry",
        "lt1m",
        1,
        "public",
        timedelta(days=9),
        "We wrote the guides in-house after all.",
    ),
    (
        "brightside",
        "Design a brand identity for a new coffee roaster",
        "A client of our studio is opening a small-batch coffee roastery. We need a logo, a colour palette, "
        "packaging labels for three coffees and a one-page brand guide. Share two or three identities you have "
        "made for food or drink brands.",
        ["Branding", "Logo design", "Figma", "Packaging"],
        "design",
        (FIXED, "1500"),
        "expert",
        "1to3m",
        1,
        "public",
        timedelta(hours=20),
        None,
    ),
    (
        "brightside",
        "Flutter developers for a fitness class booking app",
        "We are building an app where members of boutique gyms book classes, join waitlists and pay for class "
        "packs. The designs are done in Figma and the backend API exists. We want two Flutter developers to "
        "build the iOS and Android app together.",
        ["Flutter", "Dart", "Firebase", "iOS", "Android"],
        "mobile",
        (HOURLY, "45", "75"),
        "intermediate",
        "3to6m",
        2,
        "public",
        timedelta(days=3),
        None,
    ),
    (
        "brightside",
        "UI refresh for our studio website",
        "Our own website has not changed in four years. We want a fresh, accessible design for six pages in "
        "Figma, ready for our developers. Invite-only: we are talking to designers we already know.",
        ["UI design", "Figma", "Accessibility"],
        "design",
        (FIXED, "900"),
        "intermediate",
        "lt1m",
        1,
        "invite_only",
        timedelta(days=4),
        None,
    ),
    (
        "newco",
        "Data analyst to build a weekly sales dashboard",
        "We sell refurbished laptops in three countries and our sales data sits in PostgreSQL and spreadsheets. "
        "Build a dashboard that updates every Monday: revenue per country, margin per model, returns. Tell us "
        "which tools you would use and why.",
        ["Python", "SQL", "Data visualization", "PostgreSQL"],
        "data",
        (HOURLY, "30", "50"),
        "intermediate",
        "1to3m",
        1,
        "public",
        timedelta(days=1),
        None,
    ),
    (
        "newco",
        "Technical writer for our public API documentation",
        "Our partners integrate with a REST API that has only an OpenAPI file today. Write a getting-started "
        "guide, authentication and webhook pages, and three worked examples.",
        ["Technical writing", "API", "Documentation"],
        "writing",
        (FIXED, "800"),
        "intermediate",
        "1to3m",
        1,
        "public",
        timedelta(days=6),
        None,
    ),
    (
        "newco",
        "Social media posts for our product launch",
        "Twenty posts for LinkedIn and Instagram over four weeks, announcing our laptop trade-in programme. We "
        "provide the photos; you write the copy and suggest a schedule.",
        ["Social media marketing", "Copywriting"],
        "marketing",
        (FIXED, "400"),
        "entry",
        "lt1m",
        1,
        "public",
        timedelta(days=12),
        None,
    ),
]


def seed(people: dict) -> None:
    now = timezone.now()
    for (
        username,
        title,
        description,
        skills,
        category,
        budget,
        experience,
        duration,
        hires,
        visibility,
        age,
        _closed,  # closed by the hiring layer's demo
    ) in JOBS:
        client = people.get(username)
        if client is None:
            continue
        if JobPost.objects.filter(client=client, title=title).exists():
            continue
        data = {
            "title": title,
            "description": description,
            "skills": skills,
            "category": category,
            "budget_type": budget[0],
            "experience_level": experience,
            "duration": duration,
            "hires_needed": hires,
            "visibility": visibility,
        }
        if budget[0] == HOURLY:
            data.update(hourly_min=Decimal(budget[1]), hourly_max=Decimal(budget[2]))
        else:
            data["fixed_budget"] = Decimal(budget[1])
        job = services.post_job(client=client, data=data)
        JobPost.objects.filter(pk=job.pk).update(created_at=now - age, updated_at=now - age)
