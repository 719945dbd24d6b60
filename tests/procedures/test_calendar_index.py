"""The working-day index against the straightforward calendar: a walk, day by day and period by
period, over the same Holiday table (the oracle below, written without ranks or positions).

The table holds the Vietnamese holidays of 2024-2030 (Tết, swapped Saturdays, days in lieu)
and a few manual rows at its edges, and moments are drawn from 2022 to 2032: inside the stored
weeks and outside them, where ranks are counted in whole weeks.
"""

import datetime
import random
import zoneinfo
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.conf import settings as django_settings

from procedures import calendar
from procedures.holiday_sync import sync_holidays
from procedures.models import Holiday

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
FIRST, LAST = datetime.date(2022, 1, 1), datetime.date(2032, 12, 31)
UNITS = ["working_days", "working_hours", "same_day"]
CUTOFFS = [None, datetime.time(15), datetime.time(11), datetime.time(16, 30)]
MANUAL = [
    (datetime.date(2023, 12, 31), Holiday.Kind.WORKING_DAY),  # a Sunday, before the package's
    (datetime.date(2031, 3, 3), Holiday.Kind.DAY_OFF),  # a Monday, after them
    (datetime.date(2031, 3, 8), Holiday.Kind.WORKING_DAY),  # a Saturday, the table's last row
]
PROPERTY = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@dataclass
class Walk:
    """The calendar counted the long way: every day from the start, every office period."""

    days_off: set[datetime.date]
    working_days: set[datetime.date]

    @classmethod
    def from_table(cls) -> "Walk":
        rows = list(Holiday.objects.values_list("date", "kind"))
        return cls(
            {day for day, kind in rows if kind == Holiday.Kind.DAY_OFF},
            {day for day, kind in rows if kind == Holiday.Kind.WORKING_DAY},
        )

    @property
    def periods(self) -> list[tuple[datetime.time, datetime.time]]:
        return [
            (datetime.time.fromisoformat(a), datetime.time.fromisoformat(b))
            for a, b in django_settings.OFFICE_HOURS
        ]

    def works(self, day: datetime.date) -> bool:
        if day in self.working_days:
            return True
        return day not in self.days_off and day.weekday() < 5

    def next_working_day(self, day: datetime.date) -> datetime.date:
        day += datetime.timedelta(days=1)
        while not self.works(day):
            day += datetime.timedelta(days=1)
        return day

    def add_working_days(self, day: datetime.date, n: int) -> datetime.date:
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def add_office_time(
        self, start: datetime.datetime, amount: datetime.timedelta
    ) -> datetime.datetime:
        start, remaining, day = start.astimezone(VN), amount, start.astimezone(VN).date()
        while True:
            if self.works(day):
                for opens, closes in self.periods:
                    begin = max(datetime.datetime.combine(day, opens, tzinfo=VN), start)
                    end = datetime.datetime.combine(day, closes, tzinfo=VN)
                    if begin > end:
                        continue
                    if remaining <= end - begin:
                        return begin + remaining
                    remaining -= end - begin
            day += datetime.timedelta(days=1)

    def working_hours_between(
        self, a: datetime.datetime, b: datetime.datetime
    ) -> datetime.timedelta:
        total, day = datetime.timedelta(0), a.astimezone(VN).date()
        while day <= b.astimezone(VN).date():
            if self.works(day):
                for opens, closes in self.periods:
                    begin = max(datetime.datetime.combine(day, opens, tzinfo=VN), a)
                    end = min(datetime.datetime.combine(day, closes, tzinfo=VN), b)
                    total += max(end - begin, datetime.timedelta(0))
            day += datetime.timedelta(days=1)
        return total

    def due_at(self, start, amount, unit, cutoff=None) -> datetime.datetime:
        start = start.astimezone(VN)
        if unit == "same_day":
            day = start.date()
            if not (self.works(day) and start.time() < (cutoff or datetime.time(15))):
                day = self.next_working_day(day)
            return datetime.datetime.combine(day, self.periods[-1][1], tzinfo=VN)
        hours = amount * 8 if unit == "working_days" else amount
        return self.add_office_time(start, datetime.timedelta(hours=hours))


@pytest.fixture
def walk(db) -> Walk:
    sync_holidays(2024, 2030)
    for day, kind in MANUAL:
        Holiday.objects.update_or_create(
            date=day, defaults={"name": "Thủ công", "kind": kind, "is_manual": True}
        )
    return Walk.from_table()


def moments(day: datetime.date, clock: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, clock, tzinfo=VN)


