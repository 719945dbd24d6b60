"""The 12-month trend as SVG, drawn on the server: the same drawing on the page and in the PDF.

Stacked bars: online dossiers received per level (một phần / level 3 below, toàn trình /
level 4 above), on the left axis; a line: the on-time rate, on the right axis (0-100%).
Only presentation attributes (no `style`), so the page's content-security policy allows it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from .formatting import Rate, vn_number
from .trend import TrendPoint

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 52, 52, 46, 44
FONT = "MotCua Sans, DejaVu Sans, Noto Sans, Arial, sans-serif"
INK, MUTED, GRID = "#1b1f24", "#5a6472", "#d5dae1"
PARTIAL_COLOUR = "#7aa7d9"  # level 3: light blue
FULL_COLOUR = "#0b57a4"  # level 4: dark blue
LINE_COLOUR = "#a3171d"  # on-time rate: the brand red

LEGEND_PARTIAL = "Một phần (mức độ 3)"
LEGEND_FULL = "Toàn trình (mức độ 4)"
LEGEND_RATE = "Tỷ lệ đúng hạn"


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2, 2.5 or 5 x 10^k that is >= value (at least 4, for 4 grid steps)."""
    if value <= 4:
        return 4
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        ceiling = int(step * power)
        if ceiling >= value and ceiling % 4 == 0:
            return ceiling
    return int(10 * power)


def _month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{month}/{year[2:]}"


def _text(
    x: float, y: float, text: str, *, anchor: str = "middle", size: int = 11, fill: str = INK
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{fill}">{escape(text)}</text>'
    )


def describe(points: Sequence[TrendPoint]) -> str:
    """A sentence per month, for screen readers and the PDF's alt text."""
    parts = []
    for point in points:
        rate = Rate(point.on_time, point.processed)
        parts.append(
            f"{_month_label(point.month)}: {vn_number(point.online_partial)} một phần, "
            f"{vn_number(point.online_full)} toàn trình, đúng hạn {rate}"
        )
    return "; ".join(parts) + "."


PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
BASELINE = TOP + PLOT_H  # y of the bars' foot: 0 dossiers, 0%

# A dot of the on-time line: x, y, its month, its rate.
LinePoint = tuple[float, float, TrendPoint, Decimal]


def trend_svg(points: Sequence[TrendPoint], *, title: str, ident: str = "trend") -> str:
    """The chart as a standalone SVG document (also fine inline in HTML)."""
    ceiling = nice_ceiling(max((p.online_partial + p.online_full for p in points), default=0))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family={quoteattr(FONT)} '
        f'class="trend-chart">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(describe(points))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        *_grid(ceiling),
    ]
    bars, line_points = _bars(points, ceiling)
    out.extend(bars)
    out.extend(_rate_line(line_points))
    out.append(
        f'<line x1="{LEFT}" y1="{BASELINE}" x2="{WIDTH - RIGHT}" y2="{BASELINE}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    )
    out.extend(_legend())
    out.append("</svg>")
    return "\n".join(out)


def _grid(ceiling: int) -> list[str]:
    """Grid lines and both axes' labels: counts on the left, 0, 25, 50, 75, 100% on the right."""
    out = []
    for step in range(5):
        y = BASELINE - PLOT_H * step / 4
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(_text(LEFT - 6, y + 4, vn_number(ceiling * step // 4), anchor="end", size=10))
        out.append(_text(WIDTH - RIGHT + 6, y + 4, f"{25 * step}%", anchor="start", size=10))
    out.append(_text(LEFT - 6, TOP - 12, "Hồ sơ", anchor="end", size=10, fill=MUTED))
    out.append(_text(WIDTH - 4, TOP - 12, "Đúng hạn", anchor="end", size=10, fill=MUTED))
    return out


def _bars(points: Sequence[TrendPoint], ceiling: int) -> tuple[list[str], list[LinePoint]]:
    """A stacked bar and a label per month; and where the on-time line has its dots."""
    slot = PLOT_W / max(len(points), 1)
    bar_w = slot * 0.56
    out = []
    line_points: list[LinePoint] = []
    for i, point in enumerate(points):
        centre = LEFT + slot * (i + 0.5)
        x = centre - bar_w / 2
        h_partial = PLOT_H * point.online_partial / ceiling
        h_full = PLOT_H * point.online_full / ceiling
        label = (
            f"{_month_label(point.month)}: {vn_number(point.online_partial)} một phần, "
            f"{vn_number(point.online_full)} toàn trình"
        )
        out.append(f"<g><title>{escape(label)}</title>")
        if h_partial > 0:
            out.append(
                f'<rect x="{x:.1f}" y="{BASELINE - h_partial:.1f}" width="{bar_w:.1f}" '
                f'height="{h_partial:.1f}" fill="{PARTIAL_COLOUR}"/>'
            )
        if h_full > 0:
            out.append(
                f'<rect x="{x:.1f}" y="{BASELINE - h_partial - h_full:.1f}" '
                f'width="{bar_w:.1f}" height="{h_full:.1f}" fill="{FULL_COLOUR}"/>'
            )
        out.append("</g>")
        out.append(_text(centre, BASELINE + 16, _month_label(point.month), size=10))
        rate = Rate(point.on_time, point.processed).percent
        if rate is not None:
            line_points.append((centre, BASELINE - PLOT_H * float(rate) / 100, point, rate))
    return out, line_points


def _rate_line(line_points: Sequence[LinePoint]) -> list[str]:
    """The on-time line, with a dot per month that has dossiers (a gap-free polyline)."""
    out = []
    if len(line_points) > 1:
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y, _p, _r in line_points)
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{LINE_COLOUR}" '
            f'stroke-width="2.5" stroke-linejoin="round"/>'
        )
    for x, y, point, _rate in line_points:
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#ffffff" '
            f'stroke="{LINE_COLOUR}" stroke-width="2">'
            f"<title>{escape(_month_label(point.month))}: đúng hạn "
            f"{escape(str(Rate(point.on_time, point.processed)))}</title></circle>"
        )
    return out


def _legend() -> list[str]:
    """The legend, on top: the two levels' colours, then the line."""
    out = []
    x = LEFT
    y = 16
    for colour, text in ((PARTIAL_COLOUR, LEGEND_PARTIAL), (FULL_COLOUR, LEGEND_FULL)):
        out.append(f'<rect x="{x}" y="{y - 9}" width="12" height="12" fill="{colour}"/>')
        out.append(_text(x + 17, y + 1, text, anchor="start", size=11))
        x += 28 + 7 * len(text)
    out.append(
        f'<line x1="{x}" y1="{y - 3}" x2="{x + 20}" y2="{y - 3}" stroke="{LINE_COLOUR}" '
        f'stroke-width="2.5"/>'
    )
    out.append(
        f'<circle cx="{x + 10}" cy="{y - 3}" r="3.5" fill="#ffffff" stroke="{LINE_COLOUR}" '
        f'stroke-width="2"/>'
    )
    out.append(_text(x + 26, y + 1, LEGEND_RATE, anchor="start", size=11))
    return out
