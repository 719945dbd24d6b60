"""Copy Vietnamese public holidays and swapped working days from the `holidays` package.

The package (country "VN") lists days off: fixed and lunar holidays, days off in lieu
("nghỉ bù") and days off swapped with a Saturday ("Ngày nghỉ (thay cho ngày ...)"). The
Saturdays worked in exchange are not holidays there; it keeps them in `weekend_workdays`.
Both end up in the Holiday table, which the calendar reads; rows an administrator entered or
edited (is_manual) are never touched.
"""

import datetime

import holidays

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.utils import timezone

from .calendar import clear_cache
from .models import Holiday

WORKING_DAY_NAME = "Ngày làm việc bù"
# The calendar is kept this many years ahead of the current one (the yearly job, load_catalog).
YEARS_AHEAD = 3


def package_days(first_year: int, last_year: int) -> dict[datetime.date, tuple[str, str]]:
    """{date: (name, kind)} from the `holidays` package for the years, names in Vietnamese."""
    years = range(first_year, last_year + 1)
    calendar = holidays.country_holidays("VN", years=years, language="vi")
    wanted = {
        day: (name, "day_off")
        for day, name in sorted(calendar.items())
        if first_year <= day.year <= last_year
    }
    # Only days of the years asked for: the package keeps cross-year swaps of every year.
    for day in sorted(calendar.weekend_workdays):
        if first_year <= day.year <= last_year:
            label = f"{day:%d/%m/%Y}"  # the package names the day off "... thay cho ngày <label>"
            day_off = next((d for d, (n, _) in wanted.items() if label in n), None)
            suffix = f" (nghỉ ngày {day_off:%d/%m/%Y})" if day_off else ""
            wanted[day] = (WORKING_DAY_NAME + suffix, "working_day")
    return wanted


def sync_holidays(
    first_year: int,
    last_year: int,
    *,
    model: type[models.Model] | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> int:
    """Make the table match the package for the years; return the rows created, changed or
    deleted. Idempotent; manual rows are kept. `model` is the Holiday class (a historical one
    in a migration)."""
    if model is None:
        model = Holiday
    wanted = package_days(first_year, last_year)
    rows = model._default_manager.using(using)
    in_years = rows.filter(
        date__gte=datetime.date(first_year, 1, 1), date__lte=datetime.date(last_year, 12, 31)
    )
    with transaction.atomic(using=using):
        existing = {row.date: row for row in rows.filter(date__in=list(wanted))}
        # A row the package no longer lists (it corrected a date) goes, unless it is manual.
        stale = in_years.filter(is_manual=False).exclude(date__in=list(wanted))
        deleted, _ = stale.delete()
        created, changed = [], []
        for day, (name, kind) in wanted.items():
            row = existing.get(day)
            if row is None:
                created.append(model(date=day, name=name, kind=kind, is_manual=False))
            elif not row.is_manual and (row.name, row.kind) != (name, kind):
                row.name, row.kind = name, kind
                changed.append(row)
        rows.bulk_create(created)
        rows.bulk_update(changed, ["name", "kind"])
    count = deleted + len(created) + len(changed)
    if count:
        clear_cache()
    return count


def years_to_sync(today: datetime.date | None = None) -> tuple[int, int]:
    """The years the table must hold: from settings.HOLIDAY_YEARS' first (or the current year,
    if later) to the current year + YEARS_AHEAD (or HOLIDAY_YEARS' last, if later)."""
    year = (today or timezone.localdate()).year
    first, last = settings.HOLIDAY_YEARS
    return min(first, year), max(last, year + YEARS_AHEAD)


def sync_ahead(today: datetime.date | None = None) -> int:
    """The current year and the next YEARS_AHEAD from the package (the yearly beat job)."""
    year = (today or timezone.localdate()).year
    return sync_holidays(year, year + YEARS_AHEAD)


def missing_next_year(today: datetime.date | None = None) -> int | None:
    """Next year, when the table has no row in it (the admin warns); else None."""
    year = (today or timezone.localdate()).year + 1
    return None if Holiday.objects.filter(date__year=year).exists() else year
