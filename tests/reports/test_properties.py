"""Random dossier histories: the identities of Biểu 06 always hold, and the database agrees
with the rules of reports/figures.py written out again in plain Python (the oracle below)."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossiers.models import Channel, Dossier, State
from reports import figures as fig
from reports.trend import trend
from signing.models import SignedDocument

from .helpers import VN, create_rows, dossier_row

ORIGIN = datetime.datetime(2026, 8, 1, tzinfo=VN)
MINUTE = datetime.timedelta(minutes=1)
DAY_MINUTES = 24 * 60


@dataclass
class History:
    procedure: int  # index into the procedures fixture
    channel: str
    accepted: datetime.datetime | None
    due: datetime.datetime | None
    finished: datetime.datetime | None
    withdrawn: datetime.datetime | None
    supplements: int
    requested: datetime.datetime | None
    received: datetime.datetime | None
    # Decision 766 (reports.levels): the fee and how the result went out.
    fee: str = "none"  # none | exempt | due | online | cash
    paid: datetime.datetime | None = None
    e_result: bool = False  # a signed electronic result (only once finished)
    postal: bool = False  # the result went by post (returned when finished)
    stopped: datetime.datetime | None = None  # the agency stopped processing
    apology: datetime.datetime | None = None  # an apology (it moves due_at, never `due`)
    # The original due date before the supplement recounted it (`due` is the recounted one).
    first_due: datetime.datetime | None = None
    digitised: bool = False  # the papers scanned at the desk when it was received

    @property
    def state(self) -> str:
        if self.finished:
            return State.RETURNED
        if self.stopped:
            return State.STOPPED
        if self.withdrawn:
            return State.WITHDRAWN
        if self.accepted is None:
            return State.SUBMITTED
        if self.requested and not self.received:
            return State.MISSING_DOCUMENTS
        return State.PROCESSING


def _after(start: datetime.datetime, minutes: int) -> datetime.datetime:
    return start + minutes * MINUTE


def _moment(
    draw: st.DrawFn,
    base: datetime.datetime,
    max_minutes: int,
    edges: tuple[datetime.datetime, ...] = (),
) -> datetime.datetime:
    """A moment up to `max_minutes` after `base`. Now and then exactly one of `edges` (the
    period's S and E) or a local midnight: where an off-by-one would show."""
    moment = _after(base, draw(st.integers(0, max_minutes)))
    kind = draw(st.integers(0, 7))
    if kind == 0:
        candidates = [edge for edge in edges if edge >= base]
        if candidates:
            return draw(st.sampled_from(candidates))
    if kind == 1:
        midnight = datetime.datetime.combine(
            moment.astimezone(VN).date() + datetime.timedelta(days=1), datetime.time(), VN
        )
        if midnight - base <= max_minutes * MINUTE:
            return midnight
    return moment


@st.composite
def histories(
    draw: st.DrawFn,
    origin: datetime.datetime = ORIGIN,
    days: int = 140,
    edges: tuple[datetime.datetime, ...] = (),
) -> History:
    """A dossier's moments, in order, accepted within `days` after `origin` (at any local
    hour, so local dates and UTC dates often differ)."""
    procedure = draw(st.integers(0, 2))
    channel = draw(st.sampled_from(Channel.values))
    if draw(st.integers(0, 9)) == 0:  # one in ten never accepted
        return History(procedure, channel, None, None, None, None, 0, None, None)
    accepted = _moment(draw, origin, days * DAY_MINUTES, edges)
    due = None
    if draw(st.integers(0, 14)):  # now and then no due date
        due = _moment(draw, accepted, 8 * DAY_MINUTES, edges)
    supplements = draw(st.sampled_from([0, 0, 1, 2, 2, 3]))
    requested = received = None
    cursor = accepted
    if supplements:
        requested = _moment(draw, accepted, 6 * DAY_MINUTES, edges)
        cursor = requested
        if draw(st.booleans()):
            received = _moment(draw, requested, 8 * DAY_MINUTES, edges)
            cursor = received
    first_due = due
    if received is not None and due is not None:  # the clock restarts: a new original date
        due = _moment(draw, received, 8 * DAY_MINUTES, edges)
    ending = draw(
        st.sampled_from(["open", "finished", "finished", "finished", "withdrawn", "stopped"])
    )
    if due is not None and due > cursor and draw(st.booleans()):
        # Around the due moment: the same day before or after it, or a day or two off.
        end = max(cursor, due + draw(st.integers(-2 * DAY_MINUTES, 2 * DAY_MINUTES)) * MINUTE)
    else:
        end = _moment(draw, cursor, 10 * DAY_MINUTES, edges)
    finished = withdrawn = stopped = None
    if ending == "finished" and (not supplements or received is not None):
        finished = end
    elif ending == "withdrawn":
        withdrawn = end
    elif ending == "stopped":
        stopped = end
    apology = None
    if draw(st.integers(0, 3)) == 0:  # while processing: after acceptance, before the end
        apology = _moment(draw, accepted, 10 * DAY_MINUTES, edges)
        if ending != "open" and apology > end:
            apology = end
    fee = draw(st.sampled_from(["none", "exempt", "due", "online", "online", "cash"]))
    paid = _moment(draw, accepted, 12 * DAY_MINUTES, edges) if fee in ("online", "cash") else None
    delivery = draw(st.sampled_from(["desk", "e_result", "e_result", "postal"]))
    return History(
        procedure, channel, accepted, due, finished, withdrawn, supplements, requested, received,
        fee=fee, paid=paid, e_result=finished is not None and delivery == "e_result",
        postal=delivery == "postal", stopped=stopped, apology=apology, first_due=first_due,
        digitised=channel != Channel.ONLINE and draw(st.booleans()),
    )  # fmt: skip


@st.composite
def periods(draw: st.DrawFn) -> fig.Period:
    if draw(st.integers(0, 2)):
        return fig.Period.month(2026, draw(st.integers(8, 12)))
    start = datetime.date(2026, 8, 1) + datetime.timedelta(days=draw(st.integers(0, 130)))
    return fig.Period(start, start + datetime.timedelta(days=draw(st.integers(0, 45))))


# --- the oracle: the rules of the module docstring, in plain Python -------------------------------


def _date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(VN).date()


def oracle_columns(h: History, period: fig.Period, as_of: datetime.datetime) -> set[int] | None:
    """The columns a dossier counts in (3 and exactly one intake, 7 or 11 and one outcome)."""
    start, end = period.starts_at, period.ends_before
    if h.accepted is None or h.accepted >= end:
        return None
    ended = h.finished or h.stopped or h.withdrawn
    judged = h.finished or h.stopped  # an end judged against the due date
    apologised = h.apology is not None and h.apology < end
    asked_while_overdue = (
        h.requested is not None and h.first_due is not None and h.first_due < h.requested < end
    )
    if ended is not None and ended < start:
        return None
    if h.accepted < start:  # carried over
        intake = 6
    elif h.channel == Channel.ONLINE:
        intake = 4
    else:
        intake = 5
    if ended is not None and ended < end:
        group = 7
        if h.supplements >= 2:
            outcome = 10
        elif judged is None:
            outcome = 9
        elif apologised or asked_while_overdue:
            outcome = 10
        elif h.due is None:
            outcome = 9
        elif _date(judged) < _date(h.due):
            outcome = 8
        elif _date(judged) > _date(h.due):
            outcome = 10
        else:
            outcome = 9
    else:
        group = 11
        asked_before_end = h.requested is not None and h.requested < end
        # The original due date in force at E: recounted only by a supplement before E.
        due = h.due if h.received is not None and h.received < end else h.first_due
        if (h.supplements >= 2 and asked_before_end) or apologised or asked_while_overdue:
            outcome = 13
        elif asked_before_end and (h.received is None or h.received >= end):
            outcome = 12
        elif due is not None and due < as_of:
            outcome = 13
        else:
            outcome = 12
    return {3, intake, group, outcome}


def oracle_levels(h: History, end: datetime.datetime) -> tuple[str, bool, bool, bool]:
    """(level, has a fee, paid online before E, signed e-result before E): reports.levels."""
    paid_online = h.fee == "online" and h.paid < end
    fee_settled = h.fee in ("none", "exempt") or paid_online
    e_result = h.e_result and h.finished < end
    posted = h.postal and h.finished is not None and h.finished < end
    full = h.level == "full" and fee_settled and (e_result or posted)
    return (
        ("full" if full else "partial"),
        h.fee in ("due", "online", "cash"),
        paid_online,
        e_result,
    )


def oracle_table(
    items: list[History], field_of: list[int], period: fig.Period, as_of: datetime.datetime
) -> dict[int, list[int]]:
    counts: dict[int, Counter] = defaultdict(Counter)
    for h in items:
        columns = oracle_columns(h, period, as_of)
        if columns is not None:
            counts[field_of[h.procedure]].update(columns)
    return {field: [c[n] for n in range(3, 14)] for field, c in counts.items()}


# --- the tests --------------------------------------------------------------------------------


@pytest.fixture
def procedures(birth, marriage, copy_cert):
    return [birth, marriage, copy_cert]


def _fee_fields(h: History) -> dict:
    fee = {"fee_amount": 0 if h.fee == "none" else 20_000, "fee_paid_at": h.paid}
    fee["fee_status"] = {"none": "not_required", "exempt": "exempt", "due": "due"}.get(
        h.fee, "paid"
    )
    fee["fee_paid_online"] = h.fee == "online"
    fee["result_delivery"] = "postal" if h.postal else "desk"
    return fee


def _apology_moves_the_due_date(h: History) -> dict:
    """An apology moves `due_at` three days on; the original due date (`due`) stays."""
    if h.apology is None or h.due is None:
        return {}
    moved = (h.due + datetime.timedelta(days=3)).astimezone(VN)
    return {"due": moved.strftime("%Y-%m-%d %H:%M"), "original_due": _text(h.due)}


def _text(moment: datetime.datetime) -> str:
    return moment.astimezone(VN).strftime("%Y-%m-%d %H:%M")


def _store(items: list[History], procedures, agency, applicant) -> None:
    Dossier.objects.all().delete()
    SignedDocument.objects.all().delete()
    for h in items:
        h.level = procedures[h.procedure].online_level
    signatures = iter(
        SignedDocument.objects.bulk_create(
            SignedDocument(sha256=f"{i:064x}", title="KQ", signer="UBND", signed_at=h.finished)
            for i, h in enumerate(items)
            if h.e_result
        )
    )
    create_rows(
        [
            dossier_row(
                agency=agency,
                procedure=procedures[h.procedure],
                applicant=applicant,
                state=h.state,
                channel=h.channel,
                **{
                    name: getattr(h, attr).astimezone(VN).strftime("%Y-%m-%d %H:%M")
                    for name, attr in (
                        ("accepted", "accepted"),
                        ("due", "due"),
                        ("finished", "finished"),
                        ("withdrawn", "withdrawn"),
                        ("stopped", "stopped"),
                        ("apology", "apology"),
                        ("requested", "requested"),
                        ("received", "received"),
                    )
                    if getattr(h, attr) is not None and not (name == "due" and h.apology)
                },
                supplements=h.supplements,
                due_at_request=h.first_due if h.requested else None,
                **_apology_moves_the_due_date(h),
                returned=h.finished.astimezone(VN).strftime("%Y-%m-%d %H:%M")
                if h.finished
                else None,
                signed_result=next(signatures) if h.e_result else None,
                digitised_at=h.accepted if h.digitised else None,
                **_fee_fields(h),
            )
            for h in items
        ]
    )


NOW_CHOICES = st.one_of(
    st.just(datetime.datetime(2027, 6, 1, tzinfo=VN)),
    st.integers(0, 150 * DAY_MINUTES).map(lambda m: _after(ORIGIN, m)),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), period=periods(), now=NOW_CHOICES)
