"""The trend of the monthly report: each month's online dossiers per level and on-time rate.

Each month is judged exactly as `figures.table` judges it (its own start, end and as-of), in
one query for all the months asked (reports.monthly asks only for months not frozen).
"""

import datetime
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from django.db.models import Count, Q

from dossiers.models import Channel, Dossier
from procedures.models import OnlineLevel

from .figures import (
    EARLY,
    ON_TIME,
    WITHIN,
    _ended_at,
    _in_table,
    _judged_on,
    _local_date,
    _outcome,
    as_of,
)
from .levels import full_766
from .period import Period


@dataclass
class TrendPoint:
    """One month of the trend chart: online dossiers per level, and the on-time rate."""

    month: str  # "2026-10"
    online: int = 0  # column 4
    online_partial: int = 0
    online_full: int = 0
    on_time: int = 0  # early + on time + within the deadline
    processed: int = 0  # resolved + still processing (column 3)
    frozen: bool = field(default=False, compare=False)

    def as_dict(self) -> dict:
        return asdict(self)


def trend(
    agency_ids: Sequence[int], months: Sequence[Period], *, now: datetime.datetime
) -> list[TrendPoint]:
    """For each month: online dossiers (column 4) and per level, and on-time = 8 + 9 + 12 over
    column 3. One query.

    Each month is judged exactly as `table` judges it (its own S, E and as_of).
    """
    if not months:
        return []
    first, last = months[0], months[-1]
    dossiers = (
        Dossier.objects.filter(agency_id__in=list(agency_ids))
        .alias(ended_at=_ended_at())
        .filter(_in_table(first.starts_at, last.ends_before))
        .alias(finished_on=_judged_on(), due_on=_local_date("original_due_at"))
    )
    aggregates = {}
    for i, month in enumerate(months):
        dossiers = dossiers.alias(**{f"o{i}": _outcome(month.ends_before, as_of(month, now))})
        in_month = _in_table(month.starts_at, month.ends_before)
        online = Q(
            accepted_at__gte=month.starts_at,
            accepted_at__lt=month.ends_before,
            channel=Channel.ONLINE,
        )
        aggregates[f"online{i}"] = Count("pk", filter=online)
        aggregates[f"processed{i}"] = Count("pk", filter=in_month)
        aggregates[f"on_time{i}"] = Count(
            "pk", filter=in_month & Q(**{f"o{i}__in": (EARLY, ON_TIME, WITHIN)})
        )
        full = full_766(month.ends_before)
        levels = Q(online_level__in=OnlineLevel.values)
        aggregates[f"partial{i}"] = Count("pk", filter=online & levels & ~full)
        aggregates[f"full{i}"] = Count("pk", filter=online & full)
    counts = dossiers.aggregate(**aggregates)
    return [
        TrendPoint(
            month=month.key,
            online=counts[f"online{i}"],
            online_partial=counts[f"partial{i}"],
            online_full=counts[f"full{i}"],
            on_time=counts[f"on_time{i}"],
            processed=counts[f"processed{i}"],
        )
        for i, month in enumerate(months)
    ]
