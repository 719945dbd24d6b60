"""One function per change of state of a dossier, each in one database transaction.

Order inside every write: lock the row, check the version the user saw, fire one transition
(fields only), save, record the event (`_change` does these), then tell whom the event
concerns (`notify_event`, an explicit call). Views call these; these never render.
Writing a draft before it is submitted is in `drafts.py`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from functools import partial

from django_fsm import has_transition_perm

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import find_or_register_citizen
from procedures.models import Procedure, RequiredDocument

from . import fees, results
from .applicants import ApplicantDetails
from .attachments import OTHER_DOCUMENT, Uploads, store_files
from .changes import Details, change, record_event
from .codes import assign_code
from .drafts import check_procedure_open
from .errors import ActionNotAllowed
from .events import EventKind
from .locking import lock, save
from .models import Channel, Dossier, SupplementRequest
from .notify import notify_event
from .paper import PaperItem, record_papers
from .workflow import State, apology_not_issued, is_draft_owner

Kind = EventKind


_FEE_KINDS = {
    fees.FeeStatus.PAID: Kind.FEE_PAID,
    fees.FeeStatus.EXEMPT: Kind.FEE_EXEMPTED,
    fees.FeeStatus.REFUNDED: Kind.FEE_REFUNDED,
}


def _due_at(dossier: Dossier) -> Details:
    return {"due_at": dossier.due_at}


# --- the citizen's side ------------------------------------------------------------------------


def submit(dossier_id: int, *, user: User, expected_version: int | None = None) -> Dossier:
    """draft -> submitted: the dossier gets its code."""
    now = timezone.now()
    with transaction.atomic():
        dossier = lock(dossier_id, expected_version)
        missing = dossier.missing_mandatory_documents() if is_draft_owner(dossier, user) else []
        if missing:
            raise ActionNotAllowed(
                _("Còn thiếu giấy tờ bắt buộc: %(names)s.")
                % {"names": "; ".join(doc.name for doc in missing)}
            )
        # A refused transition rolls the transaction back, and the code's number with it.
        code = assign_code(dossier.agency, now)
        on_behalf = {"on_behalf": dossier.submitted_by_id is not None}
        event = change(
            dossier, "submit", user, Kind.SUBMITTED, at=now, code=code, details=on_behalf
        )
        notify_event(event)
    return dossier


def supplement(
    dossier_id: int,
    *,
    user: User,
    uploads: Uploads,
    note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """missing_documents -> submitted | processing, with the files the officer asked for."""
    now = timezone.now()
    with transaction.atomic():
        dossier = lock(dossier_id, expected_version)
        request = dossier.open_supplement_request
        if request is None or not has_transition_perm(dossier.supplement, user):
            raise ActionNotAllowed(_("Hồ sơ này không có yêu cầu bổ sung đang chờ."))
        asked = list(request.missing_documents.all())
        _check_supplement_complete(request, asked, uploads)
        stored = store_files(dossier, uploads, user=user, supplement_request=request)
        request.fulfilled_at = now
        request.save(update_fields=["fulfilled_at"])
        files = [a.original_name for a in stored]
        given = partial(_supplemented, files)
        change(dossier, "supplement", user, Kind.SUPPLEMENTED, at=now, note=note, details=given)
    return dossier


def _supplemented(files: list[str], dossier: Dossier) -> Details:
    """The files given and, once accepted, the due date counted anew (the audit trail)."""
    return {"files": files, **({"due_at": dossier.due_at} if dossier.due_at else {})}


def _check_supplement_complete(
    request: SupplementRequest, asked: list[RequiredDocument], uploads: Uploads
) -> None:
    if not any(uploads.values()):
        raise ValidationError(_("Vui lòng chọn ít nhất một tệp để bổ sung."))
    not_given = [doc.name for doc in asked if not uploads.get(doc.pk)]
    if request.other_missing and not uploads.get(OTHER_DOCUMENT):
        not_given.append(request.other_missing)
    if not_given:
        raise ValidationError(_("Còn thiếu: %(names)s.") % {"names": "; ".join(not_given)})


def withdraw(
    dossier_id: int, *, user: User, reason: str = "", expected_version: int | None = None
) -> Dossier:
    """submitted | missing_documents | processing -> withdrawn."""
    now = timezone.now()
    with transaction.atomic():
        dossier = lock(dossier_id, expected_version)
        event = change(dossier, "withdraw", user, Kind.WITHDRAWN, at=now, note=reason)
        notify_event(event)
    return dossier


# --- the officer's side ------------------------------------------------------------------------


def create_at_desk(
    *,
    officer: User,
    procedure: Procedure,
    details: ApplicantDetails,
    channel: str = Channel.DIRECT,
    request_details: str = "",
    uploads: Uploads | None = None,
    papers: Sequence[PaperItem] = (),
) -> Dossier:
    """A walk-in or postal dossier, received by the officer: code assigned, clock started.

    One transaction: the applicant's record (the phone's verified account, or an unclaimed
    record its owner claims later by code), the dossier, its files and its events are all
    kept, or none of them is. `papers`: the paper handed in; `uploads`: its scans (digitised).
    """
    if channel not in (Channel.DIRECT, Channel.POSTAL):
        raise ActionNotAllowed(_("Hồ sơ tại quầy chỉ nhận trực tiếp hoặc qua bưu chính."))
    if officer.agency is None or not officer.is_officer:
        raise PermissionDenied
    check_procedure_open(procedure)
    now = timezone.now()
    with transaction.atomic():
        applicant = find_or_register_citizen(**details.account_fields())
        dossier = Dossier.objects.create(
            procedure=procedure,
            agency=officer.agency,
            applicant=applicant,
            channel=channel,
            request_details=request_details,
            **details.as_fields(),
        )
        record_event(dossier, Kind.CREATED, from_state="", actor=officer, at=now)
        record_papers(dossier, papers)  # the checklist of the paper received
        if uploads:
            documents = procedure.required_documents.all()
            store_files(dossier, uploads, user=officer, allowed_documents=documents)
            dossier.digitised_at = now  # scanned at the desk
        code = assign_code(officer.agency, now)
        event = change(
            dossier,
            "receive_at_desk",
            officer,
            Kind.RECEIVED_AT_DESK,
            at=now,
            code=code,
            details=lambda changed: {"channel": channel, "due_at": changed.due_at},
        )
        notify_event(event)
    return dossier


def accept(dossier_id: int, *, officer: User, expected_version: int | None = None) -> Dossier:
    """submitted -> processing: the legal clock starts; due date from the working-day calendar."""
    now = timezone.now()
    with transaction.atomic():
        dossier = lock(dossier_id, expected_version)
        event = change(dossier, "accept", officer, Kind.ACCEPTED, at=now, details=_due_at)
        notify_event(event)
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
    note, other_missing = note.strip(), other_missing.strip()
    if not missing and not other_missing:
        raise ValidationError(_("Vui lòng chọn ít nhất một giấy tờ còn thiếu."))
    if not note:
        raise ValidationError(_("Vui lòng ghi hướng dẫn để công dân bổ sung đúng."))
    if deadline < timezone.localdate(now):
        raise ValidationError(_("Hạn bổ sung không được trước ngày hôm nay."))
    with transaction.atomic():
        dossier = lock(dossier_id, expected_version)
        if any(doc.procedure_id != dossier.procedure_id for doc in missing):
            raise ValidationError(_("Giấy tờ được chọn không thuộc thủ tục của hồ sơ."))
        request = SupplementRequest.objects.create(
            dossier=dossier,
            other_missing=other_missing,
            note=note,
            deadline=deadline,
            requested_by=officer,
            requested_at=now,
        )
        request.missing_documents.set(missing)
        asked = {
            "request_id": request.pk,
            "missing": [doc.name for doc in missing],
            "other_missing": other_missing,
            "deadline": deadline,
        }
        event = change(
            dossier,
            "request_documents",
            officer,
            Kind.DOCUMENTS_REQUESTED,
            at=now,
            note=note,
            details=asked,
        )
        notify_event(event)
    return dossier


def reject(
    dossier_id: int, *, officer: User, reasons: str, expected_version: int | None = None
) -> Dossier:
    """submitted -> rejected, with the reasons (refusal slip)."""
    reasons = reasons.strip()
    if not reasons:
        raise ValidationError(_("Vui lòng ghi rõ lý do từ chối tiếp nhận."))
    now = timezone.now()
    with transaction.atomic():
        dossier = lock(dossier_id, expected_version)
        event = change(dossier, "reject", officer, Kind.REJECTED, at=now, note=reasons)
        notify_event(event)
    return dossier


def issue_apology(
    dossier_id: int,
    *,
    officer: User,
    new_due_at: datetime.datetime,
    reason: str,
    expected_version: int | None = None,
) -> Dossier:
    """processing -> processing: an apology with a new due date, once per dossier."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Vui lòng ghi lý do chậm trễ."))
    now = timezone.now()
    with transaction.atomic():
        dossier = lock(dossier_id, expected_version)
        if not has_transition_perm(dossier.apologise, officer):
            raise ActionNotAllowed(_apology_refusal(dossier))
        dates = {"old_due_at": dossier.due_at, "new_due_at": new_due_at}
        if new_due_at <= max(now, dossier.due_at):
            raise ValidationError(_("Ngày hẹn mới phải sau ngày hẹn cũ và sau thời điểm hiện tại."))
        event = change(
            dossier,
            "apologise",
            officer,
            Kind.APOLOGY,
            at=now,
            new_due_at=new_due_at,
            note=reason,
            details=dates,
        )
        notify_event(event)
    return dossier


