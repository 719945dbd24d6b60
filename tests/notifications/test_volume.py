"""The outbox at volume (issue 17): the sweep runs whatever the backlog, one at a time, and
drains everything due; sends go in batches, each row still locked and marked on its own."""

import threading
from pathlib import Path

import pytest
import yaml

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from motcua.celery import app
from notifications import lease, tasks
from notifications.errors import TransportError
from notifications.models import Notification, Status
from notifications.tasks import send_notifications

from .helpers import fresh, write
from .test_sending import flaky  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def pending_rows(recipient, count: int) -> list[int]:
    """`count` pending SMS rows, as enqueue writes them, due a while ago."""
    (model,) = write(recipient)
    model.pk = None
    rows = []
    for number in range(count - 1):
        row = Notification(**{f.attname: getattr(model, f.attname) for f in model._meta.fields})
        row.source = f"volume:{number}"
        rows.append(row)
    Notification.objects.bulk_create(rows, batch_size=500)
    return list(
        Notification.objects.filter(status=Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --- Defect 1: the sweep never waits behind a backlog, and two never overlap ----------------


def test_the_sweep_has_a_queue_of_its_own_that_every_worker_consumes():
    app.loader.import_default_modules()
    router = app.amqp.router
    sweep_queue = router.route({}, "notifications.tasks.requeue_pending")["queue"].name
    send_queue = router.route({}, "notifications.tasks.send_notifications")["queue"].name
    assert sweep_queue != send_queue
    assert router.route({}, "notifications.tasks.send_notification")["queue"].name == send_queue
    # Nothing makes a sweep expire: it only waits for a free worker process.
    assert "expires" not in settings.CELERY_BEAT_SCHEDULE["notifications-requeue-pending"].get(
        "options", {}
    )
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    command = compose["services"]["worker"]["command"]
    consumed = set(command[command.index("-Q") + 1].split(","))
    assert {"celery", send_queue, sweep_queue} <= consumed


@pytest.fixture
def another_sweep():
    """A sweep running in another thread (its own database connection) until the test ends."""
    taken, done = threading.Event(), threading.Event()

    def hold():
        try:
            with lease.held(tasks.SWEEP_LEASE) as mine:
                assert mine
                taken.set()
                done.wait(30)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert taken.wait(10)
    yield
    done.set()
    thread.join(10)


def test_a_sweep_while_another_one_runs_does_nothing(citizen, queued, another_sweep, caplog):
    (row,) = write(citizen)
    assert tasks.sweep(older_than=0) == 0
    assert queued == []
    assert fresh(row).next_attempt_at == row.next_attempt_at
    assert "notification.sweep_skipped" in caplog.text


def test_the_lease_is_free_again_after_a_sweep(citizen, queued):
    (row,) = write(citizen)
    assert tasks.sweep(older_than=0) == 1
    with lease.held(tasks.SWEEP_LEASE) as mine:
        assert mine
    assert queued == [row.pk]


# --- Defect 2: the sweep drains every row due, in batches, until done or out of time --------


def test_the_sweep_queues_every_row_due_not_only_500(citizen, queued):
    ids = pending_rows(citizen, 1203)
    assert tasks.sweep(older_than=0) == 1203
    assert sorted(queued) == ids


def test_the_sweep_stops_taking_batches_when_its_time_is_up(citizen, queued):
    ids = pending_rows(citizen, 1203)
    assert tasks.sweep(older_than=0, seconds=0) == tasks.SWEEP_BATCH
    assert queued == ids[: tasks.SWEEP_BATCH]


def test_the_command_without_a_broker_sends_every_pending_row(citizen, eager, sms_outbox):
    ids = pending_rows(citizen, 612)
    call_command("send_pending_notifications", "--older-than", "0", verbosity=0)
    assert sorted(int(sms["key"].removeprefix("motcua-")) for sms in sms_outbox) == ids
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.SENT}


# --- Defect 5: batches of up to 50 rows per task, each row on its own --------------------------


def test_rows_are_queued_in_batches_of_50(monkeypatch):
    batches = []
    monkeypatch.setattr(send_notifications, "delay", batches.append)
    assert tasks.queue(range(1, 121)) == 120
    assert [len(batch) for batch in batches] == [50, 50, 20]
    assert [pk for batch in batches for pk in batch] == list(range(1, 121))


def in_worker(task, *args):
    task.push_request(id="task-1", is_eager=False, called_directly=False)
    try:
        return task.run(*args)
    finally:
        task.pop_request()


def test_a_batch_marks_each_row_and_retries_only_the_failed_one(citizen, flaky, monkeypatch):  # noqa: F811
    first, second, third = (write(citizen)[0] for _ in range(3))
    flaky.errors = [TransportError("HTTP 503")]  # the first row's attempt
    later = []
    monkeypatch.setattr(
        send_notifications, "apply_async", lambda args, countdown: later.append((args, countdown))
    )
    in_worker(send_notifications, [first.pk, second.pk, third.pk])
    assert [fresh(row).status for row in (first, second, third)] == [
        Status.PENDING,
        Status.SENT,
        Status.SENT,
    ]
    assert later == [(([first.pk],), 30)]
    assert flaky.taken == [f"motcua-{second.pk}", f"motcua-{third.pk}"]


def test_a_batch_out_of_time_queues_the_rows_it_did_not_start(citizen, settings, queued):
    settings.NOTIFICATION_BATCH_SECONDS = 0
    rows = [write(citizen)[0] for _ in range(3)]
    in_worker(send_notifications, [row.pk for row in rows])
    assert [fresh(row).status for row in rows] == [Status.SENT, Status.PENDING, Status.PENDING]
    assert queued == [rows[1].pk, rows[2].pk]
