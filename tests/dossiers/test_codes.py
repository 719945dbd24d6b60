"""Dossier codes are stored upper case and the public lookup finds them by exact match."""

import importlib
from types import SimpleNamespace

import pytest

from django.apps import apps as global_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dossiers.models import Dossier
from tests.factories import AgencyFactory, DossierFactory, UserFactory

pytestmark = pytest.mark.django_db

upper_case = importlib.import_module("dossiers.migrations.0013_dossier_codes_upper_case")


def test_a_code_is_upper_case_even_if_the_agency_identifier_was_typed_in_lower_case(procedure):
    agency = AgencyFactory(identifier="000.00.77.h33")
    applicant = UserFactory(citizen=True)
    dossier = DossierFactory(
        submitted=True, agency=agency, procedure=procedure, applicant=applicant
    )
    assert dossier.code.startswith("000.00.77.H33-")
    assert dossier.code == dossier.code.upper()


@pytest.fixture
def processing(agency, procedure):
    applicant = UserFactory(citizen=True, phone="0912345678")
    return DossierFactory(processing=True, agency=agency, procedure=procedure, applicant=applicant)


def test_lookup_normalises_what_was_typed(client, processing):
    typed = f"  {processing.code.lower()[:8]} {processing.code.lower()[8:]} "
    page = client.get(reverse("dossiers:lookup"), {"ma": typed, "so": "5678"})
    assert processing.get_state_display() in page.content.decode()
    assert "Không tìm thấy hồ sơ" not in page.content.decode()


def test_lookup_matches_the_code_exactly_in_at_most_three_queries(client, processing):
    url = reverse("dossiers:lookup")
    client.get(url)  # the catalog's names (the header's, the procedure's, the agency's) kept
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url, {"ma": processing.code.lower(), "so": "5678"})
    assert processing.get_state_display() in page.content.decode()
    assert processing.procedure.name in page.content.decode()
    assert processing.agency.name in page.content.decode()
    assert len(queries) <= 3
    # One query: the events with their dossier joined (dossiers.views.lookup._found).
    on_dossiers = [q["sql"] for q in queries if '"dossiers_dossier"' in q["sql"]]
    assert len(on_dossiers) == 1
    assert 'INNER JOIN "dossiers_dossier"' in on_dossiers[0]
    # An exact comparison, which the unique index answers; code__iexact was UPPER(code) =
    # UPPER(...) on PostgreSQL (LIKE on SQLite): a scan of every dossier.
    assert '"dossiers_dossier"."code" = ' in on_dossiers[0]
    assert "UPPER(" not in on_dossiers[0]


def test_a_dossier_without_events_is_found_all_the_same(client, processing):
    processing.events.all().delete()
    page = client.get(reverse("dossiers:lookup"), {"ma": processing.code, "so": "5678"})
    assert processing.get_state_display() in page.content.decode()
    assert "Chưa có hoạt động nào." in page.content.decode()


def test_the_migration_upper_cases_codes_stored_before(processing, agency, procedure):
    other = DossierFactory(submitted=True, agency=agency, procedure=procedure)
    Dossier.objects.filter(pk=processing.pk).update(code="000.00.12.h33-261130-0042")
    upper_case.upper_codes(global_apps, SimpleNamespace(connection=connection))
    processing.refresh_from_db()
    assert processing.code == "000.00.12.H33-261130-0042"
    assert Dossier.objects.get(pk=other.pk).code == other.code


def test_a_draft_without_a_code_keeps_none(agency, procedure, citizen):
    draft = DossierFactory(agency=agency, procedure=procedure, applicant=citizen)
    upper_case.upper_codes(global_apps, SimpleNamespace(connection=connection))
    draft.refresh_from_db()
    assert draft.code is None
