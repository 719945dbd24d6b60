"""The e-receipt (biên lai điện tử) of one payment, as HTML and as PDF (motcua.pdf's pipeline).

Agency, payer, dossier code, the amount in figures and in Vietnamese words, the method and the
bank's or gateway's reference. Rendered in Vietnamese whatever the reader's language, like the
slips.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from dossiers.slips import date_line, place_name
from motcua import pdf
from procedures.templatetags.catalog import vnd

from .models import Payment
from .words import amount_in_words

_STYLESHEET = "css/pdf.css"
_TITLE = "Biên lai thu phí, lệ phí"
_ISSUING_UNIT = "Trung tâm Phục vụ hành chính công"  # as on the slips (dossiers.slips)


def render_receipt_html(payment: Payment) -> str:
    dossier = payment.dossier
    agency = dossier.agency
    with translation.override("vi"):
        context = {
            "slip": {"value": "fee-receipt"},
            "title": _TITLE,
            "payment": payment,
            "dossier": dossier,
            "procedure": dossier.procedure,
            "agency": agency,
            "issuing_unit": getattr(settings, "SLIP_ISSUING_UNIT", _ISSUING_UNIT),
            "date_line": date_line(place_name(agency), payment.received_at),
            "issued_at_iso": timezone.localtime(payment.received_at).isoformat(timespec="seconds"),
            "officer": payment.recorded_by,
            "amount_figures": vnd(payment.amount),
            "amount_words": amount_in_words(payment.amount),
            "received_at": timezone.localtime(payment.received_at).strftime("%H:%M %d/%m/%Y"),
            **pdf.resources(_STYLESHEET),
        }
        return render_to_string("pdf/payment_receipt.html", context)


def render_receipt_pdf(payment: Payment) -> bytes:
    return pdf.render_pdf(render_receipt_html(payment))
