"""The public catalog, cached until an administrator edits it (ADR 0006: an accelerator only).

Its pages and the site's name change only when an administrator edits a procedure, a field,
a required document or an agency; procedures.signals then drops them all (`catalog.bump`).
With Redis unreachable every page is computed, as without a cache.
"""

from motcua.cache import Generation

from .models import Field, Procedure

catalog = Generation("catalog")


def filter_choices() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The fields and the procedures as (id, name) pairs, in catalog order, for filter forms."""

    def compute() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        fields = list(Field.objects.values_list("pk", "name"))
        procedures = list(Procedure.objects.values_list("pk", "name"))
        return fields, procedures

    return catalog.get_or_set(("filter_choices",), compute)
