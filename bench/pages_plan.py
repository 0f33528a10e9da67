"""For `bench/http_bench.py`: each benchmarked page's label, path, session cookie and query count, tab-separated.

Runs against the seeded database; logs the hot users in through the session store (no password hashing).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from jobs.models import JobPost  # noqa: E402
from marketplace.accounts.models import User  # noqa: E402
from proposals.models import Application  # noqa: E402


def main() -> None:
    settings.ALLOWED_HOSTS = ["*"]
    hot_client = User.objects.get(username="bench-client-0")
    hot_freelancer = User.objects.get(username="bench-freelancer-0")
    hot_job = JobPost.objects.filter(client=hot_client).order_by("pk").first()
    other_job = JobPost.objects.order_by("pk")[min(500, JobPost.objects.count() - 1)]
    application_counts = Application.objects.filter(job=hot_job).count()
    pages = [
        ("Find work", "/jobs/", None),
        ("Find work, searching one word", "/jobs/?q=booking", None),
        ("a job page", other_job.get_absolute_url(), None),
        (f"Applicants of the hot job ({application_counts})", f"/jobs/{hot_job.pk}/applicants/", hot_client),
        ("Proposals of the hot freelancer (1,000)", "/proposals/", hot_freelancer),
        ("My job posts (200 jobs)", "/jobs/mine/", hot_client),
        ("Messages (hot client)", "/messages/", hot_client),
    ]
    for label, path, user in pages:
        client = Client()
        cookie = ""
        if user is not None:
            client.force_login(user)
            cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        print(f"{label}\t{path}\t{cookie or 'none=1'}\t{len(queries)}")


if __name__ == "__main__":
    main()
