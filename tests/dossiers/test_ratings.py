"""Citizen satisfaction: the signed link, the account, the desk, the leader's follow-up, figures.

Every dossier here is returned through the real services (draft, files, submit, accept,
result, return); times are fixed with time_machine at office hours in Vietnam.
"""

import datetime
import re
import zoneinfo
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.functional import empty

from dossiers import ratings, services
from dossiers.models import Dossier, Evaluation, EvaluationChannel, Satisfaction, State
from dossiers.models import private_storage as private_storage_
from tests.factories import AgencyFactory, ProcedureFactory, RequiredDocumentFactory, UserFactory

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"

ALREADY = "Hồ sơ này đã được đánh giá"
TAMPERED = "Liên kết đánh giá không đúng"
EXPIRED = "Liên kết đánh giá đã hết hạn"
NOT_RETURNED = "chưa trả kết quả"


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=VN)


# --- People, places and returned dossiers --------------------------------------------------------


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://motcua.example.vn"
    private_storage_._wrapped = empty
    yield
    private_storage_._wrapped = empty


@pytest.fixture
def now(time_machine):
    """A Tuesday morning in office hours; tests move on from here."""
    time_machine.move_to(at("2026-03-03 09:00"), tick=False)
    return time_machine


@pytest.fixture
def province(db):
    return AgencyFactory(name="UBND tỉnh Thử Nghiệm", identifier="000.00.00.H33", parent=None)


@pytest.fixture
def commune(province):
    return AgencyFactory(name="UBND phường Thạnh Xuân", identifier="000.00.12.H33", parent=province)


@pytest.fixture
def sister(province):
    return AgencyFactory(name="UBND xã Tân Thới Hiệp", identifier="000.00.13.H33", parent=province)


@pytest.fixture
def elsewhere(db):
    other_province = AgencyFactory(name="UBND tỉnh Khác", identifier="000.00.00.H99")
    return AgencyFactory(name="UBND xã Khác", identifier="000.00.14.H99", parent=other_province)


@pytest.fixture
def procedure(db):
    procedure = ProcedureFactory(name="Đăng ký khai sinh", processing_amount=3)
    RequiredDocumentFactory(procedure=procedure, name="Tờ khai", is_mandatory=True)
    return procedure


@pytest.fixture
def officer(commune):
    return UserFactory(officer=True, agency=commune, full_name="Trần Thị Bình")


@pytest.fixture
def citizen(db):
    return UserFactory(citizen=True, full_name="Nguyễn Văn An")


@pytest.fixture
def make(now, procedure, citizen):
    """make(agency=..., officer=..., until=State.RETURNED): a dossier walked through services."""
    officers: dict[int, object] = {}

    def build(agency, *, officer=None, applicant=None, until=State.RETURNED) -> Dossier:
        applicant = applicant or citizen
        officer = officer or officers.setdefault(
            agency.pk, UserFactory(officer=True, agency=agency, full_name="Lê Văn Cường")
        )
        dossier = services.create_draft(
            procedure=procedure,
            agency=agency,
            applicant=applicant,
            details=services.ApplicantDetails.of(applicant),
        )
        document = procedure.required_documents.get()
        upload = SimpleUploadedFile("to-khai.pdf", PDF, "application/pdf")
        services.attach_files(dossier.pk, user=applicant, uploads={document.pk: [upload]})
        steps = [
            (State.SUBMITTED, lambda: services.submit(dossier.pk, user=applicant)),
            (State.PROCESSING, lambda: services.accept(dossier.pk, officer=officer)),
            (
                State.RESULT_READY,
                lambda: services.record_result(dossier.pk, officer=officer, note="Tại quầy."),
            ),
            (State.RETURNED, lambda: services.return_result(dossier.pk, officer=officer)),
        ]
        for state, step in steps:
            step()
            if state == until:
                break
        return Dossier.objects.get(pk=dossier.pk)

    return build


@pytest.fixture
def returned(make, commune, officer):
    return make(commune, officer=officer)


