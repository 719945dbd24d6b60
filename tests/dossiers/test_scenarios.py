"""Each path of the dossier state machine, walked through the services as people would.

Rules: shared/domain.md, "States of a dossier", "Dossier code", "Due dates". The clock is
fixed with time_machine at office-time moments in Vietnam, checked by hand: March 2026 has no
public holiday (Mon 2, Tue 3, ... Fri 6, Mon 9 March), office hours 07:00-11:30 and
13:30-17:00, so a working day is 8 office hours.
"""

import datetime
import hashlib

import pytest

from django.core.exceptions import ValidationError

from dossiers import drafts, services
from dossiers.errors import ActionNotAllowed
from dossiers.models import Channel, DossierEvent, State
from dossiers.services import ApplicantDetails
from procedures.models import OnlineLevel
from tests.factories import (
    DossierFactory,
    ProcedureFactory,
    UserFactory,
    pdf_upload,
)
from tests.phones import give_consent

from .helpers import at, fresh, trail
from .scenario import PORTAL_CODES, Step, event, walk

Kind = DossierEvent.Kind


# --- The happy path -----------------------------------------------------------------------------


def test_happy_path_from_draft_to_returned(
    time_machine, people, citizen, officer, agency, procedure, mandatory_document
):
    time_machine.move_to(at("2026-03-02 20:15"), tick=False)  # Monday evening, on a phone
    dossier = drafts.create_draft(
        procedure=procedure,
        agency=agency,
        applicant=citizen,
        details=ApplicantDetails.of(citizen),
        request_details="Đăng ký khai sinh cho con thứ hai",
    )
    assert dossier.state == State.DRAFT
    assert dossier.code is None
    assert dossier.portal_code is None
    drafts.attach_files(
        dossier.pk, user=citizen, uploads={mandatory_document.pk: [pdf_upload("to-khai.pdf")]}
    )

    dossier = walk(
        dossier,
        [
            Step("2026-03-02 20:20", "citizen", "submit", State.SUBMITTED),
            Step("2026-03-03 09:00", "officer", "accept", State.PROCESSING),
            Step(
                "2026-03-05 15:30",
                "officer",
                "record_result",
                State.RESULT_READY,
                {"note": "Nhận kết quả tại quầy số 2."},
            ),
            Step("2026-03-06 08:00", "officer", "return_result", State.RETURNED),
        ],
        people,
        time_machine,
    )

    assert dossier.code == "000.00.12.H33-260302-0001"
    assert dossier.channel == Channel.ONLINE
    assert dossier.submitted_at == at("2026-03-02 20:20")
    assert dossier.accepted_at == at("2026-03-03 09:00")
    assert dossier.due_at == at("2026-03-06 09:00")  # Tue 09:00 + 3 working days
    assert dossier.finished_at == at("2026-03-05 15:30")
    assert dossier.returned_at == at("2026-03-06 08:00")
    assert dossier.handled_by == officer
    assert dossier.result_note == "Nhận kết quả tại quầy số 2."
    assert dossier.is_finished
    assert not dossier.is_open
    assert not dossier.is_overdue
    assert trail(dossier) == [
        (Kind.CREATED, "", State.DRAFT, citizen, at("2026-03-02 20:15")),
        (Kind.SUBMITTED, State.DRAFT, State.SUBMITTED, citizen, at("2026-03-02 20:20")),
        (Kind.ACCEPTED, State.SUBMITTED, State.PROCESSING, officer, at("2026-03-03 09:00")),
        (
            Kind.RESULT_RECORDED,
            State.PROCESSING,
            State.RESULT_READY,
            officer,
            at("2026-03-05 15:30"),
        ),
        (Kind.RETURNED, State.RESULT_READY, State.RETURNED, officer, at("2026-03-06 08:00")),
    ]
    assert event(dossier, Kind.SUBMITTED).details == {"on_behalf": False}
    accepted = event(dossier, Kind.ACCEPTED)
    assert datetime.datetime.fromisoformat(accepted.details["due_at"]) == at("2026-03-06 09:00")
    recorded = event(dossier, Kind.RESULT_RECORDED)
    assert recorded.details == {"electronic": False}
    assert recorded.note == "Nhận kết quả tại quầy số 2."


def test_digital_team_member_submits_for_the_citizen(
    time_machine, citizen, agency, procedure, mandatory_document
):
    helper = UserFactory(helper=True, full_name="Lê Văn Cường")
    time_machine.move_to(at("2026-03-02 19:00"), tick=False)
    consent = give_consent(helper, citizen)
    dossier = drafts.create_draft(
        procedure=procedure,
        agency=agency,
        applicant=citizen,
        details=ApplicantDetails.of(citizen),
        submitted_by=helper,
    )
    drafts.attach_files(dossier.pk, user=helper, uploads={mandatory_document.pk: [pdf_upload()]})
    dossier = services.submit(dossier.pk, user=helper)

    assert dossier.state == State.SUBMITTED
    assert dossier.applicant == citizen
    assert dossier.submitted_by == helper
    assert dossier.helper_consent == consent
    assert dossier.applicant_name == citizen.full_name
    assert [(kind, actor) for kind, _f, _t, actor, _at in trail(dossier)] == [
        (Kind.CREATED, helper),
        (Kind.SUBMITTED, helper),
    ]
    assert event(dossier, Kind.SUBMITTED).details == {"on_behalf": True}


