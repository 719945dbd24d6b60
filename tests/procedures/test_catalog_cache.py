"""The public catalog is cached until an administrator edits it; Redis down, it still works."""

import runpy

import pytest

from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency
from tests.factories import AgencyFactory, FieldFactory, ProcedureFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("procedures:list")


@pytest.fixture
def birth():
    AgencyFactory(name="UBND tỉnh Mẫu", identifier="001.00.00.H33", level="province")
    return ProcedureFactory(name="Đăng ký khai sinh", field=FieldFactory(name="Hộ tịch"))


@pytest.mark.parametrize("query", [{}, {"q": "khai sinh"}, {"q": "khai", "page": "1"}])
def test_a_catalog_page_seen_before_needs_no_query(client, birth, query, django_assert_num_queries):
    first = client.get(LIST_URL, query)
    with django_assert_num_queries(0):
        again = client.get(LIST_URL, query)
    assert again.status_code == 200
    assert "Đăng ký khai sinh" in again.text
    assert _main(again) == _main(first)


def _main(response) -> str:
    return response.text.split("<main", 1)[1].split("</main>", 1)[0]


def test_home_seen_before_needs_no_query(client, birth, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        home = client.get("/")
    assert "UBND tỉnh Mẫu" in home.text


def test_an_edited_procedure_shows_at_once(client, birth):
    assert "Đăng ký khai sinh" in client.get(LIST_URL, {"q": "khai"}).text
    birth.name = "Đăng ký khai sinh có yếu tố nước ngoài"
    birth.save()
    assert "Đăng ký khai sinh có yếu tố nước ngoài" in client.get(LIST_URL, {"q": "khai"}).text
    birth.field.name = "Hộ tịch, quốc tịch"
    birth.field.save()
    assert "Hộ tịch, quốc tịch" in client.get(LIST_URL).text


def test_an_added_or_removed_procedure_shows_at_once(client, birth):
    client.get(LIST_URL)
    death = ProcedureFactory(name="Đăng ký khai tử", field=birth.field)
    assert "Đăng ký khai tử" in client.get(LIST_URL).text
    death.delete()
    assert "Đăng ký khai tử" not in client.get(LIST_URL).text


def test_an_admin_edit_through_the_admin_site_shows_at_once(client, birth):
    client.get(LIST_URL)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    change = reverse("admin:procedures_field_change", args=[birth.field.pk])
    form = client.get(change).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["name"] = "Hộ tịch (đã sửa)"
    response = client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()
    assert "Hộ tịch (đã sửa)" in client.get(LIST_URL).text


def test_a_renamed_province_shows_in_the_header_at_once(client, birth):
    assert "UBND tỉnh Mẫu" in client.get("/").text
    top = Agency.objects.get(parent=None)
    top.name = "UBND tỉnh Mới"
    top.save()
    assert "UBND tỉnh Mới" in client.get("/").text


@pytest.fixture
def redis_down(settings, monkeypatch):
    """CACHES as settings.py makes them when REDIS_URL points at a closed port."""
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    configured = runpy.run_path(str(django_settings.BASE_DIR / "motcua" / "settings.py"))
    settings.CACHES = configured["CACHES"]
    assert settings.CACHES["default"]["BACKEND"] == "motcua.cache.RedisCache"


def test_with_redis_down_the_catalog_is_served_and_edits_show(client, birth, redis_down):
    for _ in range(2):
        page = client.get(LIST_URL, {"q": "khai sinh"})
        assert page.status_code == 200
        assert "Đăng ký khai sinh" in page.text
    birth.name = "Đăng ký lại khai sinh"
    birth.save()
    assert "Đăng ký lại khai sinh" in client.get(LIST_URL, {"q": "khai sinh"}).text
    assert "UBND tỉnh Mẫu" in client.get("/").text


def test_an_officers_header_names_their_agency_without_reading_it(client, officer):
    client.force_login(officer)
    queue = reverse("dossiers:queue")
    assert officer.agency.name in client.get(queue).text
    with CaptureQueriesContext(connection) as seen:
        client.get(queue)
    assert not [q for q in seen.captured_queries if 'FROM "procedures_agency"' in q["sql"]]
    officer.agency.name = "UBND xã Đổi Tên"
    officer.agency.save()
    assert "UBND xã Đổi Tên" in client.get(queue).text
