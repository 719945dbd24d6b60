"""Issue 17: the outbox at volume, drained by one real Celery worker, by the command, by the sweep.

    DATABASE_URL=postgres://.../motcua_notify_bench REDIS_URL=redis://127.0.0.1:6379/13 \
        python bench/notifications.py [--rows 10000] [--sweep-rows 10000] [--runs 3]

In a migrated PostgreSQL database of its own (`make bench-notifications` makes it) and a Redis
database of its own (its queues are purged), each run of each scenario writes its rows fresh,
as `notifications.outbox.enqueue` writes them (one SMS and one email per event, the rendered
`dossier_accepted` text), then:

- worker: the rows are queued as commits queue them (one task per event: its SMS and its
  email), then one worker (`-c 2`, prefork, the file SMS backend, `EMAIL_URL=filemail://`)
  starts and drains the backlog;
- command: no broker; `manage.py send_pending_notifications` sends every row due;
- sweep: no task queued; the worker starts, beat's sweep (`requeue_pending`) is queued once.

Rate = rows / (last sent_at - first sent_at); "wall" also counts the worker's start. Lost =
rows not sent when the run ended; duplicate SMS = lines of the file backend beyond one per
key; duplicate email = files with a Message-ID seen before. Prints one JSON line per run and
the medians.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from bench import configure_django

configure_django()  # before the project's modules below are imported (E402 allowed here)

from django.db.models import Max, Min  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from notifications import tasks  # noqa: E402
from notifications.channels import get_channel  # noqa: E402
from notifications.models import Channel, Notification, Status  # noqa: E402
from notifications.rendering import render_message  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUEUES = "celery,notifications,notifications_sweep"
PEOPLE = 200


def people() -> list[User]:
    """PEOPLE citizens with a phone and an email (made once per database)."""
    existing = list(User.objects.filter(phone__startswith="0899").order_by("pk"))
    if len(existing) >= PEOPLE:
        return existing[:PEOPLE]
    User.objects.bulk_create(
        [
            User(
                phone=f"0899{n:06d}",
                citizen_id=f"0019{n:08d}",
                full_name="Nguyễn Văn An",
                email=f"an{n}@example.vn",
                notify_email=True,
                password="!",
            )
            for n in range(len(existing), PEOPLE)
        ]
    )
    return people()


def write_rows(events: int, *, due_ago: float) -> list[tuple[int, int]]:
    """`events` (SMS, email) pairs of pending rows, due `due_ago` seconds ago."""
    Notification.objects.all().delete()
    context = {
        "code": "000.00.12.H33-261130-0001",
        "procedure": "Đăng ký khai sinh",
        "agency": "UBND phường Thạnh Xuân",
        "due_at": timezone.now(),
        "dossier_url": "https://motcua.example.vn/ho-so/1/",
    }
    rendered = render_message("dossier_accepted", context, "vi")
    due = timezone.now() - datetime.timedelta(seconds=due_ago)
    recipients = people()
    rows = []
    for number in range(events):
        person = recipients[number % len(recipients)]
        for name in (Channel.SMS, Channel.EMAIL):
            channel = get_channel(name)
            rows.append(
                Notification(
                    source=f"bench:{number}",
                    recipient=person,
                    channel=name,
                    template="dossier_accepted",
                    reference=context["code"],
                    address=channel.address_for(person),
                    created_at=due,
                    next_attempt_at=due,
                    **channel.compose(rendered, reference=context["code"]),
                )
            )
    Notification.objects.bulk_create(rows, batch_size=1000)
    pairs = Notification.objects.order_by("source", "channel").values_list("pk", flat=True)
    ids = list(pairs)
    return [(ids[i + 1], ids[i]) for i in range(0, len(ids), 2)]  # ("email" < "sms")


def purge() -> None:
    subprocess.run(
        [sys.executable, "-m", "celery", "-A", "motcua", "purge", "-f", "-Q", QUEUES],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def sinks_env(folder: Path, *, broker: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SMS_BACKEND="notifications.sms.FileBackend",
        SMS_FILE_PATH=str(folder / "sms"),
        EMAIL_URL=f"filemail://{folder / 'email'}",
        LOG_LEVEL="WARNING",
    )
    env.pop("CONN_MAX_AGE", None)
    if not broker:
        env.update(REDIS_URL="", CELERY_BROKER_URL="")
    return env


def start_worker(folder: Path, concurrency: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "celery", "-A", "motcua", "worker", "-Q", QUEUES,
        "-P", "prefork", "-c", str(concurrency), "-l", "WARNING",
        "--without-heartbeat", "--without-mingle", "--without-gossip",
    ]  # fmt: skip
    log = open(folder / "worker.log", "wb")  # noqa: SIM115 (the process owns it)
    return subprocess.Popen(
        command, cwd=ROOT, env=sinks_env(folder, broker=True), stdout=log,
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)


def wait_sent(total: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Notification.objects.filter(status=Status.SENT).count() >= total:
            return
        time.sleep(0.5)


def outcome(folder: Path, total: int, started: float) -> dict[str, float]:
    wall = time.monotonic() - started
    span = Notification.objects.filter(status=Status.SENT).aggregate(
        first=Min("sent_at"), last=Max("sent_at")
    )
    sent = Notification.objects.filter(status=Status.SENT).count()
    seconds = (span["last"] - span["first"]).total_seconds() if sent > 1 else float("nan")
    keys = Counter(
        json.loads(line)["key"]
        for path in (folder / "sms").glob("*.jsonl")
        for line in path.read_text().splitlines()
    )
    ids = Counter(
        message_from_bytes(path.read_bytes(), policy=policy.default)["Message-ID"]
        for path in (folder / "email").glob("*.log")
    )
    return {
        "rows": total,
        "rows_per_s": round(sent / seconds, 1) if sent > 1 else 0.0,
        "drain_s": round(seconds, 2),
        "wall_s": round(wall, 2),
        "lost": total - sent,
        "duplicate_sms": sum(keys.values()) - len(keys),
        "duplicate_email": sum(ids.values()) - len(ids),
        "failed": Notification.objects.filter(status=Status.FAILED).count(),
    }


def run_worker(folder: Path, events: int, concurrency: int, timeout: float) -> dict[str, float]:
    """The backlog of commits: one task per event, queued before the worker starts."""
    purge()
    pairs = write_rows(events, due_ago=0)
    for pair in pairs:
        tasks.queue(pair)
    started = time.monotonic()
    worker = start_worker(folder, concurrency)
    try:
        wait_sent(2 * events, timeout)
    finally:
        stop(worker)
    return outcome(folder, 2 * events, started)


def run_command(folder: Path, events: int, timeout: float) -> dict[str, float]:
    """No broker: the cron command sends every row due, in this machine's one process."""
    write_rows(events, due_ago=120)
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "manage.py", "send_pending_notifications", "--seconds", str(timeout)],
        cwd=ROOT,
        env=sinks_env(folder, broker=False),
        check=True,
        capture_output=True,
        timeout=timeout + 60,
    )
    return outcome(folder, 2 * events, started)


