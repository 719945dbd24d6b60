"""The font of the visible stamp: the shipped DejaVu Sans, scaled to 1000 units per em.

pyHanko writes a CID font's glyph widths in the font's own units, which PDF reads as
thousandths of an em: a font drawn on 2048 units per em (DejaVu) comes out with every letter
twice as far apart. A copy scaled to 1000 units per em, made once and kept in the temporary
folder, prints right.
"""

from __future__ import annotations

import hashlib
import tempfile
import uuid
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured

from motcua.pdf import FONT_REGULAR

_UNITS_PER_EM = 1000


def stamp_font_path() -> Path:
    """The path of the scaled font (made on first use; its name follows the source's bytes)."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    found = finders.find(FONT_REGULAR)
    if not found:
        raise ImproperlyConfigured(f"Static file {FONT_REGULAR!r} is missing: the stamp needs it.")
    source = Path(found)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"motcua-stamp-{digest}-{_UNITS_PER_EM}.ttf"
    if not target.exists():
        font = TTFont(source)
        scale_upem(font, _UNITS_PER_EM)
        partial = target.with_name(f"{target.name}.{uuid.uuid4().hex}.tmp")
        font.save(partial)
        partial.replace(target)  # atomic: two processes never read a half-written font
    return target
