"""Supplement deadlines that mean something: a reminder one working day before, and the
officer's choice once it passed (more time, or stop processing: test_stop.py).

Rules: shared/domain.md, "States of a dossier". March 2026 has no public holiday: documents
requested Wed 4 March with the deadline Wed 11 March (the last day to supplement).
"""

import datetime

import pytest

from django.core.exceptions import ValidationError

from dossiers import deadlines, services, tasks
from dossiers.actions import ACTIONS
from dossiers.models import DossierEvent, State
from dossiers.workflow import supplement_deadline_passed
from notifications.models import Notification
from tests.factories import pdf_upload

from .helpers import at, fresh

Kind = DossierEvent.Kind


@pytest.fixture
def waiting(time_machine, processing, officer, optional_document):
    time_machine.move_to(at("2026-03-04 10:00"), tick=False)
    return services.request_documents(
        processing.pk,
        officer=officer,
        missing=[optional_document],
        note="Bổ sung bản chụp rõ nét.",
        deadline=datetime.date(2026, 3, 11),
    )


def _reminders(dossier) -> list[DossierEvent]:
    return list(dossier.events.filter(kind=Kind.SUPPLEMENT_REMINDED))


def _told(event: DossierEvent) -> set[str]:
    return set(
        Notification.objects.filter(source=f"dossier_event:{event.pk}").values_list(
            "template", flat=True
        )
    )


def test_the_citizen_is_reminded_once_one_working_day_before_the_deadline(time_machine, waiting):
    time_machine.move_to(at("2026-03-09 08:00"), tick=False)  # Monday: two days before
    assert tasks.send_supplement_reminders.run() == 0

    time_machine.move_to(at("2026-03-10 07:30"), tick=False)  # Tuesday: one working day before
    assert tasks.send_supplement_reminders.run() == 1
    (reminder,) = _reminders(waiting)
    assert reminder.deadline == datetime.date(2026, 3, 11)
    assert reminder.actor is None
    assert _told(reminder) == {"dossier_supplement_reminder"}
    assert fresh(waiting).version == waiting.version  # a reminder changes nothing

    time_machine.move_to(at("2026-03-10 08:30"), tick=False)  # the hourly run again
    assert tasks.send_supplement_reminders.run() == 0
    assert len(_reminders(waiting)) == 1


def test_a_monday_deadline_is_reminded_on_friday(time_machine, processing, officer):
    time_machine.move_to(at("2026-03-04 10:00"), tick=False)
    dossier = services.request_documents(
        processing.pk,
        officer=officer,
        missing=[],
        other_missing="Giấy ủy quyền",
        note="Bổ sung.",
        deadline=datetime.date(2026, 3, 16),
    )
    time_machine.move_to(at("2026-03-13 09:30"), tick=False)
    assert tasks.send_supplement_reminders.run() == 1
    assert len(_reminders(dossier)) == 1


def test_no_reminder_once_supplemented_or_on_the_last_day(
    time_machine, waiting, citizen, optional_document
):
    time_machine.move_to(at("2026-03-11 08:00"), tick=False)  # the last day: too late
    assert tasks.send_supplement_reminders.run() == 0
    time_machine.move_to(at("2026-03-09 09:00"), tick=False)
    uploads = {optional_document.pk: [pdf_upload("bo-sung.pdf", size=4096)]}
    services.supplement(waiting.pk, user=citizen, uploads=uploads)
    time_machine.move_to(at("2026-03-10 08:00"), tick=False)
    assert tasks.send_supplement_reminders.run() == 0
    assert _reminders(waiting) == []


def test_once_the_deadline_passed_the_officer_gives_more_time(
    client, time_machine, waiting, officer
):
    request = waiting.open_supplement_request
    assert not supplement_deadline_passed(request.deadline, datetime.date(2026, 3, 11))
    time_machine.move_to(at("2026-03-12 09:00"), tick=False)
    assert supplement_deadline_passed(request.deadline, datetime.date(2026, 3, 12))
    assert ACTIONS["extend_supplement"].offered_to(officer, fresh(waiting))
    assert ACTIONS["stop"].offered_to(officer, fresh(waiting))

    for wrong in ("2026-03-11", "2026-03-12"):  # not after the old deadline and today
        with pytest.raises(ValidationError):
            deadlines.extend_supplement_deadline(
                waiting.pk, officer=officer, deadline=datetime.date.fromisoformat(wrong)
            )
    assert fresh(waiting).version == waiting.version

    client.force_login(officer)
    response = client.post(
        f"/can-bo/ho-so/{waiting.pk}/extend_supplement/",
        {"version": waiting.version, "deadline": "2026-03-18", "reason": "Công dân xin thêm."},
    )
    assert response.status_code == 302
    dossier = fresh(waiting)
    assert dossier.state == State.MISSING_DOCUMENTS
    assert dossier.open_supplement_request.deadline == datetime.date(2026, 3, 18)
    extended = dossier.events.get(kind=Kind.SUPPLEMENT_EXTENDED)
    assert (extended.old_deadline, extended.deadline) == (
        datetime.date(2026, 3, 11),
        datetime.date(2026, 3, 18),
    )
    assert extended.note == "Công dân xin thêm."
    assert _told(extended) == {"dossier_supplement_extended"}

    time_machine.move_to(at("2026-03-17 08:00"), tick=False)  # reminded again before the new one
    assert tasks.send_supplement_reminders.run() == 1
