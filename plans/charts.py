"""Charts drawn on the server as inline SVG (no script, no CDN): horizontal bars and the
cards' sparklines. Every label is escaped; each chart carries its title for screen readers and
the page shows the same data as a table next to it."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from ocop_portal.text import format_thousands

BAR_COLOUR = "#2f7d4a"
LINE_COLOUR = "#2f7d4a"
WIDTH = 640
LABEL_WIDTH = 230
ROW_HEIGHT = 26
LABEL_CHARS = 34


def _number(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return format_thousands(int(value))


def _short(label: str) -> str:
    label = str(label)
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart(rows, *, title: str, chart_id: str) -> str:
    """Horizontal bars, one per (label, value) row, scaled to the largest value."""
    rows = list(rows)
    height = max(len(rows), 1) * ROW_HEIGHT + 8
    largest = max([value for _label, value in rows] + [0]) or 1
    bar_space = WIDTH - LABEL_WIDTH - 70
    parts = [
        f'<svg class="plans-chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for index, (label, value) in enumerate(rows):
        y = 4 + index * ROW_HEIGHT
        width = max(round(bar_space * value / largest), 1 if value else 0)
        parts.append(
            f"<g><title>{escape(label)}: {_number(value)}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end" font-size="13" fill="#333">'
            f"{escape(_short(label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{width}" height="{ROW_HEIGHT - 8}" rx="3" fill="{BAR_COLOUR}"/>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 17}" font-size="13" fill="#333">{_number(value)}</text></g>'
        )
    if not rows:
        parts.append(f'<text x="8" y="20" font-size="13" fill="#666">{escape("—")}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


def sparkline(points, *, label: str, goal=None) -> str:
    """A small line of the cumulative value month by month; a dashed line marks the target. A
    month without a value (a percentage of nobody) is drawn at 0."""
    values = [float(value or 0) for _month, value in points or []]
    if len(values) < 2:
        return ""
    width, height, pad = 160, 40, 3
    top = max(values + ([float(goal)] if goal else [])) or 1
    step = (width - 2 * pad) / (len(values) - 1)

    def y(value):
        return round(height - pad - (height - 2 * pad) * float(value) / top, 1)

    line = " ".join(f"{round(pad + i * step, 1)},{y(v)}" for i, v in enumerate(values))
    goal_line = ""
    if goal:
        goal_line = (
            f'<line x1="{pad}" x2="{width - pad}" y1="{y(goal)}" y2="{y(goal)}" stroke="#999" '
            'stroke-dasharray="3 3" stroke-width="1"/>'
        )
    return mark_safe(  # noqa: S308 — numbers and an escaped label only
        f'<svg class="plans-sparkline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">{goal_line}'
        f'<polyline fill="none" stroke="{LINE_COLOUR}" stroke-width="2" points="{line}"/></svg>'
    )
