"""Vietnamese text folded for search: no case, no diacritics, đ -> d."""

import unicodedata


def fold(text: str) -> str:
    """'Đăng ký Khai sinh' -> 'dang ky khai sinh'. Identical on every database."""
    text = (text or "").replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.casefold().split())
