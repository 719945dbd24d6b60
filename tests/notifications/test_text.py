"""SMS text: ASCII without diacritics, one segment, cut between words, the code kept."""

import pytest

from notifications.text import SEGMENT, fit_sms, fold_sms, sms_length

CODE = "000.00.12.H33-261129-0007"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hồ sơ đã được tiếp nhận", "Ho so da duoc tiep nhan"),
        ("ĐĂNG KÝ KHAI SINH", "DANG KY KHAI SINH"),
        ("Thủ tục “Đăng ký” – hướng dẫn…", 'Thu tuc "Dang ky" - huong dan...'),
        ("  nhiều   dòng\n\tvà khoảng trắng ", "nhieu dong va khoang trang"),
        ("Ưu tiên ở Phường Ỷ La", "Uu tien o Phuong Y La"),
        ("emoji 🙂 bỏ đi", "emoji bo di"),
    ],
)
def test_fold_keeps_case_and_drops_diacritics(text, folded):
    assert fold_sms(text) == folded
    assert fold_sms(text).isascii()


def test_escape_table_characters_count_twice():
    assert sms_length("a[b]") == 6
    assert sms_length("Ho so") == 5


def test_short_text_is_only_folded():
    assert fit_sms(f"Hồ sơ {CODE} đã được tiếp nhận.", keep=CODE) == (
        f"Ho so {CODE} da duoc tiep nhan."
    )


def test_long_text_is_cut_between_words_and_keeps_the_code():
    reasons = " ".join(["Giấy tờ không hợp lệ, bản chụp bị mờ"] * 10)
    sms = fit_sms(f"Hồ sơ {CODE} không được tiếp nhận. Lý do: {reasons}", keep=CODE)
    assert len(sms) <= SEGMENT
    assert sms.startswith(f"Ho so {CODE} khong duoc tiep nhan. Ly do: Giay to")
    assert sms.endswith("...")
    body = sms.removesuffix("...")
    folded = fold_sms(f"Hồ sơ {CODE} không được tiếp nhận. Lý do: {reasons}")
    # The cut falls after a whole word of the original.
    assert folded.startswith(body)
    assert folded[len(body)] in " ,;:-."


def test_the_code_survives_when_it_comes_late():
    long_list = "; ".join(f"Giấy tờ số {n} có chứng thực" for n in range(20))
    sms = fit_sms(f"Cần bổ sung: {long_list}. Mã hồ sơ {CODE}", keep=CODE)
    assert len(sms) <= SEGMENT
    assert sms.endswith(f"... {CODE}")
    assert sms.startswith("Can bo sung: Giay to so 0 co chung thuc;")


def test_every_cut_is_within_one_segment_for_any_length():
    for words in range(1, 80):
        text = " ".join(["Thành phần"] * words) + f" {CODE}"
        sms = fit_sms(text, keep=CODE)
        assert sms_length(sms) <= SEGMENT
        assert CODE in sms


def test_a_link_is_never_cut():
    link = (
        "https://motcua.example.vn/danh-gia/42:1vJkQx:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG/"
    )
    text = f"Hồ sơ {CODE} đã trả kết quả, cảm ơn bạn đã sử dụng dịch vụ công. Mời đánh giá: {link}"
    sms = fit_sms(text, keep=CODE)
    assert len(sms) <= SEGMENT
    assert sms.endswith(f"... {link}")
    assert sms.startswith(f"Ho so {CODE} da tra ket qua")
