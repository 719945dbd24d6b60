"""The one WeasyPrint pipeline: the slips (dossiers.slips) and the monthly report (reports) both
go through it.

A PDF is an HTML template rendered first (kept, so tests read the HTML), then printed here:
    - its template extends `pdf/base.html`, which declares the "MotCua Sans" faces on the shipped
      DejaVu files (full Vietnamese coverage) and links the document's own stylesheet; the
      context for both comes from `resources(stylesheet)`;
    - its heading is the `pdf/_masthead.html` include: the agency and the unit below it on the
      left, the national motto on the right (Decree 30/2020/NĐ-CP);
    - images are data: URIs (`svg_data_uri`, `qr_data_uri`), so nothing comes over HTTP;
    - `render_pdf` prints it as a tagged PDF (PDF/UA-1), loading only local files and data: URIs,
      and fails instead of falling back to another font when one of them cannot be loaded.

WeasyPrint and qrcode are slow to import: they are imported inside the functions that use them.
"""

from __future__ import annotations

import base64
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "FONT_BOLD",
    "FONT_REGULAR",
    "qr_data_uri",
    "render_pdf",
    "resources",
    "static_uri",
    "svg_data_uri",
]

# The shipped font (static/fonts): regular and bold; italic text uses the upright files.
FONT_REGULAR = "fonts/DejaVuSans.ttf"
FONT_BOLD = "fonts/DejaVuSans-Bold.ttf"


def static_uri(path: str) -> str:
    """A file URL for a file found by the static finders (a font, a stylesheet)."""
    found = finders.find(path)
    if not found:
        raise ImproperlyConfigured(f"Static file {path!r} is missing: a PDF needs it.")
    return Path(found).resolve().as_uri()


def resources(stylesheet: str) -> dict[str, str]:
    """What `pdf/base.html` loads: the font files and the document's stylesheet, as file URLs."""
    return {
        "font_regular": static_uri(FONT_REGULAR),
        "font_bold": static_uri(FONT_BOLD),
        "stylesheet": static_uri(stylesheet),
    }


def svg_data_uri(svg: str | bytes) -> str:
    """An SVG document as a data: URI, for an <img> in a PDF."""
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def qr_data_uri(text: str) -> str:
    """A QR code of `text` as an SVG data URI (vector: sharp in print at any size)."""
    import qrcode
    from qrcode.image.svg import SvgPathImage

    image = qrcode.make(
        text, image_factory=SvgPathImage, error_correction=qrcode.constants.ERROR_CORRECT_M
    )
    return svg_data_uri(image.to_string(encoding="utf-8"))


def render_pdf(html: str) -> bytes:
    """The HTML printed as a tagged PDF (PDF/UA-1); page size and margins come from its CSS."""
    from weasyprint import HTML, URLFetcher
    from weasyprint.urls import FatalURLFetchingError

    # Only local files (fonts, stylesheet) and data: URIs (images); a file that cannot be
    # loaded stops the rendering instead of giving a PDF in a fallback font.
    fetcher = URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)
    try:
        # PDF/UA-1 works with WeasyPrint 70: it tags the structure and needs <html lang> and
        # an alt text on every image, which the templates give.
        return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as error:
        # A BaseException: Django's handlers would not catch it. Make it an ordinary error.
        raise ImproperlyConfigured(f"A PDF resource could not be loaded: {error}") from error
