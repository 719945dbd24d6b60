"""The declaration filled online for the starter catalog's birth registration and
copy-of-extract procedures: validated, kept as data, printed as the official form (PDF read
back), satisfying its required document; the officer sees the fields."""

import pytest

from django.urls import reverse

from agencies.models import Agency
from dossiers import drafts, services
from dossiers.applicants import ApplicantDetails
from dossiers.models import Declaration, Dossier
from procedures.management.commands.load_catalog import load_catalog
from procedures.models import Procedure, RequiredDocument
from procedures.online_forms import spec_errors
from tests.factories import UserFactory, pdf_upload

from .slips.builders import pdf_text

pytestmark = pytest.mark.django_db

BIRTH = {
    "requester_name": "Nguyễn Văn An",
    "requester_residence": "Ấp 3, xã Thạnh Xuân",
    "requester_id": "Căn cước số 001099000111",
    "requester_relation": "cha",
    "child_name": "Nguyễn Thị Bé Na",
    "child_birth_date": "2026-03-05",
    "child_sex": "Nữ",
    "child_ethnicity": "Kinh",
    "child_nationality": "Việt Nam",
    "child_birth_place": "Trạm Y tế xã Thạnh Xuân, thành phố Cần Thơ",
    "child_home_town": "Thạnh Xuân, Cần Thơ",
    "mother_name": "Trần Thị Hoa",
    "mother_birth_year": "1998",
    "mother_ethnicity": "Kinh",
    "mother_nationality": "Việt Nam",
    "mother_residence": "Ấp 3, xã Thạnh Xuân",
    "mother_id_number": "",
    "father_name": "Nguyễn Văn An",
    "father_birth_year": "1995",
    "father_ethnicity": "Kinh",
    "father_nationality": "Việt Nam",
    "father_residence": "Ấp 3, xã Thạnh Xuân",
    "father_id_number": "",
}


@pytest.fixture
def catalog(db):
    load_catalog()


@pytest.fixture
def citizen(db):
    return UserFactory(citizen=True, full_name="Nguyễn Văn An", citizen_id="001099000111")


def _draft(citizen, national_code: str) -> Dossier:
    procedure = Procedure.objects.get(national_code=national_code)
    agency = Agency.objects.filter(level=Agency.Level.COMMUNE).first()
    return drafts.create_draft(
        procedure=procedure,
        agency=agency,
        applicant=citizen,
        details=ApplicantDetails.of(citizen),
    )


def _declaration_document(dossier: Dossier) -> RequiredDocument:
    return dossier.procedure.required_documents.order_by("order").first()


def _url(dossier: Dossier) -> str:
    return reverse(
        "dossiers:fill_declaration", args=[dossier.pk, _declaration_document(dossier).pk]
    )


def test_the_catalog_forms_are_well_described(catalog):
    forms = [d for d in RequiredDocument.objects.all() if d.fillable_online]
    assert {d.procedure.national_code for d in forms} == {"1.001193", "2.000635"}
    for document in forms:
        assert spec_errors(document.online_form) == []
        assert document.order == 1 and document.is_mandatory


def test_the_form_offers_the_official_fields_prefilled(client, catalog, citizen, time_machine):
    dossier = _draft(citizen, "1.001193")
    client.force_login(citizen)
    documents = client.get(reverse("dossiers:documents", args=[dossier.pk])).content.decode()
    assert "Điền tờ khai trực tuyến" in documents
    html = client.get(_url(dossier)).content.decode()
    for label in ("Người được khai sinh", "Giới tính", "Dân tộc", "Quốc tịch", "Quê quán", "Mẹ"):
        assert label in html
    assert 'value="Nguyễn Văn An"' in html
    assert "Căn cước số 001099000111" in html


def test_bad_values_are_refused_next_to_their_field_and_nothing_is_stored(
    client, catalog, citizen, time_machine
):
    time_machine.move_to("2026-03-10 09:00 +07:00", tick=False)
    dossier = _draft(citizen, "1.001193")
    client.force_login(citizen)
    bad = {**BIRTH, "child_name": "", "child_birth_date": "2026-04-01", "child_sex": "Khác"}
    response = client.post(_url(dossier), bad)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"child_name", "child_birth_date", "child_sex"}
    assert "Ngày này chưa đến." in response.content.decode()
    assert 'value="Trạm Y tế xã Thạnh Xuân, thành phố Cần Thơ"' in response.content.decode()
    assert not Declaration.objects.exists()
    assert not dossier.attachments.exists()


