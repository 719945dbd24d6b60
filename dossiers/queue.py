"""The officer's queue: tabs by what the dossier waits for, counted in one grouped query.

Within a tab: new dossiers oldest first (they have no due date yet); the others overdue first,
then due within 2 working days, then by due date.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from procedures.calendar import due_at
from procedures.models import TimeUnit
from procedures.text import fold

from .models import DossierQuerySet, SupplementRequest
from .workflow import State, overdue

DUE_SOON_WORKING_DAYS = 2
# What a row of the queue shows (dossiers.queue_rows): 9 of the dossier's 50 columns.
ROW_COLUMNS = (
    "code",
    "state",
    "channel",
    "applicant_name",
    "applicant_phone",
    "submitted_at",
    "due_at",
    "supplement_received_at",
    "fee_status",
    "procedure__name",
    "procedure__field__name",
)


class Urgency:
    OVERDUE = 0
    DUE_SOON = 1
    OTHER = 2


@dataclass(frozen=True)
class Tab:
    """One tab of the queue: which dossiers it holds and whether the officer must act on them.

    A tab holds the dossiers in `state`; where `late` is said, only those whose open request
    for documents is past its deadline (True) or not (False). The tabs never overlap.
    """

    key: str
    label: str
    needs_action: bool
    state: str
    late: bool | None = None

    def holds(self, state: str, late: bool) -> bool:
        return state == self.state and self.late in (None, late)


TABS: tuple[Tab, ...] = (
    Tab("new", _("Chờ tiếp nhận"), needs_action=True, state=State.SUBMITTED),
    Tab("processing", _("Đang xử lý"), needs_action=True, state=State.PROCESSING),
    Tab("missing", _("Chờ bổ sung"), needs_action=False, state=State.MISSING_DOCUMENTS, late=False),
    Tab(
        "late_supplement",
        _("Quá hạn bổ sung"),
        needs_action=True,
        state=State.MISSING_DOCUMENTS,
        late=True,
    ),
    Tab("result", _("Có kết quả"), needs_action=True, state=State.RESULT_READY),
)
TAB_KEYS = frozenset(tab.key for tab in TABS)
TAB_BY_KEY = {tab.key: tab for tab in TABS}


def supplement_late(today: datetime.date) -> Exists:
    """The open request for documents is past its deadline with nothing received."""
    return Exists(
        SupplementRequest.objects.filter(
            dossier=OuterRef("pk"), fulfilled_at=None, deadline__lt=today
        )
    )


def tab_condition(key: str, today: datetime.date) -> Q:
    """Which dossiers a tab holds."""
    tab = TAB_BY_KEY[key]
    condition = Q(state=tab.state)
    if tab.late is not None:
        late = Q(supplement_late(today))
        condition &= late if tab.late else ~late
    return condition


def tab_counts(dossiers: DossierQuerySet, today: datetime.date) -> dict[str, int]:
    """Every tab's count from one query: the dossiers counted by state and lateness."""
    rows = (
        dossiers.filter(state__in={tab.state for tab in TABS})
        .annotate(late=supplement_late(today))
        .values_list("state", "late")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys((tab.key for tab in TABS), 0)
    for state, late, n in rows:
        for tab in TABS:
            if tab.holds(state, late):
                counts[tab.key] += n
    return counts


def landing_tab(counts: dict[str, int]) -> str:
    """The first tab the officer must act on, else the first tab."""
    for tab in TABS:
        if tab.needs_action and counts[tab.key]:
            return tab.key
    return TABS[0].key


@dataclass(frozen=True)
class QueueFilters:
    tab: str = "new"
    field: int | None = None
    procedure: int | None = None
    channel: str = ""
    q: str = ""


def waiting_time(since: datetime.datetime, now: datetime.datetime) -> str:
    """How long a new dossier has waited, in days and hours ("3 ngày 2 giờ")."""
    delta = now - since
    days, hours = delta.days, delta.seconds // 3600
    parts = []
    if days:
        parts.append(ngettext("%(n)d ngày", "%(n)d ngày", days) % {"n": days})
    if hours or not days:
        parts.append(ngettext("%(n)d giờ", "%(n)d giờ", hours) % {"n": hours})
    if not days and not hours:
        return gettext("dưới 1 giờ")
    return " ".join(parts)


def due_soon_limit(now: datetime.datetime) -> datetime.datetime:
    return due_at(now, DUE_SOON_WORKING_DAYS, TimeUnit.WORKING_DAYS)


def build_queue(
    dossiers: DossierQuerySet, filters: QueueFilters, now: datetime.datetime
) -> DossierQuerySet:
    """One tab, filtered and ordered; a fixed number of queries whatever the page size."""
    dossiers = dossiers.filter(tab_condition(filters.tab, timezone.localdate(now)))
    dossiers = filter_queue(dossiers, filters)
    if filters.tab == "new":
        order = ("submitted_at", "pk")
    else:
        order = ("urgency", F("due_at").asc(nulls_last=True), "submitted_at", "pk")
    processing = Q(state=State.PROCESSING)
    return (
        dossiers.select_related("procedure", "procedure__field")
        .only(*ROW_COLUMNS)
        .annotate(
            urgency=Case(
                When(overdue(now), then=Value(Urgency.OVERDUE)),
                When(processing & Q(due_at__lte=due_soon_limit(now)), then=Value(Urgency.DUE_SOON)),
                default=Value(Urgency.OTHER),
                output_field=IntegerField(),
            )
        )
        .order_by(*order)
    )


def filter_queue(dossiers: DossierQuerySet, filters: QueueFilters) -> DossierQuerySet:
    """The filters the officer typed, shared by the list and the tab counts."""
    if filters.field:
        dossiers = dossiers.filter(procedure__field_id=filters.field)
    if filters.procedure:
        dossiers = dossiers.filter(procedure_id=filters.procedure)
    if filters.channel:
        dossiers = dossiers.filter(channel=filters.channel)
    if filters.q.strip():
        dossiers = dossiers.filter(_search(filters.q.strip()))
    return dossiers


def _search(q: str) -> Q:
    """A code, a phone, a citizen ID, or a name typed with or without diacritics."""
    condition = Q(code__icontains=q) | Q(applicant_name_folded__contains=fold(q))
    digits = q.replace(" ", "").replace(".", "")
    if digits.isdigit():
        condition |= Q(applicant_phone__contains=digits) | Q(applicant_citizen_id__contains=digits)
    return condition