def test_level_4_electronic_result_is_returned_at_once(time_machine, processing, officer):
    time_machine.move_to(at("2026-03-04 10:00"), tick=False)
    dossier = services.record_result(
        processing.pk,
        officer=officer,
        result_file=pdf_upload("giay-khai-sinh-dien-tu.pdf"),
        return_now=True,
    )

    dossier = fresh(dossier)
    assert dossier.state == State.RETURNED
    assert dossier.portal_code == 10
    assert dossier.online_level == OnlineLevel.FULL
    assert dossier.finished_at == dossier.returned_at == at("2026-03-04 10:00")
    assert trail(dossier)[-2:] == [
        (
            Kind.RESULT_RECORDED,
            State.PROCESSING,
            State.RESULT_READY,
            officer,
            at("2026-03-04 10:00"),
        ),
        (Kind.RETURNED, State.RESULT_READY, State.RETURNED, officer, at("2026-03-04 10:00")),
    ]
    # Returned online at once: the PDF was signed and entered in the register of results.
    assert event(dossier, Kind.RESULT_RECORDED).details == {"electronic": True, "signed": True}
    assert dossier.result_file.name.startswith("results/2026/03/")
    signed = dossier.result_file.read()
    assert signed.startswith(b"%PDF-") and b"/ByteRange" in signed
    assert dossier.signed_result.sha256 == hashlib.sha256(signed).hexdigest()


def test_returning_at_once_needs_an_electronic_result(time_machine, processing, officer):
    events = processing.events.count()
    with pytest.raises(ValidationError):
        services.record_result(processing.pk, officer=officer, note="Tại quầy", return_now=True)
    assert fresh(processing).state == State.PROCESSING
    assert processing.events.count() == events


def test_level_3_result_cannot_be_returned_at_once(time_machine, agency, officer, citizen):
    procedure = ProcedureFactory(with_documents=True, online_level=OnlineLevel.PARTIAL)
    time_machine.move_to(at("2026-03-03 09:00"), tick=False)
    dossier = DossierFactory(
        processing=True, procedure=procedure, agency=agency, applicant=citizen, officer=officer
    )
    events = dossier.events.count()
    with pytest.raises(ActionNotAllowed) as refused:
        services.record_result(
            dossier.pk, officer=officer, result_file=pdf_upload(), return_now=True
        )
    assert str(refused.value) == "Chỉ thủ tục toàn trình (mức độ 4) mới trả kết quả điện tử ngay."
    assert fresh(dossier).state == State.PROCESSING
    assert dossier.events.count() == events
    # The same electronic result, recorded without returning it at once, is accepted.
    services.record_result(dossier.pk, officer=officer, result_file=pdf_upload())
    assert fresh(dossier).state == State.RESULT_READY


# --- Refusal, apology, withdrawal ---------------------------------------------------------------


def test_refusal_needs_reasons_and_ends_the_dossier(time_machine, submitted, people, officer):
    time_machine.move_to(at("2026-03-02 15:00"), tick=False)
    events = submitted.events.count()
    with pytest.raises(ValidationError) as refused:
        services.reject(submitted.pk, officer=officer, reasons="   ")
    assert "lý do" in refused.value.messages[0]
    assert fresh(submitted).state == State.SUBMITTED
    assert submitted.events.count() == events

    dossier = walk(
        submitted,
        [
            Step(
                "2026-03-02 15:00",
                "officer",
                "reject",
                State.REJECTED,
                {"reasons": "  Thủ tục thuộc thẩm quyền của UBND cấp tỉnh.  "},
            ),
        ],
        people,
        time_machine,
    )
    assert dossier.rejected_at == at("2026-03-02 15:00")
    assert dossier.handled_by == officer
    assert dossier.accepted_at is None
    assert dossier.due_at is None
    assert not dossier.is_open
    assert trail(dossier)[-1] == (
        Kind.REJECTED,
        State.SUBMITTED,
        State.REJECTED,
        officer,
        at("2026-03-02 15:00"),
    )
    assert event(dossier, Kind.REJECTED).note == "Thủ tục thuộc thẩm quyền của UBND cấp tỉnh."


