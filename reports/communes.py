"""The per-commune table of a province (or any agency with agencies under it): one line per
agency directly under it, rolled up over its own subtree, from the same classification as the
Biểu 06 table (reports.figures) and the same satisfaction count: three queries whatever the
number of communes (two when the report's groups are given)."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from agencies.models import Agency
from satisfaction.figures import counts_by_agency, happy_and_total

from . import figures as fig
from .formatting import Rate

SORT_KEYS = ("name", "received", "resolved", "on_time_rate", "online_rate", "satisfaction_rate")


@dataclass
class CommuneLine:
    agency_id: int
    name: str
    received: int = 0  # column 3
    resolved: int = 0  # column 7
    on_time: int = 0  # 8 + 9 + 12
    processed: int = 0  # 7 + 11
    online: int = 0  # column 4
    direct: int = 0  # column 5
    satisfied: int = 0
    evaluations: int = 0

    @property
    def on_time_rate(self) -> Rate:
        return Rate(self.on_time, self.processed)

    @property
    def online_rate(self) -> Rate:
        return Rate(self.online, self.online + self.direct)

    @property
    def satisfaction_rate(self) -> Rate:
        return Rate(self.satisfied, self.evaluations)

    def as_dict(self) -> dict:
        return asdict(self)


def commune_lines(
    agency: Agency,
    period: fig.Period,
    *,
    now: datetime.datetime,
    groups: list[dict] | None = None,
    satisfaction: dict[int, dict[str, int]] | None = None,
) -> list[CommuneLine]:
    """One line per agency directly under `agency` (none for a commune), by name.

    `groups`: the subtree's `figures.grouped` counts by agency_id (and more), when the caller
    has them already (the monthly report counts once, by agency and procedure, for both);
    `satisfaction`: likewise, `satisfaction.figures.counts_by_agency` of the subtree.
    """
    if agency.level == Agency.Level.COMMUNE:
        return []
    tree = list(Agency.objects.subtree(agency).values_list("pk", "parent_id", "name", "path"))
    lines = {pk: CommuneLine(pk, name) for pk, parent, name, _path in tree if parent == agency.pk}
    if not lines:
        return []
    prefixes = {f"{agency.path}{pk}/": pk for pk in lines}
    line_of = {}
    for pk, _parent, _name, path in tree:
        head = path[: path.index("/", len(agency.path)) + 1] if path != agency.path else ""
        if head in prefixes:
            line_of[pk] = lines[prefixes[head]]
    rows: dict[int, fig.Row] = {}
    if groups is None:
        groups = fig.grouped(list(line_of), period, now, "agency_id")
    for group in groups:
        if group["agency_id"] not in line_of:
            continue  # the agency's own dossiers, on no commune's line
        row = line_of[group["agency_id"]]
        fig.add_group(rows.setdefault(row.agency_id, fig.Row(row.agency_id, "")), group)
    for pk, row in rows.items():
        line = lines[pk]
        line.received, line.resolved, line.online, line.direct = (
            row.received, row.resolved, row.online, row.direct
        )  # fmt: skip
        line.on_time = row.early + row.on_time + row.within
        line.processed = row.resolved + row.pending
    if satisfaction is None:
        satisfaction = counts_by_agency(agency, period.start, period.end)
    for pk, counts in satisfaction.items():
        if pk in line_of:
            happy, total = happy_and_total(counts)
            line_of[pk].satisfied += happy
            line_of[pk].evaluations += total
    return sorted(lines.values(), key=lambda line: line.name)


def sort_lines(lines: list[CommuneLine], key: str, descending: bool) -> list[CommuneLine]:
    """Sorted by a column (rates by their value, undefined rates last)."""
    if key not in SORT_KEYS or key == "name":
        return sorted(lines, key=lambda line: line.name, reverse=descending)

    def value(line: CommuneLine) -> tuple:
        item = getattr(line, key)
        if isinstance(item, Rate):
            defined = item.defined
            number = item.numerator / item.denominator if defined else 0
            return (defined, number) if descending else (not defined, number)
        return (True, item) if descending else (False, item)

    return sorted(lines, key=value, reverse=descending)
