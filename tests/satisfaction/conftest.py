"""People, places and returned dossiers for the satisfaction tests.

Every dossier here is returned through the real services (draft, files, submit, accept,
result, return); times are fixed with time_machine at office hours in Vietnam.
"""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.functional import empty

from dossiers import drafts, services
from dossiers.models import Dossier, State
from dossiers.models import private_storage as private_storage_
from tests.factories import AgencyFactory, ProcedureFactory, RequiredDocumentFactory, UserFactory

from .helpers import PDF, at


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://motcua.example.vn"
    private_storage_._wrapped = empty
    yield
    private_storage_._wrapped = empty


@pytest.fixture
def now(time_machine):
    """A Tuesday morning in office hours; tests move on from here."""
    time_machine.move_to(at("2026-03-03 09:00"), tick=False)
    return time_machine


@pytest.fixture
def province(db):
    return AgencyFactory(name="UBND tỉnh Thử Nghiệm", identifier="000.00.00.H33", parent=None)


@pytest.fixture
def commune(province):
    return AgencyFactory(name="UBND phường Thạnh Xuân", identifier="000.00.12.H33", parent=province)


@pytest.fixture
def sister(province):
    return AgencyFactory(name="UBND xã Tân Thới Hiệp", identifier="000.00.13.H33", parent=province)


@pytest.fixture
def elsewhere(db):
    other_province = AgencyFactory(name="UBND tỉnh Khác", identifier="000.00.00.H99")
    return AgencyFactory(name="UBND xã Khác", identifier="000.00.14.H99", parent=other_province)


@pytest.fixture
def procedure(db):
    procedure = ProcedureFactory(name="Đăng ký khai sinh", processing_amount=3)
    RequiredDocumentFactory(procedure=procedure, name="Tờ khai", is_mandatory=True)
    return procedure


@pytest.fixture
def officer(commune):
    return UserFactory(officer=True, agency=commune, full_name="Trần Thị Bình")


@pytest.fixture
def citizen(db):
    return UserFactory(citizen=True, full_name="Nguyễn Văn An")


@pytest.fixture
def make(now, procedure, citizen):
    """make(agency=..., officer=..., until=State.RETURNED): a dossier walked through services."""
    officers: dict[int, object] = {}

    def build(agency, *, officer=None, applicant=None, until=State.RETURNED) -> Dossier:
        applicant = applicant or citizen
        officer = officer or officers.setdefault(
            agency.pk, UserFactory(officer=True, agency=agency, full_name="Lê Văn Cường")
        )
        dossier = drafts.create_draft(
            procedure=procedure,
            agency=agency,
            applicant=applicant,
            details=services.ApplicantDetails.of(applicant),
        )
        document = procedure.required_documents.get()
        upload = SimpleUploadedFile("to-khai.pdf", PDF, "application/pdf")
        drafts.attach_files(dossier.pk, user=applicant, uploads={document.pk: [upload]})
        steps = [
            (State.SUBMITTED, lambda: services.submit(dossier.pk, user=applicant)),
            (State.PROCESSING, lambda: services.accept(dossier.pk, officer=officer)),
            (
                State.RESULT_READY,
                lambda: services.record_result(dossier.pk, officer=officer, note="Tại quầy."),
            ),
            (State.RETURNED, lambda: services.return_result(dossier.pk, officer=officer)),
        ]
        for state, step in steps:
            step()
            if state == until:
                break
        return Dossier.objects.get(pk=dossier.pk)

    return build


@pytest.fixture
def returned(make, commune, officer):
    return make(commune, officer=officer)
