"""Uploaded documents: the kind is read from the content, never the name; size limits; one bad
file stores nothing; files are stored privately under generated names."""

import re
from pathlib import Path

import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers import drafts, services
from dossiers.errors import ActionNotAllowed
from dossiers.models import Attachment
from dossiers.services import ApplicantDetails
from dossiers.uploads import check_upload
from tests.factories import (
    DossierFactory,
    RequiredDocumentFactory,
    UserFactory,
    heic_upload,
    jpeg_upload,
    pdf_upload,
    png_upload,
    upload,
)

from .helpers import fresh


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


@pytest.fixture
def draft(agency, citizen, procedure):
    return drafts.create_draft(
        procedure=procedure, agency=agency, applicant=citizen, details=ApplicantDetails.of(citizen)
    )


def attach(draft, citizen, document, *files):
    return drafts.attach_files(draft.pk, user=citizen, uploads={document.pk: list(files)})


# --- Kind by content ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "kind", "content_type"),
    [
        (pdf_upload, "pdf", "application/pdf"),
        (png_upload, "png", "image/png"),
        (jpeg_upload, "jpeg", "image/jpeg"),
        (heic_upload, "heic", "image/heic"),
    ],
    ids=["pdf", "png", "jpeg", "heic"],
)
def test_each_accepted_kind_is_recognised(
    draft, citizen, mandatory_document, make, kind, content_type
):
    assert check_upload(make()).kind == kind
    (stored,) = attach(draft, citizen, mandatory_document, make())
    assert stored.content_type == content_type


def test_png_named_pdf_is_taken_for_what_it_is(draft, citizen, mandatory_document):
    mandatory_document.accepted_kinds = ["pdf", "png"]
    mandatory_document.save()
    renamed = upload("png", "to-khai.pdf", content_type="application/pdf")

    (stored,) = attach(draft, citizen, mandatory_document, renamed)

    assert stored.content_type == "image/png"
    assert stored.original_name == "to-khai.pdf"
    assert stored.size == renamed.size


def test_text_named_pdf_is_refused_in_vietnamese(draft, citizen, mandatory_document):
    fake = upload("text", "giay-khai-sinh.pdf", content_type="application/pdf")

    with pytest.raises(ValidationError) as refused:
        attach(draft, citizen, mandatory_document, fake)

    (message,) = refused.value.messages
    assert message == (
        "Tệp “giay-khai-sinh.pdf” không phải là PDF, JPEG, PNG, HEIC/HEIF. "
        "Vui lòng gửi ảnh chụp hoặc tệp PDF của giấy tờ."
    )
    assert not Attachment.objects.exists()


def test_avif_is_not_taken_for_a_heic_photo(draft, citizen, mandatory_document):
    with pytest.raises(ValidationError):
        attach(draft, citizen, mandatory_document, upload("avif", "anh.heic"))


def test_document_accepting_only_pdf_refuses_a_photo(draft, citizen, mandatory_document):
    mandatory_document.accepted_kinds = ["pdf"]
    mandatory_document.save()

    with pytest.raises(ValidationError) as refused:
        attach(draft, citizen, mandatory_document, jpeg_upload("to-khai.jpg"))

    assert "không phải là PDF." in refused.value.messages[0]
    assert "JPEG" not in refused.value.messages[0]
    assert not Attachment.objects.exists()
    (stored,) = attach(draft, citizen, mandatory_document, pdf_upload())
    assert stored.content_type == "application/pdf"


# --- Size ---------------------------------------------------------------------------------------


def test_size_limit(settings, draft, citizen, mandatory_document):
    settings.DOSSIER_MAX_UPLOAD_BYTES = 2048

    with pytest.raises(ValidationError) as refused:
        attach(draft, citizen, mandatory_document, pdf_upload("ban-scan.pdf", size=2049))
    (message,) = refused.value.messages
    assert message.startswith("Tệp “ban-scan.pdf” nặng 2,0")
    assert "vượt quá giới hạn 2,0" in message
    assert not Attachment.objects.exists()

    (stored,) = attach(draft, citizen, mandatory_document, pdf_upload("vua-du.pdf", size=2048))
    assert stored.size == 2048


def test_empty_file_is_refused(draft, citizen, mandatory_document):
    empty_file = SimpleUploadedFile("rong.pdf", b"", "application/pdf")
    with pytest.raises(ValidationError) as refused:
        attach(draft, citizen, mandatory_document, empty_file)
    assert "rỗng" in refused.value.messages[0]


# --- All or nothing -----------------------------------------------------------------------------


