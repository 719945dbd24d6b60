"""Everything the workflow must refuse: transitions the domain does not list, the wrong person,
incomplete or stale requests, and writing the state field directly.

Each refusal leaves the dossier as it was: same state, same version, no new event.
"""

import datetime
import itertools

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from dossiers import deadlines, drafts, services
from dossiers.errors import ActionNotAllowed, DossierChanged
from dossiers.models import Attachment, Dossier, State, SupplementRequest
from dossiers.services import (
    OTHER_DOCUMENT,
    ApplicantDetails,
)
from tests.factories import (
    DossierFactory,
    ProcedureFactory,
    RequiredDocumentFactory,
    UserFactory,
    pdf_upload,
)

from .helpers import at, fresh

# Every state, built by a real history (the two missing_documents differ: accepted or not).
STATES = {
    "draft": {},
    "submitted": {"submitted": True},
    "missing_documents-at-reception": {"missing_documents": True},
    "missing_documents-after-acceptance": {"missing_documents": True, "accepted": True},
    "processing": {"processing": True},
    "result_ready": {"result_ready": True},
    "returned": {"returned": True},
    "rejected": {"rejected": True},
    "withdrawn": {"withdrawn": True},
    "stopped": {"stopped": True},
}
ACTIONS = [
    "attach_files",
    "submit",
    "accept",
    "request_documents",
    "supplement",
    "reject",
    "issue_apology",
    "record_result",
    "return_result",
    "withdraw",
    "extend_supplement",
    "stop",
]
# What shared/domain.md allows ("States of a dossier"), and the state each action leads to.
ALLOWED = {
    ("draft", "attach_files"): State.DRAFT,
    ("draft", "submit"): State.SUBMITTED,
    ("submitted", "accept"): State.PROCESSING,
    ("submitted", "request_documents"): State.MISSING_DOCUMENTS,
    ("submitted", "reject"): State.REJECTED,
    ("submitted", "withdraw"): State.WITHDRAWN,
    ("missing_documents-at-reception", "supplement"): State.SUBMITTED,
    ("missing_documents-at-reception", "withdraw"): State.WITHDRAWN,
    ("missing_documents-after-acceptance", "supplement"): State.PROCESSING,
    ("missing_documents-after-acceptance", "withdraw"): State.WITHDRAWN,
    ("processing", "request_documents"): State.MISSING_DOCUMENTS,
    ("processing", "issue_apology"): State.PROCESSING,  # an event, not a transition
    ("processing", "record_result"): State.RESULT_READY,
    ("processing", "withdraw"): State.WITHDRAWN,
    ("result_ready", "return_result"): State.RETURNED,
    ("missing_documents-at-reception", "extend_supplement"): State.MISSING_DOCUMENTS,
    ("missing_documents-after-acceptance", "extend_supplement"): State.MISSING_DOCUMENTS,
    ("processing", "stop"): State.STOPPED,
    ("missing_documents-at-reception", "stop"): State.STOPPED,
    ("missing_documents-after-acceptance", "stop"): State.STOPPED,
}
FORBIDDEN = [pair for pair in itertools.product(STATES, ACTIONS) if pair not in ALLOWED]


