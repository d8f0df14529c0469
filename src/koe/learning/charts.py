"""A small inline SVG bar chart (no JavaScript): one bar per label, values in percent."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def bar_chart_svg(rows: list[tuple[str, int]], *, title: str) -> SafeString:
    """Horizontal bars, 0–100 %, labels escaped.

    >>> "<script>" in bar_chart_svg([("<script>", 50)], title="t")
    False
    """
    bar_h, gap, label_w, width = 22, 8, 220, 520
    height = max(1, len(rows)) * (bar_h + gap) + gap
    bars = format_html_join("", (
        '<g><text x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="currentColor" opacity="0.75">'
        '<title>{}: {}%</title></rect>'
        '<text x="{}" y="{}" dominant-baseline="middle">{}%</text></g>'), (
        (label_w - 8, gap + i * (bar_h + gap) + bar_h // 2, label,
         label_w, gap + i * (bar_h + gap), round((width - label_w - 50) * max(0, min(100, v)) / 100),
         bar_h, label, v,
         label_w + round((width - label_w - 50) * max(0, min(100, v)) / 100) + 6,
         gap + i * (bar_h + gap) + bar_h // 2, v)
        for i, (label, v) in enumerate(rows)))
    return format_html('<svg class="learning-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
                       'width="100%" xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
                       title, width, height, title, bars)
