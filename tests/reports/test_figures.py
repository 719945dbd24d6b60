"""The Biểu 06 table of a month worked out by hand (tests/reports/scenario.py)."""

import datetime
from decimal import Decimal

import pytest

from reports import figures as fig
from reports.models import PlanTarget
from reports.monthly import compute

from .scenario import (
    EXPECTED_CERTIFICATION,
    EXPECTED_CIVIL_STATUS,
    EXPECTED_FULL,
    EXPECTED_ONLINE_YTD,
    EXPECTED_OVERDUE,
    EXPECTED_PARTIAL,
    EXPECTED_TOTAL,
    NOW,
    build_october,
)

OCTOBER = fig.Period.month(2026, 10)


@pytest.fixture
def october(commune, sibling, birth, marriage, copy_cert, citizen, officer):
    return build_october(
        agency=commune,
        procedures={"birth": birth, "marriage": marriage, "copy_cert": copy_cert},
        applicant=citizen,
        officer=officer,
        other_agency=sibling,
    )


def test_the_hand_built_month_gives_the_table_worked_out_by_hand(commune, october):
    figures = compute(commune, OCTOBER, now=NOW)

    assert [row.field_name for row in figures.rows] == ["Hộ tịch", "Chứng thực"]
    civil_status, certification = figures.rows
    assert civil_status.columns() == EXPECTED_CIVIL_STATUS
    assert certification.columns() == EXPECTED_CERTIFICATION
    assert figures.total.columns() == EXPECTED_TOTAL
    assert (figures.total.online_partial, figures.total.online_full) == (
        EXPECTED_PARTIAL,
        EXPECTED_FULL,
    )
    assert figures.online_ytd == EXPECTED_ONLINE_YTD
    assert figures.identities_hold


def test_the_rates_of_the_hand_built_month(commune, october):
    PlanTarget.objects.create(agency=commune, year=2026, online_target=120)
    figures = compute(commune, OCTOBER, now=NOW)

    assert str(figures.online_rate) == "73,33%"  # 11 / 15
    assert str(figures.on_time_rate) == "55,56%"  # (1 + 5 + 4) / 18
    assert figures.satisfaction == {
        "very_satisfied": 1,
        "satisfied": 1,
        "not_satisfied": 1,
        "total": 3,
    }
    assert str(figures.satisfaction_rate) == "66,67%"
    # 100% - (overdue (3 + 5) / 18 = 44,44% + not satisfied 1 / 3 = 33,33%)
    assert str(figures.overdue_rate) == "44,44%"
    assert str(figures.service_index) == "22,22%"
    # 120 a year = 10 a month; 11 online in October; 16 online / 120 since January.
    assert str(figures.plan_month_share) == "110%"
    assert str(figures.plan_year_share) == "13,33%"


def test_a_monthly_target_wins_over_the_yearly_one(commune, october):
    PlanTarget.objects.create(agency=commune, year=2026, online_target=120)
    PlanTarget.objects.create(agency=commune, year=2026, month=10, online_target=9)
    figures = compute(commune, OCTOBER, now=NOW)
    assert figures.plan_month_share.percent == Decimal(11) * 100 / 9
    assert str(figures.plan_month_share) == "122,22%"


def test_the_overdue_list_names_the_officer_most_overdue_first(commune, october):
    figures = compute(commune, OCTOBER, now=NOW)
    codes = [item.code for item in figures.overdue_list]
    assert codes == [october[name].code for name in EXPECTED_OVERDUE]
    first = figures.overdue_list[0]
    assert first.officer == "Trần Thị Bình"
    assert first.days_overdue == 46  # due 15/09, judged at the end of 31/10
    assert [item.second_supplement for item in figures.overdue_list] == [
        False,
        False,
        True,
        False,
        False,
    ]


def test_the_province_rolls_up_its_communes(province, commune, sibling, october):
    figures = compute(province, OCTOBER, now=NOW)
    # The sibling adds one online dossier resolved early and one direct overdue one.
    expected = list(EXPECTED_TOTAL)
    for column, extra in {3: 2, 4: 1, 5: 1, 7: 1, 8: 1, 11: 1, 13: 1}.items():
        expected[column - 3] += extra
    assert figures.total.columns() == expected
    assert compute(sibling, OCTOBER, now=NOW).total.columns() == [2, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1]


def test_a_month_not_over_is_judged_now(commune, october):
    """On 30/10 at 12:00, H7 (due 30/10 09:00) is overdue but C3 (due 31/10) is not."""
    now = datetime.datetime(2026, 10, 30, 12, 0, tzinfo=NOW.tzinfo)
    figures = compute(commune, OCTOBER, now=now)
    assert figures.as_of == now
    overdue = {item.code for item in figures.overdue_list}
    assert october["H7"].code in overdue
    assert october["C3"].code not in overdue


def test_the_trend_ends_with_the_month_and_matches_its_table(commune, october):
    figures = compute(commune, OCTOBER, now=NOW)
    assert [p.month for p in figures.trend][-3:] == ["2026-08", "2026-09", "2026-10"]
    assert len(figures.trend) == 12
    last = figures.trend[-1]
    total = figures.total
    assert (last.online_partial, last.online_full) == (total.online_partial, total.online_full)
    assert (last.on_time, last.processed) == (total.early + total.on_time + total.within, 18)
    september = fig.table(fig.subtree_ids(commune), fig.Period.month(2026, 9), now=NOW)
    sept_total = fig.total_of(september)
    point = figures.trend[-2]
    assert point.processed == sept_total.received
    assert point.on_time == sept_total.early + sept_total.on_time + sept_total.within


def test_any_period_not_only_a_month(commune, october):
    """1-10 October: only what was accepted by the 10th, judged at the end of the 10th."""
    period = fig.Period(datetime.date(2026, 10, 1), datetime.date(2026, 10, 10))
    rows = fig.table(fig.subtree_ids(commune), period, now=NOW)
    total = fig.total_of(rows)
    assert total.identities_hold()
    # H1, H2, H18, C1, C2, C4 received; H5, H16, H17 carried over.
    assert (total.received, total.online, total.direct, total.carried) == (9, 4, 2, 3)
    # H1 early; H2, H5, C1, C4 on time; C2 late.
    assert (total.resolved, total.early, total.on_time, total.late) == (6, 1, 4, 1)
    # H16, H17 overdue; H18 too, by its due date (its last request, on 20/10, comes after
    # the 10th, so at the end of the 10th it was not waiting).
    assert (total.pending, total.within, total.overdue) == (3, 0, 3)