def test_identities_hold_and_the_database_follows_the_rules(
    data, period, now, commune, procedures, citizen
):
    # Mostly around the period: from 15 days before it to 10 days after it.
    around = histories(
        origin=period.starts_at - datetime.timedelta(days=15),
        days=(period.end - period.start).days + 25,
        edges=(period.starts_at, period.ends_before, fig.as_of(period, now)),
    )
    items = data.draw(st.lists(around, min_size=10, max_size=40), label="items")
    _store(items, procedures, commune, citizen)
    rows = fig.table([commune.pk], period, now=now)
    total = fig.total_of(rows)

    for row in [*rows, total]:
        received, online, direct, carried, resolved, early, on_time, late, pending, within, over = (
            row.columns()
        )
        assert received == online + direct + carried
        assert resolved == early + on_time + late
        assert pending == within + over
        assert received == resolved + pending
        assert row.online_partial + row.online_full == online

    field_of = [p.field_id for p in procedures]
    expected = oracle_table(items, field_of, period, fig.as_of(period, now))
    assert {row.field_id: row.columns() for row in rows} == expected
    assert _levels_and_rates(total) == oracle_levels_and_rates(
        items, period, fig.as_of(period, now)
    )


def _levels_and_rates(row: fig.Row) -> tuple[int, ...]:
    return (
        row.online_partial,
        row.online_full,
        row.with_fee,
        row.paid_online,
        row.e_results,
        row.digitised,
    )