def run_sweep(folder: Path, events: int, concurrency: int, timeout: float) -> dict[str, float]:
    """No task queued: the rows wait for beat's sweep, queued once the worker is up."""
    purge()
    write_rows(events, due_ago=120)
    worker = start_worker(folder, concurrency)
    try:
        tasks.requeue_pending.delay()  # what beat sends every minute
        started = time.monotonic()
        wait_sent(2 * events, timeout)
    finally:
        stop(worker)
    return outcome(folder, 2 * events, started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10000, help="SMS rows, and as many emails")
    parser.add_argument("--sweep-rows", type=int, default=10000, help="rows for the sweep alone")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--only", choices=["worker", "command", "sweep"], action="append")
    options = parser.parse_args()
    scenarios = {
        "worker": lambda f: run_worker(f, options.rows, options.concurrency, options.timeout),
        "command": lambda f: run_command(f, options.rows, options.timeout),
        "sweep": lambda f: run_sweep(
            f, options.sweep_rows // 2, options.concurrency, options.timeout
        ),
    }
    print(json.dumps({"load_average": os.getloadavg()}), flush=True)
    for name in options.only or list(scenarios):
        results = []
        for number in range(options.runs):
            with tempfile.TemporaryDirectory(prefix="motcua-bench-notify-") as folder:
                result = scenarios[name](Path(folder))
            results.append(result)
            line = {"scenario": name, "run": number + 1, **result, "load": os.getloadavg()[0]}
            print(json.dumps(line), flush=True)
        medians = {key: statistics.median(r[key] for r in results) for key in results[0]}
        print(json.dumps({"scenario": name, "median": medians}), flush=True)
    print(json.dumps({"load_average": os.getloadavg()}), flush=True)
    Notification.objects.all().delete()


if __name__ == "__main__":
    main()
