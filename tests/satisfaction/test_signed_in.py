"""Rating while signed in: the applicant from the dossier page, an officer at the desk."""

import pytest

from django.urls import reverse

from dossiers.models import State
from satisfaction import rating
from satisfaction.models import EvaluationChannel, Satisfaction
from tests.factories import UserFactory

from .helpers import ALREADY, evaluations, link_path

# --- Signed in: from the dossier page ------------------------------------------------------------


def test_a_signed_in_citizen_rates_from_the_dossier_page(client, returned, citizen):
    client.force_login(citizen)
    page = client.get(reverse("dossiers:my_dossier", args=[returned.pk])).content.decode()
    rate_path = reverse("satisfaction:rate_account", args=[returned.pk])
    assert "Đánh giá mức độ hài lòng" in page
    assert rate_path in page

    assert client.get(rate_path).status_code == 200
    response = client.post(rate_path, {"choice": "not_satisfied", "comment": "Phải đi lại 3 lần"})

    assert response.status_code == 302
    assert response["Location"] == reverse("dossiers:my_dossier", args=[returned.pk])
    (evaluation,) = evaluations(returned)
    assert evaluation.channel == EvaluationChannel.ACCOUNT
    assert evaluation.recorded_by == citizen
    page = client.get(response["Location"]).content.decode()
    assert "Bạn đã đánh giá hồ sơ này" in page
    assert "Không hài lòng" in page
    assert rate_path not in page
    again = client.post(rate_path, {"choice": "very_satisfied"}, follow=True)
    assert ALREADY in again.content.decode()
    assert evaluations(returned)[0].choice == Satisfaction.NOT_SATISFIED


def test_only_the_applicant_rates_from_an_account(client, returned):
    stranger = UserFactory(citizen=True)
    client.force_login(stranger)

    response = client.post(
        reverse("satisfaction:rate_account", args=[returned.pk]), {"choice": "satisfied"}
    )

    assert response.status_code == 404
    assert evaluations(returned) == []
    with pytest.raises(rating.RatingNotAllowed):
        rating.rate(
            returned.pk, choice="satisfied", channel=EvaluationChannel.ACCOUNT, user=stranger
        )


def test_a_dossier_not_returned_cannot_be_rated(client, make, commune, citizen):
    ready = make(commune, until=State.RESULT_READY)
    client.force_login(citizen)

    response = client.post(
        reverse("satisfaction:rate_account", args=[ready.pk]), {"choice": "satisfied"}, follow=True
    )

    assert "Hồ sơ này chưa trả kết quả nên chưa đánh giá được." in response.content.decode()
    assert "Đánh giá ngay" not in response.content.decode()
    assert evaluations(ready) == []
    with pytest.raises(rating.RatingNotAllowed, match="sau khi hồ sơ đã trả kết quả"):
        rating.rate(ready.pk, choice="satisfied", channel=EvaluationChannel.ONLINE_LINK)


# --- At the desk ---------------------------------------------------------------------------------


def test_an_officer_records_a_rating_given_on_paper(client, returned, officer):
    client.force_login(officer)
    page = client.get(reverse("dossiers:officer_detail", args=[returned.pk])).content.decode()
    desk_path = reverse("satisfaction:rate_desk", args=[returned.pk])
    assert desk_path in page

    assert client.get(desk_path).status_code == 200
    response = client.post(desk_path, {"choice": "very_satisfied", "score_attitude": "2"})

    assert response.status_code == 302
    (evaluation,) = evaluations(returned)
    assert evaluation.channel == EvaluationChannel.DESK
    assert evaluation.recorded_by == officer
    assert evaluation.score_attitude == 2
    page = client.get(reverse("dossiers:officer_detail", args=[returned.pk])).content.decode()
    assert "Rất hài lòng" in page
    assert desk_path not in page


def test_the_desk_never_records_over_an_existing_rating(client, returned, officer):
    client.post(link_path(returned), {"choice": "not_satisfied", "comment": "Chậm"})
    client.force_login(officer)

    response = client.post(
        reverse("satisfaction:rate_desk", args=[returned.pk]),
        {"choice": "very_satisfied"},
        follow=True,
    )

    assert "Hồ sơ này đã có đánh giá; không ghi thêm được." in response.content.decode()
    (evaluation,) = evaluations(returned)
    assert evaluation.choice == Satisfaction.NOT_SATISFIED
    assert evaluation.channel == EvaluationChannel.ONLINE_LINK
    with pytest.raises(rating.AlreadyRated):
        rating.rate(
            returned.pk, choice="satisfied", channel=EvaluationChannel.DESK, officer=officer
        )


def test_an_officer_of_another_agency_gets_a_404(client, returned, sister, province):
    for outsider in (
        UserFactory(officer=True, agency=sister),
        UserFactory(leader=True, agency=province),
        UserFactory(citizen=True),
    ):
        client.force_login(outsider)
        path = reverse("satisfaction:rate_desk", args=[returned.pk])
        assert client.get(path).status_code == 404
        assert client.post(path, {"choice": "satisfied"}).status_code == 404
    assert evaluations(returned) == []
