"""Real Redis and real Celery workers, started by the tests as separate processes.

- Redis: REDIS_URL, or redis://127.0.0.1:6379/15. Unreachable: the tests skip, except in CI
  (CI=true), where they fail. Every key this session writes carries a prefix unique to the
  session (kombu's `global_keyprefix`), and only those keys are deleted at the end: the
  database can be shared with anything else, including another test run.
- Workers: `python -m celery -A motcua worker -Q celery,notifications,notifications_sweep` in a
  new process group (so a SIGKILL reaches the pool's children too), with
  tests/integration/worker_settings.py.
  They open the test database by name: `test_motcua` on PostgreSQL, and on SQLite the file
  that tests/conftest.py puts the test database in when integration tests run.
- This process queues through the same Redis (the unit tests' unreachable broker is swapped
  for it while these tests run).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REDIS = "redis://127.0.0.1:6379/15"


def _redis_url() -> str:
    return os.environ.get("REDIS_URL") or DEFAULT_REDIS


@pytest.fixture(scope="session")
def redis_url() -> str:
    import redis

    url = _redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as error:
        message = f"integration tests need Redis at {url} ({error}); start redis-server"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {message}")
        pytest.skip(message)
    return url


@pytest.fixture(scope="session")
def key_prefix(redis_url: str) -> Iterator[str]:
    import redis

    prefix = f"motcua-test-{uuid.uuid4().hex[:12]}:"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(match=f"{prefix}*", count=1000):
        client.delete(key)


def use_broker(url: str, options: dict[str, object]) -> None:
    """Point this process's Celery at `url` and drop pooled connections to the old broker."""
    from motcua.celery import app

    app.conf.broker_url = url
    app.conf.broker_transport_options = options
    app.conf.task_always_eager = False
    # kombu keeps one pool per broker URL and options, process-wide: forget ours, close none.
    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@pytest.fixture(scope="session")
def broker(redis_url: str, key_prefix: str) -> Iterator[Callable[[str | None], None]]:
    """The real broker for this process; call `broker(url)` to swap it, `broker(None)` back."""
    from motcua.celery import app

    saved = (
        app.conf.broker_url,
        app.conf.broker_transport_options,
        app.conf.task_always_eager,
    )
    options = {"global_keyprefix": key_prefix, "visibility_timeout": 3600}

    def switch(url: str | None) -> None:
        use_broker(url or redis_url, options)

    switch(None)
    yield switch
    use_broker(saved[0], saved[1])
    app.conf.task_always_eager = saved[2]


class Worker:
    """One `celery worker` process group, its log in `log`."""

    def __init__(self, name: str, env: dict[str, str], log: Path, concurrency: int) -> None:
        self.name = name
        self.log = log
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "motcua",
            "worker",
            "-Q",
            "celery,notifications,notifications_sweep",
            "-P",
            "prefork",
            "-c",
            str(concurrency),
            "-n",
            f"{name}@%h",
            "-l",
            "INFO",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ]
        self.output = open(log, "ab")  # noqa: SIM115 (closed in stop/kill)
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=self.output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker {self.name} exited:\n{self.tail()}")
            if b" ready." in self.log.read_bytes():
                return
            time.sleep(0.1)
        raise RuntimeError(f"worker {self.name} not ready after {timeout}s:\n{self.tail()}")

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def kill(self) -> None:
        """SIGKILL to the whole group: the main process and every pool child, mid-task."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self.output.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        self.output.close()


@pytest.fixture(scope="session")
def start_worker(
    redis_url: str, key_prefix: str, django_db_setup: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., Worker]]:
    """start_worker(name, sms_dir, email_dir, sms_backend=None, concurrency=2) -> a ready Worker."""
    from django.db import connection

    started: list[Worker] = []
    logs = tmp_path_factory.mktemp("worker-logs")

    def start(
        name: str,
        *,
        sms_dir: Path,
        email_dir: Path,
        sms_backend: str | None = None,
        concurrency: int = 2,
    ) -> Worker:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("CELERY_", "PYTEST_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="tests.integration.worker_settings",
            MOTCUA_TEST_DATABASE=str(connection.settings_dict["NAME"]),
            MOTCUA_TEST_BROKER_URL=redis_url,
            MOTCUA_TEST_KEY_PREFIX=key_prefix,
            MOTCUA_TEST_SMS_DIR=str(sms_dir),
            MOTCUA_TEST_EMAIL_DIR=str(email_dir),
            PYTHONUNBUFFERED="1",
        )
        if sms_backend:
            env["MOTCUA_TEST_SMS_BACKEND"] = sms_backend
        worker = Worker(name, env, logs / f"{name}.log", concurrency)
        started.append(worker)
        worker.wait_ready()
        return worker

    yield start
    for worker in started:
        worker.stop()


def sms_lines(folder: Path) -> list[dict[str, str]]:
    """Every message the file SMS backend wrote in `folder`, one per line."""
    return [
        json.loads(line)
        for path in sorted(folder.glob("*.jsonl"))
        for line in path.read_text().splitlines()
        if line.strip()
    ]


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> float:
    """Poll every 20 ms; the seconds it took, or a failure naming `what`."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            pytest.fail(f"{what}: not within {timeout}s")
        time.sleep(0.02)
    return time.monotonic() - started
