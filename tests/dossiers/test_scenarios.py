"""Each path of the dossier state machine, walked through the services as people would.

Rules: shared/domain.md, "States of a dossier", "Dossier code", "Due dates". The clock is
fixed with time_machine at office-time moments in Vietnam, checked by hand: March 2026 has no
public holiday (Mon 2, Tue 3, ... Fri 6, Mon 9 March), office hours 07:00-11:30 and
13:30-17:00, so a working day is 8 office hours.
"""

import datetime
import re
from dataclasses import dataclass, field

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dossiers import services
from dossiers.errors import ActionNotAllowed
from dossiers.models import Channel, Dossier, DossierEvent, State, SupplementRequest
from dossiers.services import OTHER_DOCUMENT, ApplicantDetails
from procedures.models import OnlineLevel, TimeUnit
from tests.factories import (
    DossierFactory,
    ProcedureFactory,
    UserFactory,
    jpeg_upload,
    pdf_upload,
)

from .helpers import at, fresh, trail

Kind = DossierEvent.Kind

# The national portal's status codes for each state (domain table); either listed code is fine.
PORTAL_CODES = {
    State.DRAFT: {None},
    State.SUBMITTED: {1},
    State.PROCESSING: {2, 4},
    State.MISSING_DOCUMENTS: {5},
    State.REJECTED: {3},
    State.RESULT_READY: {9},
    State.RETURNED: {10},
    State.WITHDRAWN: {7, 8},
}
CODE_SHAPE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.H33-\d{6}-\d{4}$")
# The services the citizen's side calls with `user=`; the others take `officer=`.
CITIZEN_SIDE = {"submit", "supplement", "withdraw"}


@dataclass
class Step:
    """At `when`, `who` calls the service `action`; the dossier is then in `state`."""

    when: str
    who: str
    action: str
    state: str
    kwargs: dict = field(default_factory=dict)


def walk(dossier: Dossier, steps: list[Step], people: dict, time_machine) -> Dossier:
    """Run the steps in order; after each: the state, its portal code, a higher version, the
    code kept once given."""
    version, code = dossier.version, dossier.code
    for step in steps:
        time_machine.move_to(at(step.when), tick=False)
        service = getattr(services, step.action)
        role = "user" if step.action in CITIZEN_SIDE else "officer"
        returned = service(dossier.pk, **{role: people[step.who]}, **step.kwargs)
        stored = fresh(dossier)
        assert returned.state == stored.state == step.state, step
        assert stored.portal_code in PORTAL_CODES[step.state], step
        assert stored.version > version, step
        if code is not None:
            assert stored.code == code, step
        version, code = stored.version, stored.code
    return fresh(dossier)


def event(dossier: Dossier, kind: str) -> DossierEvent:
    return dossier.events.get(kind=kind)


@pytest.fixture
def people(citizen, officer):
    return {"citizen": citizen, "officer": officer}


@pytest.fixture
def submitted(time_machine, procedure, agency, citizen, officer):
    """A dossier submitted online on Monday 2 March 2026 at 10:00."""
    time_machine.move_to(at("2026-03-02 10:00"), tick=False)
    return DossierFactory(
        submitted=True, procedure=procedure, agency=agency, applicant=citizen, officer=officer
    )


@pytest.fixture
def processing(time_machine, submitted, officer):
    """The same dossier, accepted on Tuesday 3 March 2026 at 09:00 (3 working days)."""
    time_machine.move_to(at("2026-03-03 09:00"), tick=False)
    return services.accept(submitted.pk, officer=officer)


# --- The happy path -----------------------------------------------------------------------------


