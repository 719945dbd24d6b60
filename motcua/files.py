"""Stored files follow the database transaction that wrote them: no orphan file, ever.

A file saved inside a transaction is kept when the transaction commits and deleted when it
rolls back (the transaction, or the savepoint the file was saved in): a request that fails after
its uploads were written leaves nothing on disk. Outside a transaction a file is simply kept.

How: each save hands `transaction.on_commit` a small object. Django calls it at commit, which
marks the file kept; on rollback Django drops its list of callbacks unrun, and as nothing else
refers to the object, it is freed then and there, which deletes the file (CPython frees an
object when its last reference goes). Django has no rollback hook; this is the one it offers.
"""

from __future__ import annotations

import logging

from django.core.files.base import File
from django.core.files.storage import Storage
from django.db import transaction

__all__ = ["KeptOnCommitMixin", "keep_only_on_commit"]

logger = logging.getLogger(__name__)


class _DeleteUnlessCommitted:
    __slots__ = ("committed", "name", "storage")

    def __init__(self, storage: Storage, name: str) -> None:
        self.storage = storage
        self.name = name
        self.committed = False

    def __call__(self) -> None:
        self.committed = True

    def __del__(self) -> None:
        if self.committed:
            return
        try:
            self.storage.delete(self.name)
        except Exception:  # never raise from a finaliser; the file is reported instead
            logger.exception("file.rollback_delete_failed name=%s", self.name)
        else:
            logger.info("file.removed_on_rollback name=%s", self.name)


def keep_only_on_commit(storage: Storage, name: str) -> None:
    """Delete `name` from `storage` if the transaction open now rolls back."""
    transaction.on_commit(_DeleteUnlessCommitted(storage, name))


class KeptOnCommitMixin:
    """For a Storage: every file it saves is kept only if its transaction commits."""

    def _save(self, name: str, content: File) -> str:
        name = super()._save(name, content)  # type: ignore[misc]
        keep_only_on_commit(self, name)  # type: ignore[arg-type]
        return name
