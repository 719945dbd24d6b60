"""The index of the SMS file backend: which keys a day's file already holds, in constant time.

Beside `sms-YYYY-MM-DD.jsonl` lives `sms-YYYY-MM-DD.keys.sqlite3`: the keys written, and how
many bytes of the file they cover. The caller holds the exclusive lock on the day's file, so
one process at a time reads or writes either. The file stays the truth: lines the index does
not cover yet (a process killed between writing its line and recording the key, or a file
written before the index existed) are read into the index when it is next opened, so a killed
worker's message is still recognised when its row is sent again.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from pathlib import Path
from types import TracebackType

logger = logging.getLogger(__name__)

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS sent (key TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS covered (id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER)",
    "INSERT OR IGNORE INTO covered (id, size) VALUES (1, 0)",
)


def index_path(day_file: Path) -> Path:
    return day_file.with_name(day_file.name.removesuffix(".jsonl") + ".keys.sqlite3")


class SentKeys:
    """`with SentKeys(day_file) as sent: key in sent; sent.add(key, size=...)`."""

    def __init__(self, day_file: Path) -> None:
        self.day_file = day_file
        self.db: sqlite3.Connection | None = None

    def __enter__(self) -> SentKeys:
        self.db = _open(index_path(self.day_file))
        self._catch_up()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if error is not None:  # opened afresh next time
            _forget(index_path(self.day_file))
        self.db = None

    def __contains__(self, key: str) -> bool:
        assert self.db is not None
        return self.db.execute("SELECT 1 FROM sent WHERE key = ?", (key,)).fetchone() is not None

    def add(self, key: str, *, size: int) -> None:
        """Record `key`, written by the caller; the day's file is now `size` bytes long."""
        assert self.db is not None
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("INSERT OR IGNORE INTO sent (key) VALUES (?)", (key,))
            self.db.execute("UPDATE covered SET size = ? WHERE id = 1", (size,))

    def _catch_up(self) -> None:
        """Index the lines written after the covered size (usually none: a stat and a query)."""
        assert self.db is not None
        (covered,) = self.db.execute("SELECT size FROM covered WHERE id = 1").fetchone()
        size = self.day_file.stat().st_size if self.day_file.exists() else 0
        if size == covered:
            return
        if size < covered:  # the file was cut or replaced by hand: start again from its start
            logger.warning("sms.file.index_rebuilt file=%s", self.day_file)
            self.db.execute("DELETE FROM sent")
            covered = 0
        with open(self.day_file, "rb") as source:
            source.seek(covered)
            tail = source.read()
        complete = tail[: tail.rfind(b"\n") + 1]
        keys = [_key_of(line) for line in complete.splitlines()]
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT OR IGNORE INTO sent (key) VALUES (?)", [(key,) for key in keys if key]
            )
            self.db.execute("UPDATE covered SET size = ? WHERE id = 1", (covered + len(complete),))
        if keys:
            logger.info("sms.file.index_caught_up file=%s lines=%s", self.day_file, len(keys))


# One open index per process (the day's, by path): opening one and closing it costs a WAL
# checkpoint, i.e. disk syncs, per message. The pid tells a forked worker child to open its own.
_OPEN: dict[Path, tuple[int, sqlite3.Connection]] = {}


def _open(path: Path) -> sqlite3.Connection:
    held = _OPEN.get(path)
    if held is not None and held[0] == os.getpid():
        return held[1]
    for other in [p for p, (pid, _db) in _OPEN.items() if p != path or pid != os.getpid()]:
        pid, db = _OPEN.pop(other)
        if pid == os.getpid():
            db.close()
    try:
        db = _connect(path)
    except sqlite3.DatabaseError:  # not an index any more (a crash, a hand): made again
        logger.warning("sms.file.index_rebuilt index=%s", path)
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        db = _connect(path)
    _OPEN[path] = (os.getpid(), db)
    return db


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    try:
        # WAL without a sync per message: the day's file, not the index, is the record.
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        for statement in _SCHEMA:
            db.execute(statement)
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _forget(path: Path) -> None:
    held = _OPEN.pop(path, None)
    if held is not None and held[0] == os.getpid():
        held[1].close()


def _key_of(line: bytes) -> str:
    try:
        return str(json.loads(line).get("key") or "")
    except (ValueError, AttributeError):
        return ""
