"""docker-compose.yml, read as Docker would (no Docker here): Caddy is the only way in, every
long-running service has an honest healthcheck, the app's folders are volumes its user owns,
and the environment it gives the app passes Django's deployment checks.

`caddy validate --config deploy/Caddyfile` was run by hand (Caddy 2.11); README "Production".
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ["init", "web", "worker", "beat"]
LONG_RUNNING = [name for name in SERVICES if name != "init"]
DOTENV = {
    "DOMAIN": "motcua.example.vn",
    "SECRET_KEY": "k8$2vX!q9LmN#4pR7tY@wZ1cB6hJ0eF3uG5iO8aS&dD-fK_lPz7Vb2Nm9Qx",
    "POSTGRES_PASSWORD": "mat-khau-csdl",
}
_VARIABLE = re.compile(r"\$\{(\w+)(?:(:?[-?])([^}]*))?\}")


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error}; `$$` is a literal `$`."""

    def one(match: re.Match[str]) -> str:
        name, operator, argument = match.groups()
        if env.get(name):
            return env[name]
        if operator and operator.endswith("?"):
            raise KeyError(f"{name}: {argument}")
        return argument or ""

    return _VARIABLE.sub(one, value.replace("$$", "\0")).replace("\0", "$")


def app_env() -> dict[str, str]:
    return {key: interpolate(str(value), DOTENV) for key, value in COMPOSE["x-app-env"].items()}


def mounts(service: str) -> dict[str, str]:
    """Container path -> volume name (or host path) of a service."""
    pairs = (entry.split(":")[:2] for entry in SERVICES[service].get("volumes", []))
    return {target: source for source, target in pairs}


def test_caddy_is_the_only_published_port():
    published = {name for name, service in SERVICES.items() if service.get("ports")}
    assert published == {"caddy"}
    assert {"80:80", "443:443"} <= set(SERVICES["caddy"]["ports"])
    assert SERVICES["web"]["expose"] == ["8000"]
    assert SERVICES["caddy"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_every_long_running_service_has_a_healthcheck():
    for name in LONG_RUNNING:
        check = SERVICES[name].get("healthcheck", {})
        assert check.get("test"), name
    # init runs once; the app waits for it to finish well.
    assert SERVICES["init"]["restart"] == "no"
    for name in ["web", "worker", "beat"]:
        assert SERVICES[name]["depends_on"]["init"]["condition"] == (
            "service_completed_successfully"
        )


def _check(service: str) -> str:
    return " ".join(SERVICES[service]["healthcheck"]["test"])


def test_the_healthchecks_probe_what_each_service_does():
    assert "deploy/probe.py http http://127.0.0.1:8000/healthz/web/" in _check("web")
    assert "celery -A motcua inspect ping" in _check("worker")
    assert "-d celery@$$HOSTNAME" in _check("worker")  # its own node, not any worker
    heartbeat = app_env()["BEAT_HEARTBEAT_FILE"]
    assert f"deploy/probe.py fresh {heartbeat} --max-age" in _check("beat")
    assert "motcua.beat:HeartbeatScheduler" in SERVICES["beat"]["command"]
    assert (ROOT / "deploy" / "probe.py").exists()


def test_the_app_trusts_one_proxy_and_keeps_its_connections():
    env = app_env()
    assert env["RATELIMIT_TRUSTED_PROXIES"] == "1"
    assert env["DEBUG"] == "0"
    assert int(env["CONN_MAX_AGE"]) > 0 and env["CONN_HEALTH_CHECKS"] == "1"
    assert env["ALLOWED_HOSTS"].split(",") == ["motcua.example.vn", "localhost"]
    assert env["SITE_URL"] == env["CSRF_TRUSTED_ORIGINS"] == "https://motcua.example.vn"
    with pytest.raises(KeyError, match="SECRET_KEY"):
        interpolate(COMPOSE["x-app-env"]["SECRET_KEY"], {})


def test_the_apps_folders_are_volumes_its_user_owns():
    env = app_env()
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "USER motcua" in dockerfile
    assert "chown -R motcua:motcua /data /app/staticfiles" in dockerfile
    assert "mkdir -p /data/media /data/var/sms" in dockerfile
    for name in APP_SERVICES:
        volumes = mounts(name)
        assert volumes[env["MEDIA_ROOT"]] == "media", name
        assert volumes[str(Path(env["SMS_FILE_PATH"]).parent)] == "appvar", name
    declared = set(COMPOSE["volumes"])
    for name, service in SERVICES.items():
        named = {source for source in mounts(name).values() if not source.startswith(".")}
        assert named <= declared, (name, service)


def test_caddy_serves_the_static_files_init_collects_and_proxies_the_rest_to_web():
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert mounts("init")["/app/staticfiles"] == mounts("caddy")["/srv/static"] == "static"
    assert "collectstatic --no-input" in " ".join(SERVICES["init"]["command"])
    assert "root * {$STATIC_ROOT:/srv/static}" in caddyfile
    assert "reverse_proxy {$UPSTREAM:web:8000}" in caddyfile
    assert re.search(r"request_buffers \d+MB", caddyfile)  # slow uploads never hold a worker
    assert re.search(r"max_size \d+MB", caddyfile)
    source = next(s for t, s in mounts("caddy").items() if t == "/etc/caddy/Caddyfile")
    assert (ROOT / source).resolve() == (ROOT / "deploy" / "Caddyfile").resolve()


def test_the_compose_environment_passes_the_deployment_checks():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(app_env(), DJANGO_SETTINGS_MODULE="motcua.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
