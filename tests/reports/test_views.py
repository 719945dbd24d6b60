"""The leaders' dashboard: who may see what, what it shows, exports, freezing; fixed queries."""

import csv
import io

import pytest
import time_machine
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.figures import Period
from reports.models import MonthlyReport, PlanTarget
from reports.monthly import compute
from tests.factories import PASSWORD, AgencyFactory, UserFactory

from .helpers import create_rows, dossier_row
from .scenario import EXPECTED_TOTAL, NOW

pytestmark = pytest.mark.usefixtures("after_october")


def _login(client, user):
    # Sign-in goes through the form: django-axes counts every attempt against its request.
    response = client.post("/tai-khoan/dang-nhap/", {"username": user.phone, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _dashboard(client, agency, month="2026-10"):
    return client.get("/bao-cao/", {"agency": agency.pk, "month": month})


def test_a_leader_sees_the_month_of_their_agency(client, leader, commune, october):
    response = _dashboard(_login(client, leader), commune)
    assert response.status_code == 200
    html = response.content.decode()
    assert "UBND xã Thạnh Xuân" in html and "Tháng 10/2026" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html  # the trend, drawn on the server
    assert "55,56%" in html and "73,33%" in html
    assert "Trần Thị Bình" in html  # the overdue list with its officer
    assert response.context["total"].columns() == EXPECTED_TOTAL
    assert "Chốt số liệu" in html  # October is over and not frozen yet
    assert 'href="/bao-cao/"' in html  # the nav link


def test_the_dashboard_opens_on_the_leaders_agency_and_the_month_under_way(client, leader, commune):
    response = _login(client, leader).get("/bao-cao/")
    assert response.status_code == 200
    assert (response.context["agency"], response.context["period"].key) == (commune, "2026-11")
    html = response.content.decode()
    assert "Số liệu tạm tính đến 10:00 ngày 29/11/2026." in html
    assert "Chốt số liệu" not in html  # November is not over
    choices = list(response.context["form"].fields["agency"].queryset)
    assert choices == [commune]


def test_in_the_first_week_it_opens_on_last_month(client, leader, commune):
    with time_machine.travel(NOW.replace(month=12, day=3), tick=False):
        response = _login(client, leader).get("/bao-cao/")
    assert response.context["period"].key == "2026-11"


def test_the_dashboard_shows_a_dash_for_rates_of_nothing(client, leader, commune):
    html = _dashboard(_login(client, leader), commune).content.decode()
    assert "Không có hồ sơ nào trong kỳ." in html
    assert response_rates(html).count("-") >= 4


def response_rates(html: str) -> list[str]:
    import re

    return re.findall(r'<span class="kpi-value">([^<]*)</span>', html)


def test_a_province_leader_picks_any_commune_of_the_province(
    client, province_leader, province, commune, sibling, october
):
    _login(client, province_leader)
    assert _dashboard(client, province).context["total"].received == EXPECTED_TOTAL[0] + 2
    assert _dashboard(client, sibling).context["total"].received == 2
    choices = [a.pk for a in _dashboard(client, province).context["form"].fields["agency"].queryset]
    assert choices == [province.pk, commune.pk, sibling.pk]


def test_a_commune_leader_cannot_see_a_sibling_nor_the_province(
    client, leader, province, sibling, october
):
    _login(client, leader)
    assert _dashboard(client, sibling).status_code == 404
    assert _dashboard(client, province).status_code == 404
    assert client.get(f"/bao-cao/{sibling.pk}/2026-10/bieu-06.pdf").status_code == 404
    assert client.get(f"/bao-cao/{sibling.pk}/2026-10/bieu-06.csv").status_code == 404
    assert client.post(f"/bao-cao/{sibling.pk}/2026-10/chot/").status_code == 404


@pytest.mark.parametrize("role", ["citizen", "officer", "helper"])
def test_anyone_but_a_leader_gets_a_404(client, role, commune, october):
    user = UserFactory(**{role: True}, **({"agency": commune} if role == "officer" else {}))
    _login(client, user)
    assert _dashboard(client, commune).status_code == 404
    assert client.get("/bao-cao/").status_code == 404
    assert client.get(f"/bao-cao/{commune.pk}/2026-10/bieu-06.xlsx").status_code == 404
    assert client.get("/bao-cao/ke-hoach/").status_code == 404
    assert 'href="/bao-cao/"' not in client.get("/").content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, commune):
    response = client.get("/bao-cao/")
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]


def test_a_month_not_started_or_not_a_month_is_refused(client, leader, commune):
    _login(client, leader)
    assert _dashboard(client, commune, "2027-01").status_code == 400
    assert _dashboard(client, commune, "tháng 10").status_code == 400
    assert client.get(f"/bao-cao/{commune.pk}/2027-01/bieu-06.csv").status_code == 404


def test_the_exports_carry_the_numbers_of_the_table(client, leader, commune, october):
    _login(client, leader)
    pdf = client.get(f"/bao-cao/{commune.pk}/2026-10/bieu-06.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert (
        "Tổng cộng " + " ".join(map(str, EXPECTED_TOTAL))
        in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages[0].extract_text()
    )
    text = client.get(f"/bao-cao/{commune.pk}/2026-10/bieu-06.csv").content.decode("utf-8-sig")
    assert [int(v) for v in list(csv.reader(io.StringIO(text)))[-1][2:13]] == EXPECTED_TOTAL
    xlsx = client.get(f"/bao-cao/{commune.pk}/2026-10/bieu-06.xlsx")
    assert 'filename="bieu-06-000.00.12.H33-2026-10.xlsx"' in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content))["Biểu 06"]
    totals = [row for row in sheet.iter_rows(values_only=True) if row[1] == "Tổng cộng"]
    assert list(totals[0][2:13]) == EXPECTED_TOTAL


