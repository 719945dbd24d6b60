"""Stop processing (Dừng xử lý, portal code 8): the agency ends a dossier with reasons.

Rules: shared/domain.md, "States of a dossier" (processing | missing_documents -> stopped) and
the rulings under the Biểu 06 table (a stop is an end, judged against the due date). Dates in
March 2026 (no public holiday): accepted Tue 3 March 09:00, 3 working days, due Fri 6 March.
"""

import datetime

import pytest

from django.core.exceptions import ValidationError

from dossiers import deadlines, slips
from dossiers.actions import ACTIONS
from dossiers.events import StopReason
from dossiers.models import DossierEvent, State
from notifications.models import Notification
from reports import figures

from .helpers import at, fresh
from .scenario import Step, walk

Kind = DossierEvent.Kind


def test_a_dossier_never_supplemented_is_stopped_and_counted_late(
    time_machine, people, processing, officer, optional_document
):
    dossier = walk(
        processing,
        [
            Step(
                "2026-03-04 10:00",
                "officer",
                "request_documents",
                State.MISSING_DOCUMENTS,
                {
                    "missing": [optional_document],
                    "note": "Bổ sung.",
                    "deadline": datetime.date(2026, 3, 11),
                },
            ),
        ],
        people,
        time_machine,
    )
    time_machine.move_to(at("2026-03-16 09:00"), tick=False)  # the deadline passed
    deadlines.stop_processing(
        dossier.pk,
        officer=officer,
        reason=StopReason.SUPPLEMENT_OVERDUE,
        reasons="Quá hạn bổ sung 11/03/2026.",
    )
    dossier = fresh(dossier)
    assert dossier.state == State.STOPPED
    assert dossier.portal_code == 8
    assert dossier.stopped_at == at("2026-03-16 09:00")
    assert dossier.is_finished and not dossier.is_open
    stop = dossier.events.get(kind=Kind.STOPPED)
    assert stop.stop_reason == StopReason.SUPPLEMENT_OVERDUE
    assert stop.stop_reasons == "Quá hạn bổ sung 11/03/2026."
    assert stop.deadline == datetime.date(2026, 3, 11)

    html = slips.render_slip_html(dossier, "stop", lookup_url="https://motcua.test/tra-cuu/")
    assert "THÔNG BÁO DỪNG XỬ LÝ" in html
    assert "Quá hạn bổ sung 11/03/2026." in html
    assert "Hạn bổ sung hồ sơ đã yêu cầu: 11/03/2026" in html
    assert slips.available_slips(dossier)[-1] == slips.SlipKind.STOP

    told = Notification.objects.filter(source=f"dossier_event:{stop.pk}")
    assert {row.template for row in told} == {"dossier_stopped"}
    assert all(row.recipient_id == dossier.applicant_id for row in told)

    # Biểu 06 for March: resolved (7), judged against the due date (6 March): late (10).
    (row,) = figures.table(
        [dossier.agency_id], figures.Period.month(2026, 3), now=at("2026-04-01 08:00")
    )
    assert (row.received, row.resolved, row.late, row.pending) == (1, 1, 1, 0)


def test_a_stop_before_the_due_date_is_early(time_machine, processing, officer):
    time_machine.move_to(at("2026-03-04 10:00"), tick=False)
    deadlines.stop_processing(
        processing.pk, officer=officer, reason=StopReason.NOT_ELIGIBLE, reasons="Không đủ tuổi."
    )
    (row,) = figures.table(
        [processing.agency_id], figures.Period.month(2026, 3), now=at("2026-04-01 08:00")
    )
    assert (row.resolved, row.early) == (1, 1)


@pytest.mark.parametrize(
    ("reason", "reasons"), [("", "Quá hạn."), ("guessed", "Quá hạn."), ("other", "   ")]
)
def test_a_stop_needs_a_reason_and_words(time_machine, processing, officer, reason, reasons):
    time_machine.move_to(at("2026-03-04 10:00"), tick=False)
    with pytest.raises(ValidationError):
        deadlines.stop_processing(processing.pk, officer=officer, reason=reason, reasons=reasons)
    stored = fresh(processing)
    assert (stored.state, stored.version) == (State.PROCESSING, processing.version)


def test_the_officer_is_offered_the_stop_through_the_registry(client, processing, officer):
    assert ACTIONS["stop"].offered_to(officer, processing)
    client.force_login(officer)
    response = client.post(
        f"/can-bo/ho-so/{processing.pk}/stop/",
        {"version": processing.version, "reason": "other", "reasons": "Công dân đề nghị dừng."},
    )
    assert response.status_code == 302
    assert fresh(processing).state == State.STOPPED
    assert not ACTIONS["stop"].offered_to(officer, fresh(processing))
