"""The leaders' dashboard in words: KPI cards say what they count, the overdue reason is true
and links to the dossier, and a province leader sees one line per commune from the same
figures, sortable, in a fixed number of queries."""

import pytest

from reports.figures import Period, subtree_ids, table
from reports.monthly import compute
from satisfaction.figures import satisfaction_figures
from tests.factories import PASSWORD, AgencyFactory

from .helpers import create_rows, dossier_row
from .scenario import NOW

pytestmark = pytest.mark.usefixtures("after_october")

OCTOBER = Period.month(2026, 10)


def _login(client, user):
    response = client.post("/tai-khoan/dang-nhap/", {"username": user.phone, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _dashboard(client, agency, **extra):
    return client.get("/bao-cao/", {"agency": agency.pk, "month": "2026-10", **extra})


def test_kpi_cards_say_what_they_count_in_words(client, leader, commune, october):
    html = _dashboard(_login(client, leader), commune).content.decode()
    assert "Tiếp nhận trong tháng" in html and "cột 3" in html
    assert "Đã giải quyết trong tháng" in html and "cột 7" in html
    assert "Hồ sơ tiếp nhận (3)" not in html and "Đã giải quyết (7)" not in html


def test_a_second_supplement_is_the_reason_not_a_made_up_delay(
    client, leader, commune, birth, citizen, officer
):
    waiting, late = create_rows(
        [
            dossier_row(
                agency=commune,
                procedure=birth,
                applicant=citizen,
                state="missing_documents",
                accepted="2026-10-05 09:00",
                due="2026-12-15 09:00",
                supplements=2,
                requested="2026-10-20 09:00",
                handled_by=officer,
            ),
            dossier_row(
                agency=commune,
                procedure=birth,
                applicant=citizen,
                state="processing",
                accepted="2026-10-05 09:00",
                due="2026-10-20 09:00",
                handled_by=officer,
            ),
        ]
    )
    response = _dashboard(_login(client, leader), commune)
    rows = {row["code"]: row for row in response.context["overdue_rows"]}
    assert rows[waiting.code]["reason"] == "yêu cầu bổ sung lần 2"
    assert rows[late.code]["reason"] == "quá hạn 11 ngày"  # 20/10 to 31/10
    html = response.content.decode()
    assert f'href="/can-bo/ho-so/{waiting.pk}/"' in html
    assert _login(client, leader).get(f"/can-bo/ho-so/{waiting.pk}/").status_code == 200


def test_a_province_leader_sees_each_commune_from_the_same_figures(
    client, province_leader, province, commune, sibling, october
):
    response = _dashboard(_login(client, province_leader), province)
    lines = {line.name: line for line in response.context["communes"]}
    assert set(lines) == {commune.name, sibling.name}
    for agency in (commune, sibling):
        own = compute(agency, OCTOBER, now=NOW)
        line = lines[agency.name]
        assert (line.received, line.resolved) == (own.total.received, own.total.resolved)
        assert str(line.on_time_rate) == str(own.on_time_rate)
        assert str(line.online_rate) == str(own.online_rate)
        assert str(line.satisfaction_rate) == str(own.satisfaction_rate)
    total = response.context["total"]
    assert sum(line.received for line in lines.values()) == total.received
    html = response.content.decode()
    assert "Theo từng xã, phường" in html
    assert 'aria-sort="ascending"' in html  # by name first

    by_received = _dashboard(client, province, sort="received", desc="1")
    order = [line.received for line in by_received.context["communes"]]
    assert order == sorted(order, reverse=True)
    assert 'aria-sort="descending"' in by_received.content.decode()


def test_a_commune_leader_has_no_commune_table(client, leader, commune, october):
    response = _dashboard(_login(client, leader), commune)
    assert response.context["communes"] == []
    assert "Theo từng xã, phường" not in response.content.decode()


@pytest.mark.parametrize("count", [4, 40])
def test_the_commune_table_costs_the_same_queries_whatever_the_communes(
    count, province, birth, citizen, django_assert_num_queries
):
    communes = [AgencyFactory(parent=province) for _ in range(count)]
    create_rows(
        [
            dossier_row(
                agency=agency,
                procedure=birth,
                applicant=citizen,
                state="processing",
                accepted="2026-10-05 09:00",
                due="2026-10-08 09:00",
            )
            for agency in communes
        ]
    )
    # The eight of the report, counted by agency so that they give the communes' lines too, and
    # one for the agencies' tree.
    with django_assert_num_queries(9):
        figures = compute(province, OCTOBER, now=NOW)
    assert len(figures.communes) == count
    assert all(line.received == 1 for line in figures.communes)


def test_counted_by_commune_the_province_table_and_satisfaction_are_the_same(
    province, birth, citizen
):
    communes = [AgencyFactory(parent=province) for _ in range(3)]
    states = ["processing", "returned", "processing"]
    create_rows(
        [
            dossier_row(
                agency=agency,
                procedure=birth,
                applicant=citizen,
                state=state,
                accepted="2026-10-05 09:00",
                due="2026-10-08 09:00",
                finished="2026-10-07 10:00" if state == "returned" else None,
            )
            for agency, state in zip(communes, states, strict=True)
        ]
    )
    figures = compute(province, OCTOBER, now=NOW)
    assert figures.rows == table(subtree_ids(province), OCTOBER, now=NOW)
    alone = satisfaction_figures(province, OCTOBER.start, OCTOBER.end)
    assert figures.satisfaction["total"] == alone["total"]
    assert sum(line.received for line in figures.communes) == figures.total.received == 3
    assert sum(line.resolved for line in figures.communes) == 1
