"""Numbers and rates the Vietnamese way: 1.234 and 98,5%; a rate of nothing is "-".

Rates are kept as a numerator and a denominator (never a float) and rounded half up only
when shown, so a rate read from a frozen report is the rate that was printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

DASH = "-"
_HUNDRED = Decimal(100)


def vn_number(value: int | Decimal | None) -> str:
    """1234567 -> '1.234.567'; None -> '-'."""
    if value is None:
        return DASH
    return f"{int(value):,}".replace(",", ".")


def vn_decimal(value: Decimal, places: int = 2) -> str:
    """Decimal('111.0600') -> '111,06'; '98.50' -> '98,5'; '100.00' -> '100'.

    Rounded half up to `places`, trailing zeros dropped, thousands grouped with a dot.
    """
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    fraction = fraction.rstrip("0")
    text = vn_number(int(whole))
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


@dataclass(frozen=True)
class Rate:
    """numerator / denominator; undefined (shown "-") when the denominator is 0."""

    numerator: int
    denominator: int

    @property
    def defined(self) -> bool:
        return self.denominator > 0

    @property
    def percent(self) -> Decimal | None:
        """The exact percentage (not rounded), or None."""
        if not self.defined:
            return None
        return Decimal(self.numerator) * _HUNDRED / Decimal(self.denominator)

    def __str__(self) -> str:
        return vn_percent(self.percent)


def vn_percent(percent: Decimal | None, places: int = 2) -> str:
    """Decimal('98.5') -> '98,5%'; None -> '-'."""
    if percent is None:
        return DASH
    return f"{vn_decimal(percent, places)}%"


@dataclass(frozen=True)
class Index:
    """100% - (a + b) for two rates (Decision 766/QĐ-TTg); undefined if either is."""

    minus: tuple[Rate, ...]

    @property
    def percent(self) -> Decimal | None:
        parts = [rate.percent for rate in self.minus]
        if any(part is None for part in parts):
            return None
        return _HUNDRED - sum(parts, Decimal(0))

    def __str__(self) -> str:
        return vn_percent(self.percent)
