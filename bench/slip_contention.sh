#!/usr/bin/env bash
# Issue 12, item 4, measured: serve a tree of MotCua as in the embedded default behind gunicorn
# (3 sync workers, DEBUG off, PostgreSQL, no Redis) and run bench/slip_contention.py on it.
#   bash bench/slip_contention.sh [TREE] [PORT] [DATABASE_URL]
# TREE defaults to this checkout; give another one (e.g. `git archive <commit> | tar -x -C
# /tmp/before`, with bench/slip_contention.py and bench/loadtest_setup.py copied
# in) to measure it before a change. The database (its name must end in _slips) is made anew.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
TREE="$(cd "${1:-$HERE}" && pwd)"
PORT="${2:-8302}"
DATABASE="${3:-postgres://postgres@127.0.0.1:5432/motcua_slips}"
PY="$HERE/.venv/bin/python"
OUT="$TREE/var/slips"
cd "$TREE"
rm -rf "$OUT" && mkdir -p "$OUT"
export DEBUG=0 LOG_LEVEL=WARNING DATABASE_URL="$DATABASE" ALLOWED_HOSTS=127.0.0.1,localhost
export SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')"
export MEDIA_ROOT="$OUT/media" STATIC_ROOT="$OUT/static" SMS_FILE_PATH="$OUT/sms"
export EMAIL_URL="filemail://$OUT/mail" SITE_URL="http://127.0.0.1:$PORT"
unset REDIS_URL
$PY "$HERE/bench/fresh_database.py" "$DATABASE" _slips
$PY manage.py migrate --no-input -v 0
$PY manage.py load_catalog -v 0 >/dev/null
$PY manage.py collectstatic --no-input -v 0
$PY bench/loadtest_setup.py --out "$OUT/world.json" --citizens 5 --officers 1 --submitted 3 >/dev/null
"$HERE/.venv/bin/gunicorn" motcua.wsgi:application --bind "127.0.0.1:$PORT" --workers 3 \
  --error-logfile "$OUT/gunicorn.log" &
WEB=$!
trap 'kill "$WEB" 2>/dev/null; wait "$WEB" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -sf -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT/thu-tuc/" && break
  sleep 1
done
$PY bench/slip_contention.py --url "http://127.0.0.1:$PORT" --samples "${SAMPLES:-40}"
