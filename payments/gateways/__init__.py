"""A card or e-wallet payment gateway behind one small interface.

A gateway sends the citizen's browser to its payment page (`payment_url`), then tells us the
outcome twice: the browser comes back to our return URL, and the gateway calls our IPN URL
server to server. Both carry the same signed parameters, read by `parse`; `ipn_answer` is what
the gateway expects back. PAYMENT_GATEWAY names the class (VNPay when VNPAY_TMN_CODE is set);
empty: no card payment is offered.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

__all__ = ["Gateway", "GatewayResult", "IpnOutcome", "get_gateway"]


class IpnOutcome(enum.Enum):
    """What we make of a gateway's notification (each gateway words it its own way)."""

    CONFIRMED = "confirmed"
    ORDER_NOT_FOUND = "order_not_found"
    ALREADY_CONFIRMED = "already_confirmed"
    INVALID_AMOUNT = "invalid_amount"
    INVALID_SIGNATURE = "invalid_signature"
    UNKNOWN_ERROR = "unknown_error"


@dataclass(frozen=True)
class GatewayResult:
    valid_signature: bool
    txn_ref: str = ""
    amount: int = 0  # đồng
    success: bool = False
    transaction_no: str = ""
    response_code: str = ""


class Gateway(Protocol):
    name: str  # stored with the payment's method words

    def payment_url(
        self, *, txn_ref: str, amount: int, description: str, client_ip: str, return_url: str
    ) -> str: ...

    def parse(self, params: Mapping[str, str]) -> GatewayResult: ...

    def ipn_answer(self, outcome: IpnOutcome) -> dict[str, str]: ...


def get_gateway() -> Gateway | None:
    """The configured gateway, or None when card payment is not offered."""
    if not settings.PAYMENT_GATEWAY:
        return None
    return import_string(settings.PAYMENT_GATEWAY)()
