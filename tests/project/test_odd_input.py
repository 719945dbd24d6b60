"""Odd input is refused plainly, never a 500: control characters, impossible months, long names."""

import pytest

from django.urls import reverse

from dossiers.models import Attachment, State
from tests.dossiers.test_uploads import files_under
from tests.factories import PDF_BYTES, DossierFactory, UserFactory, pdf_upload

pytestmark = pytest.mark.django_db

REFUSED = "ký tự điều khiển"


@pytest.mark.parametrize(
    "url",
    [
        "/thu-tuc/?q=%00",
        "/tra-cuu/?ma=%00&so=1234",
        "/tra-cuu/?ma=ABC&so=12%0134",
        "/thu-tuc/?q%00=x",
        "/?x=%7F",
        "/thu-tuc/?q=%C2%85",  # NEL, a C1 control character
    ],
)
def test_a_control_character_in_a_query_is_refused_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_tabs_and_line_breaks_are_ordinary_text(client, officer):
    client.force_login(officer)
    assert client.get("/thu-tuc/", {"q": "khai\tsinh\r\n"}).status_code == 200


def test_a_nul_in_a_posted_field_changes_nothing(client, citizen, agency, procedure, media_root):
    dossier = DossierFactory(
        missing_documents=True, agency=agency, procedure=procedure, applicant=citizen
    )
    (asked,) = dossier.open_supplement_request.missing_documents.all()
    before = files_under(media_root)
    client.force_login(citizen)
    response = client.post(
        reverse("dossiers:supplement", args=[dossier.pk]),
        {f"document_{asked.pk}": pdf_upload(), "note": "Đã bổ sung\x00"},
    )
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == State.MISSING_DOCUMENTS
    assert files_under(media_root) == before


def test_a_session_cookie_with_a_nul_is_ignored(client):
    client.cookies["sessionid"] = "\x00" * 40
    assert client.get("/thu-tuc/").status_code == 200


def test_a_control_character_in_a_field_name_is_refused(client, citizen):
    client.force_login(citizen)
    response = client.post(reverse("accounts:notification_preferences"), {"sms\x1b": "on"})
    assert response.status_code == 400


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1999-12", "2101-01"])
@pytest.mark.parametrize("name", ["pdf", "csv", "xlsx", "freeze"])
def test_a_month_outside_2000_to_2100_is_not_found(client, agency, month, name):
    client.force_login(UserFactory(leader=True, agency=agency))
    url = reverse(f"reports:{name}", args=[agency.pk, month])
    response = client.post(url) if name == "freeze" else client.get(url)
    assert response.status_code == 404


@pytest.mark.parametrize("month", ["9999-12", "0001-01"])
def test_the_dashboard_says_an_impossible_month_is_wrong(client, agency, month):
    client.force_login(UserFactory(leader=True, agency=agency))
    response = client.get(reverse("reports:dashboard"), {"agency": agency.pk, "month": month})
    assert response.status_code == 400
    assert "Chọn tháng theo dạng năm-tháng" in response.content.decode()


def multipart(field: str, filename: str, content: bytes) -> tuple[bytes, str]:
    """A body as a browser sends one file (the test client would cut the name first)."""
    boundary = "----motcua-test-boundary"
    body = (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def test_a_very_long_file_name_is_cut_and_the_file_kept(client, citizen, agency, procedure):
    dossier = DossierFactory(agency=agency, procedure=procedure, applicant=citizen)
    document = procedure.required_documents.get(is_mandatory=False)
    client.force_login(citizen)
    name = "Giấy chứng sinh của con " * 50 + ".pdf"  # 1,204 characters
    body, content_type = multipart(f"document_{document.pk}", name, PDF_BYTES)
    url = reverse("dossiers:documents", args=[dossier.pk])
    response = client.generic("POST", url, body, content_type=content_type)
    assert response.status_code == 302
    stored = Attachment.objects.get(dossier=dossier, required_document=document)
    assert len(stored.original_name) <= 255
    assert stored.original_name.startswith("Giấy chứng sinh của con")
    assert stored.original_name.endswith(".pdf")


def test_a_part_header_too_long_even_so_is_refused_with_a_message(client, citizen, agency):
    dossier = DossierFactory(agency=agency, applicant=citizen)
    client.force_login(citizen)
    body, content_type = multipart("document_1", "a" * 100_000 + ".pdf", PDF_BYTES)
    url = reverse("dossiers:documents", args=[dossier.pk])
    response = client.generic("POST", url, body, content_type=content_type)
    assert response.status_code == 400
    assert "Tệp gửi lên không đọc được" in response.content.decode()
