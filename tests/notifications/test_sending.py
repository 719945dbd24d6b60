"""Sending one row: lock, skip if done, send, mark; retries back off; the last one fails it."""

import datetime
import json
import smtplib

import pytest

from django.core import mail
from django.utils import timezone

from notifications import sending, sms
from notifications.errors import PermanentError, TransportError
from notifications.models import Channel, Status
from notifications.sending import Outcome, backoff, deliver
from notifications.tasks import send_notification

from .helpers import fresh, write

pytestmark = pytest.mark.django_db


class FlakySms(sms.BaseSmsBackend):
    """Raises the queued errors one per call, then takes messages."""

    errors: list[Exception] = []
    taken: list[str] = []

    def send(self, *, to, text, key):
        if FlakySms.errors:
            raise FlakySms.errors.pop(0)
        FlakySms.taken.append(key)


@pytest.fixture
def flaky(settings):
    settings.SMS_BACKEND = "tests.notifications.test_sending.FlakySms"
    FlakySms.errors = []
    FlakySms.taken = []
    return FlakySms


def test_a_row_is_sent_once(citizen, sms_outbox, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    (row,) = write(citizen)
    assert deliver(row.pk).outcome == Outcome.SENT
    row = fresh(row)
    assert (row.status, row.attempts, row.sent_at) == (Status.SENT, 1, timezone.now())
    assert deliver(row.pk).outcome == Outcome.ALREADY_DONE
    assert [message["key"] for message in sms_outbox] == [f"motcua-{row.pk}"]
    assert sms_outbox[0] == {"to": "0912345678", "text": row.body, "key": f"motcua-{row.pk}"}


def test_a_missing_row_is_not_an_error(db):
    assert deliver(987654).outcome == Outcome.MISSING


def test_transport_errors_back_off_exponentially_then_fail(citizen, flaky, settings, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    settings.NOTIFICATION_MAX_RETRIES = 5
    (row,) = write(citizen)
    flaky.errors = [TransportError("HTTP 500 from SMS gateway")] * 6
    delays = []
    for _ in range(5):
        result = deliver(row.pk)
        assert result.outcome == Outcome.RETRY
        delays.append(result.retry_in)
        stored = fresh(row)
        assert stored.status == Status.PENDING
        assert stored.next_attempt_at == timezone.now() + datetime.timedelta(
            seconds=result.retry_in
        )
    assert delays == [30, 60, 120, 240, 480]
    assert deliver(row.pk).outcome == Outcome.FAILED  # the 6th attempt = the 5th retry
    row = fresh(row)
    assert (row.status, row.attempts, row.last_error) == (
        Status.FAILED,
        6,
        "HTTP 500 from SMS gateway",
    )
    assert flaky.taken == []


def test_a_retry_that_works_marks_it_sent(citizen, flaky):
    (row,) = write(citizen)
    flaky.errors = [TransportError("timeout")]
    assert deliver(row.pk).outcome == Outcome.RETRY
    assert deliver(row.pk).outcome == Outcome.SENT
    row = fresh(row)
    assert (row.status, row.attempts, row.last_error) == (Status.SENT, 2, "")
    assert flaky.taken == [f"motcua-{row.pk}"]


def test_a_permanent_error_fails_at_once(citizen, flaky):
    (row,) = write(citizen)
    flaky.errors = [PermanentError("HTTP 400 from SMS gateway")]
    assert deliver(row.pk).outcome == Outcome.FAILED
    assert fresh(row).status == Status.FAILED


def test_a_bug_in_a_backend_is_logged_and_retried(citizen, flaky, caplog):
    (row,) = write(citizen)
    flaky.errors = [KeyError("oops")]
    assert deliver(row.pk).outcome == Outcome.RETRY
    assert "notification.channel_error" in caplog.text


def test_backoff_is_capped(settings):
    settings.NOTIFICATION_RETRY_BACKOFF = 30
    settings.NOTIFICATION_RETRY_BACKOFF_MAX = 600
    assert [backoff(n) for n in range(1, 8)] == [30, 60, 120, 240, 480, 600, 600]


def test_another_worker_holding_the_row_makes_this_one_skip(citizen, monkeypatch):
    (row,) = write(citizen)

    def held(notification_id):
        raise sending._Busy

    monkeypatch.setattr(sending, "_lock", held)
    assert deliver(row.pk).outcome == Outcome.BUSY


def test_the_task_asks_celery_to_retry_with_the_backoff(citizen, flaky, monkeypatch):
    (row,) = write(citizen)
    flaky.errors = [TransportError("timeout")]
    asked = {}

    class Retry(Exception):
        pass

    def retry(**kwargs):
        asked.update(kwargs)
        return Retry()

    monkeypatch.setattr(send_notification, "retry", retry)
    send_notification.push_request(id="task-1", is_eager=False, called_directly=False)
    try:
        with pytest.raises(Retry):
            send_notification.run(row.pk)
    finally:
        send_notification.pop_request()
    assert asked == {"countdown": 30}


def test_eager_tasks_never_retry_inside_the_request(citizen, flaky, eager):
    """Without a broker a retry would run at once, in the user's request: the sweep does it."""
    (row,) = write(citizen)
    flaky.errors = [TransportError("timeout")]
    send_notification.delay(row.pk)
    row = fresh(row)
    assert (row.status, row.attempts) == (Status.PENDING, 1)


def test_task_options():
    assert send_notification.acks_late is True
    assert send_notification.soft_time_limit < send_notification.time_limit
    from django.conf import settings

    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    route = settings.CELERY_TASK_ROUTES["notifications.tasks.*"]
    assert route == {"queue": "notifications"}


# --- Email ----------------------------------------------------------------------------------


@pytest.fixture
def emailed(citizen):
    citizen.email = "an.nguyen@example.vn"
    citizen.save()
    (row,) = write(citizen, channels=[Channel.EMAIL])
    return row


def test_email_has_a_text_and_an_html_part(emailed):
    mail.outbox.clear()
    assert deliver(emailed.pk).outcome == Outcome.SENT
    (message,) = mail.outbox
    assert message.to == ["an.nguyen@example.vn"]
    assert message.subject.startswith("Hồ sơ 000.00.12.H33-260303-0001 đã được tiếp nhận")
    assert "Hẹn trả kết quả:" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<strong>000.00.12.H33-260303-0001</strong>" in html
    assert message.extra_headers["Message-ID"] == f"<notification-{emailed.pk}@motcua.local>"


class BrokenSmtp:
    error: Exception = smtplib.SMTPServerDisconnected("gone")

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise BrokenSmtp.error


def test_a_mail_server_down_is_retried(emailed, settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_sending.BrokenSmtp"
    BrokenSmtp.error = smtplib.SMTPServerDisconnected("gone")
    assert deliver(emailed.pk).outcome == Outcome.RETRY


def test_a_refused_address_fails(emailed, settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_sending.BrokenSmtp"
    BrokenSmtp.error = smtplib.SMTPRecipientsRefused({"an.nguyen@example.vn": (550, b"no")})
    assert deliver(emailed.pk).outcome == Outcome.FAILED


# --- The file backend -----------------------------------------------------------------------


def test_file_backend_writes_one_line_per_message_once(settings, tmp_path):
    settings.SMS_FILE_PATH = tmp_path
    backend = sms.FileBackend()
    backend.send(to="0912345678", text="Ho so A da duoc tiep nhan.", key="motcua-1")
    backend.send(to="0912345678", text="Ho so B da duoc tiep nhan.", key="motcua-2")
    backend.send(to="0912345678", text="Ho so A da duoc tiep nhan.", key="motcua-1")
    (path,) = tmp_path.glob("*.jsonl")  # beside it: the index of the keys written
    assert path.name == f"sms-{timezone.localdate():%Y-%m-%d}.jsonl"
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [(line["key"], line["to"], line["text"]) for line in lines] == [
        ("motcua-1", "0912345678", "Ho so A da duoc tiep nhan."),
        ("motcua-2", "0912345678", "Ho so B da duoc tiep nhan."),
    ]
    # "motcua-1" must not match "motcua-10".
    backend.send(to="0912345678", text="C", key="motcua-10")
    assert len(path.read_text().splitlines()) == 3


def test_an_unwritable_folder_is_a_transport_error(settings, tmp_path):
    (tmp_path / "file").write_text("")
    settings.SMS_FILE_PATH = tmp_path / "file" / "sms"
    with pytest.raises(TransportError):
        sms.FileBackend().send(to="0912345678", text="x", key="motcua-1")