clocks = st.one_of(
    st.sampled_from([datetime.time(h, m) for h in (0, 7, 11, 13, 17, 23) for m in (0, 30)]),
    st.times(),
)
days = st.dates(FIRST, LAST)
instants = st.builds(moments, days, clocks)


def test_the_table_has_tet_and_swapped_saturdays(walk):
    assert datetime.date(2026, 2, 17) in walk.days_off  # Tết Bính Ngọ
    assert datetime.date(2030, 2, 4) in walk.days_off  # Tết Canh Tuất
    assert {datetime.date(2024, 5, 4), datetime.date(2026, 8, 22)} <= walk.working_days


def test_random_moments_agree_with_the_walk(walk):
    """3000 moments of 2022-2032, as the dataset's copy of the calendar was once checked."""
    rng = random.Random(7)
    for _ in range(3000):
        day = FIRST + datetime.timedelta(days=rng.randrange((LAST - FIRST).days - 400))
        moment = moments(
            day,
            datetime.time(
                rng.randrange(24), rng.choice([0, 30, rng.randrange(60)]), rng.randrange(60)
            ),
        )
        unit = rng.choice(UNITS)
        amount = rng.randrange(0, 15)
        cutoff = rng.choice(CUTOFFS)
        expected = walk.due_at(moment, amount, unit, cutoff)
        assert calendar.due_at(moment, amount, unit, cutoff=cutoff) == expected, (
            moment,
            amount,
            unit,
            cutoff,
        )


@PROPERTY
@given(start=instants, amount=st.integers(0, 60), unit=st.sampled_from(UNITS))
def test_due_at(walk, start, amount, unit):
    """The algorithm, also past the table's last year (`calendar.due_at` refuses those dates:
    test_calendar_coverage.py)."""
    cutoff = CUTOFFS[amount % len(CUTOFFS)]
    assert calendar.current().due_at(start, amount, unit, cutoff=cutoff) == walk.due_at(
        start, amount, unit, cutoff
    )


@PROPERTY
@given(start=instants, minutes=st.integers(0, 40 * 8 * 60), seconds=st.integers(0, 59))
def test_add_office_time(walk, start, minutes, seconds):
    amount = datetime.timedelta(minutes=minutes, seconds=seconds)
    assert calendar.add_office_time(start, amount) == walk.add_office_time(start, amount)


@PROPERTY
@given(a=instants, hours=st.integers(-48, 24 * 120), b_clock=clocks)
def test_working_hours_between(walk, a, hours, b_clock):
    b = moments((a + datetime.timedelta(hours=hours)).date(), b_clock)
    expected = walk.working_hours_between(a, b) if b > a else datetime.timedelta(0)
    assert calendar.working_hours_between(a, b) == expected
    assert calendar.working_hours_between(b.astimezone(datetime.UTC), a) == (
        walk.working_hours_between(b, a) if a > b else datetime.timedelta(0)
    )


@PROPERTY
@given(day=days, n=st.integers(0, 300))
def test_working_days(walk, day, n):
    assert calendar.is_working_day(day) is walk.works(day)
    assert calendar.next_working_day(day) == walk.next_working_day(day)
    assert calendar.add_working_days(day, n) == walk.add_working_days(day, n)


def test_ranks_and_days_are_inverse_inside_and_outside_the_stored_weeks(walk):
    index = calendar.current().index
    assert index.first <= datetime.date(2023, 12, 31) and index.end > datetime.date(2031, 3, 8)
    day = FIRST
    while day <= LAST:
        first_working = day if walk.works(day) else walk.next_working_day(day)
        assert index.day(index.rank(day)) == first_working, day
        day += datetime.timedelta(days=1)
    ranks = range(index.rank(FIRST) - 20, index.rank(LAST) + 20)
    assert [index.rank(index.day(r)) for r in ranks] == list(ranks)


def test_an_empty_table_counts_mondays_to_fridays(db):
    Holiday.objects.all().delete()
    index = calendar.current().index
    monday = datetime.date(2026, 3, 2)
    assert [index.day(index.rank(monday) + n) for n in (0, 4, 5)] == [
        monday,
        datetime.date(2026, 3, 6),
        datetime.date(2026, 3, 9),
    ]
    assert calendar.add_working_days(datetime.date(1999, 12, 31), 5) == datetime.date(2000, 1, 7)


def test_office_time_beyond_ten_years_is_refused(walk):
    with pytest.raises(ValueError, match="No working day within 3660 days"):
        calendar.add_office_time(moments(FIRST, datetime.time(9)), datetime.timedelta(days=10**6))
    with pytest.raises(ValueError, match="No working day within 3660 days"):
        calendar.due_at(moments(FIRST, datetime.time(9)), 2700, "working_days")
