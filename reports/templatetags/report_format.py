"""Template filters: numbers and rates the Vietnamese way (1.234; 98,5%; "-")."""

from django import template

from reports.formatting import vn_number

register = template.Library()


@register.filter(name="vn_number")
def vn_number_filter(value: int | None) -> str:
    """1234 -> '1.234'."""
    return vn_number(value)
