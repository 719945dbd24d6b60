"""Satisfaction figures for the reports and the leaders' page: one aggregate query."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone

from agencies.models import Agency

from .models import Evaluation, Satisfaction

__all__ = ["satisfaction_by_agency", "satisfaction_figures"]


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


def satisfaction_by_agency(agency: Agency, start: datetime.date, end: datetime.date) -> dict:
    """Per agency of the subtree (id -> (satisfied_total, total)), counted as
    `satisfaction_figures` counts: one grouped query."""
    rows = (
        Evaluation.objects.filter(
            dossier__agency__path__startswith=agency.path,
            created_at__gte=_local_midnight(start),
            created_at__lt=_local_midnight(end + datetime.timedelta(days=1)),
        )
        .values("dossier__agency_id")
        .annotate(
            total=Count("pk"),
            happy=Count(
                "pk", filter=Q(choice__in=[Satisfaction.VERY_SATISFIED, Satisfaction.SATISFIED])
            ),
        )
        .order_by()
    )
    return {row["dossier__agency_id"]: (row["happy"], row["total"]) for row in rows}
