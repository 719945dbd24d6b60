"""Storing the files of a dossier: every file is checked first, then all are stored, or none.

The checks: each file's size and kind (uploads.py), then the quotas (settings with defaults):
DOSSIER_MAX_FILES files and DOSSIER_MAX_TOTAL_BYTES per dossier, USER_DAILY_UPLOAD_BYTES per
person and day (officers, who scan at the desk, are not capped per day), and never the same
file (same SHA-256) twice for one document of a dossier.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count, Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
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


ErrorsByDocument = dict[str, list[str]]


def _key(document: RequiredDocument | None) -> str:
    """Where a file's error is shown: next to its document (OTHER_DOCUMENT for "other")."""
    return str(document.pk if document else OTHER_DOCUMENT)


def errors_by_document(error: ValidationError) -> tuple[list[str], dict[int, list[str]]]:
    """A storing error split for the page: (general messages, messages per document id)."""
    if not hasattr(error, "error_dict"):
        return error.messages, {}
    per_document = {
        int(key): messages for key, messages in error.message_dict.items() if key.isdigit()
    }
    return error.message_dict.get(NON_FIELD_ERRORS, []), per_document


def _check_all(
    uploads: Uploads, documents: dict[int, RequiredDocument], allow_other: bool
) -> list[tuple[RequiredDocument | None, UploadedFile, CheckedUpload]]:
    checked = []
    errors: ErrorsByDocument = {}
    for document_id, files in uploads.items():
        document = documents.get(int(document_id))
        if document is None and not (allow_other and int(document_id) == OTHER_DOCUMENT):
            raise ActionNotAllowed(_("Giấy tờ này không thuộc hồ sơ."))
        kinds = document.accepted_kinds if document else None
        for upload in files:
            try:
                checked.append((document, upload, check_upload(upload, kinds)))
            except ValidationError as error:
                errors.setdefault(_key(document), []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return checked


Checked = list[tuple[RequiredDocument | None, UploadedFile, CheckedUpload]]


def _check_quotas(dossier: Dossier, user: User, checked: Checked) -> None:
    """The dossier's and the person's quotas, and no file twice on one document."""
    errors: list[str] = []
    on_dossier = Attachment.objects.filter(dossier=dossier).aggregate(
        count=Count("pk"), size=Sum("size", default=0)
    )
    count, size = len(checked), sum(result.size for _d, _u, result in checked)
    limit = settings.DOSSIER_MAX_FILES
    if on_dossier["count"] + count > limit:
        errors.append(
            _("Mỗi hồ sơ có tối đa %(limit)s tệp; hồ sơ này đã có %(count)s tệp.")
            % {"limit": limit, "count": on_dossier["count"]}
        )
    limit = settings.DOSSIER_MAX_TOTAL_BYTES
    if on_dossier["size"] + size > limit:
        errors.append(
            _(
                "Tổng dung lượng tệp của một hồ sơ tối đa %(limit)s; hồ sơ này đã có %(used)s, "
                "các tệp vừa chọn nặng %(size)s."
            )
            % _sizes(limit=limit, used=on_dossier["size"], size=size)
        )
    if not user.is_officer:
        used = _uploaded_today(user)
        limit = settings.USER_DAILY_UPLOAD_BYTES
        if used + size > limit:
            errors.append(
                _(
                    "Mỗi tài khoản được tải lên tối đa %(limit)s mỗi ngày; hôm nay bạn đã tải "
                    "%(used)s. Vui lòng gửi tiếp vào ngày mai."
                )
                % _sizes(limit=limit, used=used)
            )
    by_document = _duplicates(dossier, checked)
    if errors:
        by_document[NON_FIELD_ERRORS] = errors
    if by_document:
        raise ValidationError(by_document)


def _sizes(**sizes: int) -> dict[str, str]:
    return {name: filesizeformat(value) for name, value in sizes.items()}


def _uploaded_today(user: User) -> int:
    today = timezone.localdate()
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    rows = Attachment.objects.filter(uploaded_by=user, uploaded_at__gte=midnight)
    return rows.aggregate(size=Sum("size", default=0))["size"]


def _duplicates(dossier: Dossier, checked: Checked) -> ErrorsByDocument:
    """A message per file whose content is already on the same document of the dossier."""
    hashes = {result.sha256 for _d, _u, result in checked}
    seen = set(
        Attachment.objects.filter(dossier=dossier, sha256__in=hashes).values_list(
            "required_document_id", "sha256"
        )
    )
    errors: ErrorsByDocument = {}
    for document, upload, result in checked:
        key = (document.pk if document else None, result.sha256)
        if key in seen:
            other = _("Giấy tờ khác")
            errors.setdefault(_key(document), []).append(
                _("Tệp “%(name)s” trùng với một tệp đã gửi cho “%(document)s”.")
                % {"name": upload.name, "document": document.name if document else other}
            )
        seen.add(key)
    return errors


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
    checked = _check_all(uploads, documents, allow_other)
    _check_quotas(dossier, user, checked)
    stored = []
    for document, upload, result in checked:
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
                sha256=result.sha256,
                uploaded_by=user,
            )
        )
    return stored
