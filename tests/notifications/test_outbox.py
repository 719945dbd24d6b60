"""The outbox: rows per channel chosen, one per (event, person, channel), swept, sent again."""

import datetime

import pytest

from django.db import IntegrityError
from django.utils import timezone

from notifications import outbox, tasks
from notifications.models import Channel, Notification, Status
from notifications.outbox import Message, enqueue

from .helpers import fresh, write

pytestmark = pytest.mark.django_db


def test_defaults_are_sms_and_in_app(citizen):
    rows = enqueue(source="e:1", recipient=citizen, message=Message("dossier_rejected", {}))
    assert sorted(row.channel for row in rows) == [Channel.IN_APP, Channel.SMS]


def test_the_channels_the_person_chose(citizen):
    citizen.notify_sms = False
    citizen.notify_email = True
    citizen.email = "an@example.vn"
    rows = enqueue(source="e:1", recipient=citizen, message=Message("dossier_rejected", {}))
    assert sorted(row.channel for row in rows) == [Channel.EMAIL, Channel.IN_APP]


def test_email_without_an_address_is_left_out(citizen):
    citizen.notify_email = True
    citizen.email = ""
    rows = enqueue(source="e:1", recipient=citizen, message=Message("dossier_rejected", {}))
    assert Channel.EMAIL not in {row.channel for row in rows}


def test_nobody_is_left_uninformed(citizen):
    citizen.notify_sms = citizen.notify_in_app = False
    citizen.notify_email = True  # but no address
    rows = enqueue(source="e:1", recipient=citizen, message=Message("dossier_rejected", {}))
    assert [row.channel for row in rows] == [Channel.IN_APP]


def test_rows_carry_the_rendered_text_and_start_pending(citizen):
    sms, in_app = write(citizen, channels=[Channel.SMS, Channel.IN_APP])
    assert sms.status == Status.PENDING
    assert sms.body.startswith("Ho so 000.00.12.H33-260303-0001 da duoc tiep nhan.")
    assert sms.attempts == 0
    assert sms.sent_at is None
    assert in_app.status == Status.SENT  # the row is the delivery
    assert in_app.body.startswith("Hồ sơ 000.00.12.H33-260303-0001 đã được tiếp nhận.")


def test_the_same_source_twice_writes_nothing_new(citizen):
    assert len(write(citizen, source="dossier_event:7", channels=[Channel.SMS])) == 1
    again = write(citizen, source="dossier_event:7", channels=[Channel.SMS, Channel.IN_APP])
    assert [row.channel for row in again] == [Channel.IN_APP]  # only the new channel
    assert write(citizen, source="dossier_event:7", channels=[Channel.SMS, Channel.IN_APP]) == []
    assert Notification.objects.filter(source="dossier_event:7").count() == 2


def test_the_unique_key_is_in_the_database(citizen):
    (row,) = write(citizen, source="dossier_event:8")
    row.pk = None
    with pytest.raises(IntegrityError):
        row.save()


def test_a_concurrent_duplicate_is_skipped(citizen, monkeypatch):
    """The existence check ran before the other transaction committed: the constraint decides."""
    write(citizen, source="dossier_event:9")
    real_filter = Notification.objects.filter

    def blind_filter(*args, **kwargs):
        if kwargs.get("source") == "dossier_event:9":
            return Notification.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Notification.objects, "filter", blind_filter)
    assert write(citizen, source="dossier_event:9") == []
    monkeypatch.undo()
    assert Notification.objects.filter(source="dossier_event:9").count() == 1


def test_sweep_queues_rows_pending_for_more_than_a_minute(citizen, queued, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    (old,) = write(citizen)
    (sent,) = write(citizen)
    Notification.objects.filter(pk=sent.pk).update(status=Status.SENT)
    time_machine.shift(datetime.timedelta(seconds=30))
    (young,) = write(citizen)
    time_machine.shift(datetime.timedelta(seconds=31))
    assert tasks.sweep() == 1
    assert queued == [old.pk]
    assert fresh(old).next_attempt_at == timezone.now()  # not swept again for a minute
    assert tasks.sweep() == 0
    time_machine.shift(datetime.timedelta(seconds=61))
    assert tasks.sweep() == 2
    assert sorted(queued[1:]) == sorted([old.pk, young.pk])


def test_sweep_waits_for_a_retry_in_backoff(citizen, queued, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    (row,) = write(citizen)
    Notification.objects.filter(pk=row.pk).update(
        attempts=2, next_attempt_at=timezone.now() + datetime.timedelta(seconds=60)
    )
    time_machine.shift(datetime.timedelta(seconds=90))
    assert tasks.sweep() == 0  # its retry is due at 60 s; the sweep allows a minute more
    time_machine.shift(datetime.timedelta(seconds=31))
    assert tasks.sweep() == 1


def test_resend_gives_a_failed_row_a_new_round(citizen, queued, django_capture_on_commit_callbacks):
    (row,) = write(citizen)
    Notification.objects.filter(pk=row.pk).update(
        status=Status.FAILED, attempts=6, last_error="HTTP 500"
    )
    with django_capture_on_commit_callbacks(execute=True):
        outbox.resend(row.pk)
    row = fresh(row)
    assert (row.status, row.attempts) == (Status.PENDING, 0)
    assert queued == [row.pk]


def test_resend_leaves_a_sent_row_alone(citizen, queued, django_capture_on_commit_callbacks):
    (row,) = write(citizen)
    Notification.objects.filter(pk=row.pk).update(status=Status.SENT)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.resend(row.pk)
    assert fresh(row).status == Status.SENT
    assert queued == []


def test_the_management_command_sends_pending_rows_without_a_broker(
    citizen, eager, sms_outbox, time_machine
):
    from django.core.management import call_command

    time_machine.move_to(timezone.now(), tick=False)
    (row,) = write(citizen)
    call_command("send_pending_notifications", verbosity=0)
    assert sms_outbox == []  # pending for less than a minute
    time_machine.shift(datetime.timedelta(seconds=61))
    call_command("send_pending_notifications", verbosity=0)
    assert [sms["key"] for sms in sms_outbox] == [f"motcua-{row.pk}"]
    assert fresh(row).status == Status.SENT
    call_command("send_pending_notifications", "--older-than", "0", verbosity=0)
    assert len(sms_outbox) == 1


def test_masked_address_for_officers():
    row = Notification(address="0912345678")
    assert row.masked_address == "09******78"
    row.address = "an.nguyen@example.vn"
    assert row.masked_address == "a***@example.vn"
