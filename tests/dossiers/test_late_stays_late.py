"""Late stays late, and a past month never changes (the rulings under the Biểu 06 table).

September 2026: 1 and 2 September are public holidays, the rest of the dates used here are
plain working days (Mon 21 ... Fri 25, Mon 28 ... Wed 30 September, Thu 1 ... Tue 6 October).
Accepted Mon 21 September 09:00 with 3 working days: due Thu 24 September 09:00.
"""

import datetime
import importlib
from types import SimpleNamespace

import pytest

from django.apps import apps
from django.db import connection

from dossiers import services
from dossiers.models import Dossier
from reports import figures
from tests.factories import DossierFactory, pdf_upload

from .helpers import at, fresh

SEPTEMBER = figures.Period.month(2026, 9)
fill = importlib.import_module("dossiers.migrations.0019_fill_due_at_request")


@pytest.fixture
def accepted(time_machine, procedure, agency, citizen, officer):
    time_machine.move_to(at("2026-09-21 08:00"), tick=False)
    dossier = DossierFactory(
        submitted=True, procedure=procedure, agency=agency, applicant=citizen, officer=officer
    )
    time_machine.move_to(at("2026-09-21 09:00"), tick=False)
    dossier = services.accept(dossier.pk, officer=officer)
    assert dossier.due_at == at("2026-09-24 09:00")
    return dossier


def _ask(dossier, officer, optional_document):
    return services.request_documents(
        dossier.pk,
        officer=officer,
        missing=[optional_document],
        note="Bổ sung bản chụp rõ nét.",
        deadline=datetime.date(2026, 10, 9),
    )


def _supplement(dossier, citizen, optional_document):
    uploads = {optional_document.pk: [pdf_upload("bo-sung.pdf", size=4096)]}
    return services.supplement(dossier.pk, user=citizen, uploads=uploads)


def _september(dossier, now: str) -> figures.Row:
    (row,) = figures.table([dossier.agency_id], SEPTEMBER, now=at(now))
    return row


@pytest.mark.parametrize("clock", ["restart", "pause"])
def test_asked_for_documents_while_overdue_it_stays_late(
    settings, time_machine, accepted, officer, citizen, optional_document, clock
):
    settings.DOSSIER_SUPPLEMENT_CLOCK = clock
    time_machine.move_to(at("2026-09-25 10:00"), tick=False)  # a day after the due date
    _ask(accepted, officer, optional_document)
    assert _september(accepted, "2026-09-25 10:30").overdue == 1  # waiting, but late already

    time_machine.move_to(at("2026-09-28 09:00"), tick=False)
    dossier = _supplement(accepted, citizen, optional_document)
    if clock == "restart":
        assert fresh(dossier).due_at == at("2026-10-01 09:00")  # counted anew
    time_machine.move_to(at("2026-09-29 10:00"), tick=False)
    services.record_result(dossier.pk, officer=officer, note="Nhận tại quầy.")

    row = _september(dossier, "2026-10-01 08:00")
    assert (row.resolved, row.early, row.on_time, row.late) == (1, 0, 0, 1)


def test_asked_for_documents_in_time_the_new_due_date_counts(
    time_machine, accepted, officer, citizen, optional_document
):
    time_machine.move_to(at("2026-09-22 10:00"), tick=False)  # before the due date
    _ask(accepted, officer, optional_document)
    time_machine.move_to(at("2026-09-28 09:00"), tick=False)
    dossier = _supplement(accepted, citizen, optional_document)
    time_machine.move_to(at("2026-09-29 10:00"), tick=False)
    services.record_result(dossier.pk, officer=officer, note="Nhận tại quầy.")

    row = _september(dossier, "2026-10-01 08:00")
    assert (row.resolved, row.early, row.late) == (1, 1, 0)


def test_a_past_month_is_the_same_after_an_apology_a_supplement_and_the_result(
    time_machine, accepted, officer, citizen, optional_document
):
    time_machine.move_to(at("2026-10-01 08:00"), tick=False)
    september = _september(accepted, "2026-10-01 08:00")
    assert (september.received, september.pending, september.overdue) == (1, 1, 1)

    time_machine.move_to(at("2026-10-01 09:00"), tick=False)  # overdue: an apology is offered
    services.issue_apology(
        accepted.pk, officer=officer, new_due_at=at("2026-10-05 16:00"), reason="Chờ xác minh."
    )
    assert _september(accepted, "2026-10-01 10:00") == september

    time_machine.move_to(at("2026-10-02 09:00"), tick=False)
    _ask(accepted, officer, optional_document)
    time_machine.move_to(at("2026-10-05 09:00"), tick=False)
    dossier = _supplement(accepted, citizen, optional_document)  # restart: due 8 October
    assert _september(dossier, "2026-10-05 10:00") == september

    time_machine.move_to(at("2026-10-06 09:00"), tick=False)
    services.record_result(dossier.pk, officer=officer, note="Nhận tại quầy.")
    assert _september(dossier, "2026-10-06 10:00") == september
    (october,) = figures.table(
        [dossier.agency_id], figures.Period.month(2026, 10), now=at("2026-11-01 08:00")
    )
    assert (october.carried, october.resolved, october.late) == (1, 1, 1)


def test_the_migration_recovers_the_due_date_in_force_at_the_request(
    time_machine, accepted, officer, citizen, optional_document
):
    time_machine.move_to(at("2026-09-25 10:00"), tick=False)
    _ask(accepted, officer, optional_document)
    time_machine.move_to(at("2026-09-28 09:00"), tick=False)
    _supplement(accepted, citizen, optional_document)  # recounted: due 1 October
    Dossier.objects.update(due_at_request=None)

    fill.fill_due_at_request(apps, SimpleNamespace(connection=connection))

    assert fresh(accepted).due_at_request == at("2026-09-24 09:00")  # from the acceptance
