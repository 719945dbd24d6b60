"""The officer's dossier page reads a fixed number of queries, whatever the dossier holds."""

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import DossierFactory, RequiredDocumentFactory

pytestmark = pytest.mark.django_db


def _queries(client, dossier) -> list[str]:
    url = reverse("dossiers:officer_detail", args=[dossier.pk])
    cache.clear()  # what the cache keeps (the catalog's names, the unread count) read each time
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    # The session's own writes (the staff idle timer) come and go with the clock.
    return [
        q["sql"]
        for q in queries
        if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]


def test_the_page_does_not_read_more_for_more_required_documents(
    client, agency, procedure, officer
):
    dossier = DossierFactory(processing=True, agency=agency, procedure=procedure, officer=officer)
    client.force_login(officer)
    before = _queries(client, dossier)
    for i in range(6):
        RequiredDocumentFactory(procedure=procedure, name=f"Giấy tờ thêm {i}")
    after = _queries(client, dossier)
    assert len(after) == len(before), "\n".join(sorted(set(after) - set(before)))
    page = client.get(reverse("dossiers:officer_detail", args=[dossier.pk])).content.decode()
    assert "Giấy tờ thêm 5" in page  # offered in "Yêu cầu bổ sung"


def test_the_missing_documents_are_offered_from_the_documents_already_read(
    client, agency, procedure, officer
):
    dossier = DossierFactory(processing=True, agency=agency, procedure=procedure, officer=officer)
    client.force_login(officer)
    on_documents = [
        sql for sql in _queries(client, dossier) if 'FROM "procedures_requireddocument"' in sql
    ]
    assert len(on_documents) == 1  # the prefetch; the checkboxes do not read them again


def test_no_declaration_is_looked_for_when_the_procedure_has_no_online_form(
    client, agency, procedure, officer
):
    assert not any(doc.online_form for doc in procedure.required_documents.all())
    dossier = DossierFactory(processing=True, agency=agency, procedure=procedure, officer=officer)
    client.force_login(officer)
    assert not [sql for sql in _queries(client, dossier) if "dossiers_declaration" in sql]


def test_the_page_names_the_handling_officer_without_reading_their_account(
    client, agency, procedure, officer
):
    dossier = DossierFactory(processing=True, agency=agency, procedure=procedure, officer=officer)
    assert dossier.handled_by_id == officer.pk
    client.force_login(officer)
    page = client.get(reverse("dossiers:officer_detail", args=[dossier.pk])).content.decode()
    assert f"<dt>Cán bộ xử lý</dt><dd>{officer.full_name}</dd>" in page
    on_users = [sql for sql in _queries(client, dossier) if 'FROM "accounts_user"' in sql]
    assert len(on_users) == 1  # the signed-in officer; the handler's name came with the dossier
