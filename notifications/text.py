"""SMS text: Vietnamese without diacritics, in one 160-character segment where possible.

A message with any character outside the GSM 03.38 alphabet is sent as UCS-2, where one
segment holds only 70 characters; folding "Hồ sơ đã được tiếp nhận" to "Ho so da duoc tiep nhan"
keeps it in GSM-7 and in one segment.
"""

import unicodedata
from collections.abc import Iterable

SEGMENT = 160
ELLIPSIS = "..."

# Typographic characters a template or an officer's note may contain, and their GSM-7 forms.
_PUNCTUATION = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2022": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "`": "'",
        "Đ": "D",
        "đ": "d",
    }
)
# GSM-7 characters that take two septets (the escape table).
_EXTENDED = set("^{}\\[]~|€")


def fold_sms(text: str) -> str:
    """'Hồ sơ “Đăng ký” – đã nhận' -> 'Ho so "Dang ky" - da nhan': case kept, ASCII, one line."""
    text = " ".join((text or "").translate(_PUNCTUATION).split())
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    ascii_only = "".join(ch for ch in stripped if ch.isascii() and (ch.isprintable() or ch == " "))
    return " ".join(ascii_only.split())


def sms_length(text: str) -> int:
    """Length in GSM-7 septets: the escape-table characters count twice."""
    return len(text) + sum(1 for ch in text if ch in _EXTENDED)


def _words_within(words: list[str], budget: int) -> str:
    kept = ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if sms_length(candidate) > budget:
            break
        kept = candidate
    return kept.rstrip(" ,;:-.")


def fit_sms(text: str, *, keep: str | Iterable[str] = (), limit: int = SEGMENT) -> str:
    """Fold `text`; if it is longer than `limit`, cut it between words and mark the cut "...".

    What must survive the cut, `keep` (the dossier code) and any link in the text, is written
    after the ellipsis when it would fall in the part cut off. A single word longer than the
    whole budget is the only thing ever cut in the middle.
    """
    text = fold_sms(text)
    if sms_length(text) <= limit:
        return text
    words = text.split(" ")
    wanted = [keep] if isinstance(keep, str) else list(keep)
    wanted = [fold_sms(item) for item in wanted if item]
    wanted += [word for word in words if word.startswith(("http://", "https://"))]
    kept = _words_within(words, limit - len(ELLIPSIS))
    missing = [item for item in dict.fromkeys(wanted) if item not in kept]
    if not missing:
        return (kept + ELLIPSIS) if kept else text[: limit - len(ELLIPSIS)] + ELLIPSIS
    tail = " ".join(missing)
    head = _words_within([w for w in words if w not in missing], limit - sms_length(tail) - 4)
    return f"{head}... {tail}" if head else tail[:limit]
