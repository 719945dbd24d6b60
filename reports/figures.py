"""The Biểu số 06 figures (Circular 01/2020/TT-VPCP), computed in the database.

For an agency (rolled up over its subtree) and a period [start, end] of local dates
(Asia/Ho_Chi_Minh), inclusive. Let S be local midnight at the start of `start` and E local
midnight after `end`; a moment is "in the period" when S <= moment < E, which is the same as
its local date being in [start, end].

Which dossiers are in the table
    Only dossiers with `accepted_at` set. Drafts, submitted-but-never-accepted, rejected
    dossiers and dossiers withdrawn before acceptance are left out. The end of processing of a
    dossier is `ended_at`, the first of `finished_at` (the result was recorded), `stopped_at`
    (the agency stopped processing) and `withdrawn_at` (withdrawn after acceptance; a dossier
    cannot be withdrawn once its result is ready, nor after it was stopped).
    A dossier is in the table when accepted_at < E and (ended_at is null or ended_at >= S):
    accepted before the period ends and not finished before it starts.

Columns 3-6: how it came in (exactly one of 4, 5, 6 per dossier, so 3 = 4 + 5 + 6)
    6 carried over:  accepted_at < S.
    4 online:        accepted in the period and channel = online.
    5 direct, post:  accepted in the period and channel = direct or postal.
    3 received:      all of them.
    Online per level (beside the table) splits column 4 by Decision 766 (reports.levels): toàn
    trình only when, before E, the procedure was level 4 at acceptance, the fee (if any) was
    paid online and the result was delivered as a signed e-result or by post; else một phần.

Online payment and e-result (beside the table; reports.levels)
    with_fee: received in the period (4 + 5) with a fee; paid_online: of those, paid online
    before E; e_results: resolved (7) with a signed e-result recorded before E; digitised: of
    those, the papers scanned at the desk before E.

Columns 7-13: where it stands (exactly one of 8, 9, 10, 12, 13 per dossier)
    Judged as of E, so that nothing done after E (an apology, a new due date, a supplement)
    changes a past month, frozen or not; and against the original due date
    (`original_due_at`: set at acceptance, recounted when a supplement arrives, never moved by
    an apology). "Asked while overdue": the last documents request came before E and after the
    original due date in force then (`due_at_request`), which stays late in every clock mode.
    7 resolved in the period: ended_at < E (and, being in the table, ended_at >= S).
      Decided in this order, the first rule that applies wins:
        a. supplement_count >= 2 -> 10 late (a second supplement request counts late);
        b. withdrawn (ended by withdrawn_at) -> 9 on time;
        c. an apology was issued -> 10 late (an apology never makes a dossier on time);
        d. asked while overdue -> 10 late;
        e. local date of the end (finished_at or stopped_at) < local date of the original due
           date -> 8 early;
        f. local date of the end > local date of the original due date -> 10 late;
        g. otherwise (same date, or no due date) -> 9 on time.
    11 still being processed at the end: ended_at is null or ended_at >= E.
      With as_of = min(E, now) (the period's end, or now while the period is not over):
        a. supplement_count >= 2 and the last supplement request before E -> 13 overdue
           (a second request counts late, also while the dossier waits for the citizen);
        b. an apology issued before E -> 13 overdue;
        c. asked while overdue -> 13 overdue (also while it waits for the citizen);
        d. waiting for the citizen's supplement at E: the last request was before E and its
           documents had not arrived by E (supplement_received_at null or >= E) -> 12 within
           the deadline (the clock is stopped);
        e. the original due date in force at E before as_of -> 13 overdue (at the end of the
           period, a dossier due on or before the last day and still open can only finish
           late). In force at E: `due_at_request` when the supplement that recounted the due
           date arrived at or after E, else `original_due_at`;
        f. otherwise -> 12 within the deadline.
    So 7 = 8 + 9 + 10, 11 = 12 + 13, and since every dossier in the table is either resolved or
    not, 3 = 7 + 11.

Known limits, all because a dossier row keeps only its latest moments (the audit trail has
the rest, but reading it would mean one more join per dossier): the supplement columns hold
the latest request only. For a past month, a dossier that was waiting for an earlier request
at E and was asked again after E counts by its due date, and a third request after E hides
that the second one came before E (rule a). Frozen months (reports.models.MonthlyReport) are
computed right after the month ends, so these limits only touch a report regenerated later.

Every figure here is one aggregate query (counts per procedure and category for the table,
conditional COUNT ... FILTER for the trend); none loops over dossiers in Python. The index
that serves them is `dossier_report_period` on dossiers.Dossier: (agency,
COALESCE(finished_at, stopped_at, withdrawn_at), accepted_at), which finds "accepted before E
and not ended before S" for each agency of a subtree in two index ranges
(ended >= S, ended is null) checked on accepted_at inside the index.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from operator import itemgetter

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, TruncDate

from agencies.models import Agency
from dossiers.models import Channel, Dossier
from procedures.models import OnlineLevel, Procedure

from .levels import add_service_counts, level_766, service_counts
from .period import Period, site_tz

# Period (reports.period) is the input of every query here; it is named with them.
__all__ = [
    "CLASSES",
    "COLUMNS",
    "Period",
    "Row",
    "add_group",
    "grouped",
    "merged",
    "overdue_dossiers",
    "rows_of",
    "subtree_ids",
    "table",
    "total_of",
]

# The outcome codes are the column numbers of the form.
EARLY, ON_TIME, LATE, WITHIN, OVERDUE = 8, 9, 10, 12, 13
ONLINE, DIRECT, CARRIED = 4, 5, 6

# (key, column number, heading) in the order of the form.
COLUMNS: tuple[tuple[str, int, str], ...] = (
    ("received", 3, "Tổng số"),
    ("online", 4, "Trực tuyến"),
    ("direct", 5, "Trực tiếp, bưu chính"),
    ("carried", 6, "Kỳ trước chuyển qua"),
    ("resolved", 7, "Tổng số"),
    ("early", 8, "Trước hạn"),
    ("on_time", 9, "Đúng hạn"),
    ("late", 10, "Quá hạn"),
    ("pending", 11, "Tổng số"),
    ("within", 12, "Trong hạn"),
    ("overdue", 13, "Quá hạn"),
)
COLUMN_KEYS = tuple(key for key, _number, _heading in COLUMNS)


@dataclass
class Row:
    """One line of the table: a field (lĩnh vực), or the total (field_id None)."""

    field_id: int | None
    field_name: str
    received: int = 0
    online: int = 0
    direct: int = 0
    carried: int = 0
    resolved: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    pending: int = 0
    within: int = 0
    overdue: int = 0
    online_partial: int = 0
    online_full: int = 0
    with_fee: int = 0  # received (4 + 5) with a fee
    paid_online: int = 0  # of those, paid online (rate 3.6)
    e_results: int = 0  # resolved (7) with a signed e-result (rate 4.1)
    digitised: int = 0  # of those, scanned at the desk (rate 4.2)

    def columns(self) -> list[int]:
        """The values of columns 3 to 13, in order."""
        return [getattr(self, key) for key in COLUMN_KEYS]

    def identities_hold(self) -> bool:
        return (
            self.received == self.online + self.direct + self.carried
            and self.resolved == self.early + self.on_time + self.late
            and self.pending == self.within + self.overdue
            and self.received == self.resolved + self.pending
        )

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Row:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


_COUNTED = tuple(f.name for f in fields(Row) if f.name not in ("field_id", "field_name"))


def total_of(rows: Iterable[Row], name: str = "Tổng cộng") -> Row:
    total = Row(field_id=None, field_name=name)
    for row in rows:
        for key in _COUNTED:
            setattr(total, key, getattr(total, key) + getattr(row, key))
    return total


# --- the expressions ------------------------------------------------------------------------------


def subtree_ids(agency: Agency) -> list[int]:
    """The agency and every agency under it (one query)."""
    return list(Agency.objects.subtree(agency).values_list("pk", flat=True))


def _ended_at() -> Coalesce:
    """When processing ended: the result recorded, the agency stopped, or the citizen withdrew."""
    return Coalesce("finished_at", "stopped_at", "withdrawn_at")


def _judged_on() -> TruncDate:
    """The local date an end judged against the due date happened: result or stop."""
    return TruncDate(Coalesce("finished_at", "stopped_at"), tzinfo=site_tz())


def _local_date(name: str) -> TruncDate:
    return TruncDate(name, tzinfo=site_tz())


def _in_table(starts_at: datetime.datetime, ends_before: datetime.datetime) -> Q:
    """Accepted before E and not finished before S (needs the `ended_at` alias)."""
    return Q(accepted_at__lt=ends_before) & (Q(ended_at__isnull=True) | Q(ended_at__gte=starts_at))


def _intake(starts_at: datetime.datetime) -> Case:
    """4 online, 5 direct or post, 6 carried over."""
    return Case(
        When(accepted_at__lt=starts_at, then=Value(CARRIED)),
        When(channel=Channel.ONLINE, then=Value(ONLINE)),
        default=Value(DIRECT),
        output_field=IntegerField(),
    )


def _due_in_force(ends_before: datetime.datetime, *, before: datetime.datetime) -> Q:
    """The original due date in force at E is before `before`: the date before the latest
    recount when that supplement arrived at or after E, else the original due date."""
    recounted_later = Q(supplement_received_at__gte=ends_before)
    return (recounted_later & Q(due_at_request__lt=before)) | (
        ~recounted_later & Q(original_due_at__lt=before)
    )


def _outcome(ends_before: datetime.datetime, as_of: datetime.datetime) -> Case:
    """8, 9, 10 (resolved) or 12, 13 (still processing) for a dossier in the table.

    Needs the aliases `ended_at`, `finished_on` and `due_on`. The order of the When clauses is
    the precedence written in the module docstring.
    """
    apologised = Q(apology_issued_at__lt=ends_before)
    asked_while_overdue = Q(
        supplement_requested_at__lt=ends_before, supplement_requested_at__gt=F("due_at_request")
    )
    resolved = Case(
        When(supplement_count__gte=2, then=Value(LATE)),
        When(finished_at__isnull=True, stopped_at__isnull=True, then=Value(ON_TIME)),  # withdrawn
        When(apologised, then=Value(LATE)),
        When(asked_while_overdue, then=Value(LATE)),
        When(finished_on__lt=F("due_on"), then=Value(EARLY)),
        When(finished_on__gt=F("due_on"), then=Value(LATE)),
        default=Value(ON_TIME),
        output_field=IntegerField(),
    )
    waiting = Q(supplement_requested_at__lt=ends_before) & (
        Q(supplement_received_at__isnull=True) | Q(supplement_received_at__gte=ends_before)
    )
    pending = Case(
        When(
            Q(supplement_count__gte=2, supplement_requested_at__lt=ends_before),
            then=Value(OVERDUE),
        ),
        When(apologised, then=Value(OVERDUE)),
        When(asked_while_overdue, then=Value(OVERDUE)),
        When(waiting, then=Value(WITHIN)),
        When(_due_in_force(ends_before, before=as_of), then=Value(OVERDUE)),
        default=Value(WITHIN),
        output_field=IntegerField(),
    )
    return Case(
        When(ended_at__lt=ends_before, then=resolved),
        default=pending,
        output_field=IntegerField(),
    )


def _dossiers(agency_ids: Sequence[int], period: Period) -> QuerySet[Dossier]:
    """The dossiers in the table for `period`, with the aliases the expressions need."""
    return (
        Dossier.objects.filter(agency_id__in=list(agency_ids))
        .alias(ended_at=_ended_at())
        .filter(_in_table(period.starts_at, period.ends_before))
        .alias(finished_on=_judged_on(), due_on=_local_date("original_due_at"))
    )


def as_of(period: Period, now: datetime.datetime) -> datetime.datetime:
    """The moment "still processing at the end" is judged at: E, or now if earlier."""
    return min(period.ends_before, now)


# --- the queries ------------------------------------------------------------------------------


def table(agency_ids: Sequence[int], period: Period, *, now: datetime.datetime) -> list[Row]:
    """Columns 3-13 and online per level, one row per field with dossiers: two queries.

    The database classifies each dossier once (intake 4/5/6, outcome 8/9/10/12/13) and counts
    the dossiers of each (procedure, level, intake, outcome), without joining any other table;
    a second, tiny query gives the procedures' fields; the groups (a few hundred at most) are
    then added up into the columns. One COUNT ... FILTER per column instead makes PostgreSQL
    evaluate the outcome once per column: 1.7 times slower on 1,000,000 dossiers
    (bench/README.md).
    """
    return rows_of(grouped(agency_ids, period, now, "procedure_id"))


def rows_of(groups: list[dict]) -> list[Row]:
    """The table's rows (one per field, in catalog order) from groups that carry procedure_id."""
    field_of = {
        pk: (field_id, name, order)
        for pk, field_id, name, order in Procedure.objects.filter(
            pk__in={group["procedure_id"] for group in groups}
        ).values_list("pk", "field_id", "field__name", "field__order")
    }
    rows: dict[int, Row] = {}
    for group in groups:
        field_id, name, _order = field_of[group["procedure_id"]]
        add_group(rows.setdefault(field_id, Row(field_id, name)), group)
    order = {field_id: (o, name, field_id) for field_id, name, o in field_of.values()}
    return sorted(rows.values(), key=lambda row: order[row.field_id])


