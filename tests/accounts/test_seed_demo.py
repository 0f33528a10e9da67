import pytest
from django.core.management import call_command

from marketplace.accounts.demo import DEMO_PASSWORD
from marketplace.accounts.models import User


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_logins_work(client, capsys):
    call_command("seed_demo")
    count = User.objects.count()
    call_command("seed_demo")
    assert User.objects.count() == count
    assert "maria" in capsys.readouterr().out
    assert client.login(username="maria", password=DEMO_PASSWORD)
    assert client.login(username="acme", password=DEMO_PASSWORD)
    assert client.login(username="moderator", password=DEMO_PASSWORD)
    assert client.get("/admin/jobs/flaggedjob/").status_code == 200
    maria = User.objects.get(username="maria")
    assert client.get(f"/admin/accounts/user/{maria.pk}/password/").status_code == 403
