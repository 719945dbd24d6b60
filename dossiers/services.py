"""One function per change of a dossier, each in one database transaction.

Order inside every write: lock the row, check the version the user saw, fire one transition
(fields only), save, record the event. Views call these; these never render.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django_fsm import TransitionNotAllowed, has_transition_perm

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from procedures.calendar import add_office_time, due_at, working_hours_between
from procedures.models import Agency, OnlineLevel, Procedure, RequiredDocument

from .errors import ActionNotAllowed, DossierChanged
from .models import (
    Attachment,
    Channel,
    DailySequence,
    Dossier,
    DossierEvent,
    State,
    SupplementRequest,
)
from .uploads import EXTENSION, check_upload

Kind = DossierEvent.Kind
OTHER_DOCUMENT = 0  # upload key for documents asked for in words (SupplementRequest.other_missing)


@dataclass(frozen=True)
class ApplicantDetails:
    full_name: str
    phone: str
    citizen_id: str = ""
    address: str = ""
    email: str = ""

    @classmethod
    def of(cls, user: User) -> ApplicantDetails:
        return cls(
            full_name=user.full_name,
            phone=user.phone,
            citizen_id=user.citizen_id or "",
            address=user.address,
            email=user.email,
        )


# --- helpers shared by the services ----------------------------------------------------------


def _lock(dossier_id: int, expected_version: int | None) -> Dossier:
    dossier = Dossier.objects.select_for_update().select_related("procedure").get(pk=dossier_id)
    if expected_version is not None and dossier.version != expected_version:
        raise DossierChanged()
    return dossier


def _fire(dossier: Dossier, action: str, user: User, **kwargs: object) -> object:
    method = getattr(dossier, action)
    if not has_transition_perm(method, user):
        raise ActionNotAllowed(
            _("Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái “%(state)s”.")
            % {"state": dossier.get_state_display()}
        )
    try:
        return method(**kwargs)
    except TransitionNotAllowed as error:  # a condition failed
        raise ActionNotAllowed(str(error)) from error


def _save(dossier: Dossier) -> None:
    dossier.version += 1
    dossier.save()


def record_event(
    dossier: Dossier,
    kind: str,
    *,
    from_state: str,
    actor: User | None,
    at: datetime.datetime,
    note: str = "",
    details: Mapping[str, object] | None = None,
) -> DossierEvent:
    """Write one line of the audit trail and its notifications (inside the transaction)."""
    from .notify import notify_event

    event = DossierEvent.objects.create(
        dossier=dossier,
        kind=kind,
        from_state=from_state,
        to_state=dossier.state,
        actor=actor,
        note=note,
        details=dict(details or {}),
        created_at=at,
    )
    notify_event(event)  # outbox rows in this transaction; sent after commit
    return event


def assign_code(agency: Agency, at: datetime.datetime) -> str:
    """`{agency identifier}-{yyMMdd}-{NNNN}`: a per-agency daily sequence, safe under concurrency.

    One upsert statement increments the day's counter and returns it; the row stays locked
    until the caller's transaction ends, so two submissions never read the same value.
    """
    day = timezone.localdate(at)
    table = DailySequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last_value) VALUES (%s, %s, 1) "
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last_value = {table}.last_value + 1 "
            "RETURNING last_value",
            [agency.pk, day],
        )
        (number,) = cursor.fetchone()
    return f"{agency.identifier}-{day:%y%m%d}-{number:04d}"


def _store_files(
    dossier: Dossier,
    uploads: Mapping[int, Iterable[UploadedFile]],
    *,
    user: User,
    allowed_documents: Iterable[RequiredDocument],
    supplement_request: SupplementRequest | None = None,
    allow_other: bool = False,
) -> list[Attachment]:
    """Check every file first, then store them: one bad file stores none.

    Key OTHER_DOCUMENT (0) holds files for "other documents" an officer asked for in words.
    """
    documents = {doc.pk: doc for doc in allowed_documents}
    checked = []
    errors = []
    for document_id, files in uploads.items():
        document = documents.get(int(document_id))
        if document is None and not (allow_other and int(document_id) == OTHER_DOCUMENT):
            raise ActionNotAllowed(_("Giấy tờ này không thuộc hồ sơ."))
        kinds = document.accepted_kinds if document else None
        for upload in files:
            try:
                checked.append((document, upload, check_upload(upload, kinds)))
            except ValidationError as error:
                errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    stored = []
    for document, upload, result in checked:
        original_name = (upload.name or "")[:255]
        upload.name = f"document{EXTENSION[result.kind]}"  # stored name follows the content
        stored.append(
            Attachment.objects.create(
                dossier=dossier,
                required_document=document,
                supplement_request=supplement_request,
                file=upload,
                original_name=original_name,
                content_type=result.content_type,
                size=result.size,
                uploaded_by=user,
            )
        )
    return stored


# --- the citizen's side ------------------------------------------------------------------------


def create_draft(
    *,
    procedure: Procedure,
    agency: Agency,
    applicant: User,
    details: ApplicantDetails,
    request_details: str = "",
    submitted_by: User | None = None,
) -> Dossier:
    """A new online dossier in draft; `submitted_by` is the digital-team helper, if any."""
    if not procedure.is_active:
        raise ActionNotAllowed(_("Thủ tục này hiện không tiếp nhận hồ sơ."))
    if submitted_by is not None and not submitted_by.has_perm("dossiers.submit_on_behalf"):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        dossier = Dossier(
            procedure=procedure,
            agency=agency,
            applicant=applicant,
            submitted_by=submitted_by,
            channel=Channel.ONLINE,
            request_details=request_details,
            **_applicant_fields(details),
        )
        dossier.save()
        record_event(dossier, Kind.CREATED, from_state="", actor=submitted_by or applicant, at=now)
    return dossier


def _applicant_fields(details: ApplicantDetails) -> dict[str, str]:
    return {
        "applicant_name": details.full_name,
        "applicant_phone": details.phone,
        "applicant_citizen_id": details.citizen_id,
        "applicant_address": details.address,
        "applicant_email": details.email,
    }


def attach_files(
    dossier_id: int, *, user: User, uploads: Mapping[int, Iterable[UploadedFile]]
) -> list[Attachment]:
    """Add files to a draft (the citizen or their helper)."""
    with transaction.atomic():
        dossier = _lock(dossier_id, None)
        if dossier.state != State.DRAFT or user.pk not in (
            dossier.applicant_id,
            dossier.submitted_by_id,
        ):
            raise ActionNotAllowed(_("Chỉ thêm được tệp khi hồ sơ còn là bản nháp."))
        stored = _store_files(
            dossier,
            uploads,
            user=user,
            allowed_documents=dossier.procedure.required_documents.all(),
        )
        _save(dossier)
    return stored


def remove_attachment(attachment_id: int, *, user: User) -> None:
    """Take a file off a draft."""
    with transaction.atomic():
        attachment = Attachment.objects.select_related("dossier").get(pk=attachment_id)
        dossier = _lock(attachment.dossier_id, None)
        if dossier.state != State.DRAFT or user.pk not in (
            dossier.applicant_id,
            dossier.submitted_by_id,
        ):
            raise ActionNotAllowed(_("Chỉ bỏ được tệp khi hồ sơ còn là bản nháp."))
        attachment.delete()
        _save(dossier)
    transaction.on_commit(lambda: attachment.file.delete(save=False))


def submit(dossier_id: int, *, user: User) -> Dossier:
    """draft -> submitted: the dossier gets its code."""
    now = timezone.now()
    with transaction.atomic():
        dossier = _lock(dossier_id, None)
        if dossier.state == State.DRAFT and not has_transition_perm(dossier.submit, user):
            missing = dossier.missing_mandatory_documents()
            if missing and user.pk in (dossier.applicant_id, dossier.submitted_by_id):
                raise ActionNotAllowed(
                    _("Còn thiếu giấy tờ bắt buộc: %(names)s.")
                    % {"names": "; ".join(doc.name for doc in missing)}
                )
        _fire(dossier, "submit", user, at=now)
        dossier.code = assign_code(dossier.agency, now)
        _save(dossier)
        record_event(
            dossier,
            Kind.SUBMITTED,
            from_state=State.DRAFT,
            actor=user,
            at=now,
            details={"on_behalf": dossier.submitted_by_id is not None},
        )
    return dossier


def supplement(
    dossier_id: int,
    *,
    user: User,
    uploads: Mapping[int, Iterable[UploadedFile]],
    note: str = "",
) -> Dossier:
    """missing_documents -> submitted | processing, with the files the officer asked for."""
    now = timezone.now()
    with transaction.atomic():
        dossier = _lock(dossier_id, None)
        request = dossier.open_supplement_request
        if request is None or not has_transition_perm(dossier.supplement, user):
            raise ActionNotAllowed(_("Hồ sơ này không có yêu cầu bổ sung đang chờ."))
        asked = list(request.missing_documents.all())
        if not any(uploads.values()):
            raise ValidationError(_("Vui lòng chọn ít nhất một tệp để bổ sung."))
        not_given = [doc.name for doc in asked if not uploads.get(doc.pk)]
        if request.other_missing and not uploads.get(OTHER_DOCUMENT):
            not_given.append(request.other_missing)
        if not_given:
            raise ValidationError(_("Còn thiếu: %(names)s.") % {"names": "; ".join(not_given)})
        stored = _store_files(
            dossier,
            uploads,
            user=user,
            allowed_documents=asked,
            supplement_request=request,
            allow_other=bool(request.other_missing),
        )
        from_state = dossier.state
        _fire(dossier, "supplement", user, at=now, new_due_at=_due_after_supplement(dossier, now))
        request.fulfilled_at = now
        request.save(update_fields=["fulfilled_at"])
        _save(dossier)
        record_event(
            dossier,
            Kind.SUPPLEMENTED,
            from_state=from_state,
            actor=user,
            at=now,
            note=note,
            details={"files": [a.original_name for a in stored]},
        )
    return dossier


def _due_after_supplement(dossier: Dossier, now: datetime.datetime) -> datetime.datetime | None:
    """Due date once an accepted dossier is complete again (DOSSIER_SUPPLEMENT_CLOCK)."""
    if dossier.accepted_at is None:
        return None
    if settings.DOSSIER_SUPPLEMENT_CLOCK == "pause":
        # Extend the due moment by the office time spent waiting: a dossier that was already
        # late when documents were requested stays late.
        waited = working_hours_between(dossier.supplement_requested_at, now)
        return add_office_time(dossier.due_at, waited)
    return due_at(
        now, dossier.processing_amount, dossier.processing_unit, cutoff=dossier.same_day_cutoff
    )


def withdraw(dossier_id: int, *, user: User, reason: str = "") -> Dossier:
    """submitted | missing_documents | processing -> withdrawn."""
    now = timezone.now()
    with transaction.atomic():
        dossier = _lock(dossier_id, None)
        from_state = dossier.state
        _fire(dossier, "withdraw", user, at=now)
        _save(dossier)
        record_event(
            dossier, Kind.WITHDRAWN, from_state=from_state, actor=user, at=now, note=reason
        )
    return dossier


# --- the officer's side ------------------------------------------------------------------------


def create_at_desk(
    *,
    officer: User,
    procedure: Procedure,
    applicant: User,
    details: ApplicantDetails,
    channel: str = Channel.DIRECT,
    request_details: str = "",
    uploads: Mapping[int, Iterable[UploadedFile]] | None = None,
) -> Dossier:
    """A walk-in or postal dossier, received by the officer: code assigned, clock started."""
    if channel not in (Channel.DIRECT, Channel.POSTAL):
        raise ActionNotAllowed(_("Hồ sơ tại quầy chỉ nhận trực tiếp hoặc qua bưu chính."))
    if officer.agency is None or not officer.is_officer:
        raise PermissionDenied
    if not procedure.is_active:
        raise ActionNotAllowed(_("Thủ tục này hiện không tiếp nhận hồ sơ."))
    now = timezone.now()
    with transaction.atomic():
        dossier = Dossier(
            procedure=procedure,
            agency=officer.agency,
            applicant=applicant,
            channel=channel,
            request_details=request_details,
            **_applicant_fields(details),
        )
        dossier.save()
        record_event(dossier, Kind.CREATED, from_state="", actor=officer, at=now)
        if uploads:
            _store_files(
                dossier, uploads, user=officer, allowed_documents=procedure.required_documents.all()
            )
        _fire(dossier, "receive_at_desk", officer, by=officer, at=now)
        dossier.code = assign_code(dossier.agency, now)
        _save(dossier)
        record_event(
            dossier,
            Kind.RECEIVED_AT_DESK,
            from_state=State.DRAFT,
            actor=officer,
            at=now,
            details={"channel": channel, "due_at": dossier.due_at.isoformat()},
        )
    return dossier


def accept(dossier_id: int, *, officer: User, expected_version: int | None = None) -> Dossier:
    """submitted -> processing: the legal clock starts; due date from the working-day calendar."""
    now = timezone.now()
    with transaction.atomic():
        dossier = _lock(dossier_id, expected_version)
        _fire(dossier, "accept", officer, by=officer, at=now)
        _save(dossier)
        record_event(
            dossier,
            Kind.ACCEPTED,
            from_state=State.SUBMITTED,
            actor=officer,
            at=now,
            details={"due_at": dossier.due_at.isoformat()},
        )
    return dossier


def request_documents(
    dossier_id: int,
    *,
    officer: User,
    missing: Iterable[RequiredDocument],
    note: str,
    deadline: datetime.date,
    other_missing: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """submitted | processing -> missing_documents: one request lists everything missing."""
    now = timezone.now()
    missing = list(missing)
    if not missing and not other_missing.strip():
        raise ValidationError(_("Vui lòng chọn ít nhất một giấy tờ còn thiếu."))
    if not note.strip():
        raise ValidationError(_("Vui lòng ghi hướng dẫn để công dân bổ sung đúng."))
    if deadline < timezone.localdate(now):
        raise ValidationError(_("Hạn bổ sung không được trước ngày hôm nay."))
    with transaction.atomic():
        dossier = _lock(dossier_id, expected_version)
        if any(doc.procedure_id != dossier.procedure_id for doc in missing):
            raise ValidationError(_("Giấy tờ được chọn không thuộc thủ tục của hồ sơ."))
        from_state = dossier.state
        _fire(dossier, "request_documents", officer, by=officer, at=now)
        _save(dossier)
        request = SupplementRequest.objects.create(
            dossier=dossier,
            other_missing=other_missing.strip(),
            note=note.strip(),
            deadline=deadline,
            requested_by=officer,
            requested_at=now,
        )
        request.missing_documents.set(missing)
        record_event(
            dossier,
            Kind.DOCUMENTS_REQUESTED,
            from_state=from_state,
            actor=officer,
            at=now,
            note=note.strip(),
            details={
                "request_id": request.pk,
                "missing": [doc.name for doc in missing],
                "other_missing": other_missing.strip(),
                "deadline": deadline.isoformat(),
            },
        )
    return dossier


def reject(
    dossier_id: int, *, officer: User, reasons: str, expected_version: int | None = None
) -> Dossier:
    """submitted -> rejected, with the reasons (refusal slip)."""
    if not reasons.strip():
        raise ValidationError(_("Vui lòng ghi rõ lý do từ chối tiếp nhận."))
    now = timezone.now()
    with transaction.atomic():
        dossier = _lock(dossier_id, expected_version)
        _fire(dossier, "reject", officer, by=officer, at=now)
        _save(dossier)
        record_event(
            dossier,
            Kind.REJECTED,
            from_state=State.SUBMITTED,
            actor=officer,
            at=now,
            note=reasons.strip(),
        )
    return dossier


def issue_apology(
    dossier_id: int,
    *,
    officer: User,
    new_due_at: datetime.datetime,
    reason: str,
    expected_version: int | None = None,
) -> Dossier:
    """An apology with a new due date (once per dossier, while processing). Not a transition."""
    if not reason.strip():
        raise ValidationError(_("Vui lòng ghi lý do chậm trễ."))
    now = timezone.now()
    with transaction.atomic():
        dossier = _lock(dossier_id, expected_version)
        if not dossier.can_apologise() or not has_transition_perm(dossier.record_result, officer):
            raise ActionNotAllowed(_("Chỉ được xin lỗi và hẹn lại một lần, khi hồ sơ đang xử lý."))
        if new_due_at <= max(now, dossier.due_at):
            raise ValidationError(_("Ngày hẹn mới phải sau ngày hẹn cũ và sau thời điểm hiện tại."))
        old_due = dossier.due_at
        dossier.due_at = new_due_at
        dossier.apology_issued_at = now
        _save(dossier)
        record_event(
            dossier,
            Kind.APOLOGY,
            from_state=dossier.state,
            actor=officer,
            at=now,
            note=reason.strip(),
            details={"old_due_at": old_due.isoformat(), "new_due_at": new_due_at.isoformat()},
        )
    return dossier


def record_result(
    dossier_id: int,
    *,
    officer: User,
    result_file: UploadedFile | None = None,
    note: str = "",
    return_now: bool = False,
    expected_version: int | None = None,
) -> Dossier:
    """processing -> result_ready (a file, or a note that it waits at the desk).

    With `return_now` (an electronic result) it is returned at once: a second transition.
    """
    if result_file is None and not note.strip():
        raise ValidationError(
            _("Vui lòng tải lên tệp kết quả hoặc ghi chú nơi nhận kết quả (ví dụ: tại quầy).")
        )
    if return_now and result_file is None:
        raise ValidationError(_("Chỉ trả ngay được khi có tệp kết quả điện tử."))
    if result_file is not None:
        check_upload(result_file, ["pdf", "jpeg", "png"])
    now = timezone.now()
    with transaction.atomic():
        dossier = _lock(dossier_id, expected_version)
        if return_now and dossier.online_level != OnlineLevel.FULL:
            raise ActionNotAllowed(
                _("Chỉ thủ tục toàn trình (mức độ 4) mới trả kết quả điện tử ngay.")
            )
        _fire(dossier, "record_result", officer, by=officer, at=now)
        if result_file is not None:
            dossier.result_file = result_file
        dossier.result_note = note.strip()
        _save(dossier)
        record_event(
            dossier,
            Kind.RESULT_RECORDED,
            from_state=State.PROCESSING,
            actor=officer,
            at=now,
            note=note.strip(),
            details={"electronic": result_file is not None},
        )
        if return_now:
            _return(dossier, officer, now)
    return dossier


def return_result(
    dossier_id: int, *, officer: User, expected_version: int | None = None
) -> Dossier:
    """result_ready -> returned: handed over to the citizen."""
    now = timezone.now()
    with transaction.atomic():
        dossier = _lock(dossier_id, expected_version)
        _return(dossier, officer, now)
    return dossier


def _return(dossier: Dossier, officer: User, now: datetime.datetime) -> None:
    _fire(dossier, "return_result", officer, by=officer, at=now)
    _save(dossier)
    record_event(dossier, Kind.RETURNED, from_state=State.RESULT_READY, actor=officer, at=now)


def update_draft(
    dossier_id: int,
    *,
    user: User,
    agency: Agency,
    details: ApplicantDetails,
    request_details: str = "",
) -> Dossier:
    """Change what a draft says before it is submitted."""
    with transaction.atomic():
        dossier = _lock(dossier_id, None)
        if dossier.state != State.DRAFT or user.pk not in (
            dossier.applicant_id,
            dossier.submitted_by_id,
        ):
            raise ActionNotAllowed(_("Chỉ sửa được hồ sơ khi còn là bản nháp."))
        dossier.agency = agency
        dossier.request_details = request_details
        for name, value in _applicant_fields(details).items():
            setattr(dossier, name, value)
        _save(dossier)
    return dossier
