"""Numbers the Vietnamese way, and rates of nothing shown as "-"."""

from decimal import Decimal

import pytest

from reports.formatting import Index, Rate, vn_decimal, vn_number, vn_percent
from reports.monthly import MonthlyFigures, Plan


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (7, "7"), (1234, "1.234"), (7458, "7.458"), (1_000_000, "1.000.000"), (None, "-")],
)
def test_thousands_are_grouped_with_a_dot(value, text):
    assert vn_number(value) == text


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        (Rate(985, 1000), "98,5%"),
        (Rate(1, 1), "100%"),
        (Rate(0, 5), "0%"),
        (Rate(2, 3), "66,67%"),
        (Rate(1, 8), "12,5%"),
        (Rate(1, 200), "0,5%"),
        (Rate(1, 3), "33,33%"),
        (Rate(7458, 6715), "111,06%"),  # Thạnh Xuân: 7.458 online dossiers, 111,06% of the plan
        (Rate(123456, 100), "123.456%"),
    ],
)
def test_rates_use_a_decimal_comma_rounded_half_up(rate, text):
    assert str(rate) == text


def test_half_up_not_bankers_rounding():
    assert vn_decimal(Decimal("0.125"), 2) == "0,13"
    assert vn_decimal(Decimal("2.5"), 0) == "3"
    assert vn_percent(Decimal("99.995")) == "100%"


@pytest.mark.parametrize("rate", [Rate(0, 0), Rate(5, 0)])
def test_a_rate_of_nothing_is_a_dash_not_zero_nor_an_error(rate):
    assert not rate.defined
    assert rate.percent is None
    assert str(rate) == "-"


def test_the_index_is_undefined_when_either_rate_is():
    assert str(Index((Rate(1, 4), Rate(1, 10)))) == "65%"
    assert str(Index((Rate(1, 4), Rate(0, 0)))) == "-"


def test_an_empty_month_shows_dashes_everywhere(commune):
    import datetime

    from reports.figures import Period

    figures = MonthlyFigures(
        agency_id=commune.pk,
        agency_name=commune.name,
        agency_identifier=commune.identifier,
        period=Period.month(2026, 10),
        computed_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
        as_of=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
        rows=[],
        plan=Plan(),
    )
    for rate in (
        figures.online_rate,
        figures.on_time_rate,
        figures.satisfaction_rate,
        figures.service_index,
        figures.plan_month_share,
        figures.plan_year_share,
    ):
        assert str(rate) == "-"
