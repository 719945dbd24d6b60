"""Citizen pages are light: HTML, CSS and JS together under 60 KB compressed on first load."""

import gzip
import re

import pytest

from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db

BUDGET = 60 * 1024
ASSET = re.compile(r'(?:href|src)="/static/([^"]+\.(?:css|js))"')


def _first_load_bytes(client, url: str) -> tuple[int, list[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content
    assets = ASSET.findall(html.decode())
    total = len(gzip.compress(html, 9))
    for asset in assets:
        path = finders.find(asset)
        assert path, asset
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read(), 9))
    return total, assets


def test_citizen_pages_fit_the_budget(client, agency, procedure, citizen):
    draft = DossierFactory(agency=agency, procedure=procedure, applicant=citizen)
    missing = DossierFactory(
        missing_documents=True, agency=agency, procedure=procedure, applicant=citizen
    )
    client.force_login(citizen)
    urls = [
        reverse("procedures:list"),
        reverse("procedures:detail", args=[procedure.pk]),
        reverse("dossiers:submit", args=[procedure.pk]),
        reverse("dossiers:documents", args=[draft.pk]),
        reverse("dossiers:review", args=[draft.pk]),
        reverse("dossiers:my_dossiers"),
        reverse("dossiers:my_dossier", args=[missing.pk]),
        reverse("dossiers:supplement", args=[missing.pk]),
        reverse("dossiers:lookup"),
    ]
    for url in urls:
        total, assets = _first_load_bytes(client, url)
        assert "css/site.css" in assets, url
        assert total < BUDGET, f"{url}: {total} bytes compressed"
