import pytest
from django.core import mail
from django.urls import reverse

from marketplace.accounts.models import ClientProfile, FreelancerProfile, User
from tests.factories import PASSWORD, ClientFactory, FreelancerFactory, UserFactory

pytestmark = pytest.mark.django_db


def _signup_data(**overrides) -> dict:
    data = {
        "username": "ana",
        "email": "ana@example.com",
        "password1": "a-Long-enough-pass-77",
        "password2": "a-Long-enough-pass-77",
        "role": "freelancer",
    }
    data.update(overrides)
    return data


def test_signup_as_freelancer_creates_user_with_profile_and_logs_in(client):
    response = client.post(reverse("accounts:signup"), _signup_data())
    assert response.status_code == 302
    user = User.objects.get(username="ana")
    assert user.is_freelancer and not user.is_client
    assert user.freelancer_profile is not None
    assert client.get(reverse("accounts:profile_edit")).status_code == 200


def test_signup_as_client_creates_client_profile(client):
    client.post(reverse("accounts:signup"), _signup_data(role="client"))
    user = User.objects.get(username="ana")
    assert user.is_client and not user.is_freelancer
    assert user.client_profile.payment_verified is False


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "Enter an email address, like name@example.com."),
        ({"password2": "something-else-99"}, "password2", "The two password fields didn"),
        ({"password1": "123", "password2": "123"}, "password2", "too short"),
        ({"role": "admin"}, "role", "Choose one of the options in the list."),
        ({"username": ""}, "username", "Username is required."),
    ],
)
def test_signup_bad_input_shows_field_errors(client, overrides, field, message):
    response = client.post(reverse("accounts:signup"), _signup_data(**overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not User.objects.filter(username="ana").exists()


def test_signup_duplicate_email_is_refused(client):
    FreelancerFactory(email="ana@example.com")
    response = client.post(reverse("accounts:signup"), _signup_data(username="other"))
    assert response.status_code == 200
    assert "already exists" in response.context["form"].errors["email"][0]


def test_freelancer_profile_edit_saves_and_shows_publicly(client):
    user = FreelancerFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile_edit"),
        {
            "title": "Data engineer",
            "overview": "Pipelines.",
            "hourly_rate": "65.50",
            "skills": "python, sql",
            "first_name": "Ana",
            "last_name": "Silva",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("hiring:freelancer_profile", args=[user.username]))
    assert b"Data engineer" in page.content
    assert b"$65.50/hr" in page.content
    assert b"Ana Silva" in page.content


def test_freelancer_profile_bad_rate_shows_field_error(client):
    user = FreelancerFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:profile_edit"), {"hourly_rate": "-3", "skills": ""})
    assert response.status_code == 200
    assert "hourly_rate" in response.context["form"].errors
    response = client.post(reverse("accounts:profile_edit"), {"hourly_rate": "abc", "skills": ""})
    assert "Enter an amount in dollars, like 40 or 40.50." in response.context["form"].errors["hourly_rate"]


@pytest.mark.parametrize(
    ("skills", "message"),
    [
        ("x" * 101, "A skill name has at most 50 characters."),
        (", ".join(f"skill {n}" for n in range(16)), "List at most 15 skills."),
    ],
)
def test_freelancer_profile_skills_are_refused_not_cut_when_too_long_or_too_many(client, skills, message):
    user = FreelancerFactory()
    client.force_login(user)
    data = {"title": "Data engineer", "overview": "Pipelines.", "hourly_rate": "65", "skills": skills}
    response = client.post(reverse("accounts:profile_edit"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["skills"] == [message]
    assert skills in response.content.decode()  # what was typed stays in the field
    assert list(user.freelancer_profile.skills.names()) == []


def test_client_profile_page_shows_payment_verification(client):
    user = ClientFactory(profile__payment_verified=False)
    page = client.get(reverse("accounts:client_profile", args=[user.username]))
    assert b"Payment method not verified" in page.content


def test_profile_pages_404_for_wrong_role(client):
    freelancer = FreelancerFactory()
    assert client.get(reverse("accounts:client_profile", args=[freelancer.username])).status_code == 404


def test_profile_edit_requires_login(client):
    response = client.get(reverse("accounts:profile_edit"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_login_and_logout(client):
    user = FreelancerFactory()
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile_edit")).status_code == 200
    assert client.get(reverse("accounts:logout")).status_code == 405  # logging out is a POST
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:profile_edit")).status_code == 302


def test_password_reset_sends_email_to_the_account_only(client):
    user = FreelancerFactory(email="reset-me@example.com")
    FreelancerFactory(email="bystander@example.com")
    client.post(reverse("accounts:password_reset"), {"email": "reset-me@example.com"})
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_navigation_shows_each_role_what_it_can_do(client):
    client.force_login(ClientFactory())
    page = client.get(reverse("accounts:profile_edit")).content.decode()
    assert "Post job" in page and "My job posts" in page and "My proposals" not in page
    client.force_login(FreelancerFactory())
    page = client.get(reverse("accounts:profile_edit")).content.decode()
    assert "Find work" in page and "My proposals" in page and "Post job" not in page


def test_opening_the_profile_page_creates_nothing(client):
    # A GET used to create a client profile for a user with no role; only "Save" writes.
    for user in (UserFactory(), FreelancerFactory(), ClientFactory()):
        client.force_login(user)
        before = (ClientProfile.objects.count(), FreelancerProfile.objects.count())
        assert client.get(reverse("accounts:profile_edit")).status_code == 200
        assert (ClientProfile.objects.count(), FreelancerProfile.objects.count()) == before
    response = client.post(reverse("accounts:profile_edit"), {"first_name": "Ann", "last_name": "Lee"})
    assert response.status_code == 302
    assert ClientProfile.objects.filter(user=user).exists()
