"""A calendar that never runs out: the table is kept three years ahead by a yearly job and by
load_catalog, the admin warns when next year is missing, and a due date past the table's last
year fails loudly instead of counting unknown holidays as working days."""

import datetime
import logging
import zoneinfo

import pytest
from celery.schedules import crontab

from django.conf import settings as django_settings
from django.core.management import call_command

from dossiers import services
from dossiers.models import State
from procedures import calendar, tasks
from procedures.calendar import CalendarExhausted
from procedures.models import Holiday
from tests.factories import DossierFactory, ProcedureFactory, UserFactory

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def _years() -> set[int]:
    return set(Holiday.objects.dates("date", "year").values_list("date__year", flat=True))


def test_the_yearly_job_keeps_three_years_ahead(time_machine):
    assert max(_years()) == 2030  # the migration's table
    time_machine.move_to(datetime.datetime(2029, 12, 1, 5, tzinfo=VN), tick=False)
    assert tasks.sync_holiday_table.run() > 0
    assert {2029, 2030, 2031, 2032} <= _years()
    assert Holiday.objects.filter(date=datetime.date(2032, 9, 2)).exists()  # Quốc khánh
    assert tasks.sync_holiday_table.run() == 0  # idempotent
    schedule = django_settings.CELERY_BEAT_SCHEDULE["holiday-table"]
    assert schedule["task"] == "procedures.tasks.sync_holiday_table"
    assert schedule["schedule"] == crontab(minute=0, hour=5, day_of_month=1, month_of_year=12)


def test_load_catalog_syncs_up_to_three_years_ahead(time_machine):
    time_machine.move_to(datetime.datetime(2030, 6, 1, 9, tzinfo=VN), tick=False)
    call_command("load_catalog", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert max(_years()) == 2033


def test_a_due_date_past_the_table_fails_loudly(time_machine, caplog):
    agency_officer = UserFactory(officer=True)
    procedure = ProcedureFactory(with_documents=True, processing_amount=15)
    time_machine.move_to(datetime.datetime(2030, 12, 16, 8, tzinfo=VN), tick=False)
    dossier = DossierFactory(
        submitted=True,
        procedure=procedure,
        agency=agency_officer.agency,
        officer=agency_officer,
    )
    caplog.set_level(logging.ERROR, logger="motcua.calendar")
    time_machine.move_to(datetime.datetime(2030, 12, 17, 9, tzinfo=VN), tick=False)
    with pytest.raises(CalendarExhausted) as refused:
        services.accept(dossier.pk, officer=agency_officer)  # due in January 2031
    assert "chỉ có đến hết năm 2030" in refused.value.messages[0]
    assert "calendar.exhausted" in caplog.text
    dossier.refresh_from_db()
    assert (dossier.state, dossier.due_at) == (State.SUBMITTED, None)

    tasks.sync_holiday_table.run()  # the year is added: it works
    accepted = services.accept(dossier.pk, officer=agency_officer)
    assert accepted.due_at.year == 2031


def test_an_empty_table_is_mondays_to_fridays_and_the_admin_warns(client, time_machine):
    """No table at all is a deliberate calendar (a test database, a site without holidays):
    not refused, but the holiday page says next year is missing."""
    Holiday.objects.all().delete()
    start = datetime.datetime(2026, 3, 3, 9, tzinfo=VN)
    assert calendar.due_at(start, 3, "working_days") == start + datetime.timedelta(days=3)
    time_machine.move_to(start, tick=False)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get("/admin/procedures/holiday/").content.decode()
    assert "Bảng ngày nghỉ lễ chưa có năm 2027" in page


def test_the_admin_warns_when_next_year_is_missing(client, time_machine):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    time_machine.move_to(datetime.datetime(2026, 3, 3, 9, tzinfo=VN), tick=False)
    page = client.get("/admin/procedures/holiday/").content.decode()
    assert "chưa có năm" not in page

    time_machine.move_to(datetime.datetime(2030, 3, 3, 9, tzinfo=VN), tick=False)
    client.force_login(admin)  # a new session: the first one expired in four years
    page = client.get("/admin/procedures/holiday/").content.decode()
    assert "Bảng ngày nghỉ lễ chưa có năm 2031" in page
