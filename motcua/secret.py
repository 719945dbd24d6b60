"""The development secret key: random, made once into a git-ignored file, then reused.

With DEBUG on and no SECRET_KEY, the key is read from SECRET_KEY_FILE (default
`var/secret_key` beside manage.py; `var/` is git-ignored). The first process that finds no file
writes a new random key there (mode 600); every later start reads the same one, so sessions
and signed links (rating links) survive a restart, and no key that anyone can read in the code
ever signs anything. Production sets SECRET_KEY itself (settings refuse to start without it).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

__all__ = ["development_secret_key"]


def _read(path: Path) -> str:
    key = path.read_text(encoding="utf-8").strip()
    if not key:
        raise ImproperlyConfigured(
            f"{path} is empty: delete it, a new key is made at the next start."
        )
    return key


def development_secret_key(where: str | os.PathLike[str]) -> str:
    """The key kept in `where`; a new random one written there first if there is none."""
    path = Path(str(where))
    with contextlib.suppress(FileNotFoundError):
        return _read(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole under a temporary name, then linked: a process starting at the same moment
    # never reads half a key, and only one of two new keys is kept.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(get_random_secret_key() + "\n")
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process wrote it first: use theirs
    finally:
        temporary.unlink()
    return _read(path)
