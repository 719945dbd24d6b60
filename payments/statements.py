"""A bank statement (CSV) imported by an officer: each credit line goes through the same
`record_bank_credit` as the bank's webhook, so a line already told by the webhook (same
transaction id) is not paid again.

Columns are found by their heading, in English or as Vietnamese banks name them (with or
without diacritics): transaction id, amount, description, and optionally the date.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from procedures.text import fold

from .models import BankTransaction
from .services import record_bank_credit

_HEADINGS = {
    "transaction_id": {"transaction_id", "ma giao dich", "so tham chieu", "so giao dich"},
    "amount": {"amount", "so tien", "so tien ghi co", "ghi co"},
    "description": {"description", "noi dung", "noi dung chuyen khoan", "dien giai"},
    "date": {"date", "ngay", "ngay giao dich", "thoi gian"},
}
_DATE_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


@dataclass
class ImportSummary:
    matched: int = 0
    flagged: int = 0
    already: int = 0  # lines whose transaction was told before
    errors: list[str] = field(default_factory=list)


def _columns(heading: list[str]) -> dict[str, int]:
    found = {}
    for index, name in enumerate(heading):
        key = fold(name).replace("_", " ").strip()
        for column, names in _HEADINGS.items():
            if key in names or key.replace(" ", "_") in names:
                found.setdefault(column, index)
    return found


def _amount(text: str) -> int:
    digits = text.strip().replace(".", "").replace(",", "").replace(" ", "")
    return int(digits)


def _moment(text: str) -> datetime.datetime | None:
    for pattern in _DATE_FORMATS:
        try:
            return timezone.make_aware(datetime.datetime.strptime(text.strip(), pattern))
        except ValueError:
            continue
    return None


def import_statement(data: bytes) -> ImportSummary:
    """Record every credit line; a line that cannot be read is reported with its number."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ImportSummary(errors=[_("Tệp sao kê phải là CSV mã hóa UTF-8.")])
    rows = list(csv.reader(io.StringIO(text)))
    columns = _columns(rows[0]) if rows else {}
    missing = {"transaction_id", "amount", "description"} - set(columns)
    if missing:
        return ImportSummary(
            errors=[_("Không tìm thấy cột mã giao dịch, số tiền và nội dung ở dòng đầu tệp.")]
        )
    summary = ImportSummary()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            amount = _amount(row[columns["amount"]])
            txn_id, note = row[columns["transaction_id"]], row[columns["description"]]
        except (IndexError, ValueError):
            summary.errors.append(_("Dòng %(n)s: không đọc được số tiền.") % {"n": number})
            continue
        if amount <= 0:  # a debit line: not a payment to us
            continue
        date = _moment(row[columns["date"]]) if "date" in columns else None
        credit, new = record_bank_credit(
            transaction_id=txn_id,
            amount=amount,
            description=note,
            booked_at=date,
            source=BankTransaction.Source.STATEMENT,
        )
        if not new:
            summary.already += 1
        elif credit.outcome == BankTransaction.Outcome.MATCHED:
            summary.matched += 1
        else:
            summary.flagged += 1
    return summary
