"""factory_boy factories shared by every test folder, and helpers that make real uploads."""

import datetime

import factory

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from agencies.models import Agency
from dossiers import deadlines, drafts, services
from dossiers.models import Dossier, State
from procedures.models import Field, OnlineLevel, Procedure, RequiredDocument, TimeUnit
from tests.phones import give_consent

PASSWORD = "mat-khau-thu-nghiem-2026"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("identifier",)

    name = factory.Sequence(lambda n: f"UBND xã Thử Nghiệm {n}")
    identifier = factory.Sequence(lambda n: f"000.{n // 100:02d}.{n % 100:02d}.H33")
    level = Agency.Level.COMMUNE
    parent = None


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    """A procedure; `with_documents=True` adds a mandatory and an optional required document."""

    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm {n}")
    field = factory.SubFactory(FieldFactory)
    online_level = OnlineLevel.FULL
    processing_amount = 3
    processing_unit = TimeUnit.WORKING_DAYS
    result_form = "Giấy chứng nhận"

    class Params:
        with_documents = factory.Trait(
            mandatory_document=factory.RelatedFactory(
                "tests.factories.RequiredDocumentFactory",
                factory_related_name="procedure",
                name="Tờ khai đăng ký khai sinh",
                is_mandatory=True,
                order=1,
            ),
            optional_document=factory.RelatedFactory(
                "tests.factories.RequiredDocumentFactory",
                factory_related_name="procedure",
                name="Giấy chứng sinh",
                is_mandatory=False,
                order=2,
            ),
        )


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    procedure = factory.SubFactory(ProcedureFactory)
    name = factory.Sequence(lambda n: f"Giấy tờ {n}")
    quantity = "01 bản chính"


class UserFactory(factory.django.DjangoModelFactory):
    """A user; traits give the role: UserFactory(officer=True), UserFactory(citizen=True)."""

    class Meta:
        model = User

    phone = factory.Sequence(lambda n: f"09{n:08d}")
    citizen_id = factory.Sequence(lambda n: f"0010{n:08d}")
    full_name = "Nguyễn Văn An"
    # Accounts made today prove their phone at sign-up; `unverified=True` is one made before.
    phone_verified_at = factory.LazyFunction(timezone.now)
    role = None

    class Params:
        unverified = factory.Trait(phone_verified_at=None)
        citizen = factory.Trait(role=Role.CITIZEN)
        officer = factory.Trait(role=Role.OFFICER, agency=factory.SubFactory(AgencyFactory))
        leader = factory.Trait(role=Role.LEADER, agency=factory.SubFactory(AgencyFactory))
        helper = factory.Trait(role=Role.DIGITAL_HELPER)

    @classmethod
    def _create(cls, model_class: type[User], *args: object, **kwargs: object) -> User:
        role = kwargs.pop("role", None)
        password = kwargs.pop("password", PASSWORD)
        user = model_class(*args, **kwargs)
        user.set_password(password)
        user.save()
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user


# --- Uploads: a few bytes with the right magic numbers -----------------------------------------


def _one_page_pdf() -> bytes:
    """A small valid PDF of one A4 page with a line of text (pyHanko can sign it)."""
    stream = b"BT /F1 14 Tf 72 760 Td (Ket qua giai quyet thu tuc) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


PDF_BYTES = _one_page_pdf()
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
    b"\x00\x00\x00\x90wS\xde\x00\x00\x00\x00IEND\xaeB`\x82"
)
JPEG_BYTES = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    b"\xff\xdb\x00\x43\x00" + bytes(64) + b"\xff\xd9"
)
# An ISO-BMFF `ftyp` box (24 bytes) whose major brand is heic, as iPhones write it.
HEIC_BYTES = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(40)
AVIF_BYTES = b"\x00\x00\x00\x18ftypavif\x00\x00\x00\x00mif1avif" + bytes(40)
TEXT_BYTES = "Đây là một tệp văn bản, không phải PDF.\n".encode()

