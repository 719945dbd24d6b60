"""VNPay payment gateway, API version 2.1.0.

The browser goes to VNPAY_PAYMENT_URL with the order's parameters (vnp_*), sorted by name,
URL-encoded, and signed: vnp_SecureHash = HMAC-SHA512(VNPAY_HASH_SECRET, that query string).
VNPay sends the result to the return URL (the browser) and to the IPN URL (server to server)
with the same kind of signed parameters; vnp_ResponseCode "00" with vnp_TransactionStatus "00"
is a successful payment. The IPN is answered with JSON {"RspCode", "Message"}: 00 confirmed,
01 order not found, 02 already confirmed, 04 invalid amount, 97 invalid signature, 99 other.
vnp_Amount is the amount in đồng times 100.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import zoneinfo
from collections.abc import Mapping
from urllib.parse import quote_plus

from django.conf import settings
from django.utils import timezone

from . import GatewayResult, IpnOutcome

VERSION = "2.1.0"
_TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
_EXPIRES_AFTER = datetime.timedelta(minutes=15)
_ANSWERS = {
    IpnOutcome.CONFIRMED: ("00", "Confirm Success"),
    IpnOutcome.ORDER_NOT_FOUND: ("01", "Order not found"),
    IpnOutcome.ALREADY_CONFIRMED: ("02", "Order already confirmed"),
    IpnOutcome.INVALID_AMOUNT: ("04", "Invalid amount"),
    IpnOutcome.INVALID_SIGNATURE: ("97", "Invalid Checksum"),
    IpnOutcome.UNKNOWN_ERROR: ("99", "Unknown error"),
}


def signed_query(params: Mapping[str, str], secret: str) -> str:
    """The sorted, URL-encoded query and its vnp_SecureHash, as VNPay builds and checks it."""
    query = "&".join(f"{quote_plus(k)}={quote_plus(str(params[k]))}" for k in sorted(params))
    digest = hmac.new(secret.encode("utf-8"), query.encode("utf-8"), hashlib.sha512).hexdigest()
    return f"{query}&vnp_SecureHash={digest}"


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(_TZ).strftime("%Y%m%d%H%M%S")


class VNPayGateway:
    name = "VNPay"

    def __init__(self) -> None:
        self.terminal = settings.VNPAY_TMN_CODE
        self.secret = settings.VNPAY_HASH_SECRET
        self.url = settings.VNPAY_PAYMENT_URL

    def payment_url(
        self, *, txn_ref: str, amount: int, description: str, client_ip: str, return_url: str
    ) -> str:
        now = timezone.now()
        params = {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.terminal,
            "vnp_Amount": str(amount * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": txn_ref,
            "vnp_OrderInfo": description,
            "vnp_OrderType": "other",
            "vnp_Locale": "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": client_ip,
            "vnp_CreateDate": _stamp(now),
            "vnp_ExpireDate": _stamp(now + _EXPIRES_AFTER),
        }
        return f"{self.url}?{signed_query(params, self.secret)}"

    def parse(self, params: Mapping[str, str]) -> GatewayResult:
        given = params.get("vnp_SecureHash", "")
        signed = {
            key: value
            for key, value in params.items()
            if key.startswith("vnp_") and key not in ("vnp_SecureHash", "vnp_SecureHashType")
        }
        expected = signed_query(signed, self.secret).rsplit("=", 1)[1]
        if not given or not hmac.compare_digest(expected.lower(), given.lower()):
            return GatewayResult(valid_signature=False)
        try:
            amount = int(signed.get("vnp_Amount", "")) // 100
        except ValueError:
            return GatewayResult(valid_signature=False)
        code = signed.get("vnp_ResponseCode", "")
        return GatewayResult(
            valid_signature=signed.get("vnp_TmnCode") == self.terminal,
            txn_ref=signed.get("vnp_TxnRef", ""),
            amount=amount,
            success=code == "00" and signed.get("vnp_TransactionStatus", "00") == "00",
            transaction_no=signed.get("vnp_TransactionNo", ""),
            response_code=code,
        )

    def ipn_answer(self, outcome: IpnOutcome) -> dict[str, str]:
        code, message = _ANSWERS[outcome]
        return {"RspCode": code, "Message": message}
