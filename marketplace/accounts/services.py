from django.db import transaction

from .models import ClientProfile, FreelancerProfile, User

CLIENT = "client"
FREELANCER = "freelancer"


def sign_up(*, username: str, email: str, password: str, role: str) -> User:
    """Create a user with one role and the matching empty profile.

    Side effects: one User row, one FreelancerProfile or ClientProfile row.
    """
    if role not in (CLIENT, FREELANCER):
        raise ValueError(f"Unknown role {role!r}")
    with transaction.atomic():
        user = User.objects.create_user(
            username=username,
            email=email,
            password=password,
            is_client=role == CLIENT,
            is_freelancer=role == FREELANCER,
        )
        if role == CLIENT:
            ClientProfile.objects.create(user=user)
        else:
            FreelancerProfile.objects.create(user=user)
    return user
