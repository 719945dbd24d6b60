"""Upload quotas: files and bytes per dossier, bytes per person and day, no file twice on one
document. Each refusal says the limit, in Vietnamese, and stores nothing."""

import importlib
from types import SimpleNamespace

import pytest

from django.apps import apps
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from dossiers import drafts, services
from dossiers.models import Attachment
from dossiers.uploads import sha256_of
from tests.factories import (
    PDF_BYTES,
    DossierFactory,
    jpeg_upload,
    pdf_upload,
    png_upload,
    upload,
)

from .helpers import at
from .test_uploads import files_under

pytestmark = pytest.mark.django_db

fill = importlib.import_module("dossiers.migrations.0011_fill_attachment_sha256")


@pytest.fixture
def draft(agency, citizen, procedure):
    return DossierFactory(agency=agency, procedure=procedure, applicant=citizen)


def _attach(dossier, user, document, *files):
    return drafts.attach_files(dossier.pk, user=user, uploads={document.pk: list(files)})


def _refusal(call) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.messages


def test_the_defaults():
    assert django_settings.DOSSIER_MAX_FILES == 30
    assert django_settings.DOSSIER_MAX_TOTAL_BYTES == 100 * 1024 * 1024
    assert django_settings.USER_DAILY_UPLOAD_BYTES == 300 * 1024 * 1024
    assert django_settings.DATA_UPLOAD_MAX_NUMBER_FILES == 30


def test_a_dossier_holds_at_most_the_file_limit(
    settings, draft, citizen, optional_document, media_root
):
    settings.DOSSIER_MAX_FILES = 3  # the draft has one file already
    _attach(draft, citizen, optional_document, png_upload())
    before = set(files_under(media_root))
    messages = _refusal(
        lambda: _attach(draft, citizen, optional_document, jpeg_upload(), pdf_upload("b.pdf"))
    )
    assert messages == ["Mỗi hồ sơ có tối đa 3 tệp; hồ sơ này đã có 2 tệp."]
    assert set(files_under(media_root)) == before
    assert draft.attachments.count() == 2


def test_a_dossier_holds_at_most_the_byte_limit(settings, draft, citizen, optional_document):
    settings.DOSSIER_MAX_TOTAL_BYTES = 10 * 1024
    messages = _refusal(
        lambda: _attach(draft, citizen, optional_document, upload("png", size=10 * 1024))
    )
    assert messages == [
        "Tổng dung lượng tệp của một hồ sơ tối đa 10,0\xa0KB; hồ sơ này đã có "
        f"{filesizeformat(len(PDF_BYTES))}, các tệp vừa chọn nặng 10,0\xa0KB."
    ]


def test_a_person_uploads_at_most_the_daily_limit(
    settings, time_machine, agency, procedure, citizen, optional_document
):
    time_machine.move_to(at("2026-03-02 09:00"), tick=False)
    settings.USER_DAILY_UPLOAD_BYTES = 20 * 1024
    first = DossierFactory(agency=agency, procedure=procedure, applicant=citizen)
    second = DossierFactory(agency=agency, procedure=procedure, applicant=citizen)
    _attach(first, citizen, optional_document, upload("png", size=15 * 1024))
    # Used today: 15 KiB and each draft's PDF.
    used = filesizeformat(15 * 1024 + 2 * len(PDF_BYTES))
    messages = _refusal(
        lambda: _attach(second, citizen, optional_document, upload("jpeg", size=5 * 1024))
    )
    assert messages == [
        f"Mỗi tài khoản được tải lên tối đa 20,0\xa0KB mỗi ngày; hôm nay bạn đã tải {used}. "
        "Vui lòng gửi tiếp vào ngày mai."
    ]
    time_machine.move_to(at("2026-03-03 00:01"), tick=False)  # a new day, local time
    assert len(_attach(second, citizen, optional_document, upload("jpeg", size=5 * 1024))) == 1


def test_officers_at_the_desk_are_not_capped_per_day(settings, officer, procedure):
    settings.USER_DAILY_UPLOAD_BYTES = 1024
    dossier = services.create_at_desk(
        officer=officer,
        procedure=procedure,
        details=services.ApplicantDetails(full_name="Lê Văn Cường", phone="0987654321"),
        uploads={doc.pk: [upload("pdf", size=4096)] for doc in procedure.required_documents.all()},
    )
    assert dossier.attachments.count() == 2


def test_the_same_file_twice_on_one_document_is_refused(draft, citizen, optional_document):
    _attach(draft, citizen, optional_document, png_upload("mat-truoc.png"))
    messages = _refusal(lambda: _attach(draft, citizen, optional_document, png_upload("lai.png")))
    assert messages == ["Tệp “lai.png” trùng với một tệp đã gửi cho “Giấy chứng sinh”."]
    messages = _refusal(
        lambda: _attach(draft, citizen, optional_document, jpeg_upload("a.jpg"), jpeg_upload())
    )
    assert messages == ["Tệp “anh-chup.jpg” trùng với một tệp đã gửi cho “Giấy chứng sinh”."]


def test_the_same_file_on_two_documents_is_accepted(
    draft, citizen, mandatory_document, optional_document
):
    _attach(draft, citizen, optional_document, pdf_upload())  # the mandatory one holds it too
    assert draft.attachments.filter(sha256=sha256_of(pdf_upload())).count() == 2


def test_a_request_with_more_files_than_a_dossier_holds_is_refused(
    client, draft, citizen, optional_document
):
    client.force_login(citizen)
    files = [upload("png", f"anh-{n}.png", size=100 + n) for n in range(31)]
    url = reverse("dossiers:documents", args=[draft.pk])
    response = client.post(url, {f"document_{optional_document.pk}": files})
    assert response.status_code == 400
    assert "Mỗi lần chỉ gửi được tối đa 30 tệp" in response.content.decode()
    assert draft.attachments.count() == 1


def test_the_page_says_the_limit(client, settings, draft, citizen, optional_document):
    settings.DOSSIER_MAX_FILES = 1
    client.force_login(citizen)
    url = reverse("dossiers:documents", args=[draft.pk])
    response = client.post(url, {f"document_{optional_document.pk}": png_upload()})
    assert response.status_code == 400
    assert "Mỗi hồ sơ có tối đa 1 tệp; hồ sơ này đã có 1 tệp." in response.content.decode()


def test_the_migration_fills_the_hash_of_stored_files(draft):
    stored = draft.attachments.get()
    Attachment.objects.filter(pk=stored.pk).update(sha256="")
    missing = Attachment.objects.create(
        dossier=draft,
        file="documents/2026/03/khong-con.pdf",
        original_name="khong-con.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=draft.applicant,
    )
    fill.fill_sha256(apps, SimpleNamespace(connection=connection))
    stored.refresh_from_db()
    missing.refresh_from_db()
    assert stored.sha256 == sha256_of(stored.file)
    assert missing.sha256 == ""
