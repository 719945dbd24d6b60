import datetime
import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from motcua.files import KeptOnCommitMixin
from procedures.models import OnlineLevel, Procedure, RequiredDocument, TimeUnit
from procedures.text import fold

from .consent import HelperConsent, HelperLookup
from .declaration_model import Declaration
from .events import DossierEvent
from .fee_status import FEE_DUE_PORTAL_CODE, FeeStatus, ResultDelivery
from .paper import PaperDocument
from .workflow import FINISHED_STATES, OPEN_STATES, DossierWorkflow, State, overdue

__all__ = [
    "Attachment",
    "DailySequence",
    "Declaration",
    "Dossier",
    "DossierEvent",
    "FeeStatus",
    "HelperConsent",
    "HelperLookup",
    "PaperDocument",
    "ResultDelivery",
    "SlipFile",
    "State",
    "SupplementRequest",
]


@deconstructible(path="dossiers.models.PrivateStorage")
class PrivateStorage(KeptOnCommitMixin, FileSystemStorage):
    """Uploaded documents: under MEDIA_ROOT/private, never served statically; a file saved in a
    transaction that rolls back is deleted (motcua.files).

    The location is read from settings on every use, so a changed MEDIA_ROOT (tests, a
    deployment's environment) is followed and no absolute path ends up in a migration.
    """

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return os.path.join(settings.MEDIA_ROOT, "private")

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)


private_storage = PrivateStorage()


def get_private_storage() -> PrivateStorage:
    return private_storage


def _generated_name(folder: str, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:6]
    today = datetime.date.today()
    return f"{folder}/{today:%Y/%m}/{uuid.uuid4().hex}{suffix}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    return _generated_name("documents", filename)


def result_path(instance: "Dossier", filename: str) -> str:
    return _generated_name("results", filename)


def slip_path(instance: "SlipFile", filename: str) -> str:
    return _generated_name("slips", filename)


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    DIRECT = "direct", _("Trực tiếp")
    POSTAL = "postal", _("Bưu chính")


LABELS = {State: dict(State.choices), Channel: dict(Channel.choices)}


class DossierQuerySet(models.QuerySet["Dossier"]):
    def for_agency_subtree(self, agency: Agency) -> "DossierQuerySet":
        return self.filter(agency__path__startswith=agency.path)

    def open(self) -> "DossierQuerySet":
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, now: datetime.datetime) -> "DossierQuerySet":
        return self.filter(overdue(now))


