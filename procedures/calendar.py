"""The working-day calendar: due dates counted through office hours (shared/domain.md).

Days off and swapped working Saturdays come from the `Holiday` table only, never from the
`holidays` package (that one only fills the table, see `holiday_sync`).

One algorithm, without walking day by day. The table is read into a `WorkingDayIndex`: the
working days numbered in order, a day's *rank* being the number of working days before it.
Office time then is a number: a moment's *position* is its day's rank times the office day
(8 hours) plus the office time already elapsed that day. The office time between two moments
is the difference of their positions; `amount` after a moment is the earliest instant at its
position plus `amount`. The index stores the weeks the table touches; before and after them
only Monday to Friday work, so ranks there come from whole weeks: any date has a rank and any
rank a date, in constant time.

The table is kept per process and re-read when the version in Django's cache changes, which
`clear_cache()` bumps: an edit counts at once in its process, within a second in the others
(each reads the version at most once a second). `current()` is the calendar as it is now.

Boundaries: a count ends at the *earliest* instant at which the office time has elapsed. When
that instant closes a period, the answer is the closing time (17:00 or 11:30), never the next
opening (07:00 next working day, 13:30), which is the same office instant. So Monday 07:00 +
1 working day = Monday 17:00, and Tuesday 09:00 + 3 working days = Friday 09:00.
"""

import datetime
import logging
import time
import uuid
import zoneinfo
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Holiday, TimeUnit

log = logging.getLogger("motcua.calendar")
_VERSION_KEY = "procedures:calendar:version"
# Guard against a table that leaves no working day at all (ten years of days off).
_MAX_DAYS = 3660
_ZERO = datetime.timedelta(0)
_DAY = datetime.timedelta(days=1)
_WEEK = 7
_WORKDAYS_PER_WEEK = 5
_EMPTY_TABLE_MONDAY = datetime.date(2000, 1, 3)  # where the index of an empty table sits


class CalendarExhausted(ValidationError):
    """A due date past the holiday table's last year: the holidays there are unknown, so the
    date would silently count them as working days. An administrator extends the table."""


def _weeks(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=_WEEK * n)


