"""Closed months are frozen; the monthly job freezes and emails them; the command prints them."""

import csv
import datetime
import io
import json
from unittest import mock

import pytest
import time_machine
from openpyxl import load_workbook
from pypdf import PdfReader

from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from dossiers.models import Dossier
from reports import tasks
from reports.models import MonthlyReport
from reports.monthly import compute
from reports.period import Period
from reports.snapshots import MonthNotOver, freeze, report_for

from .helpers import create_rows, dossier_row
from .scenario import EXPECTED_TOTAL, NOW, build_october

OCTOBER = Period.month(2026, 10)


@pytest.fixture
def october(commune, sibling, birth, marriage, copy_cert, citizen, officer):
    return build_october(
        agency=commune,
        procedures={"birth": birth, "marriage": marriage, "copy_cert": copy_cert},
        applicant=citizen,
        officer=officer,
        other_agency=sibling,
    )


def _late_arrival(commune, birth, citizen):
    """A dossier recorded later with an October acceptance (a correction)."""
    create_rows(
        [
            dossier_row(
                agency=commune,
                procedure=birth,
                applicant=citizen,
                state="returned",
                accepted="2026-10-20 09:00",
                due="2026-10-23 09:00",
                finished="2026-10-21 09:00",
                returned="2026-10-21 10:00",
            )
        ]
    )


def test_a_frozen_month_is_shown_from_its_snapshot(commune, birth, citizen, october, leader):
    report = freeze(commune, OCTOBER, user=leader, now=NOW)
    assert (report.version, report.created_by) == (1, leader)
    assert report.figures["total"]["received"] == EXPECTED_TOTAL[0]
    assert PdfReader(report.pdf.open("rb")).pages  # the PDF is stored
    _late_arrival(commune, birth, citizen)

    figures, shown = report_for(commune, OCTOBER, now=NOW)
    assert shown == report
    assert figures.version == 1
    assert figures.total.columns() == EXPECTED_TOTAL  # not the corrected data


def test_regenerating_on_purpose_keeps_the_old_version(commune, birth, citizen, october, leader):
    first = freeze(commune, OCTOBER, user=leader, now=NOW)
    _late_arrival(commune, birth, citizen)
    second = freeze(commune, OCTOBER, user=leader, now=NOW + datetime.timedelta(days=1))

    assert second.version == 2
    assert MonthlyReport.objects.filter(agency=commune, month=OCTOBER.start).count() == 2
    assert first.figures["total"]["received"] == EXPECTED_TOTAL[0]
    assert second.figures["total"]["received"] == EXPECTED_TOTAL[0] + 1
    figures, shown = report_for(commune, OCTOBER, now=NOW + datetime.timedelta(days=2))
    assert shown == second and figures.total.received == EXPECTED_TOTAL[0] + 1
    assert first.pdf.name != second.pdf.name
    text = PdfReader(second.pdf.open("rb")).pages[0].extract_text()
    assert "phiên bản 2" in text


def test_a_month_not_over_is_never_frozen(commune, october):
    with pytest.raises(MonthNotOver):
        freeze(commune, Period.month(2026, 11), now=NOW)
    figures, shown = report_for(commune, Period.month(2026, 11), now=NOW)
    assert shown is None and figures.version is None


def test_the_trend_of_a_report_reads_earlier_frozen_months(commune, october):
    september = freeze(commune, Period.month(2026, 9), now=NOW)
    # Change September's data after freezing it: October's trend keeps the frozen figures.
    Dossier.objects.filter(accepted_at__month=9).delete()
    figures, _ = report_for(commune, OCTOBER, now=NOW)
    point = figures.trend[-2]
    assert point.month == "2026-09" and point.frozen
    assert point.processed == september.figures["total"]["received"] > 0


# --- the monthly job ------------------------------------------------------------------------------


