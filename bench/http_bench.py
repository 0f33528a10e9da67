"""`make bench`: marketplace-sized data served as in production, each main page side by side with a trivial view.

1. Creates a throwaway PostgreSQL database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
   mk_bench; dropped and made again), migrates it and runs `seed_bench` (BENCH_JOBS, BENCH_APPLICATIONS).
2. Serves it with gunicorn as in production (`DEBUG=false`, BENCH_WORKERS sync workers, port BENCH_PORT).
3. For each page, wrk (Debian's `wrk`, BENCH_CONNECTIONS connections, BENCH_SECONDS seconds) drives the trivial
   view `/ping` then the page, alternately, so both share the same moment of the machine; prints requests/s, the
   page's share of the trivial view, p50, p99 and the page's query count (one request through Django's test
   client, counted).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mk_bench")
PORT = os.environ.get("BENCH_PORT", "8014")
SECONDS = os.environ.get("BENCH_SECONDS", "6")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
WORKERS = os.environ.get("BENCH_WORKERS", "2")
JOBS = os.environ.get("BENCH_JOBS", "10000")
APPLICATIONS = os.environ.get("BENCH_APPLICATIONS", "100000")
SKIP_SEED = os.environ.get("BENCH_SKIP_SEED") == "1"


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": URL, "CELERY_BROKER_URL": "", "LOG_LEVEL": "WARNING", **extra}


def manage(*args: str, **extra: str) -> str:
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env(**extra), check=True, capture_output=True, text=True
    ).stdout


def fresh_database() -> None:
    import psycopg2

    base, name = URL.rsplit("/", 1)
    admin = psycopg2.connect(base + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def wrk(path: str, cookie: str) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "-H", f"Cookie: {cookie}",
         "-H", "X-Forwarded-Proto: https", f"http://127.0.0.1:{PORT}{path}"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def main() -> None:
    (ROOT / "var").mkdir(exist_ok=True)
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk: apt-get install -y wrk")
    if not SKIP_SEED:
        fresh_database()
        manage("migrate", "--noinput", "-v0")
        started = time.monotonic()
        print(manage("seed_bench", "--jobs", JOBS, "--applications", APPLICATIONS).strip())
        print(f"(seed_bench took {time.monotonic() - started:.0f} s)")
    key = secrets.token_urlsafe(50)  # one key for the sessions made by pages_plan and for gunicorn
    manage("collectstatic", "--noinput", "-v0", DEBUG="false", SECRET_KEY=key)  # the hashed names DEBUG=false serves
    plan = subprocess.run(
        [PY, str(ROOT / "bench" / "pages_plan.py")],
        cwd=ROOT,
        env=env(SECRET_KEY=key),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = [line.split("\t") for line in plan.strip().splitlines()]  # label, path, cookie, queries
    server = subprocess.Popen(
        [ROOT / ".venv/bin/gunicorn", "marketplace.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", WORKERS, "--log-level",
         "warning"],
        cwd=ROOT,
        env=env(DEBUG="false", SECRET_KEY=key, ALLOWED_HOSTS="127.0.0.1"),
        stderr=open(ROOT / "var" / "bench-gunicorn.log", "w"),  # noqa: SIM115 - lives as long as the server
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/ping", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        print(f"\n{CONNECTIONS} connections, {SECONDS} s each, gunicorn {WORKERS} sync workers, DEBUG=false, wrk")
        print(f"{'page':<44} {'req/s':>8} {'ping/s':>8} {'share':>7} {'p50 ms':>8} {'p99 ms':>8} {'queries':>7}")
        for label, path, cookie, queries in pages:
            wrk(path, cookie)  # warm up
            trivial = wrk("/ping", cookie)
            page = wrk(path, cookie)
            share = page["rps"] / trivial["rps"] * 100
            note = f"  ({page['errors']} non-2xx)" if page["errors"] else ""
            print(
                f"{label:<44} {page['rps']:>8.1f} {trivial['rps']:>8.0f} {share:>6.1f}% {page['p50']:>8.1f} "
                f"{page['p99']:>8.1f} {queries:>7}{note}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
