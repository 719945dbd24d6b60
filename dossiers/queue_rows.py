"""The officer queue's rows, ready to print: what each cell says, worked out once per row.

A row prints itself (`QueueRow.html`, one format string) where the template printed a dozen
variables and conditions per row: the queue is the page officers reload all day, and its 25
rows were half of its template work (bench/README.md, pages section).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from .models import Dossier
from .queue import Urgency, waiting_time

ROW_CLASS = {Urgency.OVERDUE: "row-overdue", Urgency.DUE_SOON: "row-soon"}
MOMENT = "%H:%M %d/%m/%Y"  # as the template's date:"H:i d/m/Y"
ROW_HTML = (
    '<tr class="{}"><td><a href="{}"><strong>{}</strong></a></td>'
    '<td>{}<br><span class="meta">{}</span></td>'
    '<td>{}<br><span class="meta">{}</span></td>'
    '<td><span class="badge state-{}">{}</span>{}</td>'
    "<td>{}{}</td><td>{}</td></tr>\n"
)


@dataclass(frozen=True)
class Badge:
    css: str
    text: str
    title: str = ""


@dataclass(frozen=True)
class QueueRow:
    href: str
    code: str
    applicant: str
    phone: str
    procedure: str
    field: str
    state: str
    state_label: str
    badges: tuple[Badge, ...]
    when: str  # the due date, or how long a new dossier has waited
    when_note: str  # for a new dossier: when it was submitted
    channel: str
    row_class: str

    def html(self) -> SafeString:
        """The table row, every value escaped (the template prints {{ row.html }})."""
        badges = format_html_join(
            "",
            ' <span class="badge {}"{}>{}</span>',
            (
                (
                    badge.css,
                    format_html(' title="{}"', badge.title) if badge.title else "",
                    badge.text,
                )
                for badge in self.badges
            ),
        )
        note = (
            format_html('<br><span class="meta">{}</span>', self.when_note)
            if self.when_note
            else ""
        )
        return format_html(
            ROW_HTML,
            self.row_class,
            self.href,
            self.code,
            self.applicant,
            self.phone,
            self.procedure,
            self.field,
            self.state,
            self.state_label,
            badges,
            self.when,
            note,
            self.channel,
        )


@dataclass(frozen=True)
class _PageParts:
    """What every row of a page shares, worked out once per page."""

    now: datetime.datetime
    zone: datetime.tzinfo
    href: str  # the dossier's page, "{}" for its id (one reverse() a page, not one a row)
    supplemented: Badge
    fee: Badge
    by_urgency: dict[int, Badge]


# An id no dossier has, to be replaced by each row's own.
_ID_MARK = 987654321


def queue_rows(dossiers: Iterable[Dossier], now: datetime.datetime) -> list[QueueRow]:
    """One row per dossier of the page (annotated with `urgency` by queue.build_queue)."""
    href = reverse("dossiers:officer_detail", args=[_ID_MARK]).replace(str(_ID_MARK), "{}")
    parts = _PageParts(
        now=now,
        zone=timezone.get_current_timezone(),
        href=href,
        supplemented=Badge("badge-supplemented", gettext("Đã bổ sung")),
        fee=Badge(
            "badge-fee",
            gettext("6 · Chờ nộp phí"),
            gettext("Yêu cầu thực hiện nghĩa vụ tài chính"),
        ),
        by_urgency={
            Urgency.OVERDUE: Badge("badge-overdue", gettext("Quá hạn")),
            Urgency.DUE_SOON: Badge("badge-soon", gettext("Sắp đến hạn")),
        },
    )
    return [_row(dossier, parts) for dossier in dossiers]


def _row(dossier: Dossier, parts: _PageParts) -> QueueRow:
    badges = []
    if dossier.supplement_received_at:
        badges.append(parts.supplemented)
    if dossier.fee_unpaid:
        badges.append(parts.fee)
    if dossier.urgency in parts.by_urgency:
        badges.append(parts.by_urgency[dossier.urgency])
    when = when_note = ""
    if dossier.due_at:
        when = dossier.due_at.astimezone(parts.zone).strftime(MOMENT)
    elif dossier.submitted_at:
        when = waiting_time(dossier.submitted_at, parts.now)
        when_note = dossier.submitted_at.astimezone(parts.zone).strftime(MOMENT)
    return QueueRow(
        href=parts.href.format(dossier.pk),
        code=dossier.code or "",
        applicant=dossier.applicant_name,
        phone=dossier.applicant_phone,
        procedure=dossier.procedure.name,
        field=dossier.procedure.field.name,
        state=dossier.state,
        state_label=dossier.get_state_display(),
        badges=tuple(badges),
        when=when,
        when_note=when_note,
        channel=dossier.get_channel_display(),
        row_class=ROW_CLASS.get(dossier.urgency, ""),
    )
