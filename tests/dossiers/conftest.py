"""People and a procedure for the dossier tests; every test here stores files in a temp folder."""

import pytest

from dossiers import services
from tests.factories import AgencyFactory, DossierFactory, ProcedureFactory

from .helpers import at


@pytest.fixture(autouse=True)
def _private_media(media_root):
    """No dossier test writes into the shared test media folder."""
    return media_root


@pytest.fixture
def other_agency(db):
    return AgencyFactory(identifier="000.00.13.H33", name="UBND xã Tân Thới Hiệp")


@pytest.fixture
def procedure(db):
    """Birth registration: 3 working days, full online (level 4), one mandatory document."""
    return ProcedureFactory(
        with_documents=True,
        name="Đăng ký khai sinh",
        national_code="1.001193",
        processing_amount=3,
        processing_unit="working_days",
        online_level="full",
    )


@pytest.fixture
def mandatory_document(procedure):
    return procedure.required_documents.get(is_mandatory=True)


@pytest.fixture
def optional_document(procedure):
    return procedure.required_documents.get(is_mandatory=False)


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
