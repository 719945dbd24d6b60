"""An apology never makes a dossier on time; it is signed by the head of the agency, and it is
offered only to a dossier that is overdue or due within 1 working day.

Rules: shared/domain.md, "States of a dossier" and the rulings under the Biểu 06 table.
Accepted Tue 3 March 2026 09:00, 3 working days: due Fri 6 March 09:00 (no holiday in March).
"""

import importlib
from types import SimpleNamespace

import pytest

from django.apps import apps
from django.db import connection

from dossiers import services, slips
from dossiers.actions import ACTIONS
from dossiers.errors import ActionNotAllowed
from dossiers.models import Dossier, DossierEvent
from reports import figures

from .helpers import at, fresh

fill = importlib.import_module("dossiers.migrations.0017_fill_original_due_at")
Kind = DossierEvent.Kind
MARCH = figures.Period.month(2026, 3)


def _apologise(dossier: Dossier, officer, new_due: str = "2026-03-10 17:00") -> Dossier:
    return services.issue_apology(
        dossier.pk, officer=officer, new_due_at=at(new_due), reason="Chờ xác minh."
    )


def test_the_apology_is_offered_only_when_overdue_or_due_within_a_working_day(
    time_machine, processing, officer
):
    time_machine.move_to(at("2026-03-05 08:00"), tick=False)  # due in 1 day and 1 hour
    assert not ACTIONS["apology"].offered_to(officer, fresh(processing))
    with pytest.raises(ActionNotAllowed) as refused:
        _apologise(processing, officer)
    assert "không quá 1 ngày làm việc" in str(refused.value)
    stored = fresh(processing)
    assert (stored.apology_issued_at, stored.version) == (None, processing.version)

    time_machine.move_to(at("2026-03-05 09:00"), tick=False)  # due in exactly 1 working day
    assert ACTIONS["apology"].offered_to(officer, fresh(processing))
    time_machine.move_to(at("2026-03-09 10:00"), tick=False)  # overdue
    assert ACTIONS["apology"].offered_to(officer, fresh(processing))
    assert _apologise(processing, officer).apology_issued_at == at("2026-03-09 10:00")


def test_a_dossier_that_needed_an_apology_counts_late_however_soon_it_ends(
    time_machine, processing, officer
):
    time_machine.move_to(at("2026-03-05 16:00"), tick=False)
    dossier = _apologise(processing, officer)
    assert (dossier.due_at, dossier.original_due_at) == (
        at("2026-03-10 17:00"),
        at("2026-03-06 09:00"),
    )
    agency = [dossier.agency_id]
    (row,) = figures.table(agency, MARCH, now=at("2026-03-05 17:00"))
    assert (row.pending, row.overdue) == (1, 1)  # still open: late already

    time_machine.move_to(at("2026-03-06 08:00"), tick=False)  # before even the original date
    services.record_result(dossier.pk, officer=officer, note="Nhận tại quầy.")
    (row,) = figures.table(agency, MARCH, now=at("2026-04-01 08:00"))
    assert (row.resolved, row.early, row.on_time, row.late) == (1, 0, 0, 1)


def test_the_apology_slip_is_signed_by_the_head_of_the_agency(time_machine, processing, officer):
    agency = processing.agency
    agency.head_name, agency.head_title = "Lê Văn Cường", "Chủ tịch UBND phường"
    agency.save()
    time_machine.move_to(at("2026-03-05 16:00"), tick=False)
    dossier = _apologise(processing, officer)

    html = slips.render_slip_html(dossier, "apology", lookup_url="https://motcua.test/tra-cuu/")
    signature = html[html.index('class="signatures"') :]
    assert "CHỦ TỊCH UBND PHƯỜNG" in signature
    assert "Lê Văn Cường" in signature
    assert "đóng dấu" in signature
    assert officer.full_name not in html


def test_the_migration_recovers_the_original_due_date_from_the_events(
    time_machine, processing, officer
):
    time_machine.move_to(at("2026-03-05 16:00"), tick=False)
    apologised = _apologise(processing, officer)
    time_machine.move_to(at("2026-03-05 16:30"), tick=False)
    plain = services.create_at_desk(
        officer=officer,
        procedure=processing.procedure,
        details=services.ApplicantDetails.of(processing.applicant),
    )
    Dossier.objects.update(original_due_at=None)

    fill.fill_original_due_at(apps, SimpleNamespace(connection=connection))

    assert fresh(apologised).original_due_at == at("2026-03-06 09:00")  # the apology's old date
    assert fresh(plain).original_due_at == fresh(plain).due_at
