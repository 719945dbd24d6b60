"""Paper received at the desk: per required document, what was handed in (original, certified
copy, copy, and how many sheets, or not provided). The receipt slip prints this checklist; a
dossier whose papers the officer scanned at the desk is digitised ("đã số hóa", Decision 766
indicator 4.2, reports.levels). Rules: shared/domain.md, "Online service levels".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procedures.models import Procedure, RequiredDocument

if TYPE_CHECKING:
    from .models import Dossier

__all__ = [
    "PaperDocument",
    "PaperForm",
    "PaperItem",
    "paper_rows",
    "papers_from",
    "record_papers",
]

MAX_SHEETS = 999


class PaperForm(models.TextChoices):
    ORIGINAL = "original", gettext_lazy("Bản chính")
    CERTIFIED_COPY = "certified_copy", gettext_lazy("Bản sao có chứng thực")
    COPY = "copy", gettext_lazy("Bản sao, bản chụp")
    NOT_PROVIDED = "not_provided", gettext_lazy("Không nộp")


class PaperDocument(models.Model):
    """One line of the desk's checklist: a required document as handed in on paper."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="paper_documents"
    )
    required_document = models.ForeignKey(
        RequiredDocument, on_delete=models.PROTECT, related_name="+"
    )
    form = models.CharField(_("hình thức"), max_length=20, choices=PaperForm.choices)
    sheets = models.PositiveSmallIntegerField(_("số tờ"), default=0)

    class Meta:
        ordering = ["required_document__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "required_document"], name="one_paper_line_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.required_document_id} {self.form}"


@dataclass(frozen=True)
class PaperItem:
    document: RequiredDocument
    form: str
    sheets: int


def _sheets(raw: str, name: str) -> int:
    try:
        sheets = int(raw.strip())
    except ValueError:
        sheets = 0
    if not 1 <= sheets <= MAX_SHEETS:
        raise ValidationError(
            _("Số tờ của “%(name)s” phải là số từ 1 đến %(max)s.")
            % {"name": name, "max": MAX_SHEETS}
        )
    return sheets


def papers_from(data: Mapping[str, str], documents: Iterable[RequiredDocument]) -> list[PaperItem]:
    """The checklist posted as `paper_form_<pk>` and `paper_sheets_<pk>` per document.

    None posted at all: no checklist (a desk that keeps no paper record). Otherwise every
    document needs a form, and a number of sheets unless not provided; ValidationError lists
    what is wrong."""
    documents = list(documents)
    if not any(f"paper_form_{doc.pk}" in data for doc in documents):
        return []
    items, errors = [], []
    for doc in documents:
        form = (data.get(f"paper_form_{doc.pk}") or "").strip()
        if form not in PaperForm.values:
            errors.append(_("Vui lòng chọn hình thức đã nhận của “%(name)s”.") % {"name": doc.name})
            continue
        if form == PaperForm.NOT_PROVIDED:
            items.append(PaperItem(doc, form, 0))
            continue
        try:
            items.append(
                PaperItem(doc, form, _sheets(data.get(f"paper_sheets_{doc.pk}", ""), doc.name))
            )
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return items


def record_papers(dossier: Dossier, items: Iterable[PaperItem]) -> None:
    """Write the checklist of a dossier received at the desk (inside the caller's transaction)."""
    PaperDocument.objects.bulk_create(
        PaperDocument(dossier=dossier, required_document=i.document, form=i.form, sheets=i.sheets)
        for i in items
    )


def paper_rows(procedure: Procedure, data: Mapping[str, str]) -> list[dict[str, object]]:
    """The desk form's checklist: one row per required document, with what was posted (so a
    refused form keeps what the officer entered)."""
    return [
        {
            "document": doc,
            "form": data.get(f"paper_form_{doc.pk}", ""),
            "sheets": data.get(f"paper_sheets_{doc.pk}", ""),
        }
        for doc in procedure.required_documents.all()
    ]