def perform(action: str, dossier: Dossier, *, officer, citizen, expected_version=None):
    """Call the service for `action` with well-formed arguments, as its proper actor would."""
    pk = dossier.pk
    documents = list(dossier.procedure.required_documents.all())
    request = SupplementRequest.objects.filter(dossier=dossier, fulfilled_at=None).last()
    asked = list(request.missing_documents.all()) if request else documents
    version = {"expected_version": expected_version}
    if action == "attach_files":
        # Padded: not the very file the factory attached to that document.
        new_file = pdf_upload(size=4096)
        return drafts.attach_files(pk, user=citizen, uploads={documents[0].pk: [new_file]})
    if action == "submit":
        return services.submit(pk, user=citizen)
    if action == "supplement":
        uploads = {doc.pk: [pdf_upload(f"{doc.name}.pdf", size=4096)] for doc in asked}
        return services.supplement(pk, user=citizen, uploads=uploads)
    if action == "withdraw":
        return services.withdraw(pk, user=citizen, reason="Không còn nhu cầu.")
    if action == "accept":
        return services.accept(pk, officer=officer, **version)
    if action == "request_documents":
        return services.request_documents(
            pk,
            officer=officer,
            missing=documents[-1:],
            note="Bổ sung bản chụp rõ nét.",
            deadline=datetime.date(2026, 3, 11),
            **version,
        )
    if action == "reject":
        return services.reject(pk, officer=officer, reasons="Không thuộc thẩm quyền.", **version)
    if action == "issue_apology":
        return services.issue_apology(
            pk,
            officer=officer,
            new_due_at=at("2026-03-20 17:00"),
            reason="Chờ xác minh.",
            **version,
        )
    if action == "record_result":
        return services.record_result(pk, officer=officer, note="Nhận tại quầy.", **version)
    if action == "return_result":
        return services.return_result(pk, officer=officer, **version)
    if action == "extend_supplement":
        return deadlines.extend_supplement_deadline(
            pk, officer=officer, deadline=datetime.date(2026, 3, 20), **version
        )
    if action == "stop":
        return deadlines.stop_processing(
            pk, officer=officer, reason="supplement_overdue", reasons="Quá hạn bổ sung.", **version
        )
    raise AssertionError(action)


def snapshot(dossier: Dossier) -> tuple:
    stored = fresh(dossier)
    return (
        stored.state,
        stored.version,
        stored.due_at,
        stored.events.count(),
        stored.attachments.count(),
        stored.supplement_requests.count(),
    )


@pytest.fixture
def make(time_machine, agency, officer, citizen, procedure):
    """A dossier in the named state, built on Tue 3 March 2026 at 09:00; actions run on Thu 5
    March at 10:00 (a processing dossier is then due within 1 working day: apology allowed)."""

    def make(state: str) -> Dossier:
        time_machine.move_to(at("2026-03-03 09:00"), tick=False)
        dossier = DossierFactory(
            procedure=procedure, agency=agency, applicant=citizen, officer=officer, **STATES[state]
        )
        time_machine.move_to(at("2026-03-05 10:00"), tick=False)
        return dossier

    return make


@pytest.mark.parametrize(("state", "action"), FORBIDDEN, ids="{0[0]}-{0[1]}".format)
def test_forbidden_transition_is_refused(make, officer, citizen, state, action):
    dossier = make(state)
    assert dossier.state == state.split("-")[0]
    before = snapshot(dossier)

    with pytest.raises(ActionNotAllowed) as refused:
        perform(action, dossier, officer=officer, citizen=citizen)

    assert str(refused.value)  # a message the person can read
    assert snapshot(dossier) == before


@pytest.mark.parametrize(("state", "action"), ALLOWED, ids="{0[0]}-{0[1]}".format)
def test_allowed_transition_succeeds(make, officer, citizen, state, action):
    """The same calls do work where the domain allows them (so the refusals above are real)."""
    dossier = make(state)
    events = dossier.events.count()

    perform(action, dossier, officer=officer, citizen=citizen)

    assert fresh(dossier).state == ALLOWED[state, action]
    assert fresh(dossier).version > dossier.version
    assert dossier.events.count() == events + (0 if action == "attach_files" else 1)


def test_every_pair_is_either_allowed_or_forbidden():
    assert len(FORBIDDEN) + len(ALLOWED) == len(STATES) * len(ACTIONS)
    assert set(ALLOWED) <= set(itertools.product(STATES, ACTIONS))


# --- The wrong person ---------------------------------------------------------------------------


@pytest.fixture
def strangers(agency, other_agency):
    return {
        "citizen": UserFactory(citizen=True, full_name="Phạm Thị Dung"),
        "helper": UserFactory(helper=True, full_name="Võ Minh Em"),
        "other-agency-officer": UserFactory(officer=True, agency=other_agency),
        "leader": UserFactory(leader=True, agency=agency),
    }


