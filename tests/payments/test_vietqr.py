"""The VietQR payload, read back by a parser written here from the EMVCo specification (not
payments.vietqr's code), its CRC computed bit by bit; the amount in words."""

import pytest

from payments.vietqr import BankAccount, payload
from payments.words import amount_in_words

ACCOUNT = BankAccount(bin="970436", number="0011001234567", name="UBND XA THANH XUAN")


def parse_tlv(text: str) -> dict[str, str]:
    fields, i = {}, 0
    while i < len(text):
        tag, length = text[i : i + 2], int(text[i + 2 : i + 4])
        fields[tag] = text[i + 4 : i + 4 + length]
        i += 4 + length
    return fields


def crc_ccitt_false(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def check_vietqr(text: str, *, amount: str, note: str) -> None:
    fields = parse_tlv(text)
    assert list(fields) == ["00", "01", "38", "53", "54", "58", "62", "63"]
    assert fields["00"] == "01"
    assert fields["01"] == "12"  # dynamic: one payment, its amount
    merchant = parse_tlv(fields["38"])
    assert merchant["00"] == "A000000727"  # NAPAS
    assert parse_tlv(merchant["01"]) == {"00": "970436", "01": "0011001234567"}
    assert merchant["02"] == "QRIBFTTA"
    assert (fields["53"], fields["54"], fields["58"]) == ("704", amount, "VN")
    assert parse_tlv(fields["62"]) == {"08": note}
    assert int(fields["63"], 16) == crc_ccitt_false(text[:-4].encode())


def test_payload_is_emvco_with_a_valid_crc():
    text = payload(ACCOUNT, amount=50_000, note="000.00.12.H33-261129-0007")
    check_vietqr(text, amount="50000", note="000.00.12.H33-261129-0007")


def test_a_changed_character_breaks_the_crc():
    text = payload(ACCOUNT, amount=50_000, note="000.00.12.H33-261129-0007")
    tampered = text.replace("5405500005802", "5405600005802")
    assert int(tampered[-4:], 16) != crc_ccitt_false(tampered[:-4].encode())


@pytest.mark.parametrize(
    ("amount", "note"), [(0, "X"), (-5, "X"), (1000, "Mã hồ sơ"), (1000, "X" * 26)]
)
def test_bad_amount_or_note_is_refused(amount, note):
    with pytest.raises(ValueError):
        payload(ACCOUNT, amount=amount, note=note)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (50_000, "Năm mươi nghìn đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (105_000, "Một trăm linh năm nghìn đồng"),
        (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (2_024_000, "Hai triệu không trăm hai mươi tư nghìn đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (0, "Không đồng"),
    ],
)
def test_amount_in_vietnamese_words(amount, words):
    assert amount_in_words(amount) == words
