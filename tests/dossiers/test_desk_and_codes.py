"""The desk, dossier codes, the rules in force at acceptance, overdue, inactive procedures.

Moments as in test_scenarios.py: March 2026 has no public holiday.
"""

import datetime

import pytest

from django.core.exceptions import PermissionDenied

from dossiers import drafts, services
from dossiers.errors import ActionNotAllowed
from dossiers.models import Channel, Dossier, DossierEvent, State
from dossiers.services import ApplicantDetails
from procedures.models import OnlineLevel, TimeUnit
from tests.factories import (
    DossierFactory,
    ProcedureFactory,
    UserFactory,
    pdf_upload,
)

from .helpers import at, fresh, trail
from .scenario import CODE_SHAPE, PORTAL_CODES, event

Kind = DossierEvent.Kind


# --- At the desk --------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", [Channel.DIRECT, Channel.POSTAL])
def test_dossier_received_at_the_desk_starts_in_processing(
    time_machine, officer, citizen, procedure, mandatory_document, channel
):
    time_machine.move_to(at("2026-03-03 09:00"), tick=False)
    dossier = services.create_at_desk(
        officer=officer,
        procedure=procedure,
        details=ApplicantDetails.of(citizen),
        channel=channel,
        uploads={mandatory_document.pk: [pdf_upload("to-khai-ban-scan.pdf")]},
    )
    dossier = fresh(dossier)

    assert dossier.state == State.PROCESSING
    assert dossier.portal_code in PORTAL_CODES[State.PROCESSING]
    assert dossier.channel == channel
    assert dossier.agency == officer.agency
    assert dossier.code == "000.00.12.H33-260303-0001"
    assert dossier.submitted_at == dossier.accepted_at == at("2026-03-03 09:00")
    assert dossier.due_at == at("2026-03-06 09:00")
    assert dossier.handled_by == officer
    assert dossier.processing_amount == 3
    assert [(a.original_name, a.uploaded_by) for a in dossier.attachments.all()] == [
        ("to-khai-ban-scan.pdf", officer)
    ]
    assert trail(dossier) == [
        (Kind.CREATED, "", State.DRAFT, officer, at("2026-03-03 09:00")),
        (Kind.RECEIVED_AT_DESK, State.DRAFT, State.PROCESSING, officer, at("2026-03-03 09:00")),
    ]
    details = event(dossier, Kind.RECEIVED_AT_DESK).details
    assert details["channel"] == channel
    assert datetime.datetime.fromisoformat(details["due_at"]) == at("2026-03-06 09:00")


def test_desk_refuses_the_online_channel_and_non_officers(db, officer, citizen, procedure):
    details = ApplicantDetails.of(citizen)
    with pytest.raises(ActionNotAllowed):
        services.create_at_desk(
            officer=officer,
            procedure=procedure,
            details=details,
            channel=Channel.ONLINE,
        )
    leader = UserFactory(leader=True, agency=officer.agency)
    for not_an_officer in (citizen, leader):
        with pytest.raises(PermissionDenied):
            services.create_at_desk(officer=not_an_officer, procedure=procedure, details=details)
    assert not Dossier.objects.exists()


# --- Codes --------------------------------------------------------------------------------------


def test_codes_follow_a_daily_sequence_per_agency(
    time_machine, agency, other_agency, officer, citizen, procedure
):
    def submit_online(when, at_agency):
        time_machine.move_to(at(when), tick=False)
        return DossierFactory(submitted=True, agency=at_agency, procedure=procedure).code

    def receive_at_desk(when):
        time_machine.move_to(at(when), tick=False)
        return services.create_at_desk(
            officer=officer,
            procedure=procedure,
            details=ApplicantDetails.of(citizen),
        ).code

    codes = [
        submit_online("2026-03-03 07:30", agency),
        submit_online("2026-03-03 10:00", agency),
        submit_online("2026-03-03 10:00", other_agency),
        receive_at_desk("2026-03-03 14:00"),  # one sequence for every channel
        submit_online("2026-03-03 23:59", agency),  # 16:59 UTC
        submit_online("2026-03-04 00:01", agency),  # still 3 March in UTC: the local day counts
        submit_online("2026-03-04 08:00", other_agency),
    ]
    assert codes == [
        "000.00.12.H33-260303-0001",
        "000.00.12.H33-260303-0002",
        "000.00.13.H33-260303-0001",
        "000.00.12.H33-260303-0003",
        "000.00.12.H33-260303-0004",
        "000.00.12.H33-260304-0001",
        "000.00.13.H33-260304-0001",
    ]
    assert all(CODE_SHAPE.match(code) for code in codes)


