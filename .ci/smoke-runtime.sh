#!/usr/bin/env bash
# Runtime-only smoke: a fresh virtual environment from requirements.txt alone (no test packages), then gunicorn,
# a Celery worker and beat from it against PostgreSQL, Redis and an SMTP sink; one proposal over HTTP must give
# exactly one email, and /healthz must answer 200 with the broker up. Fails on a dependency missing from the lock.
#
# Environment (defaults for CI): SMOKE_DB (database, dropped and recreated), SMOKE_BROKER_URL (a Redis database
# of its own, flushed), SMOKE_WEB_PORT / SMOKE_SMTP_PORT (free ports by default), SMOKE_DIR (scratch folder).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
SMOKE_DB=${SMOKE_DB:-marketplace_smoke}
SMOKE_BROKER_URL=${SMOKE_BROKER_URL:-redis://127.0.0.1:6379/14}
WEB_PORT=${SMOKE_WEB_PORT:-$(free_port)}
SMTP_PORT=${SMOKE_SMTP_PORT:-$(free_port)}
WORK=${SMOKE_DIR:-$(mktemp -d /tmp/marketplace-smoke.XXXXXX)}
mkdir -p "$WORK/mail" "$WORK/logs"
PIDS=()

cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    for log in "$WORK"/logs/*.log; do echo "--- $log (last 40 lines)"; tail -n 40 "$log"; done
    echo "RUNTIME SMOKE FAILED" >&2
  fi
  exit "$status"
}
trap cleanup EXIT

echo "== Runtime-only install from requirements.txt into $WORK/venv"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --require-hashes -r requirements.txt
"$WORK/venv/bin/python" -m pip check
RT=$WORK/venv/bin
if "$RT/python" -c "import pytest" 2>/dev/null; then echo "pytest leaked into the runtime install" >&2; exit 1; fi

dropdb -h 127.0.0.1 -U postgres --if-exists "$SMOKE_DB"
createdb -h 127.0.0.1 -U postgres "$SMOKE_DB"
redis-cli -u "$SMOKE_BROKER_URL" flushdb >/dev/null

export DEBUG=false
SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1 SITE_URL="https://127.0.0.1:$WEB_PORT"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$SMOKE_DB"
export CELERY_BROKER_URL=$SMOKE_BROKER_URL
export EMAIL_URL="smtp://127.0.0.1:$SMTP_PORT"
export PYTHONUNBUFFERED=1
unset REDIS_URL SENTRY_DSN

"$RT/python" manage.py migrate --noinput >"$WORK/logs/migrate.log"
"$RT/python" manage.py collectstatic --noinput >/dev/null
"$RT/python" manage.py check --deploy --fail-level WARNING
JOB_ID=$("$RT/python" manage.py shell <.ci/smoke_setup.py | sed -n 's/^JOB_ID=//p')

# The SMTP sink is test equipment, so it runs from the development install.
"$ROOT/.venv/bin/python" .ci/smtp_sink.py "$SMTP_PORT" "$WORK/mail" >"$WORK/logs/smtp.log" 2>&1 &
PIDS+=($!)
"$RT/gunicorn" marketplace.wsgi --bind "127.0.0.1:$WEB_PORT" --workers 2 >"$WORK/logs/gunicorn.log" 2>&1 &
PIDS+=($!)
"$RT/celery" -A marketplace worker --queues=email,housekeeping --concurrency=2 --loglevel=INFO \
  --hostname="smoke-$$@%h" >"$WORK/logs/worker.log" 2>&1 &
PIDS+=($!)
"$RT/celery" -A marketplace beat --loglevel=INFO --schedule="$WORK/beat-schedule" >"$WORK/logs/beat.log" 2>&1 &
PIDS+=($!)

for _ in $(seq 60); do
  grep -q " ready." "$WORK/logs/worker.log" && curl -fs "http://127.0.0.1:$WEB_PORT/healthz" -o /dev/null \
    -H "X-Forwarded-Proto: https" && break
  sleep 1
done
grep -q " ready." "$WORK/logs/worker.log" || { echo "The Celery worker did not start" >&2; exit 1; }

python3 .ci/smoke_drive.py "http://127.0.0.1:$WEB_PORT" "$JOB_ID" "$WORK/mail"

# Production logs: one JSON object per request and per task, the task carrying the request's id.
python3 - "$WORK/logs" <<'PY'
import json, sys
from pathlib import Path

def objects(name):
    return [json.loads(l) for l in (Path(sys.argv[1]) / name).read_text().splitlines() if l.startswith("{")]

[post] = [o for o in objects("gunicorn.log") if o.get("logger") == "marketplace.request" and o["method"] == "POST"
          and o["path"].endswith("/apply/")]
assert post["status"] == 302 and post["user_id"] and post["duration_ms"] > 0, post
[task] = [o for o in objects("worker.log") if o.get("task_name") == "messaging.deliver_notification_email"]
assert task["state"] == "SUCCESS" and task["retries"] == 0 and task["request_id"] == post["request_id"], task
print(f"JSON logs: request {post['request_id']} -> task {task['task_name']} {task['state']}")
PY
