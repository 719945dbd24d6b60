"""(c) A worker killed with SIGKILL in the middle of a batch of 200 notifications: after a new
worker starts, every notification is delivered exactly once (the sink's lines are counted).
"""

from __future__ import annotations

import time

import pytest

from django.db import transaction

from notifications import outbox, tasks
from notifications.models import Channel, Notification, Status
from notifications.outbox import Message
from tests.factories import UserFactory

from .conftest import sms_lines, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BATCH = 200


def test_c_a_worker_killed_mid_batch_loses_nothing_and_repeats_nothing(
    start_worker, broker, tmp_path
):
    sms_dir, email_dir = tmp_path / "sms", tmp_path / "email"
    sms_dir.mkdir()
    email_dir.mkdir()
    slow = "tests.integration.backends.SlowFileBackend"
    first = start_worker(
        "c1", sms_dir=sms_dir, email_dir=email_dir, sms_backend=slow, concurrency=4
    )
    people = [UserFactory(citizen=True) for _ in range(4)]
    with transaction.atomic():  # one commit queues the whole batch
        for number in range(BATCH):
            outbox.enqueue(
                source=f"batch:{number}",
                recipient=people[number % len(people)],
                message=Message(
                    "dossier_rejected",
                    {"code": f"000.00.12.H33-260303-{number:04d}", "reasons": "Thiếu giấy tờ."},
                    reference=f"000.00.12.H33-260303-{number:04d}",
                ),
                channels=[Channel.SMS],
            )
    ids = set(Notification.objects.filter(source__startswith="batch:").values_list("pk", flat=True))
    assert len(ids) == BATCH

    wait_for(lambda: len(sms_lines(sms_dir)) >= BATCH // 4, 30, "a quarter of the batch")
    first.kill()
    at_kill = len(sms_lines(sms_dir))
    pending = Notification.objects.filter(pk__in=ids, status=Status.PENDING).count()
    assert at_kill < BATCH, "the worker finished before it was killed: not mid-batch"
    assert pending > 0

    start_worker("c2", sms_dir=sms_dir, email_dir=email_dir, sms_backend=slow, concurrency=4)
    # The new worker drains what is still queued. Messages the killed worker had reserved stay
    # with the broker until their visibility timeout (an hour): the beat sweep queues those
    # rows again. Sweep whenever progress stops, as beat does every minute.
    last, deadline = -1, time.monotonic() + 60
    while (done := Notification.objects.filter(pk__in=ids, status=Status.SENT).count()) < BATCH:
        assert time.monotonic() < deadline, f"only {done}/{BATCH} sent"
        if done == last:
            tasks.sweep(older_than=0)
        last = done
        time.sleep(0.5)

    time.sleep(1.5)  # let any duplicate queued by the sweeps arrive, and be skipped
    lines = sms_lines(sms_dir)
    keys = [line["key"] for line in lines]
    assert len(lines) == BATCH, f"{len(lines)} lines for {BATCH} notifications"
    assert sorted(keys) == sorted(f"motcua-{pk}" for pk in ids)
    print(f"\n[integration c] killed after {at_kill}/{BATCH} lines; {pending} rows pending then")