class WorkingDayIndex:
    """The working days numbered in order: the Holiday table read once, asked in constant time.

    Stored for the whole weeks (Monday to Sunday) from the table's first row to its last;
    outside them every Monday to Friday is a working day and ranks are counted in weeks.
    """

    def __init__(
        self,
        days_off: frozenset[datetime.date],
        working_days: frozenset[datetime.date],
        covered_until: datetime.date | None = None,
    ) -> None:
        self.days_off = days_off
        self.working_days = working_days
        # The last day the table is known for (31 December of its last year); None: unchecked.
        self.covered_until = covered_until
        listed = days_off | working_days
        first, last = (min(listed), max(listed)) if listed else (_EMPTY_TABLE_MONDAY,) * 2
        self.first = first - datetime.timedelta(days=first.weekday())  # a Monday
        self.end = last + datetime.timedelta(days=_WEEK - last.weekday())  # the next Monday
        self.days: list[datetime.date] = []  # the stored working days, in order
        self._ranks: list[int] = []  # _ranks[k]: working days in [first, first + k days)
        day = self.first
        while day < self.end:
            self._ranks.append(len(self.days))
            if self.is_working_day(day):
                self.days.append(day)
            day += _DAY

    def is_working_day(self, day: datetime.date) -> bool:
        """Monday to Friday unless the table says day off; a weekend day the table says worked."""
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        return day.weekday() < _WORKDAYS_PER_WEEK

    def rank(self, day: datetime.date) -> int:
        """The working days before `day`, counted from the index's first Monday (negative
        before it). A working day's rank is its number; any other day has the next one's."""
        if day < self.first:
            weeks = -(-(self.first - day).days // _WEEK)
            monday = self.first - _weeks(weeks)
            return -_WORKDAYS_PER_WEEK * weeks + min((day - monday).days, _WORKDAYS_PER_WEEK)
        if day >= self.end:
            weeks, rest = divmod((day - self.end).days, _WEEK)
            return len(self.days) + _WORKDAYS_PER_WEEK * weeks + min(rest, _WORKDAYS_PER_WEEK)
        return self._ranks[(day - self.first).days]

    def day(self, rank: int) -> datetime.date:
        """The working day numbered `rank`: `day(rank(d))` is the first working day from `d`."""
        if 0 <= rank < len(self.days):
            return self.days[rank]
        if rank < 0:
            weeks, rest = divmod(rank, _WORKDAYS_PER_WEEK)
            return self.first + _weeks(weeks) + datetime.timedelta(days=rest)
        weeks, rest = divmod(rank - len(self.days), _WORKDAYS_PER_WEEK)
        return self.end + _weeks(weeks) + datetime.timedelta(days=rest)

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """The first working day strictly after `day`."""
        found = self.day(self.rank(day + _DAY))
        if (found - day).days >= _MAX_DAYS:
            raise ValueError(f"No working day within {_MAX_DAYS} days after {day}.")
        return found

    def add_working_days(self, day: datetime.date, n: int) -> datetime.date:
        """The n-th working day after `day` (`day` itself when n is 0)."""
        if n < 0:
            raise ValueError("n must not be negative.")
        if n == 0:
            return day
        first = self.next_working_day(day)
        return self.day(self.rank(first) + n - 1)


def _clock(moment: datetime.time) -> datetime.timedelta:
    """A time of day as the duration since midnight."""
    return datetime.timedelta(
        seconds=moment.hour * 3600 + moment.minute * 60 + moment.second,
        microseconds=moment.microsecond,
    )


class OfficeHours:
    """settings.OFFICE_HOURS in the office's time zone: the periods of a working day."""

    def __init__(self, periods: tuple[tuple[str, str], ...], time_zone: str) -> None:
        self.tz = zoneinfo.ZoneInfo(time_zone)
        self.periods = tuple(
            (datetime.time.fromisoformat(a), datetime.time.fromisoformat(b)) for a, b in periods
        )
        # (opens, opens as a duration since midnight, length) per period, in order
        self._spans = tuple(
            (opens, _clock(opens), _clock(closes) - _clock(opens)) for opens, closes in self.periods
        )
        self.day_length = sum((length for _o, _c, length in self._spans), _ZERO)
        self.opening = self.periods[0][0]
        self.closing = self.periods[-1][1]

    def local(self, moment: datetime.datetime) -> datetime.datetime:
        """`moment` in the office's time zone; a naive datetime is taken as office time."""
        if moment.tzinfo is None:
            return moment.replace(tzinfo=self.tz)
        return moment.astimezone(self.tz)

    def at(self, day: datetime.date, clock: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(day, clock, tzinfo=self.tz)

    def elapsed(self, clock: datetime.time) -> datetime.timedelta:
        """Office time of a working day before `clock`."""
        since_midnight, done = _clock(clock), _ZERO
        for _opens, start, length in self._spans:
            if since_midnight <= start:
                break
            done += min(since_midnight - start, length)
        return done

    def earliest(self, day: datetime.date, offset: datetime.timedelta) -> datetime.datetime:
        """The first instant of `day` with `offset` (0 < offset <= day length) elapsed."""
        for opens, _start, length in self._spans:
            if offset <= length:
                return self.at(day, opens) + offset
            offset -= length
        raise ValueError("offset is longer than the office day.")

    def in_office(self, clock: datetime.time) -> datetime.time | None:
        """`clock` itself when inside a period (its closing included), else the next opening
        that day (None after the last closing)."""
        for opens, closes in self.periods:
            if clock <= closes:
                return max(clock, opens)
        return None


@memoize
def _office_hours(periods: tuple[tuple[str, str], ...], time_zone: str) -> OfficeHours:
    return OfficeHours(periods, time_zone)


def office_hours() -> OfficeHours:
    """settings.OFFICE_HOURS and settings.TIME_ZONE, read as they are now."""
    return _office_hours(tuple(tuple(p) for p in settings.OFFICE_HOURS), settings.TIME_ZONE)


class WorkingCalendar:
    """Office time over the working days: every due-date answer, from positions."""

    def __init__(self, index: WorkingDayIndex, hours: OfficeHours) -> None:
        self.index = index
        self.hours = hours

    def position(self, moment: datetime.datetime) -> datetime.timedelta:
        """Office time from the index's first Monday to `moment` (negative before it)."""
        return self._position(self.hours.local(moment))

    def _position(self, local: datetime.datetime) -> datetime.timedelta:
        day = local.date()
        position = self.index.rank(day) * self.hours.day_length
        if self.index.is_working_day(day):
            position += self.hours.elapsed(local.time())
        return position

    def _earliest(self, position: datetime.timedelta) -> datetime.datetime:
        """The earliest instant at `position`: a closing time rather than the next opening."""
        rank, offset = divmod(position, self.hours.day_length)
        if not offset:
            rank, offset = rank - 1, self.hours.day_length
        return self.hours.earliest(self.index.day(rank), offset)

    def _next_office_instant(self, start: datetime.datetime) -> datetime.datetime:
        """`start` itself when in office hours (a closing time included), else the next opening."""
        day = start.date()
        if self.index.is_working_day(day):
            clock = self.hours.in_office(start.time())
            if clock == start.time():
                return start
            if clock is not None:
                return self.hours.at(day, clock)
        return self.hours.at(self.index.day(self.index.rank(day + _DAY)), self.hours.opening)

    def add_office_time(
        self, start: datetime.datetime, amount: datetime.timedelta
    ) -> datetime.datetime:
        """The moment `amount` of office time after `start` (earliest instant, see module doc)."""
        if amount < _ZERO:
            raise ValueError("amount must not be negative.")
        start = self.hours.local(start)
        if amount > _MAX_DAYS * self.hours.day_length:
            end = None
        elif amount:
            end = self._earliest(self._position(start) + amount)
        else:
            end = self._next_office_instant(start)
        if end is None or (end.date() - start.date()).days >= _MAX_DAYS:
            raise ValueError(f"No working day within {_MAX_DAYS} days after {start:%d/%m/%Y}.")
        return end

    def working_hours_between(
        self, a: datetime.datetime, b: datetime.datetime
    ) -> datetime.timedelta:
        """Office time from `a` to `b` (zero when b is not after a)."""
        a, b = self.hours.local(a), self.hours.local(b)
        if b <= a:
            return _ZERO
        return self._position(b) - self._position(a)

    def due_at(
        self,
        start: datetime.datetime,
        amount: int,
        unit: str,
        *,
        cutoff: datetime.time | None = None,
    ) -> datetime.datetime:
        """When a dossier accepted at `start` is due, as an aware datetime in office time.

        `unit` is a `TimeUnit`: working days (N x 8 office hours) and working hours count
        through office hours from `start`; "same_day" is due at closing time that day when
        accepted on a working day strictly before `cutoff` (default
        settings.SAME_DAY_DEFAULT_CUTOFF), else at closing time of the next working day.
        `amount` is ignored for "same_day".
        """
        start = self.hours.local(start)
        if unit == TimeUnit.SAME_DAY:
            if cutoff is None:
                cutoff = datetime.time.fromisoformat(settings.SAME_DAY_DEFAULT_CUTOFF)
            day = start.date()
            if not (self.index.is_working_day(day) and start.time() < cutoff):
                day = self.index.next_working_day(day)
            return self.hours.at(day, self.hours.closing)
        if amount < 0:
            raise ValueError("amount must not be negative.")
        if unit == TimeUnit.WORKING_DAYS:
            return self.add_office_time(start, amount * self.hours.day_length)
        if unit == TimeUnit.WORKING_HOURS:
            return self.add_office_time(start, datetime.timedelta(hours=amount))
        raise ValueError(f"Unknown time unit {unit!r}.")


_local: tuple[str, WorkingDayIndex] | None = None
_checked: tuple[float, str] | None = None  # (when, version): read again after a second
VERSION_CHECK_SECONDS = 1.0


def clear_cache() -> None:
    """Forget the holiday table in every process (called when a Holiday changes)."""
    global _local, _checked
    _local = _checked = None
    cache.set(_VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _index() -> WorkingDayIndex:
    """The holiday table, indexed: one cache read a second at most, one query when it changed."""
    global _local, _checked
    now = time.monotonic()
    recent = _checked is not None and now - _checked[0] < VERSION_CHECK_SECONDS
    if recent and _local is not None and _local[0] == _checked[1]:
        return _local[1]
    version = cache.get(_VERSION_KEY)
    if version is not None and _local is not None and _local[0] == version:
        _checked = (now, version)
        return _local[1]
    if version is None:
        cache.add(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(_VERSION_KEY)
    off, work = set(), set()
    for day, kind in Holiday.objects.values_list("date", "kind"):
        (work if kind == Holiday.Kind.WORKING_DAY else off).add(day)
    listed = off | work
    # No rows: Mondays to Fridays on purpose (a test database); the admin page warns of it.
    covered = datetime.date(max(listed).year, 12, 31) if listed else None
    index = WorkingDayIndex(frozenset(off), frozenset(work), covered)
    _local, _checked = ((version, index), (now, version)) if version else (None, None)
    return index


def current() -> WorkingCalendar:
    """The calendar for the table and settings as they are now (see module doc)."""
    return WorkingCalendar(_index(), office_hours())


def closing_time() -> datetime.time:
    """The end of the last office period (17:00)."""
    return office_hours().closing


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday unless the table says day off; a weekend day the table says worked."""
    return _index().is_working_day(day)


def next_working_day(day: datetime.date) -> datetime.date:
    """The first working day strictly after `day`."""
    return _index().next_working_day(day)


def add_working_days(day: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `day` (`day` itself when n is 0)."""
    return _index().add_working_days(day, n)


def add_office_time(start: datetime.datetime, amount: datetime.timedelta) -> datetime.datetime:
    """The moment `amount` of office time after `start` (earliest instant, see module doc)."""
    return current().add_office_time(start, amount)


def working_hours_between(a: datetime.datetime, b: datetime.datetime) -> datetime.timedelta:
    """Office time from `a` to `b` (zero when b is not after a)."""
    return current().working_hours_between(a, b)


def due_at(
    start: datetime.datetime,
    amount: int,
    unit: str,
    *,
    cutoff: datetime.time | None = None,
) -> datetime.datetime:
    """When a dossier accepted at `start` is due (WorkingCalendar.due_at says how).

    CalendarExhausted when that date is past the holiday table's last year: never a due date
    that silently counts unknown holidays as working days."""
    calendar = current()
    due = calendar.due_at(start, amount, unit, cutoff=cutoff)
    check_covered(calendar.index, calendar.hours.local(due).date())
    return due


def check_covered(index: WorkingDayIndex, day: datetime.date) -> None:
    """CalendarExhausted (logged as an error) when `day` is past the table's last year (an
    empty table is not checked)."""
    covered = index.covered_until
    if covered is None or day <= covered:
        return
    log.error("calendar.exhausted day=%s covered_until=%s", day, covered)
    message = _(
        "Bảng ngày nghỉ lễ chỉ có đến hết năm %(year)s, không tính được ngày hẹn trả "
        "%(day)s. Quản trị viên cần cập nhật bảng ngày nghỉ lễ."
    ) % {"year": covered.year, "day": f"{day:%d/%m/%Y}"}
    raise CalendarExhausted(message, code="calendar_exhausted")
