"""A lease that one process at a time holds, and that dies with its holder.

The outbox sweep takes one so that two sweeps never run together (beat queues one a minute, a
cron line may run the command meanwhile): the second returns at once. On PostgreSQL it is a
session advisory lock, released when the holder's connection closes, so a worker killed by
SIGKILL frees it. On SQLite (one machine) it is a lock on a file in the temporary folder,
released by the kernel when the process dies.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from django.db import connection

__all__ = ["held"]


@contextlib.contextmanager
def held(name: str) -> Iterator[bool]:
    """`with held("notifications-sweep") as mine:` mine is False when another process holds it."""
    if connection.vendor == "postgresql":
        with _advisory(name) as mine:
            yield mine
    else:
        with _file_lock(name) as mine:
            yield mine


@contextlib.contextmanager
def _advisory(name: str) -> Iterator[bool]:
    key = zlib.crc32(f"motcua:{name}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        (mine,) = cursor.fetchone()
    try:
        yield bool(mine)
    finally:
        if mine:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@contextlib.contextmanager
def _file_lock(name: str) -> Iterator[bool]:
    database = str(connection.settings_dict["NAME"])
    digest = hashlib.sha256(database.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"motcua-{name}-{digest}.lock"
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
