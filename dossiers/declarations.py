"""A declaration filled online, printed as the official form (PDF, the slips' family).

The values come from `Declaration.data`; the form's description from the required document
(procedures.online_forms). Rendered in Vietnamese whatever language the site is read in.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from motcua import pdf
from procedures.models import RequiredDocument
from procedures.online_forms import sections

from .models import Declaration, Dossier
from .slips import date_line, place_name

_STYLESHEET = "css/pdf.css"


def render_declaration_html(
    dossier: Dossier, document: RequiredDocument, data: dict[str, str], at: datetime.datetime
) -> str:
    """The filled form as HTML (what the PDF is made from)."""
    spec = document.online_form
    context: dict[str, Any] = {
        "title": spec["title"],
        "reference": spec.get("reference", ""),
        "dossier": dossier,
        "procedure": dossier.procedure,
        "agency": dossier.agency,
        "sections": sections(spec, data),
        "signer": data.get("requester_name") or dossier.applicant_name,
        "date_line": date_line(place_name(dossier.agency), at),
        "site_name": settings.SITE_NAME,
        **pdf.resources(_STYLESHEET),
    }
    with translation.override("vi"):
        return render_to_string("pdf/declaration.html", context)


def render_declaration_pdf(
    dossier: Dossier, document: RequiredDocument, data: dict[str, str], at: datetime.datetime
) -> bytes:
    """The filled form as an A4, tagged PDF."""
    return pdf.render_pdf(render_declaration_html(dossier, document, data, at))


def declared(dossier: Dossier) -> list[dict[str, Any]]:
    """The declarations filled online, as data for the officer: one query, none for a procedure
    without an online form (its documents, prefetched by the officer's page, say so)."""
    if not any(doc.online_form for doc in dossier.procedure.required_documents.all()):
        return []
    rows = Declaration.objects.filter(dossier=dossier).select_related("required_document")
    return [
        {
            "title": row.required_document.online_form.get("title", ""),
            "sections": sections(row.required_document.online_form, row.data),
            "attachment_id": row.attachment_id,
            "filled_at": row.filled_at,
        }
        for row in rows
    ]
