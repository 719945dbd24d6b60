#!/usr/bin/env bash
# `make loadtest`: serve MotCua as in production (gunicorn with 3 sync workers, DEBUG off,
# PostgreSQL, Redis and a Celery worker) and run bench/locustfile.py against it, then print the
# p50/p95 of each page. Everything it writes is under var/loadtest/. Environment (defaults):
#   LOADTEST_DATABASE_URL  postgres://postgres@127.0.0.1:5432/motcua_loadtest (dropped and made
#                          again at every run; its name must end in _loadtest)
#   LOADTEST_REDIS_URL     redis://127.0.0.1:6379/14 (its Celery queues are purged first)
#   LOADTEST_PORT 8300  LOADTEST_USERS 50  LOADTEST_SPAWN_RATE 10  LOADTEST_TIME 60s
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
cd "$HERE"
PY=.venv/bin/python
OUT="$PWD/var/loadtest"
PORT="${LOADTEST_PORT:-8300}"
DATABASE="${LOADTEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/motcua_loadtest}"
rm -rf "$OUT" && mkdir -p "$OUT"

export DEBUG=0 LOG_LEVEL=WARNING
export SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DATABASE_URL="$DATABASE" REDIS_URL="${LOADTEST_REDIS_URL:-redis://127.0.0.1:6379/14}"
export ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL="http://127.0.0.1:$PORT"
export RATELIMIT_TRUSTED_PROXIES=1 CONN_MAX_AGE=60 CONN_HEALTH_CHECKS=1
export MEDIA_ROOT="$OUT/media" STATIC_ROOT="$OUT/static" SMS_FILE_PATH="$OUT/sms"
export EMAIL_URL="filemail://$OUT/mail"

echo "== database $DATABASE (new), catalog, static files, people"
$PY "$HERE/bench/fresh_database.py" "$DATABASE" _loadtest
$PY manage.py migrate --no-input -v 0
$PY manage.py load_catalog -v 0 >/dev/null
$PY manage.py collectstatic --no-input -v 0
$PY bench/loadtest_setup.py --out "$OUT/world.json"
.venv/bin/celery -A motcua purge -f -Q celery,notifications,notifications_sweep >/dev/null

echo "== serving on 127.0.0.1:$PORT"
.venv/bin/gunicorn motcua.wsgi:application --bind "127.0.0.1:$PORT" --workers 3 \
  --max-requests 1000 --max-requests-jitter 100 --access-logfile "$OUT/access.log" \
  --error-logfile "$OUT/gunicorn.log" &
WEB=$!
.venv/bin/celery -A motcua worker -Q celery,notifications,notifications_sweep --concurrency 2 -l WARNING \
  --logfile "$OUT/worker.log" &
WORKER=$!
trap 'kill "$WEB" "$WORKER" 2>/dev/null; wait "$WEB" "$WORKER" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  $PY deploy/probe.py http "http://127.0.0.1:$PORT/healthz/web/" --host 127.0.0.1 2>/dev/null && break
  sleep 1
done
$PY deploy/probe.py http "http://127.0.0.1:$PORT/healthz/web/" --host 127.0.0.1

echo "== locust: ${LOADTEST_USERS:-50} users for ${LOADTEST_TIME:-60s}"
status=0
LOADTEST_WORLD="$OUT/world.json" .venv/bin/locust -f bench/locustfile.py \
  --host "http://127.0.0.1:$PORT" --headless --only-summary -L WARNING \
  -u "${LOADTEST_USERS:-50}" -r "${LOADTEST_SPAWN_RATE:-10}" -t "${LOADTEST_TIME:-60s}" \
  --csv "$OUT/locust" >"$OUT/locust.log" 2>&1 || status=$?
$PY bench/loadtest_report.py "$OUT/locust_stats.csv"
exit "$status"