def _apology_refusal(dossier: Dossier) -> str:
    """Why an apology is not offered now, in the officer's words."""
    if dossier.state == State.PROCESSING and apology_not_issued(dossier):
        return _(
            "Chỉ xin lỗi và hẹn lại khi hồ sơ đã quá hạn hoặc còn không quá 1 ngày làm việc "
            "là đến hạn trả kết quả."
        )
    return _("Chỉ được xin lỗi và hẹn lại một lần, khi hồ sơ đang xử lý.")


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

    With `return_now` (an electronic result, for a level-4 procedure or a citizen who asked for
    one) the PDF is signed (results.sign_result) and returned at once: a second transition.
    """
    note = note.strip()
    results.check_result(result_file, note, return_now=return_now)
    now = timezone.now()
    with transaction.atomic():
        dossier = lock(dossier_id, expected_version)
        if return_now and not results.may_return_online(dossier):
            raise ActionNotAllowed(
                _("Chỉ thủ tục toàn trình (mức độ 4) mới trả kết quả điện tử ngay.")
            )
        if return_now:
            result_file = results.sign_result(dossier, result_file)
        electronic = {
            "electronic": result_file is not None,
            **({"signed": True} if return_now else {}),
        }
        event = change(
            dossier,
            "record_result",
            officer,
            Kind.RESULT_RECORDED,
            at=now,
            result_file=result_file,
            result_note=note,
            note=note,
            details=electronic,
        )
        notify_event(event)
        if return_now:
            _return(dossier, officer, now)
    return dossier


def return_result(
    dossier_id: int, *, officer: User, expected_version: int | None = None
) -> Dossier:
    """result_ready -> returned: handed over to the citizen."""
    with transaction.atomic():
        dossier = lock(dossier_id, expected_version)
        _return(dossier, officer, timezone.now())
    return dossier


def _return(dossier: Dossier, officer: User, now: datetime.datetime) -> None:
    notify_event(change(dossier, "return_result", officer, Kind.RETURNED, at=now))


# --- the fee (written for the payments app, which never writes a dossier itself) ---------------


def settle_fee(
    dossier_id: int,
    *,
    status: str,
    actor: User | None,
    reason: str = "",
    details: Details | None = None,
    **payment: object,
) -> Dossier:
    """due -> paid | exempt, paid -> refunded (fees.settle; `payment`: method, online,
    reference); one event, its message sent."""
    now = timezone.now()
    with transaction.atomic():
        dossier = lock(dossier_id)
        fees.settle(dossier, status, by=actor, at=now, reason=reason, **payment)
        save(dossier)
        what = {"amount": dossier.fee_amount, **(details or {})}
        kind, state = _FEE_KINDS[status], dossier.state
        event = record_event(
            dossier, kind, from_state=state, actor=actor, at=now, note=reason, details=what
        )
        notify_event(event)
    return dossier
