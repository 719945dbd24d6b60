"""Public lookup: a dossier code plus the last 4 digits of the applicant's phone."""

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from motcua.ratelimit import too_many
from procedures.cache import names

from ..codes import normalise
from ..models import Dossier, DossierEvent
from ..timeline import timeline

# What the answer shows (templates/dossiers/lookup.html); the dossier has about 50 columns, and
# building the SQL for all of them and their objects cost more than finding the row. The
# procedure's and the agency's names come from the catalog's cache, not from a join.
SHOWN = ("code", "state", "due_at", "submitted_at", "procedure_id", "agency_id")
EVENT_COLUMNS = tuple(field.name for field in DossierEvent._meta.concrete_fields)


class LookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    so = forms.RegexField(
        label=_("4 số cuối điện thoại người nộp"),
        regex=r"^\d{4}$",
        max_length=4,
        error_messages={"invalid": _("Nhập đúng 4 chữ số cuối của số điện thoại.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_ma(self) -> str:
        """As stored (upper case, no spaces): found by exact match through the unique index."""
        return normalise(self.cleaned_data["ma"])


def lookup(request: HttpRequest) -> HttpResponse:
    """Without signing in. A wrong pair says "not found" whether or not the code exists."""
    has_query = "so" in request.GET
    form = LookupForm(request.GET if has_query else None, initial={"ma": request.GET.get("ma", "")})
    context: dict[str, object] = {"form": form}
    status = 200
    if has_query:
        if too_many(request, "lookup", limit=settings.LOOKUP_RATE_LIMIT):
            context["limited"] = True
            status = 429
        elif form.is_valid():
            dossier, events = _found(form.cleaned_data["ma"], form.cleaned_data["so"])
            if dossier is None:
                context["not_found"] = True
            else:
                known = names(request)
                context["dossier"] = dossier
                context["procedure_name"] = known.procedure(dossier.procedure_id)
                context["agency_name"] = known.agency(dossier.agency_id)
                context["entries"] = timeline(events, for_public=True)
    return render(request, "dossiers/lookup.html", context, status=status)


def _found(code: str, last_digits: str) -> tuple[Dossier | None, list[DossierEvent]]:
    """The dossier and its events, in one query: the events with their dossier joined, the
    dossier found by its unique code (every dossier with a code has the event of its
    submission). A dossier without events would cost a second query."""
    matches = {"code": code, "applicant_phone__endswith": last_digits}
    events = list(
        DossierEvent.objects.select_related("dossier")
        .only(*EVENT_COLUMNS, *(f"dossier__{name}" for name in SHOWN))
        .filter(**{f"dossier__{lookup}": value for lookup, value in matches.items()})
    )
    if events:
        return events[0].dossier, events
    return Dossier.objects.only(*SHOWN).filter(**matches).first(), []
