"""The timeline in plain Vietnamese, from the audit trail (DossierEvent rows).

Every dossier page shows one (the public lookup, the citizen's and the officer's pages); it
prints itself (`Timeline.html`) instead of going through a template node by node per event.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from .event_kinds import spec_of
from .events import DossierEvent


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    title: str
    lines: list[str]
    kind: str
    actor: str = ""

    def html(self) -> SafeString:
        actor = format_html(' <span class="meta">· {}</span>', self.actor) if self.actor else ""
        return format_html(
            '  <li class="timeline-{}">\n    <time datetime="{}">{}</time>\n'
            "    <strong>{}</strong>{}\n    {}\n  </li>\n",
            self.kind,
            self.at.isoformat(),
            self.at.strftime("%H:%M, %d/%m/%Y"),
            self.title,
            actor,
            format_html_join("", "<p>{}</p>", ((line,) for line in self.lines)),
        )


def describe(event: DossierEvent, *, for_public: bool = False) -> TimelineEntry:
    """What happened, said to a citizen. `for_public` leaves out names and free-text notes."""
    spec = spec_of(event)
    lines = spec.lines(event, for_public)
    if event.note and (not for_public or spec.public_note):
        lines.append(event.note)
    return TimelineEntry(
        at=timezone.localtime(event.created_at), title=str(spec.title), lines=lines, kind=event.kind
    )


class Timeline(list[TimelineEntry]):
    """The entries, newest first; `{{ entries.html }}` in a template prints them as a list."""

    def html(self) -> SafeString:
        if not self:
            empty = format_html("  <li>{}</li>\n", gettext("Chưa có hoạt động nào."))
            return format_html('<ol class="timeline">\n{}</ol>', empty)
        items = format_html_join("", "{}", ((entry.html(),) for entry in self))
        return format_html('<ol class="timeline">\n{}</ol>', items)


def timeline(events: list[DossierEvent], *, for_public: bool = False) -> Timeline:
    """Newest first (the events of one query; no name is shown, so no actor is needed)."""
    return Timeline(describe(e, for_public=for_public) for e in reversed(events))
