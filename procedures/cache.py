"""The public catalog, cached until an administrator edits it (ADR 0006: an accelerator only).

Its pages and the site's name change only when an administrator edits a procedure, a field,
a required document or an agency; procedures.signals then drops them all (`catalog.bump`).
With Redis unreachable every page is computed, as without a cache.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from agencies.models import Agency
from motcua.cache import Generation

from .models import Field, Procedure

catalog = Generation("catalog")


@dataclass(frozen=True)
class Names:
    """The names pages print beside a dossier or in their header: the site's (the top
    agency's), every agency's and every procedure's, by id."""

    site: str
    agencies: dict[int, str]
    procedures: dict[int, str]

    def agency(self, pk: int) -> str:
        """An agency made after these names were kept (another process, no Redis) is read."""
        found = self.agencies.get(pk)
        return (
            found if found is not None else Agency.objects.values_list("name", flat=True).get(pk=pk)
        )

    def procedure(self, pk: int) -> str:
        found = self.procedures.get(pk)
        if found is not None:
            return found
        return Procedure.objects.values_list("name", flat=True).get(pk=pk)


def names(request: HttpRequest) -> Names:
    """The catalog's names, one cache read per request (the page and its header share it)."""
    kept = getattr(request, "_catalog_names", None)
    if kept is None:

        def compute() -> Names:
            agencies = list(Agency.objects.values_list("pk", "name", "parent_id").order_by("pk"))
            top = next((name for _pk, name, parent in agencies if parent is None), None)
            return Names(
                # The top agency (the province) unless the settings name the site.
                site=settings.SITE_AGENCY_NAME or top or settings.SITE_NAME,
                agencies={pk: name for pk, name, _parent in agencies},
                procedures=dict(Procedure.objects.values_list("pk", "name")),
            )

        kept = request._catalog_names = catalog.get_or_set(("names",), compute)
    return kept


def filter_choices() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The fields and the procedures as (id, name) pairs, in catalog order, for filter forms."""

    def compute() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        fields = list(Field.objects.values_list("pk", "name"))
        procedures = list(Procedure.objects.values_list("pk", "name"))
        return fields, procedures

    return catalog.get_or_set(("filter_choices",), compute)
