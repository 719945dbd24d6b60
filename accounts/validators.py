import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")


def normalize_phone(raw: str) -> str:
    """'+84 912 345 678' and '0912.345.678' both become '0912345678'."""
    phone = _PHONE_SEPARATORS.sub("", raw or "")
    if phone.startswith("+84"):
        phone = "0" + phone[3:]
    elif phone.startswith("84") and len(phone) == 11:
        phone = "0" + phone[2:]
    return phone


def validate_phone(value: str) -> None:
    if not re.fullmatch(r"0\d{9,10}", normalize_phone(value)):
        raise ValidationError(
            _("Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0912345678)."),
            code="invalid_phone",
        )


def validate_citizen_id(value: str) -> None:
    if not re.fullmatch(r"\d{12}", value or ""):
        raise ValidationError(
            _("Số CCCD/định danh cá nhân gồm đúng 12 chữ số."), code="invalid_citizen_id"
        )


def is_citizen_id(identifier: str) -> bool:
    return bool(re.fullmatch(r"\d{12}", (identifier or "").strip()))
