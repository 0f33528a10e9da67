#!/usr/bin/env bash
# `make up` once: start it, wait for /healthz 200 with the broker, stop it with Ctrl-C (SIGINT to its process
# group, as a terminal does), and check that every process it started is gone.
# Environment: UP_DB (dropped and recreated), UP_BROKER_URL (a Redis database of its own), UP_WEB_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."

UP_DB=${UP_DB:-marketplace_up}
UP_BROKER_URL=${UP_BROKER_URL:-redis://127.0.0.1:6379/13}
PORT=${UP_WEB_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
LOG=$(mktemp /tmp/make-up.XXXXXX.log)

dropdb -h 127.0.0.1 -U postgres --if-exists "$UP_DB"
createdb -h 127.0.0.1 -U postgres "$UP_DB"
redis-cli -u "$UP_BROKER_URL" flushdb >/dev/null

DATABASE_URL="postgres://postgres@127.0.0.1:5432/$UP_DB" CELERY_BROKER_URL=$UP_BROKER_URL WEB_PORT=$PORT \
  setsid make up >"$LOG" 2>&1 &
MAKE_PID=$!
stop() { kill -INT -- "-$MAKE_PID" 2>/dev/null || true; }
trap 'stop; sleep 5; kill -KILL -- "-$MAKE_PID" 2>/dev/null || true' EXIT

healthy=""
for _ in $(seq 90); do
  if body=$(curl -fs "http://127.0.0.1:$PORT/healthz"); then healthy=$body; break; fi
  sleep 1
done
if [ -z "$healthy" ] || ! grep -q '"broker": {"ok": true' <<<"$healthy"; then
  echo "make up: /healthz did not answer 200 with the broker: ${healthy:-no answer}" >&2
  tail -n 60 "$LOG" >&2
  exit 1
fi
echo "make up: /healthz 200: $healthy"
for name in web worker beat; do
  grep -q "^[0-9:]* $name\.1 *|" "$LOG" || { echo "make up: no prefixed log lines from $name" >&2; cat "$LOG" >&2; exit 1; }
done

stop
for _ in $(seq 40); do
  pgrep -g "$MAKE_PID" >/dev/null || break
  sleep 0.5
done
if pgrep -g "$MAKE_PID" >/dev/null; then
  echo "make up: processes still running 20 s after Ctrl-C:" >&2
  pgrep -a -g "$MAKE_PID" >&2
  exit 1
fi
trap - EXIT
echo "make up: started, healthy, stopped cleanly (log lines prefixed web.1 / worker.1 / beat.1)"
grep -m 6 -E "^[0-9:]* (web|worker|beat)\.1 " "$LOG" || true  # (not `| head`: SIGPIPE under pipefail)
