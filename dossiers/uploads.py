"""Checks on an uploaded file before it becomes part of a dossier: size, and kind by content."""

import hashlib
from dataclasses import dataclass

import filetype

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# What the file's first bytes say -> our kind (procedures.models.FileKind).
_KIND_BY_MIME = {
    "application/pdf": "pdf",
    "image/jpeg": "jpeg",
    "image/png": "png",
    "image/heic": "heic",
    "image/heif": "heic",
    "image/avif": None,  # an ftyp box like HEIC, but not a phone photo we accept
}
EXTENSION = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png", "heic": ".heic"}
_KIND_LABEL = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG", "heic": "HEIC/HEIF"}


@dataclass(frozen=True)
class CheckedUpload:
    kind: str
    content_type: str
    size: int
    sha256: str


def sha256_of(upload: UploadedFile) -> str:
    """The SHA-256 of the file's content, in hex; the file is read from, and left at, the start."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_upload(upload: UploadedFile, accepted_kinds: list[str] | None = None) -> CheckedUpload:
    """Return the file's kind, or raise ValidationError with a message the citizen can act on."""
    limit = settings.DOSSIER_MAX_UPLOAD_BYTES
    name = upload.name or ""
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng. Vui lòng chọn lại tệp.") % {"name": name})
    if upload.size > limit:
        raise ValidationError(
            _(
                "Tệp “%(name)s” nặng %(size)s, vượt quá giới hạn %(limit)s. Vui lòng chụp lại "
                "với độ phân giải thấp hơn hoặc chia nhỏ tệp."
            )
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    guess = filetype.guess(head)
    mime = guess.mime if guess else ""
    kind = _KIND_BY_MIME.get(mime)
    allowed = accepted_kinds or list(_KIND_LABEL)
    if kind is None or kind not in allowed:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không phải là %(kinds)s. Vui lòng gửi ảnh chụp hoặc tệp PDF của "
                "giấy tờ."
            )
            % {
                "name": name,
                "kinds": ", ".join(_KIND_LABEL[k] for k in allowed if k in _KIND_LABEL),
            }
        )
    return CheckedUpload(kind=kind, content_type=mime, size=upload.size, sha256=sha256_of(upload))
