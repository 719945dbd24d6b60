"""VietQR: the EMVCo merchant-presented QR payload that Vietnamese banking apps scan (NAPAS 247).

The payload is a list of TLV fields (two-digit tag, two-digit length, value), closed by a
CRC-16/CCITT (polynomial 0x1021, initial value 0xFFFF) over everything before it, tag and length
of the CRC included: `binascii.crc_hqx(data, 0xFFFF)` is that CRC.

    00 payload format indicator   "01"
    01 point of initiation        "12" dynamic (a QR for one payment, with its amount)
    38 merchant account (NAPAS)   00 GUID "A000000727"; 01 beneficiary: 00 the bank's BIN,
                                  01 the account number; 02 service "QRIBFTTA" (to an account)
    53 currency                   "704" (VND)
    54 amount                     whole đồng
    58 country                    "VN"
    62 additional data            08 purpose of the transaction: the transfer note (dossier code)
    63 CRC                        four upper-case hexadecimal digits
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass

from django.conf import settings

__all__ = ["BankAccount", "agency_account", "crc16", "payload"]

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
MAX_NOTE = 25  # the length the banks carry in the transfer note


@dataclass(frozen=True)
class BankAccount:
    bin: str  # the bank's 6-digit NAPAS BIN, e.g. 970436
    number: str
    name: str  # as the bank holds it, shown beside the code
    bank_name: str = ""


def agency_account() -> BankAccount | None:
    """The agency's account from settings (VIETQR_*), or None while it is not configured."""
    if not (settings.VIETQR_BANK_BIN and settings.VIETQR_ACCOUNT_NUMBER):
        return None
    return BankAccount(
        bin=settings.VIETQR_BANK_BIN,
        number=settings.VIETQR_ACCOUNT_NUMBER,
        name=settings.VIETQR_ACCOUNT_NAME,
        bank_name=settings.VIETQR_BANK_NAME,
    )


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"VietQR field {tag} is longer than 99 characters.")
    return f"{tag}{len(value):02d}{value}"


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE of `data`, as four upper-case hexadecimal digits."""
    return f"{binascii.crc_hqx(data.encode('ascii'), 0xFFFF):04X}"


def payload(account: BankAccount, *, amount: int, note: str) -> str:
    """The text of a dynamic VietQR code: pay `amount` đồng to `account` with `note`."""
    if amount <= 0:
        raise ValueError("A VietQR payment needs a positive amount.")
    if not note.isascii() or len(note) > MAX_NOTE:
        raise ValueError(f"The transfer note must be ASCII and at most {MAX_NOTE} characters.")
    beneficiary = _field("00", account.bin) + _field("01", account.number)
    merchant = (
        _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", SERVICE_TO_ACCOUNT)
    )
    body = (
        _field("00", "01")
        + _field("01", "12")
        + _field("38", merchant)
        + _field("53", "704")
        + _field("54", str(amount))
        + _field("58", "VN")
        + _field("62", _field("08", note))
        + "6304"
    )
    return body + crc16(body)
