"""Writing a draft before it is submitted: its details and its files (the citizen, or their
digital-team helper). Each function is one transaction; submitting is `services.submit`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from agencies.models import Agency
from procedures.models import Procedure, RequiredDocument

from .applicants import ApplicantDetails
from .attachments import Uploads, store_files
from .audit import record_event
from .consent import bind_consent
from .declarations import render_declaration_pdf
from .errors import ActionNotAllowed, DossierChanged
from .events import EventKind
from .locking import lock, save
from .models import Attachment, Channel, Declaration, Dossier
from .workflow import is_draft_owner


def check_procedure_open(procedure: Procedure) -> None:
    """A procedure an administrator switched off takes no new dossier."""
    if not procedure.is_active:
        raise ActionNotAllowed(_("Thủ tục này hiện không tiếp nhận hồ sơ."))


def _draft_of(
    dossier_id: int, user: User, refusal: str, expected_version: int | None = None
) -> Dossier:
    dossier = lock(dossier_id, expected_version)
    if not is_draft_owner(dossier, user):
        raise ActionNotAllowed(refusal)
    return dossier


def create_draft(
    *,
    procedure: Procedure,
    agency: Agency,
    applicant: User,
    details: ApplicantDetails,
    request_details: str = "",
    submitted_by: User | None = None,
) -> Dossier:
    """A new online dossier in draft; `submitted_by` is the digital-team helper, if any, who
    needs the applicant's confirmed consent (dossiers.consent): this dossier uses it up."""
    check_procedure_open(procedure)
    if submitted_by is not None and not submitted_by.has_perm("dossiers.submit_on_behalf"):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        dossier = Dossier.objects.create(
            procedure=procedure,
            agency=agency,
            applicant=applicant,
            submitted_by=submitted_by,
            channel=Channel.ONLINE,
            request_details=request_details,
            **details.as_fields(),
        )
        if submitted_by is not None:
            bind_consent(helper=submitted_by, citizen=applicant, dossier=dossier)
        actor = submitted_by or applicant
        record_event(dossier, EventKind.CREATED, from_state="", actor=actor, at=now)
    return dossier


def update_draft(
    dossier_id: int,
    *,
    user: User,
    agency: Agency,
    details: ApplicantDetails,
    request_details: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Change what a draft says before it is submitted."""
    with transaction.atomic():
        refusal = _("Chỉ sửa được hồ sơ khi còn là bản nháp.")
        dossier = _draft_of(dossier_id, user, refusal, expected_version)
        dossier.agency = agency
        dossier.request_details = request_details
        for name, value in details.as_fields().items():
            setattr(dossier, name, value)
        save(dossier)
    return dossier


def attach_files(
    dossier_id: int, *, user: User, uploads: Uploads, expected_version: int | None = None
) -> list[Attachment]:
    """Add files to a draft."""
    with transaction.atomic():
        refusal = _("Chỉ thêm được tệp khi hồ sơ còn là bản nháp.")
        dossier = _draft_of(dossier_id, user, refusal, expected_version)
        documents = dossier.procedure.required_documents.all()
        stored = store_files(dossier, uploads, user=user, allowed_documents=documents)
        save(dossier)
    return stored


def remove_attachment(
    attachment_id: int, *, user: User, expected_version: int | None = None
) -> None:
    """Take a file off a draft."""
    with transaction.atomic():
        attachment = Attachment.objects.filter(pk=attachment_id).first()
        if attachment is None:  # removed meanwhile, from another page
            raise DossierChanged()
        refusal = _("Chỉ bỏ được tệp khi hồ sơ còn là bản nháp.")
        dossier = _draft_of(attachment.dossier_id, user, refusal, expected_version)
        attachment.delete()
        save(dossier)
    transaction.on_commit(lambda: attachment.file.delete(save=False))


def fill_declaration(
    dossier_id: int,
    *,
    user: User,
    document: RequiredDocument,
    data: dict[str, str],
    expected_version: int | None = None,
) -> Declaration:
    """Keep the declaration filled online and print it as the file of its required document
    (filling it again replaces both)."""
    with transaction.atomic():
        refusal = _("Chỉ điền được tờ khai khi hồ sơ còn là bản nháp.")
        dossier = _draft_of(dossier_id, user, refusal, expected_version)
        if document.procedure_id != dossier.procedure_id or not document.fillable_online:
            raise ActionNotAllowed(_("Giấy tờ này không có tờ khai điền trực tuyến."))
        now = timezone.now()
        previous = Declaration.objects.filter(dossier=dossier, required_document=document).first()
        old_file = None
        if previous is not None and previous.attachment is not None:
            old_file = previous.attachment.file
            previous.attachment.delete()
        printed = SimpleUploadedFile(
            "to-khai.pdf", render_declaration_pdf(dossier, document, data, now), "application/pdf"
        )
        (attachment,) = store_files(
            dossier, {document.pk: [printed]}, user=user, allowed_documents=[document]
        )
        attachment.original_name = f"{document.online_form['title']}.pdf"[:255]
        attachment.save(update_fields=["original_name"])
        declaration, _created = Declaration.objects.update_or_create(
            dossier=dossier,
            required_document=document,
            defaults={"data": data, "attachment": attachment, "filled_by": user, "filled_at": now},
        )
        save(dossier)
    if old_file is not None:
        transaction.on_commit(lambda: old_file.delete(save=False))
    return declaration
