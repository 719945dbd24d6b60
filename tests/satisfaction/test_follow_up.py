"""The leaders' follow-up of every "Không hài lòng" in their agency's subtree."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from satisfaction import rating
from satisfaction.follow_up import record_follow_up
from satisfaction.models import Evaluation, EvaluationChannel
from tests.factories import UserFactory

from .helpers import at

# --- The leaders' follow-up list -----------------------------------------------------------------


@pytest.fixture
def spread(make, now, commune, sister, elsewhere):
    """Ratings across the tree: unhappy in the commune, its sister and another province."""
    made = {}
    for name, agency, choice, moment in [
        ("commune_old", commune, "not_satisfied", "2026-03-04 08:00"),
        ("commune_new", commune, "not_satisfied", "2026-03-05 10:00"),
        ("commune_happy", commune, "very_satisfied", "2026-03-05 11:00"),
        ("sister", sister, "not_satisfied", "2026-03-06 09:00"),
        ("elsewhere", elsewhere, "not_satisfied", "2026-03-06 10:00"),
    ]:
        dossier = make(agency)
        now.move_to(at(moment), tick=False)
        made[name] = rating.rate(
            dossier.pk,
            choice=choice,
            comment=f"Ý kiến {name}",
            channel=EvaluationChannel.ONLINE_LINK,
        )
    return made


def _listed(response) -> list[str]:
    return re.findall(r'id="danh-gia-(\d+)"', response.content.decode())


def test_a_commune_leader_sees_only_unhappy_ratings_of_the_commune(client, spread, commune):
    client.force_login(UserFactory(leader=True, agency=commune))

    response = client.get(reverse("satisfaction:follow_ups"))

    assert response.status_code == 200
    assert _listed(response) == [str(spread["commune_new"].pk), str(spread["commune_old"].pk)]
    html = response.content.decode()
    assert "Ý kiến commune_new" in html
    assert "Lê Văn Cường" in html  # the officer who handled it
    assert spread["commune_new"].dossier.code in html
    assert "Ý kiến sister" not in html
    assert "Ý kiến commune_happy" not in html


def test_a_province_leader_sees_the_whole_subtree_newest_first(client, spread, province):
    client.force_login(UserFactory(leader=True, agency=province))

    response = client.get(reverse("satisfaction:follow_ups"))

    expected = [spread[name].pk for name in ("sister", "commune_new", "commune_old")]
    assert _listed(response) == [str(pk) for pk in expected]


def test_others_get_a_404_from_the_follow_up_list(client, commune, citizen, officer):
    for user in (citizen, officer):
        client.force_login(user)
        assert client.get(reverse("satisfaction:follow_ups")).status_code == 404


def test_a_leader_records_what_was_done(client, spread, commune, now):
    leader = UserFactory(leader=True, agency=commune, full_name="Phạm Văn Dũng")
    client.force_login(leader)
    unhappy = spread["commune_old"]
    now.move_to(at("2026-03-09 14:00"), tick=False)

    response = client.post(
        reverse("satisfaction:follow_up", args=[unhappy.pk]),
        {"follow_up": "Đã gọi điện xin lỗi, nhắc nhở cán bộ.", "page": "1", "loc": "chua-xu-ly"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("satisfaction:follow_ups") + "?loc=chua-xu-ly&page=1"
    unhappy.refresh_from_db()
    assert unhappy.follow_up == "Đã gọi điện xin lỗi, nhắc nhở cán bộ."
    assert unhappy.followed_up_by == leader
    assert unhappy.followed_up_at == at("2026-03-09 14:00")
    pending = client.get(reverse("satisfaction:follow_ups") + "?loc=chua-xu-ly")
    assert _listed(pending) == [str(spread["commune_new"].pk)]
    everything = client.get(reverse("satisfaction:follow_ups")).content.decode()
    assert "Đã gọi điện xin lỗi" in everything


def test_a_leader_cannot_follow_up_outside_the_subtree_or_a_happy_rating(client, spread, commune):
    client.force_login(UserFactory(leader=True, agency=commune))

    for name in ("sister", "elsewhere", "commune_happy"):
        response = client.post(
            reverse("satisfaction:follow_up", args=[spread[name].pk]), {"follow_up": "Đã xử lý"}
        )
        assert response.status_code == 404
    assert not Evaluation.objects.exclude(follow_up="").exists()


def test_an_empty_follow_up_is_refused(client, spread, commune):
    client.force_login(UserFactory(leader=True, agency=commune))

    response = client.post(
        reverse("satisfaction:follow_up", args=[spread["commune_new"].pk]),
        {"follow_up": "   "},
        follow=True,
    )

    assert "Vui lòng ghi việc đã làm để xử lý phản ánh." in response.content.decode()
    spread["commune_new"].refresh_from_db()
    assert spread["commune_new"].followed_up_at is None


def test_the_follow_up_list_makes_no_query_per_row(
    client, make, now, province, commune, sister, django_assert_max_num_queries
):
    leader = UserFactory(leader=True, agency=province)
    client.force_login(leader)

    def add(count: int) -> None:
        for index in range(count):
            dossier = make(commune if index % 2 else sister)
            evaluation = rating.rate(
                dossier.pk, choice="not_satisfied", comment="Chậm", channel="online_link"
            )
            if index % 3 == 0:
                record_follow_up(evaluation.pk, leader=leader, text="Đã xử lý")

    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("satisfaction:follow_ups"))
    add(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("satisfaction:follow_ups"))
    assert len(_listed(response)) == 8