def link_path(dossier: Dossier) -> str:
    url = ratings.rating_url(dossier)
    assert url.startswith("https://motcua.example.vn/danh-gia/")
    return url.removeprefix("https://motcua.example.vn")


def evaluations(dossier: Dossier) -> list[Evaluation]:
    return list(Evaluation.objects.filter(dossier=dossier))


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
    token = ratings.rating_token(returned)

    for bad in _tampered_tokens(token, other):
        path = reverse("dossiers:rate_link", kwargs={"token": bad})
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
    path = reverse("dossiers:rate_link", kwargs={"token": ratings.rating_token(ready)})

    response = client.post(path, {"choice": "satisfied"})

    assert response.status_code == 409
    assert NOT_RETURNED in response.content.decode()
    assert evaluations(ready) == []


# --- Signed in: from the dossier page ------------------------------------------------------------


def test_a_signed_in_citizen_rates_from_the_dossier_page(client, returned, citizen):
    client.force_login(citizen)
    page = client.get(reverse("dossiers:my_dossier", args=[returned.pk])).content.decode()
    rate_path = reverse("dossiers:rate_account", args=[returned.pk])
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
        reverse("dossiers:rate_account", args=[returned.pk]), {"choice": "satisfied"}
    )

    assert response.status_code == 404
    assert evaluations(returned) == []
    with pytest.raises(ratings.RatingNotAllowed):
        ratings.rate(
            returned.pk, choice="satisfied", channel=EvaluationChannel.ACCOUNT, user=stranger
        )


def test_a_dossier_not_returned_cannot_be_rated(client, make, commune, citizen):
    ready = make(commune, until=State.RESULT_READY)
    client.force_login(citizen)

    response = client.post(
        reverse("dossiers:rate_account", args=[ready.pk]), {"choice": "satisfied"}, follow=True
    )

    assert "Hồ sơ này chưa trả kết quả nên chưa đánh giá được." in response.content.decode()
    assert "Đánh giá ngay" not in response.content.decode()
    assert evaluations(ready) == []
    with pytest.raises(ratings.RatingNotAllowed, match="sau khi hồ sơ đã trả kết quả"):
        ratings.rate(ready.pk, choice="satisfied", channel=EvaluationChannel.ONLINE_LINK)


def test_the_service_checks_choice_and_scores(returned):
    with pytest.raises(ValidationError):
        ratings.rate(returned.pk, choice="so-so", channel=EvaluationChannel.ONLINE_LINK)
    with pytest.raises(ValidationError):
        ratings.rate(
            returned.pk,
            choice="satisfied",
            scores={"score_time": 3},
            channel=EvaluationChannel.ONLINE_LINK,
        )
    with pytest.raises(ValidationError):
        ratings.rate(
            returned.pk,
            choice="satisfied",
            scores={"score_price": 1},
            channel=EvaluationChannel.ONLINE_LINK,
        )
    assert evaluations(returned) == []


# --- At the desk ---------------------------------------------------------------------------------


def test_an_officer_records_a_rating_given_on_paper(client, returned, officer):
    client.force_login(officer)
    page = client.get(reverse("dossiers:officer_detail", args=[returned.pk])).content.decode()
    desk_path = reverse("dossiers:rate_desk", args=[returned.pk])
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
        reverse("dossiers:rate_desk", args=[returned.pk]), {"choice": "very_satisfied"}, follow=True
    )

    assert "Hồ sơ này đã có đánh giá; không ghi thêm được." in response.content.decode()
    (evaluation,) = evaluations(returned)
    assert evaluation.choice == Satisfaction.NOT_SATISFIED
    assert evaluation.channel == EvaluationChannel.ONLINE_LINK
    with pytest.raises(ratings.AlreadyRated):
        ratings.rate(
            returned.pk, choice="satisfied", channel=EvaluationChannel.DESK, officer=officer
        )


