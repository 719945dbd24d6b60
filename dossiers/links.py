"""Absolute links in messages about a dossier, and the hook other apps use to add theirs.

`dossiers` never imports the apps above it (satisfaction, payments). An app that wants its own
link in the "returned" message (the satisfaction survey) registers a provider from its
`AppConfig.ready()`; without one, the message links to the citizen's dossier page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.urls import reverse

from .models import Dossier

ReturnedLinkProvider = Callable[[Dossier], str]

_returned_link: ReturnedLinkProvider | None = None


def absolute(path: str) -> str:
    """SITE_URL + path: links in SMS and email must work outside the site."""
    return settings.SITE_URL.rstrip("/") + path


def dossier_page_url(dossier: Dossier) -> str:
    return absolute(reverse("dossiers:my_dossier", args=[dossier.pk]))


def register_returned_link(provider: ReturnedLinkProvider) -> None:
    """Make `provider(dossier)` the link of the "returned" message (called once, in ready())."""
    global _returned_link
    _returned_link = provider


def returned_link(dossier: Dossier) -> str:
    """The link the citizen gets when the result is handed over."""
    if _returned_link is None:
        return dossier_page_url(dossier)
    return _returned_link(dossier)
