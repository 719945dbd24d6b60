"""Redis unreachable: the cache and the broker are accelerators, never a dependency of a page.

The cache is configured exactly as settings.py configures it for a REDIS_URL at a closed port
(nothing listens on port 1): the real Redis backend, not the test suite's local memory. Celery's
broker is that closed port in every unit test already (motcua.settings_test).
"""

import datetime
import logging
import os
import runpy
import subprocess
import sys
import zoneinfo

import pytest

from django.conf import settings as django_settings
from django.urls import reverse

from dossiers import services
from dossiers.models import State
from motcua.models import RateLimitCount
from notifications.models import Notification, Status
from procedures import calendar
from procedures.models import Holiday
from tests.factories import DossierFactory, UserFactory

pytestmark = pytest.mark.django_db

CLOSED = "redis://127.0.0.1:1/0"
VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def redis_down(settings, monkeypatch):
    """CACHES as settings.py makes them when REDIS_URL points at a closed port."""
    monkeypatch.setenv("REDIS_URL", CLOSED)
    configured = runpy.run_path(str(django_settings.BASE_DIR / "motcua" / "settings.py"))
    settings.CACHES = configured["CACHES"]
    assert "redis" in settings.CACHES["default"]["BACKEND"].lower()
    assert settings.CACHES["default"]["LOCATION"] == CLOSED
    return configured


def _records(caplog, text):
    """Also those logged while fixtures were made (an agency's save drops the cached catalog)."""
    records = [*caplog.get_records("setup"), *caplog.records]
    return [record for record in records if text in record.getMessage()]


def test_submit_accept_queue_lookup_and_report_answer(
    client,
    redis_down,
    agency,
    citizen,
    officer,
    procedure,
    caplog,
    django_capture_on_commit_callbacks,
):
    caplog.set_level(logging.INFO)
    draft = DossierFactory(agency=agency, procedure=procedure, applicant=citizen, officer=officer)

    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dossiers:review", args=[draft.pk]))
    assert response.status_code == 302
    submitted = client.get(response["Location"])
    assert submitted.status_code == 200
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED

    client.force_login(officer)
    assert client.get(reverse("dossiers:queue")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("dossiers:officer_action", args=[draft.pk, "accept"]),
            {"version": draft.version},
        )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    draft.refresh_from_db()
    assert draft.state == State.PROCESSING

    client.logout()
    lookup = client.get(reverse("dossiers:lookup"), {"ma": draft.code, "so": citizen.phone[-4:]})
    assert lookup.status_code == 200
    assert draft.code in lookup.content.decode()

    client.force_login(UserFactory(leader=True, agency=agency))
    assert client.get(reverse("reports:dashboard")).status_code == 200

    # The messages wait for the sweep; the outage is told once, never as a traceback.
    pending = Notification.objects.filter(recipient=citizen, channel="sms")
    assert set(pending.values_list("status", flat=True)) == {Status.PENDING}
    assert len(_records(caplog, "cache.unavailable")) == 1
    assert len(_records(caplog, "notification.queue_failed")) == 1
    assert [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []


def test_the_lookup_rate_limit_counts_in_the_database(client, redis_down, settings):
    settings.LOOKUP_RATE_LIMIT = 2
    url = reverse("dossiers:lookup")
    statuses = [client.get(url, {"ma": "KHONG-CO", "so": "1234"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert list(RateLimitCount.objects.values_list("count", flat=True)) == [3]


def test_a_holiday_added_while_redis_is_down_counts_at_once(redis_down):
    monday = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=VN)
    assert calendar.due_at(monday, 3, "working_days") == monday.replace(day=5)
    Holiday.objects.create(date=datetime.date(2026, 3, 3), name="Nghỉ đột xuất", is_manual=True)
    assert calendar.due_at(monday, 3, "working_days") == monday.replace(day=6)


def test_the_broker_is_not_asked_again_at_every_request(
    redis_down, agency, citizen, officer, procedure, caplog, django_capture_on_commit_callbacks
):
    dossiers = [
        DossierFactory(submitted=True, agency=agency, procedure=procedure, applicant=citizen)
        for _ in range(3)
    ]
    for dossier in dossiers:
        with django_capture_on_commit_callbacks(execute=True):
            services.accept(dossier.pk, officer=officer)
    rows = Notification.objects.filter(source__startswith="dossier_event", channel="sms")
    assert rows.filter(status=Status.PENDING).count() >= 3
    (warning,) = _records(caplog, "notification.queue_failed")
    assert warning.exc_info is None


def test_migrate_works_with_redis_down(tmp_path):
    environment = {
        **os.environ,
        "DEBUG": "1",
        "REDIS_URL": CLOSED,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
