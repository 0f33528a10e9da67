"""No server error on any input: malformed values posted to every form and sent in every query string (hypothesis).

Every URL of the site is driven by a person of a random kind (anonymous, either party, an unrelated freelancer,
a two-role user, a moderator) with values drawn from what breaks code: empty, huge, NUL bytes, unicode digits,
negative numbers, `NaN`, `1e309`, other people's ids and redirect targets off the site. The field names are the
ones the project's forms declare and the views read from `request.GET`/`request.POST`, so a new form or query
parameter is fuzzed without a change here. Path segments get the same treatment. The check is only "no 5xx";
who may see what is `test_access_matrix.py`'s business.

`FUZZ_EXAMPLES` (default 8 per URL) sizes the run: `FUZZ_EXAMPLES=180 pytest tests/test_fuzz.py` sends about
16,000 requests. The run is derandomized in CI so a red build is reproducible. It runs on the suite's database, and
once more on SQLite, the embedded default (`test_fuzz_on_sqlite`).
"""

from __future__ import annotations

import importlib
import inspect
import itertools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django import forms
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_access_matrix import ROLES, SITE, _kwargs, _site_routes, _world
from tests.test_form_errors import FORM_MODULES

ROOT = Path(__file__).resolve().parent.parent
APPS = ["agencies", "contracts", "jobs", "messaging", "payments", "proposals", "marketplace"]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))

pytestmark = pytest.mark.django_db


def _field_names() -> list[str]:
    """Every field the project's forms declare, and every parameter a view reads by name."""
    names: set[str] = set()
    for module in FORM_MODULES:
        for _, cls in inspect.getmembers(importlib.import_module(module), inspect.isclass):
            if issubclass(cls, forms.BaseForm):
                names.update(getattr(cls, "base_fields", {}))
    read = re.compile(r"request\.(?:GET|POST)(?:\.get|\.getlist)?[(\[]\"(\w+)\"")
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            names.update(read.findall(path.read_text()))
    return sorted(names)


FIELDS = _field_names()
BAD = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "²",
    "١٢٣",
    "-1",
    "0",
    "-0.01",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "1e309",
    "9" * 40,
    "1.5",
    "0x1F",
    "2026-02-30",
    "99999-01-01",
    "x" * 5_000,
    "pay me via paypal " * 300,
    "<script>alert(1)</script>",
    "'; DROP TABLE jobs_jobpost; --",
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
    "next",
    "%00",
    "\ud7ff\ue000",
    "on",
    "yes",
]


def _values(ids: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(BAD + ids), st.text(max_size=30))


def _data(ids: list[str]) -> st.SearchStrategy[dict[str, str | list[str]]]:
    value = _values(ids)
    return st.dictionaries(st.sampled_from(FIELDS), st.one_of(value, st.lists(value, max_size=3)), max_size=8)


def _fuzz(world, name: str, route: str) -> None:
    url = reverse(name, kwargs=_kwargs(name, route, world.ids))
    ids = sorted({str(v) for v in world.ids.values() if isinstance(v, int)})
    methods = sorted(SITE[name])

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=bool(os.environ.get("CI")),
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(role=st.sampled_from(ROLES), method=st.sampled_from(methods), data=_data(ids))
    def run(role: str, method: str, data: dict[str, str | list[str]]) -> None:
        cache.clear()  # rate limits would answer 429 before the view reads anything
        http = Client()
        person = world.people[role]
        if person is not None:
            http.force_login(person)
        response = http.get(url, data) if method == "GET" else http.post(url, data)
        assert response.status_code < 500 or (name == "healthz" and response.status_code == 503), (
            f"{method} {url} as {role} with {data!r}: {response.status_code}"
        )

    run()


def test_no_input_gives_a_server_error():
    """Every URL in turn, on one set of people and objects (what one URL's actions change, the next one meets)."""
    world = _world()
    for name, route in sorted(_site_routes().items()):
        _fuzz(world, name, route)


SEGMENTS = ["%00", "a%00b", "%C2%B2", "x" * 300, "%F0%9F%92%A9", "..", "%2E%2E", "-1", "0", "1e309"]


def test_no_path_segment_gives_a_server_error():
    """Every <str>/<slug> parameter of every URL replaced by a malformed segment (ints only match digits)."""
    world = _world()
    for segment, (name, route) in itertools.product(SEGMENTS, sorted(_site_routes().items())):
        if not re.search(r"<(?:str|slug|path):\w+>", route):
            continue
        path = reverse(name, kwargs=_kwargs(name, route, world.ids))
        kwargs = _kwargs(name, route, world.ids)
        for param in re.findall(r"<(?:str|slug|path):(\w+)>", route):
            path = path.replace(f"/{kwargs[param]}/", f"/{segment}/", 1)
        for role in "AFC":
            http = Client()
            if world.people[role] is not None:
                http.force_login(world.people[role])
            for method in sorted(SITE[name]):
                response = http.get(path) if method == "GET" else http.post(path, {})
                assert response.status_code < 500, f"{method} {path} as {role}: {response.status_code}"


def test_fuzz_on_sqlite(tmp_path):
    """The same fuzz on the embedded default, SQLite, in a fresh interpreter (CI's suite runs on PostgreSQL)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fuzz.sqlite3'}"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-x",
            "--no-cov",
            "-k",
            "not on_sqlite",
            __file__,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