def test_freezing_and_regenerating_from_the_dashboard(
    client, leader, commune, birth, citizen, october
):
    _login(client, leader)
    response = client.post(f"/bao-cao/{commune.pk}/2026-10/chot/", follow=True)
    assert "Đã chốt số liệu tháng 10/2026, phiên bản 1." in response.content.decode()
    assert "Lập lại (phiên bản mới)" in response.content.decode()
    # Later data does not change the frozen month; regenerating makes version 2.
    create_rows(
        [
            dossier_row(
                agency=commune,
                procedure=birth,
                applicant=citizen,
                state="processing",
                accepted="2026-10-30 09:00",
                due="2026-11-04 09:00",
            )
        ]
    )
    assert _dashboard(client, commune).context["total"].received == EXPECTED_TOTAL[0]
    client.post(f"/bao-cao/{commune.pk}/2026-10/chot/")
    page = _dashboard(client, commune)
    assert page.context["total"].received == EXPECTED_TOTAL[0] + 1
    assert [r.version for r in page.context["versions"]] == [2, 1]
    first = client.get(f"/bao-cao/{commune.pk}/2026-10/phien-ban/1.pdf")
    assert first.status_code == 200
    assert (
        "phiên bản 1"
        in PdfReader(io.BytesIO(b"".join(first.streaming_content))).pages[0].extract_text()
    )
    # The month's PDF is the stored one of the latest version.
    latest = client.get(f"/bao-cao/{commune.pk}/2026-10/bieu-06.pdf")
    assert (
        "phiên bản 2"
        in PdfReader(io.BytesIO(b"".join(latest.streaming_content))).pages[0].extract_text()
    )
    assert MonthlyReport.objects.filter(created_by=leader).count() == 2


def test_the_current_month_cannot_be_frozen(client, leader, commune):
    _login(client, leader)
    response = client.post(f"/bao-cao/{commune.pk}/2026-11/chot/", follow=True)
    assert "Chỉ chốt được số liệu của tháng đã kết thúc." in response.content.decode()
    assert not MonthlyReport.objects.exists()
    assert client.get(f"/bao-cao/{commune.pk}/2026-10/chot/").status_code == 405


def test_a_leader_sets_targets_of_their_subtree_only(client, province_leader, province, commune):
    _login(client, province_leader)
    response = client.post(
        "/bao-cao/ke-hoach/",
        {"agency": commune.pk, "year": 2026, "month": "", "online_target": 7000},
        follow=True,
    )
    assert "UBND xã Thạnh Xuân, năm 2026: 7.000 hồ sơ trực tuyến" in response.content.decode()
    client.post(
        "/bao-cao/ke-hoach/",
        {"agency": commune.pk, "year": 2026, "month": "", "online_target": 7200},
    )
    assert PlanTarget.objects.get(agency=commune, year=2026, month=None).online_target == 7200
    outsider = AgencyFactory(name="UBND xã Ngoài Tỉnh")
    refused = client.post(
        "/bao-cao/ke-hoach/", {"agency": outsider.pk, "year": 2026, "online_target": 5}
    )
    assert refused.status_code == 400
    assert not PlanTarget.objects.filter(agency=outsider).exists()


# --- a fixed number of queries ------------------------------------------------------------------


def _dossiers(commune, birth, copy_cert, citizen, count):
    rows = []
    for i in range(count):
        day = 1 + i % 28
        rows.append(
            dossier_row(
                agency=commune,
                procedure=birth if i % 3 else copy_cert,
                applicant=citizen,
                state=("returned", "processing", "withdrawn", "missing_documents")[i % 4],
                channel=("online", "direct", "postal")[i % 3],
                accepted=f"2026-10-{day:02d} 09:00",
                due=f"2026-10-{min(day + 3, 31):02d} 09:00",
                finished=f"2026-10-{min(day + i % 5, 31):02d} 10:00" if i % 4 == 0 else None,
                returned=f"2026-10-{min(day + i % 5, 31):02d} 11:00" if i % 4 == 0 else None,
                withdrawn=f"2026-10-{min(day + 1, 31):02d} 10:00" if i % 4 == 2 else None,
                supplements=(i % 4 == 3) + (i % 8 == 7),
                requested=f"2026-10-{min(day + 1, 31):02d} 09:00" if i % 4 == 3 else None,
                handled_by=None,
            )
        )
    create_rows(rows)


@pytest.mark.parametrize("count", [5, 50])
def test_the_report_takes_the_same_queries_whatever_the_dossiers(
    count, commune, birth, copy_cert, citizen, officer, django_assert_num_queries
):
    _dossiers(commune, birth, copy_cert, citizen, count)
    # Subtree, table (counts, procedures' fields), plan, satisfaction, frozen months, trend,
    # overdue list (its officers and procedures come in the same query).
    with django_assert_num_queries(8):
        figures = compute(commune, Period.month(2026, 10), now=NOW)
    assert figures.total.received == count
    assert figures.identities_hold
