"""The working-day calendar: due dates counted through office hours (shared/domain.md).

Days off and swapped working Saturdays come from the `Holiday` table only, never from the
`holidays` package (that one only fills the table, see `holiday_sync`).

The table is kept per process and re-read when the version stored in Django's cache changes;
`clear_cache()` bumps that version, so an administrator's edit counts at once in every process.

Boundaries: a count ends at the *earliest* instant at which the office time has elapsed. When
that instant closes a period, the answer is the closing time (17:00 or 11:30), never the next
opening (07:00 next working day, 13:30), which is the same office instant. So Monday 07:00 +
1 working day = Monday 17:00, and Tuesday 09:00 + 3 working days = Friday 09:00.
"""

import datetime
import uuid
import zoneinfo
from dataclasses import dataclass
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache

from .models import Holiday, TimeUnit

_VERSION_KEY = "procedures:calendar:version"
# Guard against a table that leaves no working day at all (ten years of days off).
_MAX_DAYS = 3660
_ZERO = datetime.timedelta(0)


@dataclass(frozen=True)
class _Days:
    days_off: frozenset[datetime.date]
    working_days: frozenset[datetime.date]

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        return day.weekday() < 5


_local: tuple[str, _Days] | None = None


def clear_cache() -> None:
    """Forget the holiday table in every process (called when a Holiday changes)."""
    global _local
    _local = None
    cache.set(_VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _days() -> _Days:
    """The holiday table: one cache read, and one query when it changed."""
    global _local
    version = cache.get(_VERSION_KEY)
    if version is not None and _local is not None and _local[0] == version:
        return _local[1]
    if version is None:
        cache.add(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(_VERSION_KEY)
    off, work = set(), set()
    for day, kind in Holiday.objects.values_list("date", "kind"):
        (work if kind == Holiday.Kind.WORKING_DAY else off).add(day)
    days = _Days(frozenset(off), frozenset(work))
    _local = (version, days) if version is not None else None
    return days


@memoize
def _periods(
    office_hours: tuple[tuple[str, str], ...],
) -> tuple[tuple[datetime.time, datetime.time], ...]:
    return tuple(
        (datetime.time.fromisoformat(a), datetime.time.fromisoformat(b)) for a, b in office_hours
    )


def _office_periods() -> tuple[tuple[datetime.time, datetime.time], ...]:
    """settings.OFFICE_HOURS as time pairs, in order."""
    return _periods(tuple(tuple(p) for p in settings.OFFICE_HOURS))


def _tz() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _local_time(moment: datetime.datetime) -> datetime.datetime:
    """`moment` in the office's time zone; a naive datetime is taken as office time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=_tz())
    return moment.astimezone(_tz())


def _at(day: datetime.date, clock: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, clock, tzinfo=_tz())


def _day_length() -> datetime.timedelta:
    day = datetime.date.min
    return sum(
        (
            datetime.datetime.combine(day, b) - datetime.datetime.combine(day, a)
            for a, b in _office_periods()
        ),
        _ZERO,
    )


def closing_time() -> datetime.time:
    """The end of the last office period (17:00)."""
    return _office_periods()[-1][1]


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday unless the table says day off; a weekend day the table says worked."""
    return _days().is_working_day(day)


def next_working_day(day: datetime.date) -> datetime.date:
    """The first working day strictly after `day`."""
    return _next_working_day(_days(), day)


def _next_working_day(days: _Days, day: datetime.date) -> datetime.date:
    for offset in range(1, _MAX_DAYS):
        candidate = day + datetime.timedelta(days=offset)
        if days.is_working_day(candidate):
            return candidate
    raise ValueError(f"No working day within {_MAX_DAYS} days after {day}.")


def add_working_days(day: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `day` (`day` itself when n is 0)."""
    if n < 0:
        raise ValueError("n must not be negative.")
    days = _days()
    for _ in range(n):
        day = _next_working_day(days, day)
    return day


def add_office_time(start: datetime.datetime, amount: datetime.timedelta) -> datetime.datetime:
    """The moment `amount` of office time after `start` (earliest instant, see module doc)."""
    if amount < _ZERO:
        raise ValueError("amount must not be negative.")
    start = _local_time(start)
    days = _days()
    remaining = amount
    day = start.date()
    for _ in range(_MAX_DAYS):
        if days.is_working_day(day):
            for opens, closes in _office_periods():
                begin = max(_at(day, opens), start)
                end = _at(day, closes)
                if begin > end:
                    continue
                if remaining <= end - begin:
                    return begin + remaining
                remaining -= end - begin
        day += datetime.timedelta(days=1)
    raise ValueError(f"No working day within {_MAX_DAYS} days after {start:%d/%m/%Y}.")


def working_hours_between(a: datetime.datetime, b: datetime.datetime) -> datetime.timedelta:
    """Office time from `a` to `b` (zero when b is not after a)."""
    a, b = _local_time(a), _local_time(b)
    total = _ZERO
    if b <= a:
        return total
    days = _days()
    day = a.date()
    while day <= b.date():
        if days.is_working_day(day):
            for opens, closes in _office_periods():
                begin, end = max(_at(day, opens), a), min(_at(day, closes), b)
                if end > begin:
                    total += end - begin
        day += datetime.timedelta(days=1)
    return total


def due_at(
    start: datetime.datetime,
    amount: int,
    unit: str,
    *,
    cutoff: datetime.time | None = None,
) -> datetime.datetime:
    """When a dossier accepted at `start` is due, as an aware datetime in office time.

    `unit` is a `TimeUnit`: working days (N x 8 office hours) and working hours count through
    office hours from `start`; "same_day" is due at closing time that day when accepted on a
    working day strictly before `cutoff` (default settings.SAME_DAY_DEFAULT_CUTOFF), else at
    closing time of the next working day. `amount` is ignored for "same_day".
    """
    start = _local_time(start)
    if unit == TimeUnit.SAME_DAY:
        if cutoff is None:
            cutoff = datetime.time.fromisoformat(settings.SAME_DAY_DEFAULT_CUTOFF)
        days = _days()
        day = start.date()
        if not (days.is_working_day(day) and start.time() < cutoff):
            day = _next_working_day(days, day)
        return _at(day, closing_time())
    if amount < 0:
        raise ValueError("amount must not be negative.")
    if unit == TimeUnit.WORKING_DAYS:
        return add_office_time(start, amount * _day_length())
    if unit == TimeUnit.WORKING_HOURS:
        return add_office_time(start, datetime.timedelta(hours=amount))
    raise ValueError(f"Unknown time unit {unit!r}.")
