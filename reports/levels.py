"""Decision 766's rules for the report: the level split of online dossiers, and what the online
payment rate (3.6), the e-result rate (4.1) and the digitisation rate (4.2) count.
`reports.figures` uses these expressions in its one grouped query (and in the trend), each
judged as of E, the period's end.

Level split: an online dossier counts as toàn trình (level 4) only when, before E, all hold:
    - its procedure was toàn trình when it was accepted (`Dossier.online_level`);
    - its fee, if it has one, was paid online (bank transfer or gateway: `fee_paid_online`,
      `fee_paid_at` < E); a fee not required, or exempted, needs nothing;
    - its result was delivered electronically (a signed e-result, `signed_result`, recorded at
      `finished_at` < E) or by post (`result_delivery` = postal, `returned_at` < E).
Every other online dossier of a một phần or toàn trình procedure counts as một phần.

Rates (shared/domain.md, "Online service levels"):
    3.6 online payment = paid online before E / dossiers received in the period (4 + 5) with a
        fee (fee_amount > 0, not exempted);
    4.1 e-result       = dossiers resolved in the period (7) with a signed e-result / (7);
    4.2 digitisation   = dossiers resolved in the period (7) whose papers were scanned at the
        desk (`digitised_at` < E, dossiers.paper) and which have a signed e-result / (7).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Case, CharField, IntegerField, Q, Value, When

from dossiers.models import FeeStatus, ResultDelivery
from procedures.models import OnlineLevel

__all__ = ["add_service_counts", "full_766", "level_766", "service_counts"]


def full_766(ends_before: datetime.datetime) -> Q:
    """Toàn trình by Decision 766 as of E: level 4, fee paid online (if any), e-result or post."""
    fee_settled = Q(fee_status__in=[FeeStatus.NOT_REQUIRED, FeeStatus.EXEMPT]) | Q(
        fee_paid_online=True, fee_paid_at__lt=ends_before
    )
    delivered = Q(signed_result__isnull=False, finished_at__lt=ends_before) | Q(
        result_delivery=ResultDelivery.POSTAL, returned_at__lt=ends_before
    )
    return Q(online_level=OnlineLevel.FULL) & fee_settled & delivered


def level_766(ends_before: datetime.datetime) -> Case:
    """The level an online dossier counts under: "full" only when `full_766` holds."""
    return Case(
        When(full_766(ends_before), then=Value(OnlineLevel.FULL.value)),
        When(online_level__in=OnlineLevel.values, then=Value(OnlineLevel.PARTIAL.value)),
        default=Value(""),
        output_field=CharField(),
    )


# `service_counts`: 0 no fee, 1 a fee not paid online (yet), 2 paid online before E.
NO_FEE, FEE_DUE, FEE_PAID_ONLINE = 0, 1, 2


def service_counts(ends_before: datetime.datetime) -> dict[str, Case]:
    """The annotations rates 3.6, 4.1 and 4.2 count from (module docstring)."""
    has_fee = Q(fee_amount__gt=0) & ~Q(fee_status=FeeStatus.EXEMPT)
    paid = Q(fee_paid_online=True, fee_paid_at__lt=ends_before)
    e_result = Q(signed_result__isnull=False, finished_at__lt=ends_before)
    return {
        "fee_kind": Case(
            When(has_fee & paid, then=Value(FEE_PAID_ONLINE)),
            When(has_fee, then=Value(FEE_DUE)),
            default=Value(NO_FEE),
            output_field=IntegerField(),
        ),
        "e_result": Case(
            When(e_result, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        "digitised": Case(
            When(e_result & Q(digitised_at__lt=ends_before), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    }


def add_service_counts(row: Any, group: dict, *, received: bool, resolved: bool) -> None:
    """Add a group of `n` dossiers to a figures.Row's with_fee, paid_online, e_results and
    digitised."""
    n = group["n"]
    if received and group["fee_kind"] != NO_FEE:
        row.with_fee += n
        if group["fee_kind"] == FEE_PAID_ONLINE:
            row.paid_online += n
    if resolved and group["e_result"]:
        row.e_results += n
    if resolved and group["digitised"]:
        row.digitised += n