class Dossier(DossierWorkflow):
    """One citizen's application (hồ sơ) for one procedure."""

    code = models.CharField(_("mã hồ sơ"), max_length=32, unique=True, null=True, blank=True)
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="dossiers"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp hộ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assisted_dossiers",
        help_text=_("Thành viên tổ công nghệ số cộng đồng nộp thay công dân."),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ xử lý"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_dossiers",
    )
    channel = models.CharField(
        _("kênh tiếp nhận"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )

    # The applicant's details as given on this dossier.
    applicant_name = models.CharField(_("họ và tên"), max_length=150)
    applicant_name_folded = models.CharField(max_length=150, editable=False, default="")
    applicant_citizen_id = models.CharField(_("số CCCD"), max_length=12, blank=True)
    applicant_phone = models.CharField(_("số điện thoại"), max_length=15)
    applicant_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    applicant_email = models.EmailField(_("email"), blank=True)
    request_details = models.TextField(_("nội dung yêu cầu"), blank=True)

    # The rules in force when accepted: later catalog edits do not change this dossier.
    processing_amount = models.PositiveSmallIntegerField(null=True, blank=True)
    processing_unit = models.CharField(max_length=20, choices=TimeUnit.choices, blank=True)
    same_day_cutoff = models.TimeField(null=True, blank=True)
    online_level = models.CharField(max_length=10, choices=OnlineLevel.choices, blank=True)

    # The moments the statistics need.
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    due_at = models.DateTimeField(_("hẹn trả"), null=True, blank=True)
    # The due date an apology never moves (a supplement recounts it): Biểu 06 judges by it.
    original_due_at = models.DateTimeField(_("hẹn trả ban đầu"), null=True, blank=True)
    supplement_requested_at = models.DateTimeField(null=True, blank=True)
    # The original due date in force when the latest documents request was made: a dossier
    # asked for documents after it was due stays late, and a past month judges by this date
    # when the supplement came after its end (reports.figures).
    due_at_request = models.DateTimeField(null=True, blank=True)
    supplement_received_at = models.DateTimeField(null=True, blank=True)
    supplement_count = models.PositiveSmallIntegerField(default=0)
    apology_issued_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("có kết quả lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The officer scanned the papers at the desk ("đã số hóa", Decision 766 indicator 4.2).
    digitised_at = models.DateTimeField(_("số hóa lúc"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("dừng xử lý lúc"), null=True, blank=True)

    result_file = models.FileField(
        _("tệp kết quả"), upload_to=result_path, storage=get_private_storage, blank=True
    )
    result_note = models.CharField(_("ghi chú kết quả"), max_length=500, blank=True)
    result_delivery = models.CharField(
        _("hình thức nhận kết quả"),
        max_length=12,
        choices=ResultDelivery.choices,
        default=ResultDelivery.DESK,
    )
    # The signed electronic result in the register of issued results (signing app).
    signed_result = models.OneToOneField(
        "signing.SignedDocument",
        verbose_name=_("kết quả điện tử đã ký số"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossier",
    )

    # The fee (dossiers.fees): assessed at acceptance, settled through services.settle_fee.
    fee_status = models.CharField(
        _("phí, lệ phí"), max_length=12, choices=FeeStatus.choices, default=FeeStatus.NOT_REQUIRED
    )
    fee_amount = models.PositiveIntegerField(_("số tiền phí, lệ phí (đồng)"), default=0)
    fee_due_on = models.DateField(_("hạn nộp phí"), null=True, blank=True)
    fee_paid_at = models.DateTimeField(_("nộp phí lúc"), null=True, blank=True)
    fee_method = models.CharField(_("hình thức nộp phí"), max_length=20, blank=True)
    fee_paid_online = models.BooleanField(_("nộp phí trực tuyến"), default=False)
    fee_reference = models.CharField(_("mã giao dịch"), max_length=100, blank=True)
    fee_exempt_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định miễn phí"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fee_exempt_reason = models.CharField(_("lý do miễn phí"), max_length=300, blank=True)

    # Bumped by every service write: a form posted from an older page is refused.
    version = models.PositiveIntegerField(default=0)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-created_at"]
        permissions = [
            ("process_dossier", _("Xử lý hồ sơ của cơ quan mình")),
            ("submit_on_behalf", _("Nộp hồ sơ thay công dân")),
        ]
        indexes = [
            models.Index(fields=["agency", "state", "due_at"], name="dossier_queue"),
            models.Index(fields=["agency", "accepted_at"], name="dossier_accepted"),
            models.Index(fields=["agency", "finished_at"], name="dossier_finished"),
            models.Index(fields=["applicant", "-created_at"], name="dossier_applicant"),
            # The monthly report (reports.figures): dossiers accepted before a period's end and
            # not ended (result, stop or withdrawal) before its start, per agency of a subtree.
            models.Index(
                "agency",
                Coalesce("finished_at", "stopped_at", "withdrawn_at"),
                "accepted_at",
                name="dossier_report_period",
            ),
            # Satisfaction figures (satisfaction.figures): from a month's evaluations to their
            # dossiers' agencies by index alone, never reading the dossier rows (PostgreSQL).
            models.Index(fields=["id"], include=["agency"], name="dossier_agency_of_id"),
        ]

    def __str__(self) -> str:
        return self.code or _("Hồ sơ nháp #%(pk)s") % {"pk": self.pk}

    def save(self, *args: object, **kwargs: object) -> None:
        self.applicant_name_folded = fold(self.applicant_name)
        super().save(*args, **kwargs)

    def missing_mandatory_documents(self) -> list[RequiredDocument]:
        """Mandatory documents of the procedure with no file on this dossier yet."""
        provided = set(self.attachments.values_list("required_document_id", flat=True))
        return [
            doc
            for doc in self.procedure.required_documents.all()
            if doc.is_mandatory and doc.pk not in provided
        ]

    # Django's get_FOO_display hashes, so translates, every label of the field on each call.
    def get_state_display(self) -> str:
        return str(LABELS[State].get(self.state, self.state))

    def get_channel_display(self) -> str:
        return str(LABELS[Channel].get(self.channel, self.channel))

    @property
    def fee_unpaid(self) -> bool:
        """A fee is due and not paid: the portal shows code 6 beside the state."""
        return self.fee_status == FeeStatus.DUE

    @property
    def fee_portal_code(self) -> int | None:
        return FEE_DUE_PORTAL_CODE if self.fee_unpaid else None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def open_supplement_request(self) -> "SupplementRequest | None":
        if self.state != State.MISSING_DOCUMENTS:
            return None
        return self.supplement_requests.filter(fulfilled_at=None).order_by("-requested_at").first()


class DailySequence(models.Model):
    """The last dossier number given by an agency on a day: codes never repeat."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE)
    day = models.DateField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="one_sequence_per_agency_day")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last_value}"


class SupplementRequest(models.Model):
    """One request for missing documents (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ)."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="supplement_requests"
    )
    missing_documents = models.ManyToManyField(
        RequiredDocument, verbose_name=_("giấy tờ còn thiếu")
    )
    other_missing = models.TextField(_("giấy tờ khác còn thiếu"), blank=True)
    note = models.TextField(_("hướng dẫn bổ sung"))
    deadline = models.DateField(_("hạn bổ sung"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    # The reminder one working day before the deadline went out (dossiers.reminders).
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]

    def __str__(self) -> str:
        return f"{self.dossier} {self.requested_at:%d/%m/%Y}"


class Attachment(models.Model):
    """A file given for one required document of a dossier (several files per document)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments")
    required_document = models.ForeignKey(
        RequiredDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    supplement_request = models.ForeignKey(
        SupplementRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(upload_to=attachment_path, storage=get_private_storage, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    # The content's SHA-256 in hex: the same file twice on one document is refused.
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["required_document__order", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class SlipFile(models.Model):
    """The PDF of one event's slip, printed once and kept: the legal record of that event
    (dossiers.slipfiles prints and serves it)."""

    event = models.OneToOneField(
        DossierEvent, on_delete=models.CASCADE, primary_key=True, related_name="slip_file"
    )
    kind = models.CharField(max_length=30)  # a SlipKind value, as the event says
    file = models.FileField(upload_to=slip_path, storage=get_private_storage, max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    rendered_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.kind} {self.event_id}"


def _now() -> datetime.datetime:
    """The default of a field in migration 0002_evaluation (the model now lives in
    `satisfaction`); migrations import it from here, so it stays."""
    return timezone.now()