_UPLOADS = {
    "pdf": (PDF_BYTES, "giay-to.pdf", "application/pdf"),
    "png": (PNG_BYTES, "anh-chup.png", "image/png"),
    "jpeg": (JPEG_BYTES, "anh-chup.jpg", "image/jpeg"),
    "heic": (HEIC_BYTES, "IMG_0001.HEIC", "image/heic"),
    "avif": (AVIF_BYTES, "anh.avif", "image/avif"),
    "text": (TEXT_BYTES, "ghi-chu.txt", "text/plain"),
}


def upload(
    kind: str, name: str | None = None, *, size: int | None = None, content_type: str | None = None
) -> SimpleUploadedFile:
    """A file as a browser posts it: `kind` decides the bytes, `name` and `content_type` are
    only what the client claims. `size` pads the content with zero bytes up to that size."""
    content, default_name, default_type = _UPLOADS[kind]
    if size is not None:
        content = content + bytes(max(0, size - len(content)))
    return SimpleUploadedFile(name or default_name, content, content_type or default_type)


def pdf_upload(name: str = "giay-to.pdf", **kwargs: object) -> SimpleUploadedFile:
    return upload("pdf", name, **kwargs)


def png_upload(name: str = "anh-chup.png", **kwargs: object) -> SimpleUploadedFile:
    return upload("png", name, **kwargs)


def jpeg_upload(name: str = "anh-chup.jpg", **kwargs: object) -> SimpleUploadedFile:
    return upload("jpeg", name, **kwargs)


def heic_upload(name: str = "IMG_0001.HEIC", **kwargs: object) -> SimpleUploadedFile:
    return upload("heic", name, **kwargs)


# --- Dossiers: real histories, walked through the services -------------------------------------

# The services each state needs, in order, from a draft with its mandatory files attached.
_WALKS: dict[str, tuple[str, ...]] = {
    State.DRAFT: (),
    State.SUBMITTED: ("submit",),
    State.MISSING_DOCUMENTS: ("submit", "request_documents"),
    State.PROCESSING: ("submit", "accept"),
    State.RESULT_READY: ("submit", "accept", "record_result"),
    State.RETURNED: ("submit", "accept", "record_result", "return_result"),
    State.REJECTED: ("submit", "reject"),
    State.WITHDRAWN: ("submit", "withdraw"),
    State.STOPPED: ("submit", "accept", "stop"),
}


def _walk(target: str, *, accepted: bool, at_desk: bool) -> tuple[str, ...]:
    steps = _WALKS[target]
    accepted = accepted or at_desk
    if accepted and "accept" not in steps:
        if target not in (State.MISSING_DOCUMENTS, State.WITHDRAWN):
            raise ValueError(f"accepted=True makes no sense for a {target} dossier.")
        steps = (steps[0], "accept", *steps[1:])
    if at_desk:
        if "accept" not in steps:
            raise ValueError(f"A dossier received at the desk is never {target}.")
        steps = ("at_desk", *steps[steps.index("accept") + 1 :])
    return steps


