"""One agency's report for one month: the table, the rates, the plan, the trend, who is late.

`compute` asks the database (a fixed number of queries whatever the number of dossiers); the
trend takes the months already frozen from their snapshot. Freezing a month, and showing a
closed month from its frozen version, is reports.snapshots' job.

The plan (PlanTarget, online dossiers):
    - the month's share = online dossiers received in the month / the month's target, which
      is the agency's target for that month if set, else its yearly target / 12;
    - the year to date = online dossiers received from 1 January to the end of the month /
      the yearly target; without a yearly target, the sum of the 12 monthly targets when all
      12 are set, else undefined ("-").
    Targets are the agency's own (a province sets the province's); they are not summed over
    the subtree, while the dossiers counted are the whole subtree's.

Rates (each "-" when its denominator is 0):
    online rate      = column 4 / (column 4 + column 5)   online among those received
    on-time rate     = (8 + 9 + 12) / (7 + 11)
    online payment (3.6) = paid online / received (4 + 5) with a fee
    e-result (4.1)   = resolved with a signed electronic result / 7
    satisfaction     = (very satisfied + satisfied) / evaluations of the month
    index (766/QĐ-TTg) = 100% - (overdue rate + not-satisfied rate), where
                       overdue rate = (10 + 13) / (7 + 11) and not-satisfied rate =
                       not satisfied / evaluations; "-" when either is undefined.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.utils import timezone

from agencies.models import Agency
from satisfaction.figures import counts_by_agency, satisfaction_figures
from satisfaction.models import Satisfaction

from . import figures as fig
from .communes import CommuneLine, commune_lines
from .formatting import Index, Rate
from .models import MonthlyReport, PlanTarget
from .trend import TrendPoint, trend

SCHEMA = 1
TREND_MONTHS = 12
OVERDUE_LIST_LIMIT = 50


@dataclass
class OverdueItem:
    code: str
    procedure: str
    agency: str
    officer: str
    due_at: str  # ISO, local time
    days_overdue: int
    second_supplement: bool = False
    apology: bool = False
    dossier_id: int | None = None  # for the link (reports frozen before it have none)


@dataclass
class Plan:
    year_target: int | None = None
    month_target: int | None = None  # the month's own target, if set

    @property
    def month_basis(self) -> str:
        """'month' (its own target), 'year' (yearly / 12) or '' (no target)."""
        if self.month_target:
            return "month"
        return "year" if self.year_target else ""

    @property
    def month_target_value(self) -> Decimal | None:
        if self.month_target:
            return Decimal(self.month_target)
        if self.year_target:
            return Decimal(self.year_target) / 12
        return None


@dataclass
class MonthlyFigures:
    """Everything the dashboard, the PDF and the exports show; JSON in a frozen report."""

    agency_id: int
    agency_name: str
    agency_identifier: str
    period: fig.Period
    computed_at: datetime.datetime
    as_of: datetime.datetime
    rows: list[fig.Row]
    online_ytd: int = 0
    plan: Plan = field(default_factory=Plan)
    satisfaction: dict[str, int] = field(default_factory=dict)
    trend: list[TrendPoint] = field(default_factory=list)
    overdue_list: list[OverdueItem] = field(default_factory=list)
    communes: list[CommuneLine] = field(default_factory=list)  # a province's, per commune
    # Set when shown from a frozen report.
    version: int | None = None
    frozen_at: datetime.datetime | None = None

    @property
    def total(self) -> fig.Row:
        return fig.total_of(self.rows)

    # --- rates ---------------------------------------------------------------------------------
    @property
    def online_rate(self) -> Rate:
        total = self.total
        return Rate(total.online, total.online + total.direct)

    @property
    def on_time_rate(self) -> Rate:
        total = self.total
        return Rate(total.early + total.on_time + total.within, total.resolved + total.pending)

    @property
    def overdue_rate(self) -> Rate:
        total = self.total
        return Rate(total.late + total.overdue, total.resolved + total.pending)

    @property
    def online_payment_rate(self) -> Rate:
        """3.6: paid online / received with a fee (reports.levels)."""
        total = self.total
        return Rate(total.paid_online, total.with_fee)

    @property
    def e_result_rate(self) -> Rate:
        """4.1: resolved with a signed electronic result / resolved (reports.levels)."""
        total = self.total
        return Rate(total.e_results, total.resolved)

    @property
    def digitisation_rate(self) -> Rate:
        """4.2: resolved, scanned at the desk and with a signed e-result / resolved."""
        total = self.total
        return Rate(total.digitised, total.resolved)

    @property
    def satisfaction_rate(self) -> Rate:
        s = self.satisfaction
        return Rate(s.get("very_satisfied", 0) + s.get("satisfied", 0), s.get("total", 0))

    @property
    def not_satisfied_rate(self) -> Rate:
        return Rate(self.satisfaction.get("not_satisfied", 0), self.satisfaction.get("total", 0))

    @property
    def service_index(self) -> Index:
        return Index((self.overdue_rate, self.not_satisfied_rate))

    @property
    def plan_month_share(self) -> Rate:
        target = self.plan.month_target_value
        if target is None:
            return Rate(0, 0)
        # online / (yearly / 12) is 12 * online / yearly: kept exact.
        if self.plan.month_basis == "year":
            return Rate(self.total.online * 12, self.plan.year_target)
        return Rate(self.total.online, self.plan.month_target)

    @property
    def plan_year_share(self) -> Rate:
        return Rate(self.online_ytd, self.plan.year_target or 0)

    @property
    def identities_hold(self) -> bool:
        return all(row.identities_hold() for row in [*self.rows, self.total])

    # --- JSON ----------------------------------------------------------------------------------
    def to_json(self) -> dict:
        return {
            "schema": SCHEMA,
            "agency": {
                "id": self.agency_id,
                "name": self.agency_name,
                "identifier": self.agency_identifier,
            },
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "computed_at": self.computed_at.isoformat(),
            "as_of": self.as_of.isoformat(),
            "rows": [row.as_dict() for row in self.rows],
            "total": self.total.as_dict(),
            "online_ytd": self.online_ytd,
            "plan": {"year_target": self.plan.year_target, "month_target": self.plan.month_target},
            "satisfaction": dict(self.satisfaction),
            "trend": [point.as_dict() for point in self.trend],
            "overdue_list": [asdict(item) for item in self.overdue_list],
            "communes": [line.as_dict() for line in self.communes],
        }

    @classmethod
    def from_json(cls, data: dict) -> MonthlyFigures:
        period = fig.Period(
            datetime.date.fromisoformat(data["period"]["start"]),
            datetime.date.fromisoformat(data["period"]["end"]),
        )
        return cls(
            agency_id=data["agency"]["id"],
            agency_name=data["agency"]["name"],
            agency_identifier=data["agency"]["identifier"],
            period=period,
            computed_at=datetime.datetime.fromisoformat(data["computed_at"]),
            as_of=datetime.datetime.fromisoformat(data["as_of"]),
            rows=[fig.Row.from_dict(row) for row in data["rows"]],
            online_ytd=data["online_ytd"],
            plan=Plan(**data["plan"]),
            satisfaction=data["satisfaction"],
            trend=[TrendPoint(**point) for point in data["trend"]],
            overdue_list=[OverdueItem(**item) for item in data["overdue_list"]],
            communes=[CommuneLine(**line) for line in data.get("communes", [])],
        )


# --- computing ----------------------------------------------------------------------------------


def plan_for(agency: Agency, period: fig.Period) -> Plan:
    """The agency's yearly and monthly targets for the period's year (one query)."""
    targets = dict(
        PlanTarget.objects.filter(agency=agency, year=period.end.year).values_list(
            "month", "online_target"
        )
    )
    year_target = targets.get(None)
    monthly = {m: t for m, t in targets.items() if m is not None}
    if year_target is None and len(monthly) == 12:
        year_target = sum(monthly.values())
    month_target = monthly.get(period.end.month) if period.is_month else None
    return Plan(year_target=year_target, month_target=month_target)


def _satisfaction(agency: Agency, period: fig.Period) -> dict[str, int]:
    figures = satisfaction_figures(agency, period.start, period.end)
    return {choice: figures[choice] for choice in Satisfaction.values} | {"total": figures["total"]}


def _counted(
    agency: Agency, ids: list[int], period: fig.Period, now: datetime.datetime
) -> tuple[list[fig.Row], list[CommuneLine], dict[str, int]]:
    """The table, the communes' lines and the satisfaction counts.

    For an agency with communes under it, the dossiers are counted once by agency and procedure
    and the evaluations once by agency: the table and the subtree's satisfaction are sums of
    what the communes' lines need anyway (bench/README.md: one scan of the table, not two).
    """
    if agency.level == Agency.Level.COMMUNE:
        return fig.table(ids, period, now=now), [], _satisfaction(agency, period)
    groups = fig.grouped(ids, period, now, "agency_id", "procedure_id")
    by_agency = counts_by_agency(agency, period.start, period.end)
    satisfaction = dict.fromkeys(Satisfaction.values, 0)
    for counts in by_agency.values():
        for choice, n in counts.items():
            satisfaction[choice] += n
    satisfaction["total"] = sum(satisfaction.values())
    communes = commune_lines(
        agency, period, now=now, groups=fig.merged(groups, "agency_id"), satisfaction=by_agency
    )
    return fig.rows_of(fig.merged(groups, "procedure_id")), communes, satisfaction


def latest_snapshots(agency: Agency, months: list[fig.Period]) -> dict[str, MonthlyReport]:
    """The latest frozen version of each of these months that has one (one query)."""
    found: dict[str, MonthlyReport] = {}
    reports = MonthlyReport.objects.filter(
        agency=agency, month__in=[m.start for m in months]
    ).order_by("month", "-version")
    for report in reports:
        found.setdefault(f"{report.month:%Y-%m}", report)
    return found


def _point(month: str, total: fig.Row, *, frozen: bool) -> TrendPoint:
    """A month of the trend read from that month's table total."""
    return TrendPoint(
        month=month,
        online=total.online,
        online_partial=total.online_partial,
        online_full=total.online_full,
        on_time=total.early + total.on_time + total.within,
        processed=total.received,
        frozen=frozen,
    )


