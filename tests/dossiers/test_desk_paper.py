"""Paper received at the desk: the checklist per required document, printed on the receipt
slip, and "đã số hóa" when the officer scans the papers there (Decision 766 indicator 4.2).

Rules: shared/domain.md, "Online service levels"; the desk intake in "States of a dossier".
"""

from django.urls import reverse

from dossiers import slips
from dossiers.models import Dossier, PaperDocument
from reports import display, monthly
from reports.figures import Period
from signing.models import SignedDocument
from tests.factories import pdf_upload
from tests.reports.helpers import create_rows, dossier_row

from .helpers import at


def _post(client, procedure, phone: str, **extra):
    return client.post(
        reverse("dossiers:desk_create"),
        {
            "procedure": procedure.pk,
            "channel": "direct",
            "full_name": "Phạm Văn Tư",
            "phone": phone,
            "address": "Ấp 3, xã Thạnh Xuân",
            **extra,
        },
    )


def test_the_checklist_is_kept_and_printed_on_the_receipt(
    client, time_machine, procedure, officer, mandatory_document, optional_document
):
    time_machine.move_to(at("2026-03-03 09:00"), tick=False)
    client.force_login(officer)
    response = _post(
        client,
        procedure,
        "0977 000 111",
        **{
            f"paper_form_{mandatory_document.pk}": "original",
            f"paper_sheets_{mandatory_document.pk}": "2",
            f"paper_form_{optional_document.pk}": "not_provided",
            f"document_{mandatory_document.pk}": pdf_upload(),  # scanned at the desk
        },
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get(applicant_phone="0977000111")
    assert dossier.digitised_at == at("2026-03-03 09:00")
    lines = {(p.required_document_id, p.form, p.sheets) for p in PaperDocument.objects.all()}
    assert lines == {
        (mandatory_document.pk, "original", 2),
        (optional_document.pk, "not_provided", 0),
    }

    html = slips.render_slip_html(dossier, "receipt", lookup_url="https://motcua.test/tra-cuu/")
    table = html[html.index('class="grid documents papers"') :]
    assert f"<td>{mandatory_document.name}</td>\n      <td>Bản chính</td>" in table
    assert f"<td>{optional_document.name}</td>\n      <td>Không nộp</td>" in table
    assert "đã số hóa" in html
    assert "Không có tệp đính kèm" not in html


def test_paper_only_is_not_digitised(client, procedure, officer, mandatory_document):
    client.force_login(officer)
    papers = {f"paper_form_{doc.pk}": "copy" for doc in procedure.required_documents.all()} | {
        f"paper_sheets_{doc.pk}": "1" for doc in procedure.required_documents.all()
    }
    assert _post(client, procedure, "0977 000 333", **papers).status_code == 302
    dossier = Dossier.objects.get(applicant_phone="0977000333")
    assert dossier.digitised_at is None
    html = slips.render_slip_html(dossier, "receipt", lookup_url="https://motcua.test/tra-cuu/")
    assert "Bản sao, bản chụp" in html
    assert "đã số hóa" not in html


def test_an_incomplete_checklist_is_refused_and_kept_on_the_page(
    client, procedure, officer, mandatory_document, optional_document
):
    client.force_login(officer)
    response = _post(
        client,
        procedure,
        "0977 000 222",
        **{
            f"paper_form_{mandatory_document.pk}": "certified_copy",
            f"paper_sheets_{mandatory_document.pk}": "0",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Số tờ của “{mandatory_document.name}” phải là số từ 1 đến 999." in page
    assert f"Vui lòng chọn hình thức đã nhận của “{optional_document.name}”." in page
    assert '<option value="certified_copy" selected>' in page  # what was entered stays
    assert not Dossier.objects.exists()


def test_the_monthly_report_shows_the_digitisation_rate(agency, procedure, citizen):
    signed = [
        SignedDocument.objects.create(
            sha256=f"{i:064x}", title="KQ", signer="UBND", signed_at=at("2026-10-10 09:00")
        )
        for i in range(2)
    ]
    common = {"agency": agency, "procedure": procedure, "applicant": citizen, "state": "returned"}
    moments = {"accepted": "2026-10-05 09:00", "due": "2026-10-12 09:00"}
    create_rows(
        [
            dossier_row(**common, **moments, channel="direct", finished="2026-10-09 09:00",
                        digitised_at=at("2026-10-05 09:00"), signed_result=signed[0]),
            dossier_row(**common, **moments, channel="direct", finished="2026-10-09 09:00",
                        signed_result=signed[1]),  # e-result, but the paper was not scanned
            dossier_row(**common, **moments, channel="direct", finished="2026-10-09 09:00",
                        digitised_at=at("2026-10-05 09:00")),  # scanned, paper result
        ]
    )  # fmt: skip
    figures = monthly.compute(agency, Period.month(2026, 10), now=at("2026-11-02 08:00"))
    assert (figures.total.resolved, figures.total.e_results, figures.total.digitised) == (3, 2, 1)
    rates = {item.label: item for item in display.rate_figures(figures)}
    rate = rates["Tỷ lệ số hóa hồ sơ (4.2)"]
    assert rate.value == "33,33%"
