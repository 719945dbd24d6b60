"""A refused dossier's status card gives the reasons and what to do next."""

import re

import pytest

from django.urls import reverse

from dossiers import deadlines, services
from dossiers.events import StopReason
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db


def _card(html: str) -> str:
    return re.search(r'<section class="card status-card".*?</section>', html, re.S).group(0)


def test_a_refused_dossier_shows_its_reasons_and_the_next_step(
    client, agency, procedure, citizen, officer
):
    dossier = DossierFactory(
        submitted=True, agency=agency, procedure=procedure, applicant=citizen, officer=officer
    )
    services.reject(
        dossier.pk,
        officer=officer,
        reasons="- Giấy chứng sinh không rõ số.\n- Thiếu chữ ký của người yêu cầu.",
    )
    client.force_login(citizen)
    card = _card(client.get(reverse("dossiers:my_dossier", args=[dossier.pk])).content.decode())
    assert "<li>Giấy chứng sinh không rõ số.</li>" in card
    assert "<li>Thiếu chữ ký của người yêu cầu.</li>" in card
    assert "nộp hồ sơ mới" in card and agency.name in card
    assert reverse("procedures:detail", args=[procedure.pk]) in card
    assert "Xem lý do ở phần quá trình xử lý" not in card


def test_an_open_dossier_has_no_reasons(client, agency, procedure, citizen):
    dossier = DossierFactory(submitted=True, agency=agency, procedure=procedure, applicant=citizen)
    client.force_login(citizen)
    card = _card(client.get(reverse("dossiers:my_dossier", args=[dossier.pk])).content.decode())
    assert "Lý do" not in card


def test_a_stopped_dossier_shows_the_stop_reasons_and_the_next_step(
    client, agency, procedure, citizen, officer
):
    dossier = DossierFactory(
        processing=True, agency=agency, procedure=procedure, applicant=citizen, officer=officer
    )
    deadlines.stop_processing(
        dossier.pk,
        officer=officer,
        reason=StopReason.SUPPLEMENT_OVERDUE,
        reasons="Đã quá hạn bổ sung ngày 20/11 mà chưa nhận được giấy tờ.",
    )
    client.force_login(citizen)
    card = _card(client.get(reverse("dossiers:my_dossier", args=[dossier.pk])).content.decode())
    assert "<li>Đã quá hạn bổ sung ngày 20/11 mà chưa nhận được giấy tờ.</li>" in card
    assert "Nếu vẫn có nhu cầu" in card and agency.name in card
