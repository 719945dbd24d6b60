"""The generated dataset: realistic histories the report can count, due dates from the app's
own calendar."""

import datetime
import zoneinfo

import pytest

from django.core.management import call_command
from django.db.models import F

from agencies.models import Agency
from bench.dataset import Plan, generate
from dossiers.models import Channel, DailySequence, Dossier, DossierEvent, State
from procedures.calendar import due_at
from procedures.models import OnlineLevel
from reports.figures import Period
from reports.monthly import compute
from satisfaction.models import Evaluation

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2026, 11, 29, 10, 0, tzinfo=VN)


@pytest.fixture
def dataset(db):
    call_command("load_catalog", verbosity=0)
    return generate(Plan(dossiers=3000, communes=4, months=6, batch=1000), now=NOW)


def test_the_dataset_has_every_kind_of_history(dataset):
    assert dataset.dossiers == Dossier.objects.count() == 3000
    states = set(Dossier.objects.values_list("state", flat=True))
    assert states == set(State.values)
    assert set(Dossier.objects.values_list("channel", flat=True)) == set(Channel.values)
    levels = set(Dossier.objects.exclude(online_level="").values_list("online_level", flat=True))
    assert levels == set(OnlineLevel.values)
    assert Dossier.objects.filter(supplement_count=2).exists()
    assert Dossier.objects.filter(
        state=State.MISSING_DOCUMENTS, supplement_requests__isnull=False
    ).exists()
    assert Dossier.objects.exclude(apology_issued_at=None).exists()
    assert Evaluation.objects.count() == dataset.evaluations > 0
    assert DossierEvent.objects.count() == dataset.events
    # Moments in order, and nothing in the future.
    assert not Dossier.objects.filter(accepted_at__lt=F("submitted_at")).exists()
    assert not Dossier.objects.filter(finished_at__lt=F("accepted_at")).exists()
    assert not Dossier.objects.filter(returned_at__lt=F("finished_at")).exists()
    assert not Dossier.objects.filter(finished_at__gt=NOW).exists()
    # Codes follow the per-agency daily sequence, which the next real submission continues.
    code = Dossier.objects.exclude(code=None).order_by("pk").first().code
    identifier, day, number = code.rsplit("-", 2)
    agency = Agency.objects.get(identifier=identifier)
    day = datetime.datetime.strptime(day, "%y%m%d").date()
    sequence = DailySequence.objects.get(agency=agency, day=day)
    assert sequence.last_value >= int(number)


def test_due_dates_come_from_the_calendar(dataset):
    """Counted from acceptance, or from the documents' return (no apology moved them)."""
    dossiers = Dossier.objects.exclude(due_at=None).filter(apology_issued_at=None)
    dossiers = dossiers.exclude(state__in=[State.MISSING_DOCUMENTS, State.STOPPED])
    assert dossiers.filter(supplement_count__gt=0).exists()
    for dossier in dossiers:
        clock = dossier.supplement_received_at or dossier.accepted_at
        expected = due_at(
            clock,
            dossier.processing_amount,
            dossier.processing_unit,
            cutoff=dossier.same_day_cutoff,
        )
        assert dossier.due_at == expected, dossier.pk


def test_the_report_counts_the_dataset_and_its_identities_hold(dataset):
    province = Agency.objects.get(parent=None)
    figures = compute(province, Period.month(2026, 10), now=NOW)
    total = figures.total
    assert total.received > 300
    assert min(total.early, total.on_time, total.late, total.within, total.overdue) > 0
    assert figures.identities_hold
    assert figures.satisfaction["total"] > 0


def test_the_dataset_refuses_communes_that_have_dossiers(dataset):
    with pytest.raises(RuntimeError, match="fresh database"):
        generate(Plan(dossiers=10, communes=4, months=1), now=NOW)
