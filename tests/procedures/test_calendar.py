"""The working-day calendar, checked by hand against the 2026-2027 calendars.

Days off used below (from the Holiday table, filled from the `holidays` package):
- Tết Bính Ngọ 2026: Mon 16 - Fri 20 Feb (29 Tết to mùng 4), no swap; back Mon 23 Feb.
- Tết Đinh Mùi 2027 (mùng 1 Sat 6 Feb): Thu 4 - Wed 10 Feb (Sat/Sun days in lieu); back Thu 11.
- Giỗ Tổ 2026 Sun 26 Apr, in lieu Mon 27 Apr; 30/4-1/5 2026 Thu-Fri; back Mon 4 May.
- 1/5/2027 is a Saturday: in lieu Mon 3 May 2027.
- Quốc khánh 2026: Tue 1 + Wed 2 Sep, and Mon 31 Aug swapped with Saturday 22 Aug (worked).
- Ngày Văn hóa Việt Nam: Tue 24 Nov 2026.
"""

import datetime
import zoneinfo

import pytest

from django.core.cache import cache

from procedures import calendar
from procedures.calendar import (
    add_office_time,
    add_working_days,
    due_at,
    is_working_day,
    next_working_day,
    working_hours_between,
)
from procedures.holiday_sync import sync_holidays
from procedures.models import Holiday, Procedure

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DAYS, HOURS, SAME_DAY = "working_days", "working_hours", "same_day"


