"""A live report PDF with Redis: queued, printed by a real Celery worker while the leader's
page waits, then fetched (reports.live)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from django.utils import timezone

from reports.models import ReportExport
from tests.factories import AgencyFactory, DossierFactory, UserFactory

from .conftest import wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def worker(start_worker, broker, tmp_path_factory: pytest.TempPathFactory):
    started = start_worker(
        "export",
        sms_dir=tmp_path_factory.mktemp("sms"),
        email_dir=tmp_path_factory.mktemp("email"),
    )
    yield started
    started.stop()


def test_a_live_pdf_is_printed_by_the_worker_while_the_page_waits(worker, client):
    agency = AgencyFactory(name="UBND xã Thạnh Xuân")
    officer = UserFactory(officer=True, agency=agency)
    DossierFactory(agency=agency, officer=officer, processing=True)
    leader = UserFactory(leader=True, agency=agency)
    client.force_login(leader)
    month = f"{timezone.localdate():%Y-%m}"

    response = client.get(f"/bao-cao/{agency.pk}/{month}/bieu-06.pdf")

    assert response.status_code == 302
    export = ReportExport.objects.get()
    assert response["Location"] == f"/bao-cao/xuat/{export.pk}/"
    wait_for(
        lambda: ReportExport.objects.get(pk=export.pk).status == ReportExport.Status.READY,
        60,
        f"the worker printing the export:\n{worker.tail()}",
    )
    page = client.get(f"/bao-cao/xuat/{export.pk}/")
    assert page.status_code == 200
    assert "Báo cáo đã lập xong" in page.content.decode()
    pdf = client.get(f"/bao-cao/xuat/{export.pk}/bieu-06.pdf")
    data = b"".join(pdf.streaming_content)
    assert "Tổng cộng" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    stored = ReportExport.objects.get(pk=export.pk).file
    assert Path(stored.path).read_bytes() == data  # the file the worker kept
    stored.delete()  # nothing left in the shared test media folder