def oracle_levels_and_rates(
    items: list[History], period: fig.Period, as_of: datetime.datetime
) -> tuple[int, ...]:
    """The level split of column 4 and the counts of rates 3.6, 4.1 and 4.2 (reports.levels)."""
    partial = full = with_fee = paid_online = e_results = digitised = 0
    for h in items:
        columns = oracle_columns(h, period, as_of)
        if columns is None:
            continue
        level, has_fee, paid, e_result = oracle_levels(h, period.ends_before)
        if 4 in columns:
            full, partial = full + (level == "full"), partial + (level != "full")
        if has_fee and (4 in columns or 5 in columns):
            with_fee, paid_online = with_fee + 1, paid_online + paid
        e_results += e_result and 7 in columns
        digitised += e_result and h.digitised and 7 in columns  # rate 4.2
    return partial, full, with_fee, paid_online, e_results, digitised


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(items=st.lists(histories(), min_size=10, max_size=40), now=NOW_CHOICES)
def test_the_trend_judges_each_month_as_the_table_does(items, now, commune, procedures, citizen):
    _store(items, procedures, commune, citizen)
    months = fig.Period.month(2026, 12).previous_months(5)
    points = trend([commune.pk], months, now=now)
    for month, point in zip(months, points, strict=True):
        total = fig.total_of(fig.table([commune.pk], month, now=now))
        assert point.month == month.key
        assert point.processed == total.received
        assert point.on_time == total.early + total.on_time + total.within
        assert (point.online, point.online_partial, point.online_full) == (
            total.online,
            total.online_partial,
            total.online_full,
        )
