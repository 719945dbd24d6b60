"""Error pages with DEBUG off: Vietnamese, in the site's layout, with a way back; the 500 page
never touches the database."""

import pytest

from django.test import Client, RequestFactory
from django.urls import reverse

from motcua.errors import server_error
from tests.factories import UserFactory

LAYOUT = 'class="site-header"'
WAY_BACK = 'href="/"'


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.project.error_urls"
    assert settings.DEBUG is False


def _page(response, status: int) -> str:
    assert response.status_code == status
    html = response.content.decode()
    assert LAYOUT in html and WAY_BACK in html
    assert "Not Found" not in html and "Server Error" not in html and "Forbidden" not in html
    return html


@pytest.mark.django_db
def test_404_says_so_in_vietnamese(client, failing_urls):
    html = _page(client.get("/khong-co-trang-nay/"), 404)
    assert "Không tìm thấy trang" in html


@pytest.mark.django_db
def test_403_and_400(client, failing_urls):
    assert "Không có quyền truy cập" in _page(client.get("/loi/403/"), 403)
    assert "Yêu cầu không hợp lệ" in _page(client.get("/loi/400/"), 400)


@pytest.mark.django_db
def test_500_over_http(failing_urls):
    client = Client(raise_request_exception=False)
    assert "Hệ thống đang gặp sự cố" in _page(client.get("/loi/500/"), 500)


def test_500_renders_without_the_database():
    """No django_db mark: any query here raises."""
    response = server_error(RequestFactory().get("/"))
    html = _page(response, 500)
    assert "Hệ thống đang gặp sự cố" in html
    assert f'href="{reverse("procedures:list")}"' in html  # the header's links still lead on
    assert f'href="{reverse("dossiers:lookup")}"' in html


@pytest.mark.django_db
def test_a_failed_csrf_check_explains_what_to_do(failing_urls):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(citizen=True))
    response = client.post(reverse("accounts:notification_preferences"), {"sms": "on"})
    html = _page(response, 403)
    assert "Trang đã hết hạn" in html and "Quay lại" in html
