"""The officer's queue: overdue first, then due within 2 working days, then by due date."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, Value, When

from procedures.calendar import due_at
from procedures.models import TimeUnit
from procedures.text import fold

from .models import DossierQuerySet
from .workflow import OPEN_STATES, State, overdue

DUE_SOON_WORKING_DAYS = 2


class Urgency:
    OVERDUE = 0
    DUE_SOON = 1
    OTHER = 2


@dataclass(frozen=True)
class QueueFilters:
    state: str = ""
    field: int | None = None
    procedure: int | None = None
    channel: str = ""
    q: str = ""


def due_soon_limit(now: datetime.datetime) -> datetime.datetime:
    return due_at(now, DUE_SOON_WORKING_DAYS, TimeUnit.WORKING_DAYS)


def build_queue(
    dossiers: DossierQuerySet, filters: QueueFilters, now: datetime.datetime
) -> DossierQuerySet:
    """Filter and order; a fixed number of queries whatever the page size."""
    if filters.state:
        dossiers = dossiers.filter(state=filters.state)
    else:
        dossiers = dossiers.filter(state__in=[*OPEN_STATES, State.RESULT_READY])
    if filters.field:
        dossiers = dossiers.filter(procedure__field_id=filters.field)
    if filters.procedure:
        dossiers = dossiers.filter(procedure_id=filters.procedure)
    if filters.channel:
        dossiers = dossiers.filter(channel=filters.channel)
    if filters.q.strip():
        dossiers = dossiers.filter(_search(filters.q.strip()))
    processing = Q(state=State.PROCESSING)
    return (
        dossiers.select_related("procedure", "procedure__field", "handled_by", "agency")
        .annotate(
            urgency=Case(
                When(overdue(now), then=Value(Urgency.OVERDUE)),
                When(processing & Q(due_at__lte=due_soon_limit(now)), then=Value(Urgency.DUE_SOON)),
                default=Value(Urgency.OTHER),
                output_field=IntegerField(),
            )
        )
        .order_by("urgency", F("due_at").asc(nulls_last=True), "submitted_at", "pk")
    )


def _search(q: str) -> Q:
    """A code, a phone, a citizen ID, or a name typed with or without diacritics."""
    condition = Q(code__icontains=q) | Q(applicant_name_folded__contains=fold(q))
    digits = q.replace(" ", "").replace(".", "")
    if digits.isdigit():
        condition |= Q(applicant_phone__contains=digits) | Q(applicant_citizen_id__contains=digits)
    return condition
