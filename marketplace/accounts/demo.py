"""Demo people for `manage.py seed_demo`. Idempotent: users are looked up by username."""

from decimal import Decimal

from django.contrib.auth.models import Group

from .models import ClientProfile, FreelancerProfile, User

DEMO_PASSWORD = "demo-pass-2026"
MODERATOR = "moderator"

CLIENTS = [
    ("acme", "Acme Rentals", "Lisbon, Portugal", True),
    ("brightside", "Brightside Studio", "Austin, USA", True),
    ("newco", "NewCo", "Berlin, Germany", False),
]
FREELANCERS = [
    ("maria", "Maria", "Costa", "Full-stack Django developer", Decimal("65"), "python, django, postgresql"),
    ("kenji", "Kenji", "Sato", "Mobile developer (Flutter, Kotlin)", Decimal("55"), "flutter, kotlin, android"),
    ("amara", "Amara", "Okafor", "Brand and UI designer", Decimal("48"), "figma, branding, ui design"),
    ("lucas", "Lucas", "Martin", "Technical writer", Decimal("40"), "writing, documentation, api"),
]


def seed_people() -> dict[str, User]:
    people: dict[str, User] = {}
    for username, company, location, verified in CLIENTS:
        user = _user(username, is_client=True)
        ClientProfile.objects.update_or_create(
            user=user, defaults={"company_name": company, "location": location, "payment_verified": verified}
        )
        people[username] = user
    for username, first, last, title, rate, skills in FREELANCERS:
        user = _user(username, is_freelancer=True, first_name=first, last_name=last)
        profile, _ = FreelancerProfile.objects.update_or_create(
            user=user,
            defaults={"title": title, "hourly_rate": rate, "overview": f"{title} with years of remote work."},
        )
        profile.skills.set([s.strip() for s in skills.split(",")])
        people[username] = user
    # A moderator: staff in the "Moderators" group (its permissions come from a migration), not a superuser.
    moderator = _user(MODERATOR, is_staff=True, first_name="Mo", last_name="Derator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    people[MODERATOR] = moderator
    return people


def _user(username: str, **fields) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@demo.marketplace.local", **fields}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user
