"""Dossier codes: `{agency identifier}-{yyMMdd}-{NNNN}` (ADR 0002), stored upper case.

Upper case whatever the case an administrator typed the identifier in, so that the public
lookup normalises what a citizen types (`normalise`) and finds the code by exact match through
its unique index.
"""

import datetime

from django.db import connection
from django.utils import timezone

from agencies.models import Agency

from .models import DailySequence


def assign_code(agency: Agency, at: datetime.datetime) -> str:
    """The next code of the agency's day, safe under concurrency.

    One upsert statement increments the day's counter and returns it; the row stays locked
    until the caller's transaction ends, so two submissions never read the same value, and a
    transaction that rolls back gives its number back.
    """
    day = timezone.localdate(at)
    table = DailySequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last_value) VALUES (%s, %s, 1) "
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last_value = {table}.last_value + 1 "
            "RETURNING last_value",
            [agency.pk, day],
        )
        (number,) = cursor.fetchone()
    return f"{agency.identifier}-{day:%y%m%d}-{number:04d}".upper()


def normalise(typed: str) -> str:
    """A code as stored: what a citizen typed without spaces, upper case."""
    return "".join(typed.split()).upper()
