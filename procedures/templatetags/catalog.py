"""How the catalog reads aloud: money, processing time, fees, file kinds."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from procedures.models import FileKind, Procedure, TimeUnit

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """8000 -> '8.000 đồng' (Vietnamese groups thousands with a dot)."""
    grouped = f"{int(amount or 0):,}".replace(",", ".")
    return _("%(amount)s đồng") % {"amount": grouped}


@register.filter
def processing_time(procedure: Procedure) -> str:
    """'3 ngày làm việc', '4 giờ làm việc' or 'Trong ngày'."""
    n = procedure.processing_amount
    if procedure.processing_unit == TimeUnit.SAME_DAY:
        return _("Trong ngày")
    if procedure.processing_unit == TimeUnit.WORKING_HOURS:
        return ngettext("%(n)s giờ làm việc", "%(n)s giờ làm việc", n) % {"n": n}
    return ngettext("%(n)s ngày làm việc", "%(n)s ngày làm việc", n) % {"n": n}


@register.filter
def fee(procedure: Procedure) -> str:
    """Exempt by law, nothing to pay, or the amount."""
    if procedure.fee_exempt:
        return _("Miễn lệ phí")
    if not procedure.fee_vnd:
        return _("Không thu phí")
    return vnd(procedure.fee_vnd)


@register.filter
def file_kinds(kinds: list[str] | None) -> str:
    """['pdf', 'jpeg'] -> 'PDF, JPEG'; unknown values are skipped."""
    labels = {kind.value: str(kind.label) for kind in FileKind}
    return ", ".join(labels[k] for k in kinds or [] if k in labels)
