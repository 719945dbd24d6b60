"""A province-scale dataset: communes, people and dossier histories, written in bulk.

For benchmarks and demonstrations (`make bench`, bench/generate.py), never for production
data. On PostgreSQL rows go in with COPY, elsewhere with executemany, in batches
(bench/bulk.py). Histories (bench/histories.py) span `months` months ending today; due dates
come from the app's own working-day calendar (procedures.calendar).
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db import connection, connections, transaction
from django.utils import timezone

from dossiers.models import DailySequence, Dossier, DossierEvent, SupplementRequest
from procedures.models import Procedure
from satisfaction.models import Evaluation

from . import people
from .bulk import (
    DOSSIER_COLUMNS,
    EVALUATION_COLUMNS,
    EVENT_COLUMNS,
    BulkWriter,
    next_id,
    reset_sequence,
)
from .histories import Drawn, Histories, Waiting

Progress = Callable[[int, int, float], None]  # (dossiers written, dossiers asked, seconds)


@dataclass
class Plan:
    dossiers: int
    communes: int
    months: int
    seed: int = 2026
    batch: int = 50_000
    events: bool = True


@dataclass
class Result:
    dossiers: int
    events: int
    evaluations: int
    seconds: float


def generate(
    plan: Plan, *, now: datetime.datetime | None = None, progress: Progress | None = None
) -> Result:
    """Fill the database; refuses communes that already have dossiers (use a fresh database)."""
    began = time.monotonic()
    now = now or timezone.now()
    rng = random.Random(plan.seed)
    procedures = list(Procedure.objects.select_related("field").filter(is_active=True))
    if not procedures:
        raise RuntimeError("No procedure: run `manage.py load_catalog` first.")
    histories = _cast(plan, rng, procedures, now)
    store = _Store(plan, began, progress)
    _draw(plan, rng, histories, store)
    _close(histories, store.waiting)
    return Result(store.dossiers, store.events, store.evaluations, time.monotonic() - began)


def _first_day(now: datetime.datetime, months: int) -> datetime.date:
    """The first day of the `months`-th month back, this month counted."""
    today = timezone.localtime(now).date()
    first = datetime.date(today.year, today.month, 1)
    for _ in range(months - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return first


def _cast(
    plan: Plan, rng: random.Random, procedures: list[Procedure], now: datetime.datetime
) -> Histories:
    """The communes and the people, saved; the histories to draw for them."""
    with transaction.atomic():
        top = people.province()
        communes = people.communes(top, plan.communes)
        if Dossier.objects.filter(agency__in=communes).exists():
            raise RuntimeError(
                "These communes have dossiers already: generate into a fresh database."
            )
        citizens, officers = people.people(
            rng, top, communes, max(100, min(200_000, plan.dossiers // 20))
        )
    start = _first_day(now, plan.months)
    return Histories(rng, procedures, communes, officers, citizens, start, now)


@dataclass
class _Store:
    """Writes drawn batches, one transaction each, and counts what it wrote."""

    plan: Plan
    began: float
    progress: Progress | None
    dossiers: int = 0
    events: int = 0
    evaluations: int = 0
    waiting: list[Waiting] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.dossier_writer = BulkWriter(Dossier, DOSSIER_COLUMNS)
        self.event_writer = BulkWriter(DossierEvent, EVENT_COLUMNS)
        self.evaluation_writer = BulkWriter(Evaluation, EVALUATION_COLUMNS)

    def __call__(self, drawn: list[Drawn]) -> None:
        with transaction.atomic():
            self.dossiers += self.dossier_writer.write(row for row, _e, _v, _w in drawn)
            if self.plan.events:
                self.events += self.event_writer.write(e for _r, e, _v, _w in drawn if e)
            self.evaluations += self.evaluation_writer.write(v for _r, _e, v, _w in drawn if v)
        if self.progress:
            self.progress(self.dossiers, self.plan.dossiers, time.monotonic() - self.began)


def _batches(total: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, total, size):
        yield start, min(size, total - start)


def _draw(plan: Plan, rng: random.Random, histories: Histories, store: _Store) -> None:
    """Draw the dossiers batch by batch and store each batch.

    On PostgreSQL a second thread (its own connection) COPYs one batch while this one draws
    the next: the database's work (indexes) and Python's overlap on two cores. Not inside a
    transaction (a test's): the other thread would not see its rows."""
    first_pk = next_id(Dossier)
    pipelined = connection.vendor == "postgresql" and not connection.in_atomic_block
    pool = ThreadPoolExecutor(max_workers=1) if pipelined else None
    pending: Future | None = None
    try:
        for offset, size in _batches(plan.dossiers, plan.batch):
            drawn = [
                histories.one(first_pk + offset + i, (offset + i + rng.random()) / plan.dossiers)
                for i in range(size)
            ]
            store.waiting.extend(w for _r, _e, _v, w in drawn if w)
            if pool is None:
                store(drawn)
                continue
            if pending is not None:
                pending.result()
            pending = pool.submit(store, drawn)
        if pending is not None:
            pending.result()
    finally:
        if pool is not None:
            pool.submit(connections.close_all).result()
            pool.shutdown()


def _close(histories: Histories, waiting: list[Waiting]) -> None:
    """The open supplement requests, the daily code sequences (a real submission continues
    after the generated codes), the id sequences and fresh planner statistics."""
    with transaction.atomic():
        SupplementRequest.objects.bulk_create(
            [
                SupplementRequest(
                    dossier_id=pk,
                    other_missing="Bản chụp rõ nét giấy tờ tùy thân",
                    note="Vui lòng bổ sung bản chụp rõ nét.",
                    deadline=(asked + datetime.timedelta(days=7)).date(),
                    requested_by_id=officer,
                    requested_at=asked,
                )
                for pk, officer, asked in waiting
            ],
            batch_size=5000,
        )
        DailySequence.objects.bulk_create(
            [
                DailySequence(agency_id=agency_id, day=day, last_value=value)
                for (agency_id, day), value in histories.codes.items()
            ],
            batch_size=5000,
            update_conflicts=True,
            unique_fields=["agency", "day"],
            update_fields=["last_value"],
        )
        for model in (Dossier, DossierEvent, Evaluation):
            reset_sequence(model)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, or the planner guesses badly
