"""What the public verification page says about a PDF: is the signature valid, who signed and
when, was the document changed after signing, is it in our register of issued results.

Trust: the roots in SIGNING_TRUST_ROOTS (PEM or DER files; the development CA by default).
pyHanko is slow to import: it is imported inside the function.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .models import SignedDocument

__all__ = ["Verdict", "verify_pdf"]

log = logging.getLogger("motcua.signing")


@dataclass(frozen=True)
class Verdict:
    readable: bool = True  # a PDF we could read
    signed: bool = False  # it carries at least one signature
    intact: bool = False  # the signed bytes are unchanged (the digest matches)
    trusted: bool = False  # the certificate chains up to a trusted root
    whole_file: bool = False  # nothing was added after the signature
    signer: str = ""
    signed_at: datetime.datetime | None = None
    registered: SignedDocument | None = None  # the same bytes are in our register

    @property
    def valid(self) -> bool:
        """Signed by a trusted certificate and not changed since."""
        return self.signed and self.intact and self.trusted and self.whole_file

    @property
    def modified(self) -> bool:
        """Signed, but the bytes are not those that were signed."""
        return self.signed and not (self.intact and self.whole_file)


def _trust_roots() -> list[object]:
    from pyhanko.keys import load_cert_from_pemder

    return [
        load_cert_from_pemder(str(path))
        for path in settings.SIGNING_TRUST_ROOTS
        if Path(path).exists()
    ]


def verify_pdf(data: bytes) -> Verdict:
    """Check the last signature of `data` and look its bytes up in the register."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    registered = SignedDocument.objects.filter(sha256=hashlib.sha256(data).hexdigest()).first()
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        log.info("verify_unreadable error=%s", error)
        return Verdict(readable=False, registered=registered)
    if not signatures:
        return Verdict(registered=registered)
    context = ValidationContext(trust_roots=_trust_roots(), allow_fetching=False)
    try:
        status = validate_pdf_signature(signatures[-1], context)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        log.info("verify_failed error=%s", error)
        return Verdict(signed=True, registered=registered)
    return Verdict(
        signed=True,
        intact=status.intact and status.valid,
        trusted=status.trusted,
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer=status.signing_cert.subject.native.get("common_name", ""),
        signed_at=status.signer_reported_dt,
        registered=registered,
    )