def test_drafts_have_no_code_and_a_refused_submission_uses_no_number(
    time_machine, agency, citizen, procedure
):
    time_machine.move_to(at("2026-03-03 08:00"), tick=False)
    draft = drafts.create_draft(
        procedure=procedure, agency=agency, applicant=citizen, details=ApplicantDetails.of(citizen)
    )
    with pytest.raises(ActionNotAllowed):
        services.submit(draft.pk, user=citizen)  # the mandatory document is missing
    assert fresh(draft).code is None
    assert DossierFactory(submitted=True, agency=agency).code == "000.00.12.H33-260303-0001"


# --- The rules in force at acceptance -----------------------------------------------------------


def test_dossier_keeps_the_processing_time_in_force_when_accepted(
    time_machine, settings, processing, officer, citizen, procedure, optional_document
):
    settings.DOSSIER_SUPPLEMENT_CLOCK = "restart"
    assert (processing.processing_amount, processing.processing_unit) == (3, TimeUnit.WORKING_DAYS)
    assert processing.online_level == OnlineLevel.FULL

    # The catalog changes the next day: within the day, level 3.
    procedure.processing_amount = 1
    procedure.processing_unit = TimeUnit.SAME_DAY
    procedure.online_level = OnlineLevel.PARTIAL
    procedure.save()

    dossier = fresh(processing)
    assert (dossier.processing_amount, dossier.processing_unit) == (3, TimeUnit.WORKING_DAYS)
    assert dossier.online_level == OnlineLevel.FULL
    assert dossier.due_at == at("2026-03-06 09:00")

    # A restarted clock still counts the dossier's 3 working days, not the catalog's.
    time_machine.move_to(at("2026-03-04 09:00"), tick=False)
    services.request_documents(
        dossier.pk,
        officer=officer,
        missing=[optional_document],
        note="Bổ sung giấy chứng sinh.",
        deadline=datetime.date(2026, 3, 11),
    )
    time_machine.move_to(at("2026-03-05 10:00"), tick=False)
    services.supplement(dossier.pk, user=citizen, uploads={optional_document.pk: [pdf_upload()]})
    assert fresh(dossier).due_at == at("2026-03-10 10:00")  # Thu 10:00 + 3 working days

    # A dossier accepted after the change follows the new rule: due at closing time that day.
    newer = DossierFactory(processing=True, procedure=procedure, agency=officer.agency)
    assert (newer.processing_unit, newer.online_level) == (TimeUnit.SAME_DAY, OnlineLevel.PARTIAL)
    assert newer.due_at == at("2026-03-05 17:00")


def test_overdue_is_computed_from_the_due_moment(time_machine, processing, officer):
    time_machine.move_to(at("2026-03-06 09:00"), tick=False)
    assert not fresh(processing).is_overdue
    time_machine.move_to(at("2026-03-06 09:01"), tick=False)
    assert fresh(processing).is_overdue
    assert list(Dossier.objects.overdue(at("2026-03-06 09:01"))) == [fresh(processing)]
    services.record_result(processing.pk, officer=officer, note="Tại quầy")
    assert not fresh(processing).is_overdue


def test_inactive_procedure_takes_no_new_dossier(db, agency, citizen):
    procedure = ProcedureFactory(is_active=False)
    with pytest.raises(ActionNotAllowed):
        drafts.create_draft(
            procedure=procedure,
            agency=agency,
            applicant=citizen,
            details=ApplicantDetails.of(citizen),
        )
    assert not Dossier.objects.exists()
