"""The upload pages: the size limit stated next to each document, each error next to the
document it concerns, the same file twice refused (drafts and supplements)."""

import re

import pytest

from django.urls import reverse

from tests.factories import DossierFactory, pdf_upload, upload

pytestmark = pytest.mark.django_db


def _errors_of(html: str, document_pk: int) -> str:
    found = re.search(rf'id="document_{document_pk}-errors"[^>]*>(.*?)</div>', html, re.S)
    assert found, document_pk
    return found.group(1)


def test_the_limit_is_stated_next_to_each_document(client, agency, procedure, citizen, settings):
    settings.DOSSIER_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    draft = DossierFactory(agency=agency, procedure=procedure, applicant=citizen)
    client.force_login(citizen)
    html = client.get(reverse("dossiers:documents", args=[draft.pk])).content.decode()
    assert html.count("tối đa 10,0\xa0MB mỗi tệp") == procedure.required_documents.count()
    assert 'data-max-bytes="10485760"' in html


def test_an_error_shows_next_to_its_document_and_nothing_is_stored(
    client, agency, procedure, citizen, mandatory_document, optional_document
):
    draft = DossierFactory(agency=agency, procedure=procedure, applicant=citizen)
    before = draft.attachments.count()
    client.force_login(citizen)
    response = client.post(
        reverse("dossiers:documents", args=[draft.pk]),
        {
            f"document_{mandatory_document.pk}": pdf_upload("tot.pdf"),
            f"document_{optional_document.pk}": upload("text", "virus.pdf"),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "virus.pdf" in _errors_of(html, optional_document.pk)
    assert "virus.pdf" not in _errors_of(html, mandatory_document.pk)
    assert draft.attachments.count() == before


def test_the_same_file_twice_is_refused_next_to_its_document(
    client, agency, procedure, citizen, mandatory_document
):
    draft = DossierFactory(agency=agency, procedure=procedure, applicant=citizen)
    client.force_login(citizen)
    response = client.post(
        reverse("dossiers:documents", args=[draft.pk]),
        {f"document_{mandatory_document.pk}": pdf_upload("lai-lan-nua.pdf")},
    )
    assert response.status_code == 400
    assert "trùng với một tệp đã gửi" in _errors_of(
        response.content.decode(), mandatory_document.pk
    )


def test_a_supplement_error_shows_next_to_its_document(
    client, agency, procedure, citizen, optional_document
):
    dossier = DossierFactory(
        missing_documents=True, agency=agency, procedure=procedure, applicant=citizen
    )
    client.force_login(citizen)
    url = reverse("dossiers:supplement", args=[dossier.pk])
    html = client.get(url).content.decode()
    assert "mỗi tệp" in html and "data-msg-remove" in html
    response = client.post(url, {f"document_{optional_document.pk}": upload("text", "x.pdf")})
    assert response.status_code == 400
    assert "x.pdf" in _errors_of(response.content.decode(), optional_document.pk)
    assert dossier.attachments.filter(required_document=optional_document).count() == 0