def at(text: str) -> datetime.datetime:
    """'2026-03-10 09:00' as an aware datetime in Vietnam."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=VN)


@pytest.fixture(autouse=True)
def holiday_table(db):
    """The table as the migration leaves it, for the years these tests use."""
    sync_holidays(2026, 2027)


CASES = [
    # Domain example and boundaries (March 2026 has no holiday).
    ("domain-example-tue-0900-plus-3-days", "2026-03-03 09:00", 3, DAYS, "2026-03-06 09:00"),
    ("start-at-opening-ends-at-closing", "2026-03-09 07:00", 1, DAYS, "2026-03-09 17:00"),
    ("start-at-closing-ends-next-closing", "2026-03-09 17:00", 1, DAYS, "2026-03-10 17:00"),
    ("friday-evening-starts-monday", "2026-03-06 18:00", 1, DAYS, "2026-03-09 17:00"),
    ("friday-evening-two-days", "2026-03-06 18:00", 2, DAYS, "2026-03-10 17:00"),
    ("before-opening-starts-at-0700", "2026-03-10 06:15", 1, DAYS, "2026-03-10 17:00"),
    ("lunch-break-starts-1330", "2026-03-10 12:00", 1, DAYS, "2026-03-11 11:30"),
    ("sunday-start-three-days", "2026-03-08 10:00", 3, DAYS, "2026-03-11 17:00"),
    ("friday-afternoon-over-weekend", "2026-03-06 15:00", 1, DAYS, "2026-03-09 15:00"),
    # Tết 2026: 16-20 Feb off.
    ("tet-2026-friday-before", "2026-02-13 10:00", 1, DAYS, "2026-02-23 10:00"),
    ("tet-2026-thursday-before-3-days", "2026-02-12 14:00", 3, DAYS, "2026-02-24 14:00"),
    ("tet-2026-start-on-tet", "2026-02-17 09:00", 1, DAYS, "2026-02-23 17:00"),
    # Tết 2027: 4-10 Feb off.
    ("tet-2027-wednesday-before-2-days", "2027-02-03 09:00", 2, DAYS, "2027-02-12 09:00"),
    ("tet-2027-start-on-29-tet", "2027-02-04 09:00", 1, DAYS, "2027-02-11 17:00"),
    # Giỗ Tổ (in lieu Mon 27 Apr) and 30/4-1/5 2026.
    ("hung-kings-2026-in-lieu-monday", "2026-04-24 09:00", 1, DAYS, "2026-04-28 09:00"),
    ("reunification-2026-wed-afternoon", "2026-04-29 15:00", 1, DAYS, "2026-05-04 15:00"),
    ("labour-day-2027-on-saturday", "2027-04-29 16:00", 1, DAYS, "2027-05-04 16:00"),
    # Quốc khánh 2026: 31 Aug (swap), 1-2 Sep off; Saturday 22 Aug worked.
    ("national-day-2026-friday-before", "2026-08-28 09:00", 1, DAYS, "2026-09-03 09:00"),
    ("swapped-saturday-2026-08-22-counts", "2026-08-21 09:00", 1, DAYS, "2026-08-22 09:00"),
    ("swapped-saturday-2026-08-22-start", "2026-08-22 09:00", 1, DAYS, "2026-08-24 09:00"),
    ("culture-day-2026-11-24", "2026-11-23 10:00", 1, DAYS, "2026-11-25 10:00"),
    # Hours count the same way.
    ("hours-across-lunch", "2026-03-10 10:00", 4, HOURS, "2026-03-10 16:00"),
    ("hours-over-weekend", "2026-03-06 16:00", 2, HOURS, "2026-03-09 08:00"),
    ("hours-eight-from-opening", "2026-03-10 07:00", 8, HOURS, "2026-03-10 17:00"),
    ("hours-ending-at-lunch", "2026-03-10 09:00", 2, HOURS, "2026-03-10 11:00"),
    ("hours-lunch-boundary", "2026-03-10 10:30", 1, HOURS, "2026-03-10 11:30"),
    ("hours-sunday-start", "2026-03-08 20:00", 5, HOURS, "2026-03-09 14:00"),
    # Within the day: default cut-off 15:00.
    ("same-day-before-cutoff", "2026-03-10 14:59", 1, SAME_DAY, "2026-03-10 17:00"),
    ("same-day-before-opening", "2026-03-10 06:30", 1, SAME_DAY, "2026-03-10 17:00"),
    ("same-day-at-cutoff-is-late", "2026-03-10 15:00", 1, SAME_DAY, "2026-03-11 17:00"),
    ("same-day-after-cutoff", "2026-03-10 16:00", 1, SAME_DAY, "2026-03-11 17:00"),
    ("same-day-friday-after-cutoff", "2026-03-06 15:30", 1, SAME_DAY, "2026-03-09 17:00"),
    ("same-day-sunday", "2026-03-08 10:00", 1, SAME_DAY, "2026-03-09 17:00"),
    ("same-day-friday-before-tet", "2026-02-13 16:00", 1, SAME_DAY, "2026-02-23 17:00"),
    ("same-day-swapped-saturday", "2026-08-22 10:00", 1, SAME_DAY, "2026-08-22 17:00"),
]


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_due_at(start, amount, unit, expected):
    due = due_at(at(start), amount, unit)

    assert due == at(expected)
    assert due.tzinfo is not None
    assert due.utcoffset() == datetime.timedelta(hours=7)


@pytest.mark.parametrize(
    ("cutoff", "start", "expected"),
    [
        (datetime.time(10, 0), "2026-03-10 10:30", "2026-03-11 17:00"),
        (datetime.time(10, 0), "2026-03-10 09:59", "2026-03-10 17:00"),
        (datetime.time(16, 0), "2026-03-10 15:30", "2026-03-10 17:00"),
        (datetime.time(16, 0), "2026-03-06 16:30", "2026-03-09 17:00"),
    ],
    ids=["10h-late", "10h-in-time", "16h-in-time", "16h-friday-late"],
)
def test_same_day_per_procedure_cutoff(cutoff, start, expected):
    procedure = Procedure(processing_unit=SAME_DAY, same_day_cutoff=cutoff)

    assert due_at(at(start), 1, SAME_DAY, cutoff=procedure.cutoff) == at(expected)


def test_procedure_without_cutoff_uses_default():
    procedure = Procedure(processing_unit=SAME_DAY)

    assert procedure.cutoff == datetime.time(15, 0)
    assert due_at(at("2026-03-10 15:10"), 1, SAME_DAY, cutoff=procedure.cutoff) == at(
        "2026-03-11 17:00"
    )


def test_start_in_utc_is_read_as_vietnam_time():
    start = datetime.datetime(2026, 3, 3, 2, 0, tzinfo=datetime.UTC)  # 09:00 in Hà Nội

    assert due_at(start, 3, DAYS) == at("2026-03-06 09:00")


def test_unknown_unit_and_negative_amount_are_refused():
    with pytest.raises(ValueError, match="Unknown time unit"):
        due_at(at("2026-03-10 09:00"), 1, "weeks")
    with pytest.raises(ValueError, match="negative"):
        due_at(at("2026-03-10 09:00"), -1, DAYS)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-02-13", True),
        ("2026-02-16", False),
        ("2026-02-20", False),
        ("2026-02-23", True),
        ("2026-03-07", False),
        ("2026-08-22", True),
        ("2026-08-31", False),
        ("2026-09-01", False),
        ("2026-09-02", False),
        ("2026-09-03", True),
        ("2027-02-04", False),
        ("2027-02-11", True),
    ],
    ids=[
        "fri-before-tet-2026",
        "29-tet-2026",
        "mung-4-2026",
        "back-after-tet-2026",
        "plain-saturday",
        "swapped-saturday",
        "swapped-monday-off",
        "sep-1-2026",
        "sep-2-2026",
        "back-after-national-day",
        "29-tet-2027-in-lieu",
        "back-after-tet-2027",
    ],
)
def test_is_working_day(day, expected):
    assert is_working_day(datetime.date.fromisoformat(day)) is expected


def test_next_and_add_working_days_skip_tet():
    friday = datetime.date(2026, 2, 13)

    assert next_working_day(friday) == datetime.date(2026, 2, 23)
    assert add_working_days(friday, 0) == friday
    assert add_working_days(friday, 2) == datetime.date(2026, 2, 24)


@pytest.mark.parametrize(
    ("a", "b", "hours"),
    [
        ("2026-03-10 10:00", "2026-03-10 14:00", 2),
        ("2026-03-06 16:00", "2026-03-09 08:00", 2),
        ("2026-03-09 07:00", "2026-03-13 17:00", 40),
        ("2026-03-10 12:00", "2026-03-10 13:00", 0),
        ("2026-02-13 16:00", "2026-02-23 08:00", 2),
        ("2026-08-21 16:00", "2026-08-24 08:00", 10),
        ("2026-03-10 14:00", "2026-03-10 10:00", 0),
    ],
    ids=[
        "across-lunch",
        "over-weekend",
        "whole-week",
        "inside-lunch",
        "over-tet-2026",
        "over-swapped-saturday",
        "reversed-is-zero",
    ],
)
def test_working_hours_between(a, b, hours):
    assert working_hours_between(at(a), at(b)) == datetime.timedelta(hours=hours)


@pytest.mark.parametrize(
    "start",
    ["2026-02-12 09:10", "2026-03-06 16:45", "2026-04-29 11:00", "2026-08-21 13:30"],
)
@pytest.mark.parametrize("hours", [1, 5, 8, 17, 40])
def test_hours_between_start_and_due_is_the_amount(start, hours):
    due = due_at(at(start), hours, HOURS)

    assert working_hours_between(at(start), due) == datetime.timedelta(hours=hours)


def test_pause_extends_due_by_office_time_waited():
    """A dossier paused for missing documents gets its due date moved by the time waited."""
    due = due_at(at("2026-03-03 09:00"), 3, DAYS)  # Fri 6 Mar 09:00
    waited = working_hours_between(at("2026-03-04 10:00"), at("2026-03-05 10:00"))

    assert waited == datetime.timedelta(hours=8)
    assert add_office_time(due, waited) == at("2026-03-09 09:00")


def test_admin_edits_change_the_answer_at_once(django_assert_num_queries):
    start = at("2026-03-10 09:00")
    assert due_at(start, 1, DAYS) == at("2026-03-11 09:00")

    day_off = Holiday.objects.create(
        date=datetime.date(2026, 3, 11), name="Nghỉ đột xuất", is_manual=True
    )
    assert due_at(start, 1, DAYS) == at("2026-03-12 09:00")

    day_off.delete()
    assert due_at(start, 1, DAYS) == at("2026-03-11 09:00")

    Holiday.objects.create(
        date=datetime.date(2026, 3, 14),
        name="Làm bù",
        kind=Holiday.Kind.WORKING_DAY,
        is_manual=True,
    )
    assert due_at(at("2026-03-13 09:00"), 1, DAYS) == at("2026-03-14 09:00")

    with django_assert_num_queries(0):
        assert due_at(at("2026-03-13 09:00"), 1, DAYS) == at("2026-03-14 09:00")


def test_one_query_per_cache_fill(django_assert_num_queries):
    calendar.clear_cache()
    with django_assert_num_queries(1):
        due_at(at("2026-02-12 14:00"), 30, DAYS)
        is_working_day(datetime.date(2026, 8, 22))
        working_hours_between(at("2026-01-01 00:00"), at("2027-12-31 00:00"))


def test_working_day_count_over_a_year():
    """2026: 261 weekdays, minus 13 weekday days off, plus the swapped Saturday 22 Aug."""
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
    days = [start + datetime.timedelta(n) for n in range((end - start).days + 1)]

    assert sum(d.weekday() < 5 for d in days) == 261
    assert sum(is_working_day(d) for d in days) == 261 - 13 + 1


class TestSync:
    def test_swapped_days_and_vietnamese_names(self):
        rows = {h.date: h for h in Holiday.objects.filter(date__year=2026)}

        assert rows[datetime.date(2026, 2, 17)].name == "Tết Nguyên Đán"
        assert rows[datetime.date(2026, 8, 22)].kind == Holiday.Kind.WORKING_DAY
        assert rows[datetime.date(2026, 8, 22)].name == "Ngày làm việc bù (nghỉ ngày 31/08/2026)"
        assert rows[datetime.date(2026, 8, 31)].kind == Holiday.Kind.DAY_OFF
        assert rows[datetime.date(2026, 9, 1)].name == "Quốc khánh"
        assert not any(h.is_manual for h in rows.values())

    def test_swapped_saturdays_of_other_years(self):
        sync_holidays(2024, 2025)
        working = Holiday.objects.filter(kind=Holiday.Kind.WORKING_DAY, date__year__lte=2026)

        assert set(working.values_list("date", flat=True)) == {
            datetime.date(2024, 5, 4),
            datetime.date(2025, 4, 26),
            datetime.date(2026, 8, 22),
        }

    def test_idempotent(self):
        Holiday.objects.all().delete()

        created = sync_holidays(2026, 2027)
        snapshot = list(Holiday.objects.values_list("date", "name", "kind", "is_manual"))

        assert created == len(snapshot) == 30  # 14 + 1 in 2026, 15 in 2027
        assert sync_holidays(2026, 2027) == 0
        assert list(Holiday.objects.values_list("date", "name", "kind", "is_manual")) == snapshot

    def test_keeps_manual_rows(self):
        Holiday.objects.filter(date=datetime.date(2026, 8, 31)).update(
            name="Đi làm bình thường", kind=Holiday.Kind.WORKING_DAY, is_manual=True
        )
        extra = Holiday.objects.create(
            date=datetime.date(2026, 12, 24), name="Nghỉ theo quyết định tỉnh", is_manual=True
        )

        assert sync_holidays(2026, 2027) == 0
        kept = Holiday.objects.get(date=datetime.date(2026, 8, 31))
        assert (kept.name, kept.kind) == ("Đi làm bình thường", Holiday.Kind.WORKING_DAY)
        assert Holiday.objects.filter(pk=extra.pk).exists()

    def test_repairs_and_prunes_rows_it_owns(self):
        Holiday.objects.filter(date=datetime.date(2026, 9, 1)).update(name="sai")
        Holiday.objects.filter(date=datetime.date(2026, 2, 17)).delete()
        Holiday.objects.create(date=datetime.date(2026, 6, 1), name="không còn trong gói")
        outside = Holiday.objects.create(date=datetime.date(2031, 6, 2), name="năm khác")

        assert sync_holidays(2026, 2027) == 3
        assert Holiday.objects.get(date=datetime.date(2026, 9, 1)).name == "Quốc khánh"
        assert Holiday.objects.filter(date=datetime.date(2026, 2, 17)).exists()
        assert not Holiday.objects.filter(date=datetime.date(2026, 6, 1)).exists()
        assert Holiday.objects.filter(pk=outside.pk).exists()

    def test_sync_takes_effect_in_the_calendar(self):
        Holiday.objects.filter(date__year=2026).delete()
        assert is_working_day(datetime.date(2026, 2, 17))

        sync_holidays(2026, 2026)

        assert not is_working_day(datetime.date(2026, 2, 17))


def test_an_edit_in_another_process_counts_within_a_second(monkeypatch):
    """The version is read from the cache at most once a second (calendar.VERSION_CHECK_SECONDS)."""
    start = at("2026-03-10 09:00")
    assert due_at(start, 1, DAYS) == at("2026-03-11 09:00")
    # Another process adds a day off: the row and a new version, nothing in this one's memory.
    Holiday.objects.bulk_create(
        [Holiday(date=datetime.date(2026, 3, 11), name="Nghỉ đột xuất", is_manual=True)]
    )
    cache.set("procedures:calendar:version", "set-by-another-process", timeout=None)
    assert due_at(start, 1, DAYS) == at("2026-03-11 09:00")  # read less than a second ago
    monkeypatch.setattr(calendar, "VERSION_CHECK_SECONDS", 0)  # a second later
    assert due_at(start, 1, DAYS) == at("2026-03-12 09:00")
