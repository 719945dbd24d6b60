"""Live PDF exports (reports.live): a month that is not frozen is printed once per click, by a
worker while a page waits (with Redis), or in the request, at most two at a time per leader
(without). The full worker path runs in tests/integration/test_live_export.py."""

import datetime
import io

import pytest
from pypdf import PdfReader

from reports.live import render_export
from reports.models import ReportExport
from reports.period import Period
from reports.snapshots import freeze
from tests.factories import UserFactory

from .scenario import EXPECTED_TOTAL, NOW

Status = ReportExport.Status
TOTAL_LINE = "Tổng cộng " + " ".join(map(str, EXPECTED_TOTAL))


pytestmark = pytest.mark.usefixtures("after_october")


def _login(client, user):
    client.force_login(user)
    return client


def _pdf_text(response) -> str:
    data = b"".join(response.streaming_content)
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


def _url(agency, month="2026-10"):
    return f"/bao-cao/{agency.pk}/{month}/bieu-06.pdf"


def _rendering(user, agency, *, minutes_ago=0, month="2026-09"):
    started = NOW - datetime.timedelta(minutes=minutes_ago)
    return ReportExport.objects.create(
        requested_by=user,
        agency=agency,
        period=month,
        status=Status.RENDERING,
        created_at=started,
        started_at=started,
    )


def test_without_a_broker_the_pdf_is_printed_in_the_request(
    client, leader, commune, october, eager
):
    response = _login(client, leader).get(_url(commune))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="bieu-06-000.00.12.H33-2026-10.pdf"' in response["Content-Disposition"]
    assert TOTAL_LINE in _pdf_text(response)
    assert ReportExport.objects.get().status == Status.READY


def test_a_leader_prints_at_most_two_live_pdfs_at_a_time(
    client, leader, province_leader, commune, october, eager
):
    _rendering(leader, commune, month="2026-08")
    _rendering(leader, commune, month="2026-09")
    response = _login(client, leader).get(_url(commune))
    assert response.status_code == 429
    assert response["Retry-After"] == "5"
    html = response.content.decode()
    assert "Đang lập 2 báo cáo PDF cho bạn cùng lúc" in html
    assert f'href="{_url(commune)}"' in html  # "Thử lại"
    assert ReportExport.objects.count() == 2  # nothing printed, nothing kept
    # Another leader is not held up by this one's reports.
    assert _login(client, province_leader).get(_url(commune)).status_code == 200


def test_a_render_that_died_holds_no_slot(client, leader, commune, october, eager):
    _rendering(leader, commune, month="2026-08", minutes_ago=10)
    _rendering(leader, commune, month="2026-09")
    response = _login(client, leader).get(_url(commune))
    assert response.status_code == 200
    assert TOTAL_LINE in _pdf_text(response)


def test_with_the_broker_down_the_pdf_is_printed_in_the_request(
    client, leader, commune, october, caplog
):
    """Unit tests point Celery at a closed port: queueing fails, the leader still gets it."""
    response = _login(client, leader).get(_url(commune))
    assert response.status_code == 200
    assert TOTAL_LINE in _pdf_text(response)
    assert "report_export_queue_failed" in caplog.text


def test_the_page_waits_for_a_queued_export_then_fetches_it(client, leader, commune, october):
    export = ReportExport.objects.create(requested_by=leader, agency=commune, period="2026-10")
    _login(client, leader)
    waiting = client.get(f"/bao-cao/xuat/{export.pk}/")
    assert waiting.status_code == 202
    html = waiting.content.decode()
    assert "Đang lập báo cáo PDF theo số liệu hiện tại" in html
    assert f'<meta http-equiv="refresh" content="2;url=/bao-cao/xuat/{export.pk}/">' in html
    assert client.get(f"/bao-cao/xuat/{export.pk}/bieu-06.pdf").status_code == 404

    assert render_export.run(export.pk) is True  # what the worker does

    ready = client.get(f"/bao-cao/xuat/{export.pk}/")
    assert ready.status_code == 200
    file_url = f"/bao-cao/xuat/{export.pk}/bieu-06.pdf"
    assert f'<meta http-equiv="refresh" content="0;url={file_url}">' in ready.content.decode()
    assert TOTAL_LINE in _pdf_text(client.get(file_url))


def test_a_second_click_shares_the_export_under_way(client, leader, commune, october):
    export = ReportExport.objects.create(requested_by=leader, agency=commune, period="2026-10")
    response = _login(client, leader).get(_url(commune))
    assert response.status_code == 302
    assert response["Location"] == f"/bao-cao/xuat/{export.pk}/"
    assert ReportExport.objects.count() == 1


def test_a_lost_export_offers_to_try_again(client, leader, commune, october):
    lost = ReportExport.objects.create(
        requested_by=leader,
        agency=commune,
        period="2026-10",
        created_at=NOW - datetime.timedelta(minutes=10),
    )
    response = _login(client, leader).get(f"/bao-cao/xuat/{lost.pk}/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Không lập được báo cáo PDF" in html
    assert f'href="{_url(commune)}"' in html


def test_an_export_is_seen_only_by_the_leader_who_asked(
    client, leader, province_leader, commune, october
):
    export = ReportExport.objects.create(requested_by=leader, agency=commune, period="2026-10")
    render_export.run(export.pk)
    _login(client, province_leader)
    assert client.get(f"/bao-cao/xuat/{export.pk}/").status_code == 404
    assert client.get(f"/bao-cao/xuat/{export.pk}/bieu-06.pdf").status_code == 404
    officer = UserFactory(officer=True, agency=commune)
    client.force_login(officer)
    assert client.get(f"/bao-cao/xuat/{export.pk}/").status_code == 404


def test_a_frozen_month_is_the_stored_pdf_never_printed_again(
    client, leader, commune, october, eager
):
    report = freeze(commune, Period.month(2026, 10), user=leader)
    stored = report.pdf.read()
    response = _login(client, leader).get(_url(commune))
    assert b"".join(response.streaming_content) == stored
    assert not ReportExport.objects.exists()
