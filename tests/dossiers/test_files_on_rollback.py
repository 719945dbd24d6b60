"""A file is on disk only if the transaction that wrote it committed: no orphan file, ever."""

import pytest

from django.db import DataError, transaction

from dossiers import drafts, services
from dossiers.models import Attachment, Dossier, State
from tests.factories import DossierFactory, pdf_upload, png_upload

from .test_uploads import files_under


class Rollback(Exception):
    """Raised inside a transaction to roll it back."""


@pytest.fixture
def draft(agency, citizen, procedure):
    return DossierFactory(agency=agency, procedure=procedure, applicant=citizen)


def _attach(draft, citizen, document):
    return drafts.attach_files(
        draft.pk, user=citizen, uploads={document.pk: [pdf_upload(), png_upload()]}
    )


@pytest.mark.django_db
def test_files_of_a_transaction_that_rolls_back_are_removed(
    draft, citizen, optional_document, media_root
):
    before = set(files_under(media_root))
    rows = Attachment.objects.filter(dossier=draft).count()
    with pytest.raises(Rollback), transaction.atomic():
        _attach(draft, citizen, optional_document)
        assert len(files_under(media_root)) == len(before) + 2  # written meanwhile
        raise Rollback
    assert set(files_under(media_root)) == before
    assert Attachment.objects.filter(dossier=draft).count() == rows


@pytest.mark.django_db
def test_a_rollback_asked_for_without_an_error_removes_them_too(
    draft, citizen, optional_document, media_root
):
    before = set(files_under(media_root))
    with transaction.atomic():
        _attach(draft, citizen, optional_document)
        transaction.set_rollback(True)
    assert set(files_under(media_root)) == before


@pytest.mark.django_db
def test_a_result_file_of_a_rolled_back_transaction_is_removed(
    agency, citizen, officer, procedure, media_root
):
    dossier = DossierFactory(
        processing=True, agency=agency, procedure=procedure, applicant=citizen, officer=officer
    )
    before = set(files_under(media_root))
    with pytest.raises(Rollback), transaction.atomic():
        services.record_result(dossier.pk, officer=officer, result_file=pdf_upload("kq.pdf"))
        assert len(files_under(media_root)) == len(before) + 1
        raise Rollback
    assert set(files_under(media_root)) == before
    assert Dossier.objects.get(pk=dossier.pk).state == State.PROCESSING


@pytest.mark.django_db(transaction=True)
def test_files_of_a_committed_transaction_stay(draft, citizen, optional_document, media_root):
    before = files_under(media_root)
    stored = _attach(draft, citizen, optional_document)
    assert len(files_under(media_root)) == len(before) + 2
    for attachment in stored:
        assert attachment.file.storage.exists(attachment.file.name)


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_supplement_refused_by_the_database_leaves_no_file(
    agency, citizen, officer, procedure, media_root
):
    """PostgreSQL refuses a NUL in text: the service's transaction fails after the upload."""
    dossier = DossierFactory(
        missing_documents=True, agency=agency, procedure=procedure, applicant=citizen
    )
    (asked,) = dossier.open_supplement_request.missing_documents.all()
    before = set(files_under(media_root))
    with pytest.raises(DataError):
        services.supplement(
            dossier.pk, user=citizen, uploads={asked.pk: [pdf_upload()]}, note="Đã bổ sung\x00"
        )
    assert set(files_under(media_root)) == before
    assert Dossier.objects.get(pk=dossier.pk).state == State.MISSING_DOCUMENTS
