"""Satisfaction figures for the reports: the subtree, the period, one query."""

import datetime
from decimal import Decimal

from satisfaction import rating
from satisfaction.figures import satisfaction_figures
from satisfaction.models import EvaluationChannel

from .helpers import at

# --- Figures for the reports ---------------------------------------------------------------------


def test_satisfaction_figures_count_the_subtree_and_the_period_in_one_query(
    make, now, province, commune, sister, elsewhere, django_assert_num_queries
):
    plan = [
        (commune, "very_satisfied", "2026-03-01 00:00"),  # first instant of the period
        (commune, "very_satisfied", "2026-03-10 09:00"),
        (sister, "very_satisfied", "2026-03-12 09:00"),
        (commune, "satisfied", "2026-03-20 16:00"),
        (sister, "satisfied", "2026-03-31 23:59"),  # last minute of the period
        (sister, "not_satisfied", "2026-03-15 09:00"),
        (commune, "satisfied", "2026-02-28 23:59"),  # before the period
        (commune, "not_satisfied", "2026-04-01 00:00"),  # after it
        (elsewhere, "not_satisfied", "2026-03-15 09:00"),  # another province
    ]
    now.move_to(at("2026-02-20 09:00"), tick=False)
    dossiers = [make(agency) for agency, _choice, _moment in plan]
    for dossier, (_agency, choice, moment) in zip(dossiers, plan, strict=True):
        now.move_to(at(moment), tick=False)
        rating.rate(dossier.pk, choice=choice, channel=EvaluationChannel.ONLINE_LINK)

    with django_assert_num_queries(1):
        figures = satisfaction_figures(
            province, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
        )

    assert figures == {
        "very_satisfied": 3,
        "satisfied": 2,
        "not_satisfied": 1,
        "total": 6,
        "satisfied_total": 5,
        "rate": Decimal("0.8333"),
        "rate_percent": Decimal("83.33"),
    }
    commune_only = satisfaction_figures(
        commune, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
    )
    assert (commune_only["total"], commune_only["rate"]) == (3, Decimal("1.0000"))


def test_satisfaction_figures_on_an_empty_period_have_no_rate(province):
    figures = satisfaction_figures(province, datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))

    assert figures["total"] == 0
    assert figures["rate"] is None
    assert figures["rate_percent"] is None
    assert figures["very_satisfied"] == figures["satisfied"] == figures["not_satisfied"] == 0
