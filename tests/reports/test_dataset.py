"""The generated dataset: realistic histories the report can count, and a calendar that agrees
with the real one."""

import datetime
import random
import zoneinfo

import pytest

from django.core.management import call_command

from agencies.models import Agency
from dossiers.models import Channel, DailySequence, Dossier, DossierEvent, State
from procedures.calendar import due_at
from procedures.holiday_sync import sync_holidays
from procedures.models import Holiday, OnlineLevel
from reports.dataset import FastCalendar, Plan, generate
from reports.figures import Period
from reports.monthly import compute
from satisfaction.models import Evaluation

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2026, 11, 29, 10, 0, tzinfo=VN)


def test_the_fast_calendar_agrees_with_the_real_one(db):
    sync_holidays(2025, 2027)  # Tết, Hùng Kings, swapped Saturdays...
    assert Holiday.objects.filter(date__year=2026).count() > 5
    calendar = FastCalendar(datetime.date(2025, 1, 1), datetime.date(2027, 12, 31))
    rng = random.Random(7)
    for _ in range(3000):
        day = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(2 * 365))
        moment = datetime.datetime.combine(
            day,
            datetime.time(
                rng.randrange(24), rng.choice([0, 30, rng.randrange(60)]), rng.randrange(60)
            ),
            tzinfo=VN,
        )
        unit = rng.choice(["working_days", "working_hours", "same_day"])
        amount = rng.randrange(0, 15)
        cutoff = rng.choice([None, datetime.time(15), datetime.time(11)])
        assert calendar.due_at(moment, amount, unit, cutoff=cutoff) == due_at(
            moment, amount, unit, cutoff=cutoff
        ), (moment, amount, unit, cutoff)


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
    assert not Dossier.objects.filter(accepted_at__lt=models_f("submitted_at")).exists()
    assert not Dossier.objects.filter(finished_at__lt=models_f("accepted_at")).exists()
    assert not Dossier.objects.filter(returned_at__lt=models_f("finished_at")).exists()
    assert not Dossier.objects.filter(finished_at__gt=NOW).exists()
    # Codes follow the per-agency daily sequence, which the next real submission continues.
    code = Dossier.objects.exclude(code=None).order_by("pk").first().code
    identifier, day, number = code.rsplit("-", 2)
    agency = Agency.objects.get(identifier=identifier)
    day = datetime.datetime.strptime(day, "%y%m%d").date()
    sequence = DailySequence.objects.get(agency=agency, day=day)
    assert sequence.last_value >= int(number)


def models_f(name):
    from django.db.models import F

    return F(name)


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
