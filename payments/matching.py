"""Which dossier a bank transfer pays for: its code in the transfer note.

Banks keep the note more or less as typed: some drop the dots and hyphens, some put their own
words before and after, some upper-case it. A dossier code is `{agency}-{yyMMdd}-{NNNN}`; with
everything but letters and digits taken out, its last ten characters are digits (date and
number). So: every run of ten digits in the folded note gives a candidate date and number, the
dossiers whose code ends with them are fetched (one query), and the one whose folded code
appears in the folded note is the match.
"""

from __future__ import annotations

import re

from django.db.models import Q

from dossiers.models import Dossier
from procedures.text import fold

_TAIL = re.compile(r"(?=(\d{6})(\d{4}))")
_MAX_CANDIDATES = 20


def folded(text: str) -> str:
    """Upper-case letters and digits only, diacritics removed."""
    return re.sub(r"[^0-9A-Z]", "", fold(text).upper())


def find_dossier(note: str) -> Dossier | None:
    """The dossier whose code is in the transfer note, or None."""
    text = folded(note)
    tails = {f"-{day}-{number}" for day, number in _TAIL.findall(text)}
    if not tails:
        return None
    condition = Q()
    for tail in sorted(tails)[:_MAX_CANDIDATES]:
        condition |= Q(code__endswith=tail)
    for dossier in Dossier.objects.filter(condition).select_related("agency"):
        if folded(dossier.code or "") in text:
            return dossier
    return None