def test_apology_once_with_a_later_due_date(time_machine, processing, officer):
    assert processing.due_at == at("2026-03-06 09:00")
    time_machine.move_to(at("2026-03-05 16:00"), tick=False)
    for new_due, reason in [
        (at("2026-03-06 09:00"), "Chờ xác minh"),  # not later than the old due date
        (at("2026-03-05 17:00"), "Chờ xác minh"),  # earlier
        (at("2026-03-10 17:00"), "  "),  # no reason
    ]:
        with pytest.raises(ValidationError):
            services.issue_apology(
                processing.pk, officer=officer, new_due_at=new_due, reason=reason
            )
    assert not processing.events.filter(kind=Kind.APOLOGY).exists()

    dossier = services.issue_apology(
        processing.pk,
        officer=officer,
        new_due_at=at("2026-03-10 17:00"),
        reason="Chờ kết quả xác minh từ xã nơi cư trú trước đây.",
    )
    dossier = fresh(dossier)
    assert dossier.state == State.PROCESSING  # an event, not a state
    assert dossier.due_at == at("2026-03-10 17:00")
    assert dossier.apology_issued_at == at("2026-03-05 16:00")
    apology = event(dossier, Kind.APOLOGY)
    assert (apology.from_state, apology.to_state, apology.actor) == (
        State.PROCESSING,
        State.PROCESSING,
        officer,
    )
    assert apology.note == "Chờ kết quả xác minh từ xã nơi cư trú trước đây."
    assert datetime.datetime.fromisoformat(apology.details["old_due_at"]) == at("2026-03-06 09:00")
    assert datetime.datetime.fromisoformat(apology.details["new_due_at"]) == at("2026-03-10 17:00")

    time_machine.move_to(at("2026-03-09 09:00"), tick=False)
    version = dossier.version
    with pytest.raises(ActionNotAllowed):
        services.issue_apology(
            dossier.pk, officer=officer, new_due_at=at("2026-03-13 17:00"), reason="Lần hai"
        )
    dossier = fresh(dossier)
    assert dossier.due_at == at("2026-03-10 17:00")
    assert dossier.version == version
    assert dossier.events.filter(kind=Kind.APOLOGY).count() == 1


def test_apology_for_an_overdue_dossier_must_be_after_now(time_machine, processing, officer):
    time_machine.move_to(at("2026-03-09 10:00"), tick=False)  # due Fri 06 09:00: overdue
    assert fresh(processing).is_overdue
    with pytest.raises(ValidationError):
        services.issue_apology(
            processing.pk, officer=officer, new_due_at=at("2026-03-09 09:30"), reason="Chậm"
        )
    dossier = services.issue_apology(
        processing.pk, officer=officer, new_due_at=at("2026-03-10 10:00"), reason="Chậm"
    )
    assert not fresh(dossier).is_overdue


WITHDRAWABLE = {
    "submitted": {"submitted": True},
    "missing_documents-at-reception": {"missing_documents": True},
    "missing_documents-after-acceptance": {"missing_documents": True, "accepted": True},
    "processing": {"processing": True},
}


@pytest.mark.parametrize("traits", WITHDRAWABLE.values(), ids=WITHDRAWABLE.keys())
def test_citizen_withdraws_an_open_dossier(time_machine, citizen, traits):
    time_machine.move_to(at("2026-03-03 09:00"), tick=False)
    dossier = DossierFactory(applicant=citizen, **traits)
    from_state, code = dossier.state, dossier.code
    time_machine.move_to(at("2026-03-04 10:00"), tick=False)

    dossier = fresh(services.withdraw(dossier.pk, user=citizen, reason="Đã nộp ở nơi khác."))

    assert dossier.state == State.WITHDRAWN
    assert dossier.portal_code in PORTAL_CODES[State.WITHDRAWN]
    assert dossier.withdrawn_at == at("2026-03-04 10:00")
    assert dossier.code == code
    assert dossier.is_finished
    assert trail(dossier)[-1] == (
        Kind.WITHDRAWN,
        from_state,
        State.WITHDRAWN,
        citizen,
        at("2026-03-04 10:00"),
    )
    assert event(dossier, Kind.WITHDRAWN).note == "Đã nộp ở nơi khác."


def test_helper_who_submitted_may_withdraw_for_the_citizen(db):
    helper = UserFactory(helper=True)
    dossier = DossierFactory(submitted=True, submitted_by=helper)
    dossier = services.withdraw(dossier.pk, user=helper)
    assert fresh(dossier).state == State.WITHDRAWN
    assert event(dossier, Kind.WITHDRAWN).actor == helper


@pytest.mark.parametrize("traits", [{"result_ready": True}, {"returned": True}])
def test_no_withdrawal_once_the_result_is_ready(db, citizen, traits):
    dossier = DossierFactory(applicant=citizen, **traits)
    events = dossier.events.count()
    with pytest.raises(ActionNotAllowed):
        services.withdraw(dossier.pk, user=citizen)
    assert fresh(dossier).state == dossier.state
    assert dossier.events.count() == events