def grouped(
    agency_ids: Sequence[int], period: Period, now: datetime.datetime, *by: str
) -> list[dict]:
    """The table's dossiers counted per (`by`..., level, intake, outcome, fee, e-result, scan)."""
    return list(
        _dossiers(agency_ids, period)
        .annotate(
            intake=_intake(period.starts_at),
            outcome=_outcome(period.ends_before, as_of(period, now)),
            level_766=level_766(period.ends_before),
            **service_counts(period.ends_before),
        )
        .values(*by, *CLASSES)
        .annotate(n=Count("pk"))
        .order_by()
    )


# How `grouped` classifies a dossier (what `add_group` reads besides the count).
CLASSES = ("level_766", "intake", "outcome", "fee_kind", "e_result", "digitised")


def merged(groups: list[dict], by: str) -> list[dict]:
    """The groups added up per (`by`, classes): fewer groups for `add_group` to add. Counted by
    agency and procedure, a province's month is about 15,000 groups; per procedure alone, about
    300. Adding counts is cheaper than adding columns (bench/README.md).
    """
    key_of = itemgetter(by, *CLASSES)  # one C call per group, not a generator
    totals: dict[tuple, int] = {}
    for group in groups:
        key = key_of(group)
        totals[key] = totals.get(key, 0) + group["n"]
    return [
        {by: key[0], **dict(zip(CLASSES, key[1:], strict=True)), "n": n}
        for key, n in totals.items()
    ]


