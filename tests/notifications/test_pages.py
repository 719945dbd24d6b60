"""The in-app list with the header's unread count, the officers' failed page, preferences."""

import pytest

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import User
from notifications.context_processors import unread
from notifications.models import Channel, Notification, Status
from tests.factories import AgencyFactory, UserFactory

from .helpers import fresh, write

pytestmark = pytest.mark.django_db


def test_the_header_counts_unread_notifications_in_one_query(
    client, citizen, django_assert_num_queries
):
    write(citizen, channels=[Channel.IN_APP])
    write(citizen, channels=[Channel.IN_APP])
    write(citizen, channels=[Channel.SMS])  # not in the list
    client.force_login(citizen)
    response = client.get(reverse("home"))
    assert "Thông báo (2)" in response.content.decode()
    request = RequestFactory().get("/")
    request.user = citizen
    cache.clear()  # the page kept the count (notifications.unread); counted again here
    with django_assert_num_queries(1):
        assert int(str(unread(request)["unread_notifications"])) == 2


def test_anonymous_pages_do_not_count(client, django_assert_max_num_queries):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_max_num_queries(0):
        assert unread(request) == {}


def test_the_list_shows_new_ones_then_marks_them_read(client, citizen):
    (first,) = write(citizen, channels=[Channel.IN_APP])
    (second,) = write(citizen, channels=[Channel.IN_APP], code="000.00.12.H33-260303-0002")
    client.force_login(citizen)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert page.count("Mới") >= 2
    assert page.index("000.00.12.H33-260303-0002") < page.index("000.00.12.H33-260303-0001")
    assert 'href="/ho-so/1/"' in page
    assert "Thông báo (0)" in page
    assert fresh(first).read_at is not None
    assert fresh(second).read_at is not None
    again = client.get(reverse("notifications:inbox")).content.decode()
    assert 'class="badge badge-new"' not in again


def test_nobody_reads_anyone_elses_list(client, citizen):
    write(citizen, channels=[Channel.IN_APP])
    other = UserFactory(citizen=True)
    client.force_login(other)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "000.00.12.H33-260303-0001" not in page
    assert "Bạn chưa có thông báo nào." in page


def test_the_list_needs_a_sign_in(client):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.fixture
def failed_rows(citizen, agency):
    mine = write(citizen)[0]
    theirs = write(citizen)[0]
    Notification.objects.filter(pk=mine.pk).update(
        status=Status.FAILED,
        attempts=6,
        last_error="HTTP 500 from SMS gateway",
        scope=f"agency:{agency.pk}",
    )
    Notification.objects.filter(pk=theirs.pk).update(
        status=Status.FAILED, scope=f"agency:{AgencyFactory().pk}"
    )
    return fresh(mine), fresh(theirs)


def test_officers_see_their_agencys_failed_notifications(client, officer, failed_rows):
    mine, theirs = failed_rows
    client.force_login(officer)
    page = client.get(reverse("notifications:failed")).content.decode()
    assert "HTTP 500 from SMS gateway" in page
    assert "09******78" in page  # the phone, masked
    assert "0912345678" not in page
    assert reverse("notifications:send_again", args=[mine.pk]) in page
    assert reverse("notifications:send_again", args=[theirs.pk]) not in page
    assert "Thông báo lỗi" in client.get(reverse("home")).content.decode()


def test_send_again_queues_it_after_commit(
    client, officer, failed_rows, queued, django_capture_on_commit_callbacks
):
    mine, _theirs = failed_rows
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:send_again", args=[mine.pk]))
    assert response.status_code == 302
    assert (fresh(mine).status, fresh(mine).attempts) == (Status.PENDING, 0)
    assert queued == [mine.pk]


def test_send_again_is_only_for_the_officers_own_agency(client, officer, failed_rows, queued):
    _mine, theirs = failed_rows
    client.force_login(officer)
    assert client.post(reverse("notifications:send_again", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("notifications:send_again", args=[theirs.pk])).status_code == 405
    assert fresh(theirs).status == Status.FAILED


def test_citizens_never_see_the_failed_page(client, citizen, failed_rows):
    client.force_login(citizen)
    assert client.get(reverse("notifications:failed")).status_code == 404
    mine, _ = failed_rows
    assert client.post(reverse("notifications:send_again", args=[mine.pk])).status_code == 404


# --- Preferences ------------------------------------------------------------------------------


def test_a_new_citizen_gets_sms_and_in_app():
    user = User(phone="0912000000", full_name="Lê Văn Cường")
    assert (user.notify_sms, user.notify_email, user.notify_in_app) == (True, False, True)


def test_preferences_are_saved(client, citizen):
    client.force_login(citizen)
    url = reverse("accounts:notification_preferences")
    page = client.get(url).content.decode()
    assert "Tin nhắn SMS đến số điện thoại của tôi" in page
    response = client.post(
        url,
        {
            "notify_email": "on",
            "notify_in_app": "on",
            "email": "an@example.vn",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.notify_sms, citizen.notify_email, citizen.notify_in_app) == (False, True, True)
    assert (citizen.email, citizen.preferred_language) == ("an@example.vn", "en")


def test_email_notifications_need_an_address(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("accounts:notification_preferences"),
        {"notify_email": "on", "email": "", "preferred_language": "vi"},
    )
    assert response.status_code == 200
    assert "Vui lòng nhập email để nhận thông báo qua thư điện tử." in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.notify_email is False


def test_the_header_count_is_kept_until_a_notification_comes_or_is_read(
    client, citizen, django_assert_num_queries
):
    """notifications.unread: the count is kept in the cache and dropped when it changes."""
    request = RequestFactory().get("/")
    request.user = citizen
    write(citizen, channels=[Channel.IN_APP])
    assert int(str(unread(request)["unread_notifications"])) == 1
    with django_assert_num_queries(0):
        assert int(str(unread(request)["unread_notifications"])) == 1  # kept
    write(citizen, channels=[Channel.IN_APP])
    assert int(str(unread(request)["unread_notifications"])) == 2  # a new one drops it
    client.force_login(citizen)
    client.get(reverse("notifications:inbox"))  # seen: marked read
    assert int(str(unread(request)["unread_notifications"])) == 0