def _trend(
    agency: Agency,
    agency_ids: list[int],
    period: fig.Period,
    now: datetime.datetime,
    rows: list[fig.Row],
) -> list[TrendPoint]:
    """12 months ending with the period's month.

    The period's month is its table (`rows`, already computed), earlier months frozen ones are
    read from their snapshot, and only the others are counted (one query, none if every
    earlier month is frozen).
    """
    months = period.previous_months(TREND_MONTHS)
    earlier = [m for m in months if m.key != period.key and m.ends_before <= now]
    frozen = latest_snapshots(agency, earlier)
    live = [m for m in months if m.key not in frozen and m.key != period.key]
    computed = {p.month: p for p in trend(agency_ids, live, now=now)}
    computed[period.key] = _point(period.key, fig.total_of(rows), frozen=False)
    points = []
    for month in months:
        if month.key in frozen:
            total = fig.Row.from_dict(frozen[month.key].figures["total"])
            points.append(_point(month.key, total, frozen=True))
        else:
            points.append(computed[month.key])
    return points


def _overdue_list(
    agency_ids: list[int], period: fig.Period, now: datetime.datetime
) -> list[OverdueItem]:
    moment = fig.as_of(period, now)
    # The day judged on: the period's last day, or today while the period is not over.
    day = min(period.end, timezone.localtime(moment, fig.site_tz()).date())
    items = []
    for dossier in fig.overdue_dossiers(agency_ids, period, now=now)[:OVERDUE_LIST_LIMIT]:
        due = timezone.localtime(dossier.due_at, fig.site_tz()) if dossier.due_at else None
        items.append(
            OverdueItem(
                code=dossier.code or "",
                procedure=dossier.procedure.name,
                agency=dossier.agency.name,
                officer=dossier.handled_by.full_name if dossier.handled_by else "",
                due_at=due.isoformat() if due else "",
                days_overdue=max((day - due.date()).days, 0) if due else 0,
                second_supplement=dossier.supplement_count >= 2,
                apology=dossier.apology_issued_at is not None,
                dossier_id=dossier.pk,
            )
        )
    return items


