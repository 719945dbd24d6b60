"""Decision 766's level split and the rates 3.6 and 4.1 (reports.levels), on one level-4
online dossier whose fee and result change: toàn trình only with the fee paid online (or none)
and the result signed electronically or posted, each before the period's end."""

import datetime

import pytest

from reports import figures as fig
from reports.monthly import compute
from signing.models import SignedDocument

from .helpers import VN, create_rows, dossier_row

OCTOBER = fig.Period.month(2026, 10)
NOW = datetime.datetime(2026, 11, 15, tzinfo=VN)


def level_4(commune, procedure, citizen, **changes):
    row = {
        "agency": commune,
        "procedure": procedure,
        "applicant": citizen,
        "state": "returned",
        "accepted": "2026-10-05 09:00",
        "due": "2026-10-08 09:00",
        "finished": "2026-10-07 10:00",
        "returned": "2026-10-07 10:00",
        "fee_amount": 8_000,
        "fee_status": "paid",
        "fee_paid_online": True,
        "fee_paid_at": datetime.datetime(2026, 10, 5, 10, 0, tzinfo=VN),
        "signed_result": SignedDocument.objects.create(
            sha256="a" * 64, title="KQ", signer="UBND", signed_at=NOW
        ),
    }
    return create_rows([dossier_row(**{**row, **changes})])[0]


def split(commune):
    total = fig.total_of(fig.table([commune.pk], OCTOBER, now=NOW))
    return total.online_partial, total.online_full


def test_paid_online_and_signed_counts_as_toan_trinh(commune, birth, citizen):
    level_4(commune, birth, citizen)
    assert split(commune) == (0, 1)
    figures = compute(commune, OCTOBER, now=NOW)
    assert str(figures.online_payment_rate) == "100%"
    assert str(figures.e_result_rate) == "100%"


@pytest.mark.parametrize(
    "changes",
    [
        {"fee_paid_online": False},  # paid in cash at the desk
        {"fee_status": "due", "fee_paid_online": False, "fee_paid_at": None},  # not paid
        # paid online, but after the month's end: judged as of the end of October
        {"fee_paid_at": datetime.datetime(2026, 11, 2, 9, 0, tzinfo=VN)},
        {"signed_result": None},  # the result was collected at the desk
    ],
)
def test_without_online_payment_or_e_result_it_is_mot_phan(commune, birth, citizen, changes):
    level_4(commune, birth, citizen, **changes)
    assert split(commune) == (1, 0)


def test_no_fee_and_posted_result_counts_as_toan_trinh(commune, birth, citizen):
    level_4(
        commune,
        birth,
        citizen,
        fee_amount=0,
        fee_status="not_required",
        fee_paid_online=False,
        fee_paid_at=None,
        signed_result=None,
        result_delivery="postal",
    )
    assert split(commune) == (0, 1)
    figures = compute(commune, OCTOBER, now=NOW)
    assert str(figures.online_payment_rate) == "-"  # no dossier with a fee
    assert str(figures.e_result_rate) == "0%"
