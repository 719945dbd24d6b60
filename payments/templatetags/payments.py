"""What the fee blocks on the dossier pages and the receipt show: the VietQR code to pay the
due fee, and whether card payment is offered. No query: dossier fields and settings only."""

from __future__ import annotations

from typing import Any

from django import template

from dossiers.models import Dossier
from motcua import pdf

from ..gateways import get_gateway
from ..vietqr import agency_account, payload

register = template.Library()


@register.simple_tag
def vietqr(dossier: Dossier) -> dict[str, Any] | None:
    """The VietQR code for the dossier's due fee, or None (nothing due, no account set)."""
    account = agency_account()
    if account is None or not dossier.fee_unpaid or not dossier.code:
        return None
    text = payload(account, amount=dossier.fee_amount, note=dossier.code)
    return {"payload": text, "image": pdf.qr_data_uri(text), "account": account}


@register.simple_tag
def card_payment_offered() -> bool:
    return get_gateway() is not None