def test_the_beat_entry_runs_on_the_first_at_six(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["monthly-reports"]
    assert entry["task"] == "reports.tasks.monthly_reports"
    schedule = entry["schedule"]
    assert schedule.minute == {0} and schedule.hour == {6} and schedule.day_of_month == {1}
    assert settings.CELERY_TIMEZONE == "Asia/Ho_Chi_Minh"


def test_the_beat_task_queues_last_month_for_every_agency(province, commune, sibling):
    with (
        time_machine.travel(datetime.datetime(2026, 11, 1, 6, 0, tzinfo=NOW.tzinfo), tick=False),
        mock.patch.object(tasks.freeze_and_send, "delay") as delay,
    ):
        assert tasks.monthly_reports.run() == 3
    assert sorted(call.args for call in delay.call_args_list) == sorted(
        [(province.pk, "2026-10"), (commune.pk, "2026-10"), (sibling.pk, "2026-10")]
    )


def test_the_job_freezes_and_emails_the_leaders_once(
    province, commune, october, leader, province_leader, officer
):
    with time_machine.travel(datetime.datetime(2026, 11, 1, 6, 0, tzinfo=NOW.tzinfo), tick=False):
        report_id = tasks.freeze_and_send.run(commune.pk, "2026-10")
        again = tasks.freeze_and_send.run(commune.pk, "2026-10")  # the task ran twice

    assert again == report_id
    report = MonthlyReport.objects.get(pk=report_id)
    assert (report.version, report.created_by, report.emailed_at is not None) == (1, None, True)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["cuong@thanhxuan.gov.vn"]  # the commune's leader, not the officer
    assert "Báo cáo tháng 10/2026 (Biểu số 06) – UBND xã Thạnh Xuân" in message.subject
    assert "Tỷ lệ giải quyết đúng hạn: 55,56%" in message.body
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("bieu-06-000.00.12.H33-2026-10.pdf", "application/pdf")
    assert "UBND XÃ THẠNH XUÂN" in PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_the_province_report_goes_to_the_province_leaders(
    province, commune, october, province_leader
):
    with time_machine.travel(datetime.datetime(2026, 11, 1, 6, 0, tzinfo=NOW.tzinfo), tick=False):
        report_id = tasks.freeze_and_send.run(province.pk, "2026-10")
    report = MonthlyReport.objects.get(pk=report_id)
    assert report.figures["total"]["received"] == EXPECTED_TOTAL[0] + 2  # with the sibling's
    assert [m.to for m in mail.outbox] == [["dung@cantho.gov.vn"]]


def test_no_leader_with_an_email_sends_nothing_and_keeps_it_unsent(commune, october):
    with time_machine.travel(datetime.datetime(2026, 11, 1, 6, 0, tzinfo=NOW.tzinfo), tick=False):
        report_id = tasks.freeze_and_send.run(commune.pk, "2026-10")
    assert mail.outbox == []
    assert MonthlyReport.objects.get(pk=report_id).emailed_at is None


# --- the command ----------------------------------------------------------------------------------


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command("monthly_report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def after_october():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_command_prints_json_and_csv(commune, october, after_october):
    data = json.loads(
        _command("--agency", "000.00.12.H33", "--month", "2026-10", "--format", "json")
    )
    assert [data["total"][k] for k in ("received", "resolved", "pending")] == [18, 9, 9]
    assert data["rates"]["on_time"] == {
        "percent": pytest.approx(55.5556, abs=1e-3),
        "text": "55,56%",
    }
    assert data["rates"]["satisfaction"]["text"] == "66,67%"
    rows = list(
        csv.reader(
            io.StringIO(
                _command(
                    "--agency", "000.00.12.H33", "--month", "2026-10", "--format", "csv"
                ).lstrip("\ufeff")
            )
        )
    )
    assert [int(v) for v in rows[-1][2:13]] == EXPECTED_TOTAL


def test_the_command_writes_pdf_and_xlsx_files(commune, october, after_october, tmp_path):
    pdf = tmp_path / "october.pdf"
    _command("--agency", "000.00.12.H33", "--month", "2026-10", "--output", str(pdf))
    assert "Kỳ báo cáo: Tháng 10/2026" in PdfReader(pdf).pages[0].extract_text()
    xlsx = tmp_path / "october.xlsx"
    _command(
        "--agency", "000.00.12.H33", "--month", "2026-10", "--format", "xlsx", "--output", str(xlsx)
    )
    sheet = load_workbook(xlsx)["Biểu 06"]
    totals = [row for row in sheet.iter_rows(values_only=True) if row[1] == "Tổng cộng"]
    assert list(totals[0][2:13]) == EXPECTED_TOTAL


def test_the_command_gives_a_frozen_month_as_frozen(
    commune, birth, citizen, october, after_october
):
    freeze(commune, OCTOBER, now=NOW)
    _late_arrival(commune, birth, citizen)
    frozen = json.loads(
        _command("--agency", "000.00.12.H33", "--month", "2026-10", "--format", "json")
    )
    live = json.loads(
        _command("--agency", "000.00.12.H33", "--month", "2026-10", "--format", "json", "--live")
    )
    assert frozen["version"] == 1 and frozen["total"]["received"] == 18
    assert live["version"] is None and live["total"]["received"] == 19


def test_the_command_refuses_an_unknown_agency_or_month(commune):
    with pytest.raises(CommandError, match="No agency"):
        _command("--agency", "999.99.99.H99", "--month", "2026-10")
    with pytest.raises(CommandError, match="Not a month"):
        _command("--agency", "000.00.12.H33", "--month", "2026-13")


def test_with_every_earlier_month_frozen_the_trend_costs_no_query(
    commune, october, django_assert_num_queries
):
    unfrozen = compute(commune, OCTOBER, now=NOW)
    for month in OCTOBER.previous_months(12)[:-1]:
        freeze(commune, month, now=NOW)
    # Subtree, table (counts, procedures' fields), plan, satisfaction, frozen months, overdue
    # list: October's own point is its table, the other eleven are snapshots.
    with django_assert_num_queries(7):
        figures = compute(commune, OCTOBER, now=NOW)
    assert figures.trend == unfrozen.trend  # TrendPoint compares its figures, not `frozen`
    assert [p.frozen for p in figures.trend] == [True] * 11 + [False]
    assert figures.rows == unfrozen.rows
