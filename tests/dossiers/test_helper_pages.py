"""The digital-team helper's pages: the procedure list has the catalog search, and the success
page names the code as the citizen's."""

import pytest

from django.urls import reverse

from dossiers.consent import HelperConsent
from tests.factories import DossierFactory, ProcedureFactory, UserFactory
from tests.phones import give_consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def helper(db):
    return UserFactory(helper=True, full_name="Phạm Thị Lan")


def test_the_helpers_procedure_list_is_searched_without_diacritics(client, helper, citizen):
    birth = ProcedureFactory(name="Đăng ký khai sinh")
    death = ProcedureFactory(name="Đăng ký khai tử")
    give_consent(helper, citizen)
    consent = HelperConsent.objects.get(helper=helper, citizen=citizen)
    client.force_login(helper)
    url = reverse("dossiers:helper_consent", args=[consent.pk])
    page = client.get(url, {"q": "khai sinh"})
    shown = [p.pk for p in page.context["procedures"]]
    assert birth.pk in shown and death.pk not in shown
    assert 'name="q"' in page.content.decode()
    assert "Không có thủ tục nào khớp" in client.get(url, {"q": "xyz"}).content.decode()


def test_the_helpers_success_page_says_the_citizens_code(
    client, helper, citizen, agency, procedure
):
    dossier = DossierFactory(
        submitted=True, agency=agency, procedure=procedure, applicant=citizen, submitted_by=helper
    )
    client.force_login(helper)
    html = client.get(reverse("dossiers:submitted", args=[dossier.pk])).content.decode()
    assert "Mã hồ sơ của công dân" in html and "Mã hồ sơ của bạn" not in html
    assert 'data-copy="dossier-code"' in html
    client.force_login(citizen)
    html = client.get(reverse("dossiers:submitted", args=[dossier.pk])).content.decode()
    assert "Mã hồ sơ của bạn" in html
