"""Rating from the link in the "returned" notification: nobody signed in, one screen.

Every dossier here is returned through the real services (tests/satisfaction/conftest.py).
"""

from django.urls import reverse

from dossiers.models import Dossier, State
from satisfaction.links import rating_token
from satisfaction.models import Evaluation, EvaluationChannel, Satisfaction

from .helpers import ALREADY, EXPIRED, NOT_RETURNED, TAMPERED, at, evaluations, link_path

# --- The link in the notification ----------------------------------------------------------------


def test_the_link_opens_a_one_screen_form_without_javascript(client, returned):
    response = client.get(link_path(returned))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html
    assert 'name="viewport" content="width=device-width' in html
    for label in ("Rất hài lòng", "Hài lòng", "Không hài lòng"):
        assert f"<span>{label}</span>" in html
    assert html.count('type="radio" name="choice"') == 3
    assert "Đúng hoặc sớm hơn hẹn" in html
    assert returned.code in html
    assert returned.applicant_name not in html  # a forwarded link leaks no personal data
    form = html[
        html.index('class="form rate-form"') : html.index("</form>", html.index("rate-form"))
    ]
    assert form.count('type="submit"') == 1


def test_a_citizen_rates_from_the_link(client, returned, now):
    path = link_path(returned)
    now.move_to(at("2026-03-10 20:30"), tick=False)

    response = client.post(
        path,
        {
            "choice": "satisfied",
            "score_time": "2",
            "score_visits": "1",
            "score_attitude": "",
            "score_convenience": "0",
            "comment": "  Cán bộ hướng dẫn tận tình.  ",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == path + "cam-on/"
    (evaluation,) = evaluations(returned)
    assert evaluation.choice == Satisfaction.SATISFIED
    assert evaluation.channel == EvaluationChannel.ONLINE_LINK
    assert (evaluation.score_time, evaluation.score_visits) == (2, 1)
    assert (evaluation.score_attitude, evaluation.score_convenience) == (None, 0)
    assert evaluation.comment == "Cán bộ hướng dẫn tận tình."
    assert evaluation.created_at == at("2026-03-10 20:30")
    assert evaluation.recorded_by is None
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Cảm ơn bạn đã đánh giá" in thanks.content.decode()
    assert "Đúng hoặc sớm hơn hẹn" in thanks.content.decode()


def test_the_choice_is_required(client, returned):
    response = client.post(link_path(returned), {"comment": "Không chọn gì"})

    assert response.status_code == 400
    assert "Vui lòng chọn một mức độ hài lòng." in response.content.decode()
    assert evaluations(returned) == []


def test_a_second_try_with_the_link_is_refused(client, returned):
    path = link_path(returned)
    client.post(path, {"choice": "very_satisfied"})

    again = client.post(path, {"choice": "not_satisfied", "comment": "Đổi ý"})
    reopened = client.get(path)

    assert again.status_code == 409
    assert ALREADY in again.content.decode()
    assert reopened.status_code == 409
    assert ALREADY in reopened.content.decode()
    (evaluation,) = evaluations(returned)
    assert evaluation.choice == Satisfaction.VERY_SATISFIED


def _tampered_tokens(token: str, other: Dossier) -> list[str]:
    pk, stamp, signature = token.split(":")
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    return [
        f"{pk}:{stamp}:{flipped}",  # signature altered
        f"{other.pk}:{stamp}:{signature}",  # someone else's dossier with this signature
        f"{pk}:{stamp}",  # signature cut off
        "không-phải-liên-kết",
    ]


def test_a_tampered_link_is_refused_and_stores_nothing(client, make, commune, returned):
    other = make(commune)
    token = rating_token(returned)

    for bad in _tampered_tokens(token, other):
        path = reverse("satisfaction:rate_link", kwargs={"token": bad})
        shown = client.get(path)
        posted = client.post(path, {"choice": "not_satisfied"})
        for response in (shown, posted):
            assert response.status_code == 400, bad
            assert TAMPERED in response.content.decode()
    assert Evaluation.objects.count() == 0


def test_an_expired_link_is_refused_and_stores_nothing(client, returned, now):
    path = link_path(returned)  # signed on 3 March, when the result was returned

    now.move_to(at("2026-04-01 09:00"), tick=False)  # 29 days later: still fine
    assert client.get(path).status_code == 200
    now.move_to(at("2026-04-03 09:00"), tick=False)  # 31 days later
    shown = client.get(path)
    posted = client.post(path, {"choice": "satisfied"})

    for response in (shown, posted):
        assert response.status_code == 410
        assert EXPIRED in response.content.decode()
        assert "30 ngày" in response.content.decode()
    assert evaluations(returned) == []


def test_a_link_to_a_dossier_not_returned_is_refused(client, make, commune):
    ready = make(commune, until=State.RESULT_READY)
    path = reverse("satisfaction:rate_link", kwargs={"token": rating_token(ready)})

    response = client.post(path, {"choice": "satisfied"})

    assert response.status_code == 409
    assert NOT_RETURNED in response.content.decode()
    assert evaluations(ready) == []
