"""Satisfaction figures for the reports and the leaders' page: one query each."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone

from agencies.models import Agency

from .models import Evaluation, Satisfaction

__all__ = ["counts_by_agency", "happy_and_total", "satisfaction_figures"]


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())


def satisfaction_figures(agency: Agency, start: datetime.date, end: datetime.date) -> dict:
    """Evaluations of the agency's subtree made from `start` to `end` (local dates, inclusive).

    One aggregate query. Returns the count per choice (keys: the Satisfaction values), `total`,
    `satisfied_total` (very satisfied + satisfied), `rate` = satisfied_total / total as a
    Decimal fraction with 4 places, and `rate_percent` with 2 places; both None when total is 0.
    """
    counts = Evaluation.objects.filter(
        dossier__agency__path__startswith=agency.path,
        created_at__gte=_local_midnight(start),
        created_at__lt=_local_midnight(end + datetime.timedelta(days=1)),
    ).aggregate(
        total=Count("pk"),
        **{value: Count("pk", filter=Q(choice=value)) for value in Satisfaction.values},
    )
    total = counts["total"]
    happy = counts[Satisfaction.VERY_SATISFIED] + counts[Satisfaction.SATISFIED]
    rate = None
    rate_percent = None
    if total:
        fraction = Decimal(happy) / Decimal(total)
        rate = fraction.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        rate_percent = (fraction * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return {**counts, "satisfied_total": happy, "rate": rate, "rate_percent": rate_percent}


def counts_by_agency(agency: Agency, start: datetime.date, end: datetime.date) -> dict:
    """Per agency of the subtree: id -> {choice: count}, the evaluations `satisfaction_figures`
    counts, in one grouped query (the monthly report sums them for the whole subtree too)."""
    rows = (
        Evaluation.objects.filter(
            dossier__agency__path__startswith=agency.path,
            created_at__gte=_local_midnight(start),
            created_at__lt=_local_midnight(end + datetime.timedelta(days=1)),
        )
        .values("dossier__agency_id", "choice")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        line = counts.setdefault(row["dossier__agency_id"], dict.fromkeys(Satisfaction.values, 0))
        line[row["choice"]] += row["n"]
    return counts


def happy_and_total(counts: dict[str, int]) -> tuple[int, int]:
    """(very satisfied + satisfied, all) of one agency's counts."""
    happy = counts[Satisfaction.VERY_SATISFIED] + counts[Satisfaction.SATISFIED]
    return happy, sum(counts.values())
