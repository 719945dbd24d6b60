"""The settings module read from the environment, as a deployment would run it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(DJANGO_SETTINGS_MODULE="motcua.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_secret_key_is_required_when_debug_is_off():
    result = _manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_runs_without_a_secret_key(tmp_path):
    result = _manage("check", DEBUG="1", SECRET_KEY_FILE=str(tmp_path / "secret_key"))
    assert result.returncode == 0, result.stderr


def _debug_key(key_file: Path) -> str:
    result = _manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        DEBUG="1",
        SECRET_KEY_FILE=str(key_file),
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_debug_without_a_secret_key_makes_a_random_one_once_and_keeps_it(tmp_path):
    key_file = tmp_path / "var" / "secret_key"
    first = _debug_key(key_file)
    assert len(first) >= 50
    assert key_file.read_text().strip() == first
    assert key_file.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert _debug_key(key_file) == first  # the next start reuses it: sessions survive
    other = _debug_key(tmp_path / "elsewhere" / "secret_key")
    assert other != first  # random, not a constant anyone can read in the code


def test_the_default_key_file_is_ignored_by_git():
    result = subprocess.run(
        ["git", "check-ignore", "var/secret_key"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.stdout.strip() == "var/secret_key"


@pytest.mark.parametrize("database_url", ["sqlite:////tmp/motcua-deploy-check.sqlite3"])
def test_check_deploy_is_clean_with_production_like_settings(database_url):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k8$2vX!q9LmN#4pR7tY@wZ1cB6hJ0eF3uG5iO8aS&dD-fK_lPz7Vb2Nm9Qx",
        ALLOWED_HOSTS="motcua.example.vn",
        DATABASE_URL=database_url,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _connection_settings(database_url: str, tmp_path: Path, **env: str) -> tuple[str, str]:
    """CONN_MAX_AGE and CONN_HEALTH_CHECKS as a process started with this environment sees them."""
    result = _manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        DEBUG="1",
        SECRET_KEY_FILE=str(tmp_path / "secret_key"),
        DATABASE_URL=database_url,
        **env,
    )
    assert result.returncode == 0, result.stderr
    age, checks = result.stdout.split()
    return age, checks


@pytest.fixture
def no_connection_env(monkeypatch):
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    monkeypatch.delenv("CONN_HEALTH_CHECKS", raising=False)


POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/motcua_settings_check"  # never connected to


def test_postgresql_connections_are_persistent_and_checked_by_default(tmp_path, no_connection_env):
    assert _connection_settings(POSTGRES_URL, tmp_path) == ("60", "True")


def test_persistent_connections_can_be_turned_off(tmp_path, no_connection_env):
    assert _connection_settings(POSTGRES_URL, tmp_path, CONN_MAX_AGE="0") == ("0", "True")


def test_the_embedded_sqlite_default_opens_one_connection_per_request(tmp_path, no_connection_env):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert _connection_settings(url, tmp_path) == ("0", "False")