def test_happy_path_from_draft_to_returned(
    time_machine, people, citizen, officer, agency, procedure, mandatory_document
):
    time_machine.move_to(at("2026-03-02 20:15"), tick=False)  # Monday evening, on a phone
    dossier = services.create_draft(
        procedure=procedure,
        agency=agency,
        applicant=citizen,
        details=ApplicantDetails.of(citizen),
        request_details="Đăng ký khai sinh cho con thứ hai",
    )
    assert dossier.state == State.DRAFT
    assert dossier.code is None
    assert dossier.portal_code is None
    services.attach_files(
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
    dossier = services.create_draft(
        procedure=procedure,
        agency=agency,
        applicant=citizen,
        details=ApplicantDetails.of(citizen),
        submitted_by=helper,
    )
    services.attach_files(dossier.pk, user=helper, uploads={mandatory_document.pk: [pdf_upload()]})
    dossier = services.submit(dossier.pk, user=helper)

    assert dossier.state == State.SUBMITTED
    assert dossier.applicant == citizen
    assert dossier.submitted_by == helper
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
    assert event(dossier, Kind.RESULT_RECORDED).details == {"electronic": True}
    assert dossier.result_file.name.startswith("results/2026/03/")
    assert dossier.result_file.read().startswith(b"%PDF-")


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


# --- Supplements --------------------------------------------------------------------------------


def test_supplement_before_acceptance_goes_back_to_submitted(
    time_machine, submitted, people, citizen, officer, optional_document
):
    dossier = walk(
        submitted,
        [
            Step(
                "2026-03-02 14:00",
                "officer",
                "request_documents",
                State.MISSING_DOCUMENTS,
                {
                    "missing": [optional_document],
                    "other_missing": "Bản sao CCCD của người đi khai sinh",
                    "note": "Chụp rõ cả hai mặt giấy chứng sinh.",
                    "deadline": datetime.date(2026, 3, 9),
                },
            ),
        ],
        people,
        time_machine,
    )
    assert dossier.accepted_at is None
    assert dossier.due_at is None  # the clock has not started
    assert dossier.supplement_count == 1
    assert dossier.supplement_requested_at == at("2026-03-02 14:00")
    request = SupplementRequest.objects.get(dossier=dossier)
    assert dossier.open_supplement_request == request
    assert list(request.missing_documents.all()) == [optional_document]
    assert request.other_missing == "Bản sao CCCD của người đi khai sinh"
    assert request.deadline == datetime.date(2026, 3, 9)
    assert request.requested_by == officer
    asked = event(dossier, Kind.DOCUMENTS_REQUESTED)
    assert asked.note == "Chụp rõ cả hai mặt giấy chứng sinh."
    assert asked.details == {
        "request_id": request.pk,
        "missing": ["Giấy chứng sinh"],
        "other_missing": "Bản sao CCCD của người đi khai sinh",
        "deadline": "2026-03-09",
    }

    dossier = walk(
        dossier,
        [
            Step(
                "2026-03-04 19:00",
                "citizen",
                "supplement",
                State.SUBMITTED,
                {
                    "uploads": {
                        optional_document.pk: [jpeg_upload("giay-chung-sinh.jpg")],
                        OTHER_DOCUMENT: [pdf_upload("cccd-nguoi-di-khai.pdf")],
                    },
                    "note": "Đã chụp lại.",
                },
            ),
            Step("2026-03-05 09:00", "officer", "accept", State.PROCESSING),
        ],
        people,
        time_machine,
    )
    request.refresh_from_db()
    assert request.fulfilled_at == at("2026-03-04 19:00")
    given = request.attachments.values_list("required_document__name", "original_name")
    assert set(given) == {
        (None, "cccd-nguoi-di-khai.pdf"),  # asked for in words
        ("Giấy chứng sinh", "giay-chung-sinh.jpg"),
    }
    assert dossier.supplement_received_at == at("2026-03-04 19:00")
    assert dossier.code == "000.00.12.H33-260302-0001"  # the code given at submission stays
    # Counted from acceptance, Thu 09:00 + 3 working days (over the weekend).
    assert dossier.accepted_at == at("2026-03-05 09:00")
    assert dossier.due_at == at("2026-03-10 09:00")
    assert [row[:4] for row in trail(dossier)] == [
        (Kind.CREATED, "", State.DRAFT, citizen),
        (Kind.SUBMITTED, State.DRAFT, State.SUBMITTED, citizen),
        (Kind.DOCUMENTS_REQUESTED, State.SUBMITTED, State.MISSING_DOCUMENTS, officer),
        (Kind.SUPPLEMENTED, State.MISSING_DOCUMENTS, State.SUBMITTED, citizen),
        (Kind.ACCEPTED, State.SUBMITTED, State.PROCESSING, officer),
    ]
    supplemented = event(dossier, Kind.SUPPLEMENTED)
    assert supplemented.note == "Đã chụp lại."
    assert sorted(supplemented.details["files"]) == [
        "cccd-nguoi-di-khai.pdf",
        "giay-chung-sinh.jpg",
    ]


# (clock, accepted, documents requested, supplemented, new due moment), checked by hand:
# restart counts 3 working days anew from the supplement; pause adds the office time spent
# waiting (request -> supplement) to the old due moment.
SUPPLEMENT_CLOCKS = [
    # Accepted Tue 09:00, due Fri 06 09:00. Waiting Wed 04 09:00 -> Mon 09 09:00 = 24 h.
    ("restart", "2026-03-03 09:00", "2026-03-04 09:00", "2026-03-09 09:00", "2026-03-12 09:00"),
    ("pause", "2026-03-03 09:00", "2026-03-04 09:00", "2026-03-09 09:00", "2026-03-11 09:00"),
    # Accepted Tue 14:00, due Fri 06 14:00. Waiting Thu 05 10:00 -> Fri 06 16:00 = 12 h;
    # restart: Fri 1 h + Mon 8 + Tue 8 + Wed 7 (07:00-11:30, 13:30-16:00).
    ("restart", "2026-03-03 14:00", "2026-03-05 10:00", "2026-03-06 16:00", "2026-03-11 16:00"),
    # pause: Fri 06 14:00 + 12 h = Fri 3 h + Mon 8 h + Tue 1 h.
    ("pause", "2026-03-03 14:00", "2026-03-05 10:00", "2026-03-06 16:00", "2026-03-10 08:00"),
]


@pytest.mark.parametrize(("clock", "accepted", "asked", "supplied", "due"), SUPPLEMENT_CLOCKS)
def test_supplement_after_acceptance_back_to_processing_with_a_new_due_date(
    time_machine,
    settings,
    submitted,
    people,
    citizen,
    officer,
    optional_document,
    clock,
    accepted,
    asked,
    supplied,
    due,
):
    settings.DOSSIER_SUPPLEMENT_CLOCK = clock
    dossier = walk(
        submitted,
        [
            Step(accepted, "officer", "accept", State.PROCESSING),
            Step(
                asked,
                "officer",
                "request_documents",
                State.MISSING_DOCUMENTS,
                {
                    "missing": [optional_document],
                    "note": "Thiếu giấy chứng sinh.",
                    "deadline": datetime.date(2026, 3, 13),
                },
            ),
        ],
        people,
        time_machine,
    )
    first_due = dossier.due_at
    assert first_due == at(accepted) + datetime.timedelta(days=3)  # Tue -> Fri, same hour

    # Waiting for the citizen past the old due moment: the clock is stopped, not overdue.
    time_machine.move_to(at("2026-03-06 15:00"), tick=False)
    dossier = fresh(dossier)
    assert timezone.now() > first_due
    assert not dossier.is_overdue
    assert not Dossier.objects.overdue(timezone.now()).filter(pk=dossier.pk).exists()

    dossier = walk(
        dossier,
        [
            Step(
                supplied,
                "citizen",
                "supplement",
                State.PROCESSING,
                {"uploads": {optional_document.pk: [pdf_upload("giay-chung-sinh.pdf")]}},
            ),
        ],
        people,
        time_machine,
    )
    assert dossier.due_at == at(due)
    assert dossier.accepted_at == at(accepted)  # the legal clock started once
    assert dossier.supplement_received_at == at(supplied)
    assert [row[:4] for row in trail(dossier)][2:] == [
        (Kind.ACCEPTED, State.SUBMITTED, State.PROCESSING, officer),
        (Kind.DOCUMENTS_REQUESTED, State.PROCESSING, State.MISSING_DOCUMENTS, officer),
        (Kind.SUPPLEMENTED, State.MISSING_DOCUMENTS, State.PROCESSING, citizen),
    ]


def test_pause_keeps_an_overdue_dossier_overdue(
    time_machine, settings, processing, officer, citizen, optional_document
):
    """Due Fri 06 09:00; documents asked Mon 09 09:00 (8 office hours late), supplied Tue 10
    09:00: the clock stood still 8 office hours, so the due moment moves to Mon 09 09:00 and
    the dossier is still 8 office hours late."""
    settings.DOSSIER_SUPPLEMENT_CLOCK = "pause"
    time_machine.move_to(at("2026-03-09 09:00"), tick=False)
    services.request_documents(
        processing.pk,
        officer=officer,
        missing=[optional_document],
        note="Bổ sung giấy chứng sinh.",
        deadline=datetime.date(2026, 3, 16),
    )
    time_machine.move_to(at("2026-03-10 09:00"), tick=False)
    dossier = services.supplement(
        processing.pk, user=citizen, uploads={optional_document.pk: [pdf_upload()]}
    )
    dossier = fresh(dossier)
    assert dossier.due_at == at("2026-03-09 09:00")
    assert dossier.is_overdue


def test_second_supplement_request_is_counted(
    time_machine, processing, people, optional_document, mandatory_document
):
    ask = {"note": "Bổ sung", "deadline": datetime.date(2026, 3, 20)}
    dossier = walk(
        processing,
        [
            Step(
                "2026-03-03 10:00",
                "officer",
                "request_documents",
                State.MISSING_DOCUMENTS,
                {"missing": [optional_document], **ask},
            ),
            Step(
                "2026-03-03 15:00",
                "citizen",
                "supplement",
                State.PROCESSING,
                {"uploads": {optional_document.pk: [pdf_upload("lan-1.pdf")]}},
            ),
            Step(
                "2026-03-04 09:00",
                "officer",
                "request_documents",
                State.MISSING_DOCUMENTS,
                {"missing": [mandatory_document], **ask},
            ),
            Step(
                "2026-03-04 16:00",
                "citizen",
                "supplement",
                State.PROCESSING,
                {"uploads": {mandatory_document.pk: [pdf_upload("lan-2.pdf")]}},
            ),
        ],
        people,
        time_machine,
    )
    assert dossier.supplement_count == 2
    requests = list(dossier.supplement_requests.order_by("requested_at"))
    assert [list(r.missing_documents.all()) for r in requests] == [
        [optional_document],
        [mandatory_document],
    ]
    assert all(r.fulfilled_at is not None for r in requests)
    assert [e.details["missing"] for e in dossier.events.filter(kind=Kind.DOCUMENTS_REQUESTED)] == [
        [optional_document.name],
        [mandatory_document.name],
    ]


def test_request_listing_only_other_documents_is_answered_with_other_files(
    time_machine, submitted, officer, citizen, optional_document
):
    time_machine.move_to(at("2026-03-02 14:00"), tick=False)
    services.request_documents(
        submitted.pk,
        officer=officer,
        missing=[],
        other_missing="Giấy xác nhận cư trú",
        note="Nộp giấy xác nhận cư trú do công an xã cấp.",
        deadline=datetime.date(2026, 3, 9),
    )
    assert event(submitted, Kind.DOCUMENTS_REQUESTED).details["missing"] == []
    time_machine.move_to(at("2026-03-03 20:00"), tick=False)
    with pytest.raises(ValidationError) as refused:  # a file for a document not asked for
        services.supplement(
            submitted.pk, user=citizen, uploads={optional_document.pk: [pdf_upload()]}
        )
    assert refused.value.messages == ["Còn thiếu: Giấy xác nhận cư trú."]
    assert fresh(submitted).state == State.MISSING_DOCUMENTS

    dossier = services.supplement(
        submitted.pk,
        user=citizen,
        uploads={OTHER_DOCUMENT: [pdf_upload("xac-nhan-cu-tru.pdf")]},
    )

    assert fresh(dossier).state == State.SUBMITTED
    (attachment,) = dossier.supplement_requests.get().attachments.all()
    assert (attachment.required_document, attachment.original_name) == (
        None,
        "xac-nhan-cu-tru.pdf",
    )
    assert event(dossier, Kind.SUPPLEMENTED).details == {"files": ["xac-nhan-cu-tru.pdf"]}


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


# --- At the desk --------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", [Channel.DIRECT, Channel.POSTAL])
def test_dossier_received_at_the_desk_starts_in_processing(
    time_machine, officer, citizen, procedure, mandatory_document, channel
):
    time_machine.move_to(at("2026-03-03 09:00"), tick=False)
    dossier = services.create_at_desk(
        officer=officer,
        procedure=procedure,
        applicant=citizen,
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
            applicant=citizen,
            details=details,
            channel=Channel.ONLINE,
        )
    leader = UserFactory(leader=True, agency=officer.agency)
    for not_an_officer in (citizen, leader):
        with pytest.raises(PermissionDenied):
            services.create_at_desk(
                officer=not_an_officer, procedure=procedure, applicant=citizen, details=details
            )
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
            applicant=citizen,
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
    draft = services.create_draft(
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
        services.create_draft(
            procedure=procedure,
            agency=agency,
            applicant=citizen,
            details=ApplicantDetails.of(citizen),
        )
    assert not Dossier.objects.exists()
