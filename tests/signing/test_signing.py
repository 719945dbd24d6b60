"""Signed electronic results: pyHanko validates what we sign; the public verification page says
valid, who and when, "đã bị sửa đổi" for a changed byte, and whether it is in our register."""

import hashlib
import io

import pytest
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from dossiers import services
from dossiers.errors import ActionNotAllowed
from dossiers.models import State
from signing.models import SignedDocument
from signing.signer import sign_pdf
from tests.factories import PDF_BYTES, DossierFactory, ProcedureFactory, pdf_upload

VERIFY = "/xac-thuc/"


@pytest.fixture
def signed(db):
    return sign_pdf(PDF_BYTES, title="Kết quả giải quyết", reference="000.00.12.H33-261129-0001")


def upload(client, data: bytes, path: str = VERIFY):
    return client.post(path, {"document": SimpleUploadedFile("ket-qua.pdf", data)})


def changed_byte(data: bytes) -> bytes:
    """One byte of the page's text, inside the signed range, changed."""
    at = data.index(b"Ket qua giai quyet")
    return data[:at] + b"L" + data[at + 1 :]


def test_pyhanko_validates_the_signature(signed):
    signature = PdfFileReader(io.BytesIO(signed.data)).embedded_signatures[0]
    roots = [load_cert_from_pemder(path) for path in settings.SIGNING_TRUST_ROOTS]
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=roots))
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "UBND xã Thử Nghiệm"
    assert signed.record.sha256 == hashlib.sha256(signed.data).hexdigest()


def test_verification_page_says_valid_who_and_when(client, signed):
    page = upload(client, signed.data).content.decode()
    assert "Chữ ký số hợp lệ" in page
    assert "UBND xã Thử Nghiệm" in page
    assert "Khớp với sổ kết quả do cơ quan cấp." in page
    assert "đã bị sửa đổi" not in page


def test_a_changed_byte_is_reported_as_modified(client, signed):
    page = upload(client, changed_byte(signed.data)).content.decode()
    assert "Văn bản đã bị sửa đổi sau khi ký" in page
    assert "Không có trong sổ kết quả do cơ quan cấp." in page


def test_content_added_after_signing_is_reported_as_modified(client, signed):
    page = upload(client, signed.data + b"\n% added later\n").content.decode()
    assert "đã bị sửa đổi" in page


def test_unsigned_and_non_pdf_files(client, db):
    assert "Tệp không có chữ ký số" in upload(client, PDF_BYTES).content.decode()
    response = upload(client, b"not a pdf")
    assert response.status_code == 400
    assert "Tệp này không phải là tệp PDF." in response.content.decode()


def test_the_qr_code_leads_to_the_register_line(client, signed):
    page = client.get(reverse("signing:document", args=[signed.record.token])).content.decode()
    assert "000.00.12.H33-261129-0001" in page and "Kết quả giải quyết" in page
    assert client.get(VERIFY + "00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get(VERIFY + "not-a-token/").status_code == 404


def test_verification_is_rate_limited(client, signed, settings):
    settings.SIGNING_VERIFY_RATE_LIMIT = 2
    assert upload(client, PDF_BYTES).status_code == 200
    assert upload(client, PDF_BYTES).status_code == 200
    limited = upload(client, signed.data)
    assert limited.status_code == 429
    assert "Chữ ký số hợp lệ" not in limited.content.decode()


def test_level_4_result_is_signed_and_verifies(client, media_root, db):
    procedure = ProcedureFactory(with_documents=True, online_level="full")
    dossier = DossierFactory(processing=True, procedure=procedure)
    officer = dossier.handled_by
    services.record_result(
        dossier.pk, officer=officer, result_file=pdf_upload("kq.pdf"), return_now=True
    )
    dossier.refresh_from_db()
    assert dossier.state == State.RETURNED
    data = dossier.result_file.read()
    assert SignedDocument.objects.get(sha256=hashlib.sha256(data).hexdigest()) == (
        dossier.signed_result
    )
    page = upload(client, data).content.decode()
    assert "Chữ ký số hợp lệ" in page and "Khớp với sổ kết quả do cơ quan cấp." in page


def test_a_broken_pdf_cannot_be_returned_signed_and_nothing_changes(media_root, db):
    dossier = DossierFactory(processing=True)
    broken = SimpleUploadedFile("kq.pdf", b"%PDF-1.4\nbroken", content_type="application/pdf")
    with pytest.raises(ActionNotAllowed):
        services.record_result(
            dossier.pk, officer=dossier.handled_by, result_file=broken, return_now=True
        )
    dossier.refresh_from_db()
    assert dossier.state == State.PROCESSING
    assert not SignedDocument.objects.exists()


def test_create_signing_certificate_makes_a_working_certificate(tmp_path, settings, db):
    settings.SIGNING_PKCS12_PATH = tmp_path / "agency.p12"
    settings.SIGNING_TRUST_ROOTS = [str(tmp_path / "ca.pem")]
    call_command("create_signing_certificate", "--agency-name", "UBND xã Mới")
    signed = sign_pdf(PDF_BYTES, title="Thử")
    assert signed.record.signer == "UBND xã Mới"
