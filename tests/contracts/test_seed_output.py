"""`seed_demo` prints the logins and nothing else: no log line per email task or expiry it sets off."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.management import call_command

from tests.factories import moderators_group

pytestmark = pytest.mark.django_db(transaction=True)  # the email tasks run at the real commit


def test_seed_demo_prints_only_the_logins(caplog):
    # The "Moderators" group comes from a migration; an earlier transactional test's flush removed it.
    moderators_group()
    out = io.StringIO()
    with caplog.at_level(logging.INFO):
        call_command("seed_demo", stdout=out)
    assert [r.getMessage() for r in caplog.records] == []
    lines = out.getvalue().splitlines()
    assert lines[0] == "Demo data is ready. Log in at /accounts/login/ with:"
    assert all("password" in line for line in lines[1:]) and len(lines) > 3
    assert logging.getLogger("celery.app.trace").isEnabledFor(logging.INFO)  # logging is back afterwards
