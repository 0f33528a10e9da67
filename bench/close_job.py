"""Benchmark line: the client closes the hot job (1,000 applications, most of them open) on a seeded database.

    DATABASE_URL=postgres://.../mk_bench CELERY_BROKER_URL=redis://127.0.0.1:6379/<yours> \\
        .venv/bin/python bench/close_job.py

Times `proposals.services.close_job` up to its commit and the enqueueing of the mail tasks that follows it
(as in production; no worker needs to run). It closes the job for good: reseed before measuring again, or
measure on a copy (`CREATE DATABASE mk_copy TEMPLATE mk_bench`).

`--all-open` first turns the hot job's ended applications back into sent proposals (the database is a
throwaway), so all 1,000 of them are open when it closes: the issue's case.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

import django

django.setup()

from jobs.models import JobPost  # noqa: E402
from proposals import services  # noqa: E402
from proposals.models import OPEN_STATES, Application  # noqa: E402

job = JobPost.objects.filter(client__username="bench-client-0").order_by("pk").first()
if "--all-open" in sys.argv[1:]:
    Application.objects.filter(job=job).exclude(status__in=OPEN_STATES).update(status="sent", ended_at=None)
open_before = Application.objects.filter(job=job, status__in=OPEN_STATES).count()
started = time.perf_counter()
services.close_job(job, by=job.client, reason="Benchmark")
print(f"close_job: {open_before} open applications closed and notified in {time.perf_counter() - started:.2f} s")