class DossierFactory(factory.django.DjangoModelFactory):
    """A dossier whose history is real: every step goes through `dossiers.services`.

    The state field is protected and never assigned. `DossierFactory()` is a draft with a file
    for each mandatory document; one trait per state: `submitted`, `missing_documents`,
    `processing`, `result_ready`, `returned`, `rejected`, `withdrawn`, `stopped`. With
    `accepted=True`, documents are requested (or the dossier withdrawn) after acceptance instead
    of at reception; `at_desk=True` starts it at the desk (`create_at_desk`) instead of online.
    `officer` (of the dossier's agency) does the officer's steps; `submitted_by` is a
    digital-team helper who submits for the applicant. Documents requested: the procedure's
    optional ones (or all).
    """

    class Meta:
        model = Dossier

    procedure = factory.SubFactory(ProcedureFactory, with_documents=True)
    agency = factory.SubFactory(AgencyFactory)
    applicant = factory.SubFactory(UserFactory, citizen=True)
    submitted_by = None
    officer = factory.SubFactory(
        UserFactory, officer=True, agency=factory.SelfAttribute("..agency")
    )
    request_details = "Đăng ký khai sinh cho con"
    target = State.DRAFT
    steps = factory.LazyAttribute(lambda o: _walk(o.target, accepted=o.accepted, at_desk=o.at_desk))

    class Params:
        accepted = False
        at_desk = False
        submitted = factory.Trait(target=State.SUBMITTED)
        missing_documents = factory.Trait(target=State.MISSING_DOCUMENTS)
        processing = factory.Trait(target=State.PROCESSING)
        result_ready = factory.Trait(target=State.RESULT_READY)
        returned = factory.Trait(target=State.RETURNED)
        rejected = factory.Trait(target=State.REJECTED)
        withdrawn = factory.Trait(target=State.WITHDRAWN)
        stopped = factory.Trait(target=State.STOPPED)

    @classmethod
    def _build(cls, model_class: type[Dossier], *args: object, **kwargs: object) -> Dossier:
        raise TypeError("DossierFactory only creates: a dossier's history needs the database.")

    @classmethod
    def _create(cls, model_class: type[Dossier], *args: object, **kwargs: object) -> Dossier:
        steps = kwargs.pop("steps")
        target = kwargs.pop("target")
        officer = kwargs.pop("officer")
        procedure = kwargs.pop("procedure")
        applicant = kwargs.pop("applicant")
        helper = kwargs.pop("submitted_by")
        agency = kwargs.pop("agency")
        request_details = kwargs.pop("request_details")
        if kwargs:
            raise TypeError(f"DossierFactory cannot set {sorted(kwargs)}: walk the services.")
        documents = list(procedure.required_documents.all())
        mandatory = {
            doc.pk: [pdf_upload(f"{doc.name}.pdf")] for doc in documents if doc.is_mandatory
        }
        details = services.ApplicantDetails.of(applicant)
        citizen_side = helper or applicant

        if steps[:1] == ("at_desk",):
            steps = steps[1:]
            dossier = services.create_at_desk(
                officer=officer,
                procedure=procedure,
                details=details,
                request_details=request_details,
                uploads=mandatory,
            )
        else:
            if helper is not None:
                give_consent(helper, applicant)
            dossier = drafts.create_draft(
                procedure=procedure,
                agency=agency,
                applicant=applicant,
                details=details,
                request_details=request_details,
                submitted_by=helper,
            )
            if mandatory:
                drafts.attach_files(dossier.pk, user=citizen_side, uploads=mandatory)
        pk = dossier.pk
        for step in steps:
            if step == "submit":
                services.submit(pk, user=citizen_side)
            elif step == "accept":
                services.accept(pk, officer=officer)
            elif step == "request_documents":
                asked = [doc for doc in documents if not doc.is_mandatory] or documents
                services.request_documents(
                    pk,
                    officer=officer,
                    missing=asked,
                    note="Vui lòng bổ sung bản chụp rõ nét.",
                    deadline=timezone.localdate() + datetime.timedelta(days=7),
                )
            elif step == "reject":
                services.reject(pk, officer=officer, reasons="Hồ sơ không thuộc thẩm quyền của xã.")
            elif step == "record_result":
                services.record_result(pk, officer=officer, note="Nhận kết quả tại quầy.")
            elif step == "return_result":
                services.return_result(pk, officer=officer)
            elif step == "withdraw":
                services.withdraw(pk, user=citizen_side, reason="Không còn nhu cầu.")
            elif step == "stop":
                deadlines.stop_processing(
                    pk, officer=officer, reason="other", reasons="Cơ quan dừng xử lý hồ sơ."
                )
        dossier = Dossier.objects.get(pk=pk)
        if dossier.state != target:
            raise RuntimeError(f"The walk ended in {dossier.state}, not {target}.")
        return dossier
