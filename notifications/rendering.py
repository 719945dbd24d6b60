"""Messages are Django templates, one file per message and language, one block per use.

`templates/notifications/<language>/<name>.html` defines up to four blocks:

- `subject`: the email subject (plain text);
- `short`: the SMS and the in-app line (plain text; SMS folds it to ASCII and one segment);
- `text`: the email's text part (plain text; defaults to `short`);
- `html`: the email's HTML part, set inside `notifications/email_layout.html`.

Plain-text blocks render with autoescaping off, the HTML block with it on. A message missing
in the citizen's language falls back to Vietnamese.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.template import Context
from django.template.loader import render_to_string, select_template
from django.template.loader_tags import BlockNode
from django.utils import translation
from django.utils.safestring import mark_safe

DEFAULT_LANGUAGE = "vi"


@dataclass(frozen=True)
class Rendered:
    subject: str
    short: str
    text: str
    html: str


def _clean_text(value: str) -> str:
    """Template indentation out; paragraphs (blank lines) kept."""
    lines = [" ".join(line.split()) for line in value.strip().splitlines()]
    paragraphs: list[str] = []
    for line in lines:
        if line or (paragraphs and paragraphs[-1]):
            paragraphs.append(line)
    return "\n".join(paragraphs).strip()


def render_message(name: str, context: Mapping[str, object], language: str) -> Rendered:
    """Render every block of message `name` in `language` (or Vietnamese)."""
    language = language if language in dict(settings.LANGUAGES) else DEFAULT_LANGUAGE
    candidates = [f"notifications/{language}/{name}.html"]
    if language != DEFAULT_LANGUAGE:
        candidates.append(f"notifications/{DEFAULT_LANGUAGE}/{name}.html")
    data = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    with translation.override(language):
        template = select_template(candidates).template
        blocks = {node.name: node for node in template.nodelist.get_nodes_by_type(BlockNode)}

        def block(block_name: str, *, html: bool = False) -> str:
            node = blocks.get(block_name)
            if node is None:
                return ""
            ctx = Context(data, autoescape=html)
            with ctx.bind_template(template):
                return node.nodelist.render(ctx)

        subject = " ".join(block("subject").split())
        short = " ".join(block("short").split())
        text = _clean_text(block("text")) or short
        body = block("html", html=True).strip()
        html = (
            render_to_string(
                "notifications/email_layout.html",
                {**data, "subject": subject, "content": mark_safe(body), "language": language},
            )
            if body
            else ""
        )
    return Rendered(subject=subject, short=short, text=text, html=html)
