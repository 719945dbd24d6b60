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


def test_debug_runs_without_a_secret_key():
    result = _manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


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
