import pytest
from django.core.management import call_command
from django.urls import reverse

from marketplace.accounts.demo import DEMO_PASSWORD
from marketplace.accounts.models import User


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_logins_work(client, capsys):
    call_command("seed_demo")
    count = User.objects.count()
    call_command("seed_demo")
    assert User.objects.count() == count
    assert "maria" in capsys.readouterr().out
    for username in ("maria", "acme", "moderator"):  # through the login form, as a person does
        client.post(reverse("accounts:logout"))
        response = client.post(reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)
    assert client.get("/admin/jobs/flaggedjob/").status_code == 200
    maria = User.objects.get(username="maria")
    assert client.get(f"/admin/accounts/user/{maria.pk}/password/").status_code == 403
