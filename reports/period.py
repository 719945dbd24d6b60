"""A period of the report: local dates [start, end] in the site's time zone (Asia/Ho_Chi_Minh).

Every figure of the report is for a Period (reports.figures says which moments fall in it);
the monthly report, its frozen versions and the trend are for calendar months.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings

__all__ = ["YEARS", "Period", "site_tz"]

# The years a report can be asked for (an address with another year is not found).
YEARS = range(2000, 2101)


def site_tz() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True, order=True)
class Period:
    """Local dates [start, end], both inclusive."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("A period cannot end before it starts.")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = datetime.date(year, month, 1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return cls(first, following - datetime.timedelta(days=1))

    @classmethod
    def parse_month(cls, text: str) -> Period:
        """'2026-10' -> October 2026; ValueError otherwise, and for a year outside YEARS."""
        year, _sep, month = text.strip().partition("-")
        if not (len(year) == 4 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
            raise ValueError(f"Not a month (YYYY-MM): {text!r}")
        if int(year) not in YEARS:
            raise ValueError(f"No report for {text!r}: years {YEARS.start}..{YEARS.stop - 1}.")
        return cls.month(int(year), int(month))

    @property
    def is_month(self) -> bool:
        return self.start.day == 1 and self == Period.month(self.start.year, self.start.month)

    @property
    def starts_at(self) -> datetime.datetime:
        """S: local midnight at the start of the first day."""
        return datetime.datetime.combine(self.start, datetime.time.min, tzinfo=site_tz())

    @property
    def ends_before(self) -> datetime.datetime:
        """E: local midnight after the last day (the period is S <= t < E)."""
        day_after = self.end + datetime.timedelta(days=1)
        return datetime.datetime.combine(day_after, datetime.time.min, tzinfo=site_tz())

    def previous_months(self, count: int) -> list[Period]:
        """The `count` calendar months ending with this period's month, oldest first."""
        year, month = self.end.year, self.end.month
        months = []
        for _ in range(count):
            months.append(Period.month(year, month))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return months[::-1]

    @property
    def key(self) -> str:
        """'2026-10' for a calendar month."""
        return f"{self.start:%Y-%m}"
