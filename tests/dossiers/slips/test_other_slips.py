"""The supplement request, the refusal and the apology; the date line of every slip."""

import datetime

import pytest

from agencies.models import Agency
from dossiers.slips import SlipKind, date_line, place_name, render_slip_html

from .builders import (
    CODE,
    LOOKUP_URL,
    NAME,
    apologised,
    at,
    contains_html,
    rejected,
    squash,
    supplement_asked_before_acceptance,
    supplement_asked_twice,
)

pytestmark = pytest.mark.django_db


def test_supplement_request_shows_the_latest_request(world):
    html = render_slip_html(
        supplement_asked_twice(world), SlipKind.SUPPLEMENT_REQUEST, lookup_url=LOOKUP_URL
    )
    text = squash(html)

    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in html
    assert f'<td class="applicant-name">{NAME}</td>' in html
    assert "Ngày 04/03/2026 10:00" in text
    assert contains_html(
        html,
        '<ol class="items missing"><li>Giấy chứng sinh <span class="quantity">(01 bản chính)'
        "</span></li><li>Văn bản ủy quyền có chứng thực</li>"
        "<li>Bản sao giấy chứng nhận kết hôn</li></ol>",
    )
    assert "Giấy chứng sinh bị mờ, vui lòng chụp lại rõ nét." in html
    assert "Bổ sung giấy tờ tùy thân của người đi đăng ký." not in html  # the first request
    assert "Hạn bổ sung:</span> đến hết ngày 09/03/2026" in text
    assert "Thời hạn giải quyết được tính lại từ đầu kể từ khi nhận đủ giấy tờ bổ sung." in text
    assert "Trần Văn Bình, số điện thoại 02923844123" in text
    assert "NGƯỜI HƯỚNG DẪN" in html
    assert "Thạnh Xuân, ngày 04 tháng 3 năm 2026" in html


def test_supplement_request_before_acceptance_says_when_the_clock_starts(world):
    html = squash(
        render_slip_html(
            supplement_asked_before_acceptance(world),
            SlipKind.SUPPLEMENT_REQUEST,
            lookup_url=LOOKUP_URL,
        )
    )

    assert "thời hạn giải quyết được tính từ khi hồ sơ được tiếp nhận" in html
    assert "tính lại từ đầu" not in html


def test_supplement_request_follows_the_pause_setting(world, settings):
    settings.DOSSIER_SUPPLEMENT_CLOCK = "pause"
    html = squash(
        render_slip_html(
            supplement_asked_twice(world), SlipKind.SUPPLEMENT_REQUEST, lookup_url=LOOKUP_URL
        )
    )

    assert "Thời hạn giải quyết tạm dừng trong thời gian chờ bổ sung" in html
    assert "tính lại từ đầu" not in html


def test_refusal_gives_the_reasons_escaped(world):
    html = render_slip_html(rejected(world), SlipKind.REFUSAL, lookup_url=LOOKUP_URL)

    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in html
    assert f'<td class="applicant-name">{NAME}</td>' in html
    assert CODE in html
    assert (
        "Thủ tục không thuộc thẩm quyền của xã.<br>Đề nghị nộp tại &lt;b&gt;UBND phường&lt;/b&gt;."
        in html
    )
    assert "<b>" not in html
    assert '<p class="signer">Trần Văn Bình</p>' in html
    assert "nộp lúc 03/03/2026 08:00" in html


def test_apology_gives_old_and_new_due_dates_and_the_reason(world):
    html = squash(render_slip_html(apologised(world), SlipKind.APOLOGY, lookup_url=LOOKUP_URL))

    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in html
    assert f'<td class="applicant-name">{NAME}</td>' in html
    assert "Ngày 03/03/2026, UBND xã Thạnh Xuân tiếp nhận" in html
    assert '<td class="old-due">09 giờ 00, ngày 06/03/2026</td>' in html
    assert "Hẹn trả kết quả mới:</span> 16 giờ 00, ngày 10/03/2026" in html
    assert "Cần xác minh thông tin với Sở Tư pháp." in html
    # Signed by the head of the agency, not the officer (shared/domain.md).
    assert '<p class="role">CHỦ TỊCH UBND XÃ</p>' in html
    assert '<p class="signer">Lê Văn Cường</p>' in html
    assert "Trần Văn Bình" not in html
    assert "Thạnh Xuân, ngày 05 tháng 3 năm 2026" in html


# --- the date line ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("UBND xã Thạnh Xuân", "Thạnh Xuân"),
        ("Ủy ban nhân dân phường Bến Nghé", "Bến Nghé"),
        ("UBND đặc khu Phú Quốc", "Phú Quốc"),
        ("Trung tâm Phục vụ hành chính công", "Trung tâm Phục vụ hành chính công"),
    ],
)
def test_place_in_the_date_line(name, place):
    assert place_name(Agency(name=name)) == place


def test_date_line_pads_days_below_ten_and_january_february_only():
    assert date_line("Thạnh Xuân", at(5, 10).replace(month=2)) == (
        "Thạnh Xuân, ngày 05 tháng 02 năm 2026"
    )
    assert date_line("Thạnh Xuân", at(15, 10).replace(month=11)) == (
        "Thạnh Xuân, ngày 15 tháng 11 năm 2026"
    )
    # 23:30 UTC on 31 December is already 1 January in Vietnam.
    new_year = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC)
    assert date_line("Thạnh Xuân", new_year) == "Thạnh Xuân, ngày 01 tháng 01 năm 2026"
