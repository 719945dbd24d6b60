"""/healthz/ (django-health-check) and the probes docker-compose runs (deploy/probe.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "deploy" / "probe.py"
REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # a closed port
    }
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _probe(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROBE), *args], capture_output=True, text=True, timeout=30
    )


@pytest.mark.django_db
def test_healthz_checks_the_database_the_cache_and_the_storage(client, media):
    response = client.get("/healthz/", {"format": "json"})
    assert response.status_code == 200
    assert response.json() == {
        "Database(alias='default')": "OK",
        "Cache(alias='default')": "OK",
        "Storage(alias='default')": "OK",
    }
    assert response["Cache-Control"].startswith("max-age=0")
    assert not [path for path in media.rglob("*") if path.is_file()]  # its test file is gone


@pytest.mark.django_db
def test_with_redis_down_healthz_says_so_but_the_web_check_stays_green(client, settings, media):
    """Pages do not depend on the cache: docker keeps web healthy, an operator sees Redis."""
    settings.CACHES = REDIS_DOWN
    full = client.get("/healthz/", {"format": "json"})
    assert full.status_code == 500
    assert full.json()["Cache(alias='default')"] != "OK"
    assert full.json()["Database(alias='default')"] == "OK"
    web = client.get("/healthz/web/", {"format": "json"})
    assert web.status_code == 200
    assert "Cache(alias='default')" not in web.json()


@pytest.mark.django_db
def test_a_storage_the_app_cannot_write_fails_the_web_check(client, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocked
    response = client.get("/healthz/web/", {"format": "json"})
    assert response.status_code == 500
    assert response.json()["Storage(alias='default')"] != "OK"


@pytest.mark.django_db
def test_docker_probes_healthz_over_plain_http_behind_the_https_redirect(client, settings, media):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/healthz/web/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_web_probe_passes_on_a_healthy_server_and_fails_otherwise(live_server, media):
    assert _probe("http", f"{live_server.url}/healthz/web/", "--host", "localhost").returncode == 0
    missing = _probe("http", f"{live_server.url}/healthz/nothing/", "--host", "localhost")
    assert missing.returncode == 1
    assert "HTTP 404" in missing.stderr
    closed = _probe("http", "http://127.0.0.1:1/healthz/web/", "--timeout", "2")
    assert closed.returncode == 1


def test_the_heartbeat_probe_wants_a_recent_file(tmp_path):
    heartbeat = tmp_path / "beat-heartbeat"
    assert _probe("fresh", str(heartbeat), "--max-age", "180").returncode == 1  # never beat
    heartbeat.touch()
    assert _probe("fresh", str(heartbeat), "--max-age", "180").returncode == 0
    old = time.time() - 600
    os.utime(heartbeat, (old, old))
    stale = _probe("fresh", str(heartbeat), "--max-age", "180")
    assert stale.returncode == 1
    assert "last touched 600s ago" in stale.stderr