def test_an_officer_of_another_agency_gets_a_404(client, returned, sister, province):
    for outsider in (
        UserFactory(officer=True, agency=sister),
        UserFactory(leader=True, agency=province),
        UserFactory(citizen=True),
    ):
        client.force_login(outsider)
        path = reverse("dossiers:rate_desk", args=[returned.pk])
        assert client.get(path).status_code == 404
        assert client.post(path, {"choice": "satisfied"}).status_code == 404
    assert evaluations(returned) == []


# --- The database itself -------------------------------------------------------------------------


def test_the_database_refuses_a_second_evaluation(returned):
    Evaluation.objects.create(dossier=returned, choice="satisfied", channel="desk")

    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(dossier=returned, choice="very_satisfied", channel="desk")
    assert len(evaluations(returned)) == 1


@pytest.mark.parametrize("field", ["score_time", "score_visits", "score_attitude"])
def test_the_database_refuses_a_score_outside_0_to_2(returned, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(
            dossier=returned, choice="satisfied", channel="desk", **{field: 3}
        )


def test_a_race_past_the_check_ends_in_already_rated(returned, monkeypatch):
    """Two requests both passed the check: the unique key refuses the second, plainly."""
    ratings.rate(returned.pk, choice="satisfied", channel=EvaluationChannel.ONLINE_LINK)
    monkeypatch.setattr(ratings, "already_rated", lambda dossier_id: False)

    with pytest.raises(ratings.AlreadyRated):
        ratings.rate(returned.pk, choice="not_satisfied", channel=EvaluationChannel.ONLINE_LINK)
    assert evaluations(returned)[0].choice == Satisfaction.SATISFIED


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
        made[name] = ratings.rate(
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

    response = client.get(reverse("dossiers:follow_ups"))

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

    response = client.get(reverse("dossiers:follow_ups"))

    expected = [spread[name].pk for name in ("sister", "commune_new", "commune_old")]
    assert _listed(response) == [str(pk) for pk in expected]


def test_others_get_a_404_from_the_follow_up_list(client, commune, citizen, officer):
    for user in (citizen, officer):
        client.force_login(user)
        assert client.get(reverse("dossiers:follow_ups")).status_code == 404


def test_a_leader_records_what_was_done(client, spread, commune, now):
    leader = UserFactory(leader=True, agency=commune, full_name="Phạm Văn Dũng")
    client.force_login(leader)
    unhappy = spread["commune_old"]
    now.move_to(at("2026-03-09 14:00"), tick=False)

    response = client.post(
        reverse("dossiers:follow_up", args=[unhappy.pk]),
        {"follow_up": "Đã gọi điện xin lỗi, nhắc nhở cán bộ.", "page": "1", "loc": "chua-xu-ly"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("dossiers:follow_ups") + "?loc=chua-xu-ly&page=1"
    unhappy.refresh_from_db()
    assert unhappy.follow_up == "Đã gọi điện xin lỗi, nhắc nhở cán bộ."
    assert unhappy.followed_up_by == leader
    assert unhappy.followed_up_at == at("2026-03-09 14:00")
    pending = client.get(reverse("dossiers:follow_ups") + "?loc=chua-xu-ly")
    assert _listed(pending) == [str(spread["commune_new"].pk)]
    everything = client.get(reverse("dossiers:follow_ups")).content.decode()
    assert "Đã gọi điện xin lỗi" in everything


def test_a_leader_cannot_follow_up_outside_the_subtree_or_a_happy_rating(client, spread, commune):
    client.force_login(UserFactory(leader=True, agency=commune))

    for name in ("sister", "elsewhere", "commune_happy"):
        response = client.post(
            reverse("dossiers:follow_up", args=[spread[name].pk]), {"follow_up": "Đã xử lý"}
        )
        assert response.status_code == 404
    assert not Evaluation.objects.exclude(follow_up="").exists()


def test_an_empty_follow_up_is_refused(client, spread, commune):
    client.force_login(UserFactory(leader=True, agency=commune))

    response = client.post(
        reverse("dossiers:follow_up", args=[spread["commune_new"].pk]),
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
            evaluation = ratings.rate(
                dossier.pk, choice="not_satisfied", comment="Chậm", channel="online_link"
            )
            if index % 3 == 0:
                ratings.record_follow_up(evaluation.pk, leader=leader, text="Đã xử lý")

    add(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("dossiers:follow_ups"))
    add(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("dossiers:follow_ups"))
    assert len(_listed(response)) == 8


# --- Figures for the reports ---------------------------------------------------------------------


def test_satisfaction_figures_count_the_subtree_and_the_period_in_one_query(
    make, now, province, commune, sister, elsewhere, django_assert_num_queries
):
    plan = [
        (commune, "very_satisfied", "2026-03-01 00:00"),  # first instant of the period
        (commune, "very_satisfied", "2026-03-10 09:00"),
        (sister, "very_satisfied", "2026-03-12 09:00"),
        (commune, "satisfied", "2026-03-20 16:00"),
        (sister, "satisfied", "2026-03-31 23:59"),  # last minute of the period
        (sister, "not_satisfied", "2026-03-15 09:00"),
        (commune, "satisfied", "2026-02-28 23:59"),  # before the period
        (commune, "not_satisfied", "2026-04-01 00:00"),  # after it
        (elsewhere, "not_satisfied", "2026-03-15 09:00"),  # another province
    ]
    now.move_to(at("2026-02-20 09:00"), tick=False)
    dossiers = [make(agency) for agency, _choice, _moment in plan]
    for dossier, (_agency, choice, moment) in zip(dossiers, plan, strict=True):
        now.move_to(at(moment), tick=False)
        ratings.rate(dossier.pk, choice=choice, channel=EvaluationChannel.ONLINE_LINK)

    with django_assert_num_queries(1):
        figures = ratings.satisfaction_figures(
            province, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
        )

    assert figures == {
        "very_satisfied": 3,
        "satisfied": 2,
        "not_satisfied": 1,
        "total": 6,
        "satisfied_total": 5,
        "rate": Decimal("0.8333"),
        "rate_percent": Decimal("83.33"),
    }
    commune_only = ratings.satisfaction_figures(
        commune, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
    )
    assert (commune_only["total"], commune_only["rate"]) == (3, Decimal("1.0000"))


def test_satisfaction_figures_on_an_empty_period_have_no_rate(province):
    figures = ratings.satisfaction_figures(
        province, datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)
    )

    assert figures["total"] == 0
    assert figures["rate"] is None
    assert figures["rate_percent"] is None
    assert figures["very_satisfied"] == figures["satisfied"] == figures["not_satisfied"] == 0


# --- Two ratings at the same instant (PostgreSQL: real row locks) --------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_ratings_at_once_store_exactly_one(returned):
    import threading

    from django.db import connection

    barrier = threading.Barrier(3, timeout=30)
    outcomes: list[object] = []
    pids: list[int] = []

    def rate(choice: str) -> None:
        try:
            connection.ensure_connection()
            pids.append(connection.connection.info.backend_pid)
            barrier.wait()
            outcomes.append(ratings.rate(returned.pk, choice=choice, channel="online_link"))
        except Exception as error:
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=rate, args=(c,)) for c in ("satisfied", "not_satisfied")]
    with transaction.atomic():
        Dossier.objects.select_for_update().get(pk=returned.pk)  # both meet at this lock
        for thread in threads:
            thread.start()
        barrier.wait()
        with connection.cursor() as cursor:
            for _attempt in range(3000):
                cursor.execute(
                    "SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted AND pid = ANY(%s)",
                    [pids],
                )
                if cursor.fetchone()[0] == 2:
                    break
                threading.Event().wait(0.01)
            else:
                pytest.fail("the two ratings never waited for the dossier's lock")
    for thread in threads:
        thread.join(30)

    stored = [o for o in outcomes if isinstance(o, Evaluation)]
    refused = [o for o in outcomes if isinstance(o, ratings.AlreadyRated)]
    assert (len(stored), len(refused)) == (1, 1), outcomes
    assert evaluations(returned) == stored