def test_a_filled_declaration_is_stored_printed_and_satisfies_its_document(
    client, catalog, citizen, time_machine
):
    time_machine.move_to("2026-03-10 09:00 +07:00", tick=False)
    dossier = _draft(citizen, "1.001193")
    document = _declaration_document(dossier)
    client.force_login(citizen)

    response = client.post(_url(dossier), BIRTH)

    assert response.status_code == 302
    declaration = Declaration.objects.get(dossier=dossier)
    assert declaration.data["child_name"] == "Nguyễn Thị Bé Na"
    assert declaration.data["mother_birth_year"] == "1998"
    assert document not in dossier.missing_mandatory_documents()
    attachment = declaration.attachment
    assert attachment.required_document == document
    assert attachment.content_type == "application/pdf"
    text = pdf_text(attachment.file.read())
    for expected in (
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "Kính gửi:",
        "Nguyễn Thị Bé Na",
        "05/03/2026",
        "Trạm Y tế xã Thạnh Xuân",
        "Trần Thị Hoa",
        "NGƯỜI YÊU CẦU",
    ):
        assert expected in text, expected

    # Filled again: the data and the printed file are replaced, not added.
    client.post(_url(dossier), {**BIRTH, "child_name": "Nguyễn Thị Bé Nhi"})
    assert dossier.attachments.filter(required_document=document).count() == 1
    assert Declaration.objects.get(dossier=dossier).data["child_name"] == "Nguyễn Thị Bé Nhi"


def test_the_officer_sees_the_declared_fields(client, catalog, citizen, time_machine):
    time_machine.move_to("2026-03-10 09:00 +07:00", tick=False)
    dossier = _draft(citizen, "1.001193")
    client.force_login(citizen)
    client.post(_url(dossier), BIRTH)
    others = {
        doc.pk: [pdf_upload(f"{doc.pk}.pdf")] for doc in dossier.missing_mandatory_documents()
    }
    drafts.attach_files(dossier.pk, user=citizen, uploads=others)
    services.submit(dossier.pk, user=citizen)
    officer = UserFactory(officer=True, agency=dossier.agency)
    client.force_login(officer)
    html = client.get(reverse("dossiers:officer_detail", args=[dossier.pk])).content.decode()
    assert "Tờ khai đăng ký khai sinh" in html
    assert "<dt>Ngày, tháng, năm sinh</dt><dd>05/03/2026</dd>" in html
    assert "<dt>Giới tính</dt><dd>Nữ</dd>" in html


def test_the_copy_declaration_checks_the_number_of_copies(client, catalog, citizen):
    dossier = _draft(citizen, "2.000635")
    client.force_login(citizen)
    values = {
        "requester_name": "Nguyễn Văn An",
        "requester_residence": "Ấp 3",
        "requester_id": "Căn cước số 001099000111",
        "requester_relation": "bản thân",
        "record_kind": "Giấy khai sinh",
        "subject_name": "Nguyễn Văn An",
        "subject_birth_date": "1995-01-02",
        "registered_at": "UBND xã Thạnh Xuân",
        "copies": "50",
    }
    response = client.post(_url(dossier), values)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"copies"}
    assert client.post(_url(dossier), {**values, "copies": "2"}).status_code == 302
    text = pdf_text(Declaration.objects.get(dossier=dossier).attachment.file.read())
    assert "TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH" in text and "02/01/1995" in text


def test_a_document_without_a_form_and_someone_elses_draft_are_404(client, catalog, citizen):
    dossier = _draft(citizen, "1.001193")
    plain = dossier.procedure.required_documents.order_by("order")[1]
    client.force_login(citizen)
    url = reverse("dossiers:fill_declaration", args=[dossier.pk, plain.pk])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(citizen=True))
    assert client.get(_url(dossier)).status_code == 404
