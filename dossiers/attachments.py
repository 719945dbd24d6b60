"""Storing the files of a dossier: every file is checked first, then all are stored, or none."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from accounts.models import User
from procedures.models import RequiredDocument

from .errors import ActionNotAllowed
from .models import Attachment, Dossier, SupplementRequest
from .uploads import EXTENSION, CheckedUpload, check_upload

# Upload key for documents an officer asked for in words (SupplementRequest.other_missing).
OTHER_DOCUMENT = 0

Uploads = Mapping[int, Iterable[UploadedFile]]


def uploads_from(
    files: MultiValueDict[str, UploadedFile], documents: Iterable[RequiredDocument]
) -> dict[int, list[UploadedFile]]:
    """The files a form posted for each document, from its `document_<pk>` fields."""
    uploads = {doc.pk: files.getlist(f"document_{doc.pk}") for doc in documents}
    return {pk: chosen for pk, chosen in uploads.items() if chosen}


def _check_all(
    uploads: Uploads, documents: dict[int, RequiredDocument], allow_other: bool
) -> list[tuple[RequiredDocument | None, UploadedFile, CheckedUpload]]:
    checked = []
    errors = []
    for document_id, files in uploads.items():
        document = documents.get(int(document_id))
        if document is None and not (allow_other and int(document_id) == OTHER_DOCUMENT):
            raise ActionNotAllowed(_("Giấy tờ này không thuộc hồ sơ."))
        kinds = document.accepted_kinds if document else None
        for upload in files:
            try:
                checked.append((document, upload, check_upload(upload, kinds)))
            except ValidationError as error:
                errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return checked


def store_files(
    dossier: Dossier,
    uploads: Uploads,
    *,
    user: User,
    allowed_documents: Iterable[RequiredDocument] = (),
    supplement_request: SupplementRequest | None = None,
) -> list[Attachment]:
    """Check every file first, then store them: one bad file stores none.

    For a supplement, the documents allowed are those the request asks for, and key
    OTHER_DOCUMENT (0) holds files for "other documents" the officer asked for in words.
    """
    allow_other = False
    if supplement_request is not None:
        allowed_documents = supplement_request.missing_documents.all()
        allow_other = bool(supplement_request.other_missing)
    documents = {doc.pk: doc for doc in allowed_documents}
    stored = []
    for document, upload, result in _check_all(uploads, documents, allow_other):
        original_name = (upload.name or "")[:255]
        upload.name = f"document{EXTENSION[result.kind]}"  # stored name follows the content
        stored.append(
            Attachment.objects.create(
                dossier=dossier,
                required_document=document,
                supplement_request=supplement_request,
                file=upload,
                original_name=original_name,
                content_type=result.content_type,
                size=result.size,
                uploaded_by=user,
            )
        )
    return stored