WRONG_PEOPLE = [
    # The officer's actions, by someone who is not an officer of the receiving agency.
    ("submitted", "accept", "applicant"),
    ("submitted", "accept", "other-agency-officer"),
    ("submitted", "accept", "leader"),
    ("submitted", "reject", "other-agency-officer"),
    ("submitted", "request_documents", "other-agency-officer"),
    ("processing", "request_documents", "applicant"),
    ("processing", "record_result", "other-agency-officer"),
    ("processing", "record_result", "applicant"),
    ("processing", "issue_apology", "other-agency-officer"),
    ("result_ready", "return_result", "other-agency-officer"),
    ("processing", "stop", "other-agency-officer"),
    ("missing_documents-after-acceptance", "extend_supplement", "other-agency-officer"),
    ("missing_documents-after-acceptance", "extend_supplement", "applicant"),
    ("processing", "stop", "applicant"),
    ("missing_documents-after-acceptance", "stop", "leader"),
    # The citizen's actions, by someone who is not the applicant or their helper.
    ("draft", "attach_files", "citizen"),
    ("draft", "submit", "citizen"),
    ("draft", "submit", "officer"),
    ("submitted", "withdraw", "citizen"),
    ("submitted", "withdraw", "helper"),
    ("processing", "withdraw", "officer"),
    ("processing", "withdraw", "other-agency-officer"),
    ("missing_documents-at-reception", "supplement", "citizen"),
    ("missing_documents-after-acceptance", "supplement", "citizen"),
    ("missing_documents-after-acceptance", "supplement", "officer"),
]


@pytest.mark.parametrize(("state", "action", "who"), WRONG_PEOPLE, ids="-".join)
def test_wrong_person_is_refused(make, strangers, officer, citizen, state, action, who):
    dossier = make(state)
    person = {"applicant": citizen, "officer": officer, **strangers}[who]
    before = snapshot(dossier)

    with pytest.raises(ActionNotAllowed):
        perform(action, dossier, officer=person, citizen=person)

    assert snapshot(dossier) == before


def test_only_a_digital_team_member_may_submit_for_someone(db, agency, citizen, procedure):
    not_a_helper = UserFactory(citizen=True)
    with pytest.raises(PermissionDenied):
        drafts.create_draft(
            procedure=procedure,
            agency=agency,
            applicant=citizen,
            details=ApplicantDetails.of(citizen),
            submitted_by=not_a_helper,
        )
    assert not Dossier.objects.exists()


# --- Incomplete requests ------------------------------------------------------------------------


def test_submit_lists_every_missing_mandatory_document(db, agency, citizen):
    procedure = ProcedureFactory()
    form = RequiredDocumentFactory(procedure=procedure, name="Tờ khai đăng ký kết hôn", order=1)
    ids = RequiredDocumentFactory(procedure=procedure, name="Giấy xác nhận độc thân", order=2)
    RequiredDocumentFactory(procedure=procedure, name="Ảnh cưới", is_mandatory=False, order=3)
    draft = drafts.create_draft(
        procedure=procedure, agency=agency, applicant=citizen, details=ApplicantDetails.of(citizen)
    )

    with pytest.raises(ActionNotAllowed) as refused:
        services.submit(draft.pk, user=citizen)
    assert str(refused.value) == (
        "Còn thiếu giấy tờ bắt buộc: Tờ khai đăng ký kết hôn; Giấy xác nhận độc thân."
    )

    drafts.attach_files(draft.pk, user=citizen, uploads={form.pk: [pdf_upload()]})
    with pytest.raises(ActionNotAllowed) as refused:
        services.submit(draft.pk, user=citizen)
    assert str(refused.value) == "Còn thiếu giấy tờ bắt buộc: Giấy xác nhận độc thân."
    stored = fresh(draft)
    assert (stored.state, stored.code, stored.events.count()) == (State.DRAFT, None, 1)

    drafts.attach_files(draft.pk, user=citizen, uploads={ids.pk: [pdf_upload()]})
    assert services.submit(draft.pk, user=citizen).state == State.SUBMITTED  # optional skipped


