"""The outbox end to end: real Redis, real Celery worker processes, the file SMS sink.

(a) an officer's transition is delivered by SMS and email within seconds;
(b) with the broker unreachable at commit the row stays pending, and once the broker is back
    the beat sweep delivers it exactly once;
(c) is in test_worker_killed.py.
"""

from __future__ import annotations

import time
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from dossiers import services
from dossiers.models import DossierEvent
from notifications.models import Channel, Notification, Status
from notifications.tasks import requeue_pending
from tests.factories import AgencyFactory, DossierFactory, UserFactory

from .conftest import sms_lines, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Kind = DossierEvent.Kind


@pytest.fixture(scope="module")
def sinks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return tmp_path_factory.mktemp("sms"), tmp_path_factory.mktemp("email")


@pytest.fixture(scope="module")
def worker(start_worker, broker, sinks):
    """One worker for (a) and (b), as docker-compose runs it (both queues)."""
    sms_dir, email_dir = sinks
    started = start_worker("ab", sms_dir=sms_dir, email_dir=email_dir)
    yield started
    started.stop()  # before another module's workers: it would take their tasks


def emails(folder: Path) -> list:
    return [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(folder.glob("*.log"))
    ]


def row_for(dossier, kind, channel):
    event = dossier.events.filter(kind=kind).latest("pk")
    return Notification.objects.get(
        source=f"dossier_event:{event.pk}", recipient=dossier.applicant, channel=channel
    )


@pytest.fixture
def people(media_root):
    agency = AgencyFactory(name="UBND phường Thạnh Xuân")
    citizen = UserFactory(
        citizen=True, email="an.nguyen@example.vn", notify_email=True, phone="0912345678"
    )
    officer = UserFactory(officer=True, agency=agency)
    return agency, citizen, officer


def test_a_an_officers_transition_is_delivered_by_sms_and_email_within_seconds(
    worker, sinks, people, capsys
):
    sms_dir, email_dir = sinks
    agency, citizen, officer = people
    dossier = DossierFactory(applicant=citizen, agency=agency, officer=officer, submitted=True)
    submitted = row_for(dossier, Kind.SUBMITTED, Channel.SMS)
    wait_for(
        lambda: any(line["key"] == f"motcua-{submitted.pk}" for line in sms_lines(sms_dir)),
        10,
        "the submission SMS",
    )

    started = time.monotonic()
    services.accept(dossier.pk, officer=officer)
    sms = row_for(dossier, Kind.ACCEPTED, Channel.SMS)
    email = row_for(dossier, Kind.ACCEPTED, Channel.EMAIL)

    def delivered() -> bool:
        texts = [line["text"] for line in sms_lines(sms_dir) if line["key"] == f"motcua-{sms.pk}"]
        subjects = [str(message["Subject"]) for message in emails(email_dir)]
        return bool(texts) and any(dossier.code in s and "tiếp nhận" in s for s in subjects)

    wait_for(delivered, 10, "SMS and email of the acceptance")
    latency = time.monotonic() - started
    with capsys.disabled():
        print(f"\n[integration a] transition -> SMS and email delivered in {latency:.3f}s")
    assert latency < 5

    (line,) = [line for line in sms_lines(sms_dir) if line["key"] == f"motcua-{sms.pk}"]
    assert line["to"] == "0912345678"
    assert line["text"] == Notification.objects.get(pk=sms.pk).body
    assert line["text"].startswith(f"Ho so {dossier.code} da duoc tiep nhan. Hen tra ket qua:")
    (mail,) = [m for m in emails(email_dir) if f"notification-{email.pk}@" in m["Message-ID"]]
    assert mail["To"] == "an.nguyen@example.vn"
    parts = {part.get_content_type() for part in mail.walk()}
    assert {"text/plain", "text/html"} <= parts
    wait_for(
        lambda: (
            set(
                Notification.objects.filter(pk__in=[sms.pk, email.pk]).values_list(
                    "status", flat=True
                )
            )
            == {Status.SENT}
        ),
        5,
        "rows marked sent",
    )


def test_b_a_row_committed_while_the_broker_is_down_is_swept_and_delivered_once(
    worker, sinks, people, broker, caplog
):
    sms_dir, _email_dir = sinks
    agency, citizen, officer = people
    dossier = DossierFactory(applicant=citizen, agency=agency, officer=officer, submitted=True)

    broker("redis://127.0.0.1:1/15")  # nothing listens on port 1: the broker is down
    try:
        services.accept(dossier.pk, officer=officer)  # commits; queueing fails after commit
    finally:
        broker(None)
    assert "notification.queue_failed" in caplog.text
    sms = row_for(dossier, Kind.ACCEPTED, Channel.SMS)
    time.sleep(1)
    sms.refresh_from_db()
    assert (sms.status, sms.attempts) == (Status.PENDING, 0)
    assert not [line for line in sms_lines(sms_dir) if line["key"] == f"motcua-{sms.pk}"]

    # The broker is back. Beat queues the sweep; twice, as two beats a minute apart would.
    requeue_pending.delay(older_than=0)
    requeue_pending.delay(older_than=0)
    wait_for(lambda: Notification.objects.get(pk=sms.pk).status == Status.SENT, 10, "the swept SMS")
    time.sleep(1)  # time for any second copy to arrive, and be skipped
    lines = [line for line in sms_lines(sms_dir) if line["key"] == f"motcua-{sms.pk}"]
    assert len(lines) == 1
    assert Notification.objects.get(pk=sms.pk).attempts == 1