def compute(
    agency: Agency, period: fig.Period, *, now: datetime.datetime | None = None
) -> MonthlyFigures:
    """The report from the database, now: a fixed number of queries whatever the dossiers.

    The agencies of the subtree, the table (two: the counts, the procedures' fields), the
    plan, the satisfaction figures, the frozen months of the trend, the earlier months of the
    trend that are not frozen (none when all are; the period's month is its table; the trend
    also gives the year to date), and the overdue list; for an agency with communes under it,
    the counts and the satisfaction are grouped by agency and give the per-commune table too
    (one more query: the agencies' tree, reports.communes).
    """
    if not period.is_month:
        raise ValueError("The monthly report is for a calendar month (figures.table takes any).")
    now = now or timezone.now()
    ids = fig.subtree_ids(agency)
    rows, communes, satisfaction = _counted(agency, ids, period, now)
    points = _trend(agency, ids, period, now, rows)
    # From 1 January: the trend's months of this year (12 months always reach back to it).
    year = f"{period.end.year}-"
    online_ytd = sum(p.online for p in points if p.month.startswith(year) and p.month <= period.key)
    return MonthlyFigures(
        agency_id=agency.pk,
        agency_name=agency.name,
        agency_identifier=agency.identifier,
        period=period,
        computed_at=now,
        as_of=fig.as_of(period, now),
        rows=rows,
        online_ytd=online_ytd,
        plan=plan_for(agency, period),
        satisfaction=satisfaction,
        trend=points,
        overdue_list=_overdue_list(ids, period, now),
        communes=communes,
    )
