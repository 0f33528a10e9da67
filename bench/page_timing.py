"""Per-request time of a page through Django's test client on a seeded database, without a server or wrk: a
steadier figure than `make bench` on a busy machine (one process, the median of many requests).

    DATABASE_URL=postgres://.../mk_bench DEBUG=false SECRET_KEY=... .venv/bin/python bench/page_timing.py \\
        [--requests 200] [--user USERNAME] [--profile FILE] PATH [PATH ...]

Prints, for each path, the median, p90 and minimum milliseconds of `--requests` requests after 10 warm-up
requests (anonymous, or logged in as `--user`). `--profile FILE` writes a cProfile of the timed requests of the
first path.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from marketplace.accounts.models import User  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--user", default="")
    parser.add_argument("--profile", default="")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client(headers={"X-Forwarded-Proto": "https"}, secure=True)
    if args.user:
        client.force_login(User.objects.get(username=args.user))
    for index, path in enumerate(args.paths):
        for _ in range(10):
            assert client.get(path).status_code == 200, path
        profile = cProfile.Profile() if args.profile and index == 0 else None
        times = []
        for _ in range(args.requests):
            if profile is not None:
                profile.enable()
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            if profile is not None:
                profile.disable()
        if profile is not None:
            profile.dump_stats(args.profile)
        times.sort()
        print(
            f"{path}: median {statistics.median(times):.1f} ms, p90 {times[int(len(times) * 0.9)]:.1f} ms, "
            f"min {times[0]:.1f} ms ({args.requests} requests)"
        )


if __name__ == "__main__":
    main()
