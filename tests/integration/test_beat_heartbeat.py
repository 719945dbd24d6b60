"""Celery beat with the heartbeat scheduler (motcua.beat), as docker-compose runs it: a real
`celery beat` process on Redis touches its heartbeat file, which the beat healthcheck reads."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, wait_for

pytestmark = pytest.mark.integration

PROBE = ROOT / "deploy" / "probe.py"


def _probe_fresh(path: Path) -> int:
    command = [sys.executable, str(PROBE), "fresh", str(path), "--max-age", "180"]
    return subprocess.run(command, capture_output=True, timeout=30).returncode


def test_beat_touches_its_heartbeat_and_the_probe_sees_it(redis_url, key_prefix, tmp_path):
    heartbeat = tmp_path / "beat-heartbeat"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.integration.worker_settings",
        MOTCUA_TEST_DATABASE=str(tmp_path / "unused.sqlite3"),  # beat reads no table
        MOTCUA_TEST_BROKER_URL=redis_url,
        MOTCUA_TEST_KEY_PREFIX=key_prefix,
        MOTCUA_TEST_SMS_DIR=str(tmp_path),
        MOTCUA_TEST_EMAIL_DIR=str(tmp_path),
        BEAT_HEARTBEAT_FILE=str(heartbeat),
    )
    assert _probe_fresh(heartbeat) == 1  # no beat yet
    log = tmp_path / "beat.log"
    with log.open("wb") as output:
        beat = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "motcua", "beat", "-l", "INFO",
                "--scheduler", "motcua.beat:HeartbeatScheduler",
                "--schedule", str(tmp_path / "celerybeat-schedule"),
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            wait_for(heartbeat.exists, 60, f"beat's heartbeat:\n{log.read_text()[-2000:]}")
            assert _probe_fresh(heartbeat) == 0
        finally:
            os.killpg(beat.pid, signal.SIGTERM)
            beat.wait(15)
