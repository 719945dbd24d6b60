"""Supplements: requests, answers, the clock after them (shared/domain.md, "States of a dossier").

Moments as in test_scenarios.py: March 2026 has no public holiday.
"""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from dossiers import services
from dossiers.models import Dossier, DossierEvent, State, SupplementRequest
from dossiers.services import OTHER_DOCUMENT
from tests.factories import (
    jpeg_upload,
    pdf_upload,
)

from .helpers import at, fresh, trail
from .scenario import Step, event, walk

Kind = DossierEvent.Kind


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
                {"uploads": {mandatory_document.pk: [pdf_upload("lan-2.pdf", size=4096)]}},
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
