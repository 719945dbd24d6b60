"""The result of a dossier: what may be recorded, and the signed electronic result.

An electronic result returned online (at once, for a level-4 procedure or when the citizen
asked for an electronic result) is a PDF signed with the agency's certificate (the `signing`
app: PAdES, a visible stamp with a QR code to the public verification page) and entered in the
register of issued results; the dossier keeps the signed file and its line in the register.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from procedures.models import OnlineLevel
from signing.signer import UnsignableDocument, sign_pdf

from .errors import ActionNotAllowed
from .fee_status import ResultDelivery
from .slips import place_name
from .uploads import check_upload

if TYPE_CHECKING:
    from .models import Dossier

_PDF = b"%PDF-"


def check_result(result_file: UploadedFile | None, note: str, *, return_now: bool) -> None:
    """A file or a note; returning at once needs a file (ValidationError, nothing changed)."""
    if result_file is None and not note:
        raise ValidationError(
            _("Vui lòng tải lên tệp kết quả hoặc ghi chú nơi nhận kết quả (ví dụ: tại quầy).")
        )
    if return_now and result_file is None:
        raise ValidationError(_("Chỉ trả ngay được khi có tệp kết quả điện tử."))
    if result_file is not None:
        check_upload(result_file, ["pdf", "jpeg", "png"])


def may_return_online(dossier: Dossier) -> bool:
    """A level-4 procedure, or the citizen asked for an electronic result."""
    return (
        dossier.online_level == OnlineLevel.FULL
        or dossier.result_delivery == ResultDelivery.ELECTRONIC
    )


def sign_result(dossier: Dossier, result_file: UploadedFile) -> ContentFile:
    """The result signed and registered (dossier.signed_result set); the file to store."""
    result_file.seek(0)
    data = result_file.read()
    if not data.startswith(_PDF):
        raise ActionNotAllowed(_("Kết quả điện tử trả trực tuyến phải là tệp PDF để ký số."))
    title = _("Kết quả giải quyết thủ tục “%(procedure)s”") % {"procedure": dossier.procedure.name}
    try:
        signed = sign_pdf(
            data, title=title, reference=dossier.code or "", location=place_name(dossier.agency)
        )
    except UnsignableDocument as error:
        raise ActionNotAllowed(
            _("Không ký số được tệp kết quả: tệp PDF bị lỗi. Vui lòng xuất lại tệp PDF.")
        ) from error
    dossier.signed_result = signed.record
    return ContentFile(signed.data, name=f"{dossier.code or dossier.pk}.pdf")