def test_one_bad_file_among_several_stores_none(
    media_root, draft, citizen, mandatory_document, optional_document
):
    version = fresh(draft).version
    uploads = {
        mandatory_document.pk: [pdf_upload("trang-1.pdf"), upload("text", "trang-2.pdf")],
        optional_document.pk: [jpeg_upload("giay-chung-sinh.jpg"), upload("text", "ghi-chu.png")],
    }

    with pytest.raises(ValidationError) as refused:
        drafts.attach_files(draft.pk, user=citizen, uploads=uploads)

    messages = refused.value.messages
    assert len(messages) == 2
    assert "trang-2.pdf" in messages[0]
    assert "ghi-chu.png" in messages[1]
    assert not Attachment.objects.exists()
    assert files_under(Path(media_root)) == []
    assert fresh(draft).version == version


def test_desk_dossier_with_a_bad_file_is_not_created(media_root, officer, citizen, procedure):
    document = procedure.required_documents.get(is_mandatory=True)
    with pytest.raises(ValidationError):
        services.create_at_desk(
            officer=officer,
            procedure=procedure,
            details=ApplicantDetails.of(citizen),
            uploads={document.pk: [pdf_upload(), upload("text", "scan.pdf")]},
        )
    assert not procedure.dossiers.exists()
    assert files_under(Path(media_root)) == []


def test_file_for_a_document_of_another_procedure_is_refused(
    media_root, draft, citizen, mandatory_document
):
    foreign = RequiredDocumentFactory(name="Giấy tờ của thủ tục khác")
    with pytest.raises(ActionNotAllowed):
        drafts.attach_files(
            draft.pk,
            user=citizen,
            uploads={mandatory_document.pk: [pdf_upload()], foreign.pk: [pdf_upload()]},
        )
    assert not Attachment.objects.exists()
    assert files_under(Path(media_root)) == []


# --- Where and how files are stored -------------------------------------------------------------


def test_stored_under_a_generated_name_in_private_media(
    media_root, draft, citizen, mandatory_document
):
    original = "Tờ khai của Nguyễn Văn An.pdf"
    (stored,) = attach(draft, citizen, mandatory_document, pdf_upload(original))

    assert stored.original_name == original
    assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", stored.file.name)
    path = Path(stored.file.path)
    assert path.is_relative_to(Path(media_root) / "private")
    assert path.read_bytes().startswith(b"%PDF-")
    assert files_under(Path(media_root)) == [path]


def test_two_files_with_the_same_name_do_not_collide(
    media_root, draft, citizen, mandatory_document
):
    first, second = attach(
        draft, citizen, mandatory_document, pdf_upload("scan.pdf"), png_upload("scan.pdf")
    )
    assert first.file.name != second.file.name
    assert len(files_under(Path(media_root) / "private")) == 2


def test_result_file_is_checked_and_stored_privately(media_root, agency, officer, citizen):
    dossier = DossierFactory(processing=True, agency=agency, officer=officer, applicant=citizen)
    with pytest.raises(ValidationError):
        services.record_result(dossier.pk, officer=officer, result_file=heic_upload())
    with pytest.raises(ValidationError):
        services.record_result(
            dossier.pk, officer=officer, result_file=upload("text", "ket-qua.pdf")
        )
    assert files_under(Path(media_root) / "private" / "results") == []

    services.record_result(dossier.pk, officer=officer, result_file=pdf_upload("ket-qua.pdf"))
    result = fresh(dossier).result_file
    assert re.fullmatch(r"results/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", result.name)
    assert Path(result.path).is_relative_to(Path(media_root) / "private")


def test_private_storage_follows_a_changed_media_root(settings, tmp_path, draft, citizen):
    settings.MEDIA_ROOT = tmp_path / "elsewhere"
    document = draft.procedure.required_documents.get(is_mandatory=True)

    (stored,) = attach(draft, citizen, document, pdf_upload())

    assert Path(stored.file.path).is_relative_to(tmp_path / "elsewhere" / "private")
    assert files_under(tmp_path / "elsewhere") == [Path(stored.file.path)]


def test_removing_a_file_from_a_draft_deletes_it_once_committed(
    media_root, draft, citizen, mandatory_document, django_capture_on_commit_callbacks
):
    (stored,) = attach(draft, citizen, mandatory_document, pdf_upload())
    path = Path(stored.file.path)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        drafts.remove_attachment(stored.pk, user=citizen)
        assert path.exists()  # not before the transaction commits

    assert len(callbacks) == 1
    assert not Attachment.objects.exists()
    assert not path.exists()


def test_only_the_applicant_removes_files_and_only_from_a_draft(
    media_root, draft, citizen, mandatory_document
):
    (on_draft,) = attach(draft, citizen, mandatory_document, pdf_upload())
    with pytest.raises(ActionNotAllowed):
        drafts.remove_attachment(on_draft.pk, user=UserFactory(citizen=True))

    dossier = DossierFactory(submitted=True, applicant=citizen)
    (submitted,) = dossier.attachments.all()
    with pytest.raises(ActionNotAllowed):
        drafts.remove_attachment(submitted.pk, user=citizen)

    assert Attachment.objects.count() == 2
    assert Path(on_draft.file.path).exists()
    assert Path(submitted.file.path).exists()
