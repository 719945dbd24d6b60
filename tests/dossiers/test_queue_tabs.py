"""The officer's queue tabs: counts from one grouped query, landing where action is needed,
new dossiers oldest first with their waiting time, supplemented dossiers marked."""

import re

import pytest

from django.urls import reverse

from dossiers import services
from tests.factories import AgencyFactory, DossierFactory, pdf_upload

from .helpers import at

pytestmark = pytest.mark.django_db

QUEUE = "dossiers:queue"


def _make(state: str, agency, procedure, officer, **extra):
    return DossierFactory(
        **{state: True}, agency=agency, procedure=procedure, officer=officer, **extra
    )


def _counts(html: str) -> dict[str, int]:
    """The tab bar as the officer reads it: label -> count."""
    pairs = re.findall(r'class="tab[^"]*">([^<]+?) <span class="count">(\d+)</span>', html)
    return {label: int(count) for label, count in pairs}


def test_tabs_count_each_kind_and_land_on_new_dossiers_oldest_first(
    client, agency, procedure, officer, time_machine
):
    time_machine.move_to(at("2026-03-02 09:00"), tick=False)
    late = _make("missing_documents", agency, procedure, officer)  # deadline 7 days later
    oldest = _make("submitted", agency, procedure, officer)
    time_machine.move_to(at("2026-03-12 10:00"), tick=False)
    _make("missing_documents", agency, procedure, officer)
    _make("processing", agency, procedure, officer)
    _make("result_ready", agency, procedure, officer)
    newest = _make("submitted", agency, procedure, officer)
    _make("submitted", AgencyFactory(), procedure, None)  # another agency's: not counted
    time_machine.move_to(at("2026-03-12 11:00"), tick=False)
    client.force_login(officer)

    response = client.get(reverse(QUEUE))

    html = response.content.decode()
    assert _counts(html) == {
        "Chờ tiếp nhận": 2,
        "Đang xử lý": 1,
        "Chờ bổ sung": 1,
        "Quá hạn bổ sung": 1,
        "Có kết quả": 1,
    }
    assert response.context["tab"] == "new"
    shown = [d.pk for d in response.context["page"]]
    assert shown == [oldest.pk, newest.pk]
    assert "10 ngày 2 giờ" in html  # the oldest has waited since 09:00 02/03
    assert "1 giờ" in html  # the newest since 10:00 today
    late_page = client.get(reverse(QUEUE), {"tab": "late_supplement"})
    assert [d.pk for d in late_page.context["page"]] == [late.pk]


def test_landing_skips_tabs_that_wait_for_the_citizen(
    client, agency, procedure, officer, time_machine
):
    time_machine.move_to(at("2026-03-02 09:00"), tick=False)
    _make("missing_documents", agency, procedure, officer)
    time_machine.move_to(at("2026-03-20 09:00"), tick=False)
    _make("missing_documents", agency, procedure, officer)
    client.force_login(officer)
    assert client.get(reverse(QUEUE)).context["tab"] == "late_supplement"


def test_an_empty_queue_lands_on_the_first_tab(client, officer):
    client.force_login(officer)
    response = client.get(reverse(QUEUE))
    assert response.context["tab"] == "new"
    assert "Không có hồ sơ nào khớp với bộ lọc." in response.content.decode()


def test_filters_apply_to_the_counts_and_an_unknown_tab_lands(client, agency, procedure, officer):
    wanted = _make("submitted", agency, procedure, officer)
    _make("submitted", agency, procedure, officer)
    client.force_login(officer)
    response = client.get(reverse(QUEUE), {"q": wanted.code, "tab": "nonsense"})
    assert response.context["tab"] == "new"
    assert _counts(response.content.decode())["Chờ tiếp nhận"] == 1


def test_a_supplemented_dossier_is_marked(client, agency, procedure, officer, optional_document):
    dossier = _make("missing_documents", agency, procedure, officer, accepted=True)
    services.supplement(
        dossier.pk,
        user=dossier.applicant,
        uploads={optional_document.pk: [pdf_upload("bo-sung.pdf")]},
    )
    _make("processing", agency, procedure, officer)
    client.force_login(officer)
    html = client.get(reverse(QUEUE), {"tab": "processing"}).content.decode()
    assert html.count("Đã bổ sung") == 1


@pytest.mark.parametrize("tab", ["new", "processing"])
def test_queries_do_not_grow_with_the_page(
    client, agency, procedure, officer, tab, django_assert_max_num_queries
):
    state = "submitted" if tab == "new" else "processing"
    _make(state, agency, procedure, officer)
    client.force_login(officer)
    url = reverse(QUEUE)
    with django_assert_max_num_queries(14) as few:
        client.get(url, {"tab": tab})
    for _ in range(6):
        _make(state, agency, procedure, officer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url, {"tab": tab})
    assert len(page.context["page"]) == 7


def test_a_row_prints_what_people_typed_as_text(client, agency, procedure, officer):
    """Rows are drawn in Python (dossiers.queue_rows): every value is still escaped."""
    dossier = _make("processing", agency, procedure, officer)
    dossier.applicant_name = '<script>alert("x")</script> Lan'
    dossier.save(update_fields=["applicant_name"])
    client.force_login(officer)
    html = client.get(reverse(QUEUE), {"tab": "processing"}).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Lan" in html
    assert "<script>alert" not in html
    row = re.search(r'<tr class="[^"]*"><td><a href="([^"]+)"><strong>([^<]+)</strong>', html)
    assert row.groups() == (reverse("dossiers:officer_detail", args=[dossier.pk]), dossier.code)