def add_group(row: Row, group: dict) -> None:
    """Add one group of dossiers to the columns of a row."""
    n, intake, outcome = group["n"], group["intake"], group["outcome"]
    level = {OnlineLevel.PARTIAL: "online_partial", OnlineLevel.FULL: "online_full"}
    resolved = "resolved" if outcome in (EARLY, ON_TIME, LATE) else "pending"
    columns = ["received", _INTAKE_COLUMN[intake], _OUTCOME_COLUMN[outcome], resolved]
    if intake == ONLINE and group["level_766"] in level:
        columns.append(level[group["level_766"]])
    for column in columns:
        setattr(row, column, getattr(row, column) + n)
    add_service_counts(row, group, received=intake != CARRIED, resolved=outcome < WITHIN)


_INTAKE_COLUMN = {ONLINE: "online", DIRECT: "direct", CARRIED: "carried"}
_OUTCOME_COLUMN = {
    EARLY: "early",
    ON_TIME: "on_time",
    LATE: "late",
    WITHIN: "within",
    OVERDUE: "overdue",
}


def overdue_dossiers(
    agency_ids: Sequence[int], period: Period, *, now: datetime.datetime
) -> QuerySet[Dossier]:
    """The dossiers of column 13, most overdue first, with their officer (slice it).

    Column 13 is judged on dossiers still being processed at E; saying so once more in the
    filter (not ended before E) lets the report index read only those, not the whole table.
    """
    return (
        _dossiers(agency_ids, period)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=period.ends_before))
        .alias(outcome=_outcome(period.ends_before, as_of(period, now)))
        .filter(outcome=OVERDUE)
        .select_related("procedure", "agency", "handled_by")
        .order_by(F("due_at").asc(nulls_last=True), "pk")
    )
