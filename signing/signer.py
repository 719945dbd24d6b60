"""Sign a PDF (PAdES, pyHanko) with the agency's certificate and enter it in the register.

The certificate is a PKCS#12 file and its password (SIGNING_PKCS12_PATH,
SIGNING_PKCS12_PASSWORD). The signature carries a visible stamp on the last page: the agency
(the certificate's name), the time, and a QR code to the public verification page of this very
document (/xac-thuc/<token>/). pyHanko is slow to import: it is imported inside the functions.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from .font import stamp_font_path
from .models import SignedDocument

__all__ = ["Signed", "UnsignableDocument", "sign_pdf", "verification_url"]

_FIELD = "ChuKySo"
# The stamp's box on the last page (points from the bottom left of an A4 page).
_BOX = (140, 28, 560, 118)
_STAMP_TEXT = "Ký bởi: %(signer)s\nThời gian: %(ts)s\nXác thực: %(url)s"


class UnsignableDocument(Exception):
    """The PDF could not be read or signed (broken, encrypted, no page)."""


@dataclass(frozen=True)
class Signed:
    data: bytes  # the signed PDF
    record: SignedDocument  # its line in the register


def verification_url(token: uuid.UUID | str) -> str:
    """Where the QR code of a signed document leads."""
    return settings.SITE_URL.rstrip("/") + reverse("signing:document", args=[str(token)])


def _signer() -> object:
    from pyhanko.sign import signers

    path = Path(settings.SIGNING_PKCS12_PATH)
    if not path.exists():
        raise ImproperlyConfigured(
            f"No signing certificate at {path}: set SIGNING_PKCS12_PATH, or run "
            "`manage.py create_signing_certificate` for a development one."
        )
    signer = signers.SimpleSigner.load_pkcs12(
        str(path), passphrase=settings.SIGNING_PKCS12_PASSWORD.encode("utf-8")
    )
    if signer is None:
        raise ImproperlyConfigured(f"Cannot open {path} with SIGNING_PKCS12_PASSWORD.")
    return signer


def _stamp_style() -> object:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import QRStampStyle

    return QRStampStyle(
        stamp_text=_STAMP_TEXT,
        timestamp_format="%H:%M %d/%m/%Y (%z)",
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(stamp_font_path()))),
        border_width=1,
    )


def sign_pdf(data: bytes, *, title: str, reference: str = "", location: str = "") -> Signed:
    """`data` signed and registered (inside the caller's transaction, if any)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers

    signer = _signer()
    token = uuid.uuid4()
    metadata = signers.PdfSignatureMetadata(
        field_name=_FIELD,
        reason=title[:200],
        location=location,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=signer,
        stamp_style=_stamp_style(),
        new_field_spec=fields.SigFieldSpec(_FIELD, on_page=-1, box=_BOX),
    )
    signed_at = timezone.now()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        output = pdf_signer.sign_pdf(
            writer, appearance_text_params={"url": verification_url(token)}
        )
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as error:
        raise UnsignableDocument(str(error)) from error
    signed = output.getvalue()
    record = SignedDocument.objects.create(
        token=token,
        sha256=hashlib.sha256(signed).hexdigest(),
        title=title[:300],
        reference=reference[:64],
        signer=signer.signing_cert.subject.native.get("common_name", "")[:300],
        signed_at=signed_at,
    )
    return Signed(signed, record)
