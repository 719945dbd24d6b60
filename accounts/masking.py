"""What may be shown of a person to someone who has not proven who they are talking to:
the last three digits of a phone or an ID number, and a name reduced to its initials."""


def mask_digits(value: str | None) -> str:
    """'0912345678' -> '*******678'; empty stays empty."""
    value = value or ""
    return "*" * max(len(value) - 3, 0) + value[-3:]


def mask_name(full_name: str) -> str:
    """'Nguyễn Văn An' -> 'N*** V*** An': the given name (last word) and initials only."""
    words = full_name.split()
    if not words:
        return ""
    return " ".join([f"{word[0]}***" for word in words[:-1]] + [words[-1]])