def test_documents_request_must_be_complete_and_valid(make, officer, optional_document):
    dossier = make("processing")
    before = snapshot(dossier)
    foreign = RequiredDocumentFactory(name="Giấy tờ của thủ tục khác")
    good = {
        "missing": [optional_document],
        "note": "Bổ sung.",
        "deadline": datetime.date(2026, 3, 11),
    }
    for wrong in [
        {"missing": [], "other_missing": "  "},  # nothing listed
        {"note": "   "},  # no guidance for the citizen
        {"deadline": datetime.date(2026, 3, 3)},  # yesterday
        {"missing": [foreign]},  # not a document of this procedure
    ]:
        with pytest.raises(ValidationError):
            services.request_documents(dossier.pk, officer=officer, **{**good, **wrong})
        assert snapshot(dossier) == before


def test_supplement_must_bring_every_document_asked_for(
    make, officer, citizen, mandatory_document, optional_document
):
    dossier = make("processing")
    services.request_documents(
        dossier.pk,
        officer=officer,
        missing=[mandatory_document, optional_document],
        note="Chụp lại cả hai giấy tờ.",
        deadline=datetime.date(2026, 3, 11),
    )
    before = snapshot(dossier)

    with pytest.raises(ValidationError):
        services.supplement(dossier.pk, user=citizen, uploads={})
    with pytest.raises(ValidationError) as refused:
        services.supplement(
            dossier.pk, user=citizen, uploads={mandatory_document.pk: [pdf_upload()]}
        )
    assert refused.value.messages == [f"Còn thiếu: {optional_document.name}."]
    assert snapshot(dossier) == before
    assert not Attachment.objects.filter(supplement_request__isnull=False).exists()


@pytest.mark.parametrize("extra", ["mandatory", "other"])
def test_supplement_cannot_bring_documents_not_asked_for(
    make, officer, citizen, mandatory_document, optional_document, extra
):
    dossier = make("missing_documents-after-acceptance")  # asks for the optional document only
    key = {"mandatory": mandatory_document.pk, "other": OTHER_DOCUMENT}[extra]
    before = snapshot(dossier)
    with pytest.raises(ActionNotAllowed):
        services.supplement(
            dossier.pk,
            user=citizen,
            uploads={optional_document.pk: [pdf_upload()], key: [pdf_upload()]},
        )
    assert snapshot(dossier) == before


# --- Stale pages and the protected state field --------------------------------------------------

STALE = [
    ("submitted", "accept"),
    ("submitted", "reject"),
    ("submitted", "request_documents"),
    ("processing", "request_documents"),
    ("processing", "issue_apology"),
    ("processing", "record_result"),
    ("result_ready", "return_result"),
]


@pytest.mark.parametrize(("state", "action"), STALE, ids="{0[0]}-{0[1]}".format)
def test_action_from_a_stale_page_is_refused(make, officer, citizen, state, action):
    dossier = make(state)
    seen = dossier.version  # the page was loaded before the last change
    before = snapshot(dossier)

    with pytest.raises(DossierChanged) as refused:
        perform(action, dossier, officer=officer, citizen=citizen, expected_version=seen - 1)
    assert str(refused.value) == "Hồ sơ đã được cập nhật bởi người khác, vui lòng tải lại trang."
    assert snapshot(dossier) == before

    perform(action, dossier, officer=officer, citizen=citizen, expected_version=seen)
    assert fresh(dossier).version == seen + 1


@pytest.mark.parametrize("state", STATES, ids=str)
def test_state_field_cannot_be_assigned(make, state):
    dossier = make(state)
    for instance in (dossier, fresh(dossier)):
        for target in State:
            with pytest.raises(AttributeError):
                instance.state = target
        assert instance.state == dossier.state
    assert fresh(dossier).state == dossier.state
