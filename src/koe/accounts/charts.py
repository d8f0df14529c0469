"""Geometry for the small inline SVG charts (no JavaScript library): stacked bars and trends.

Pure functions: numbers in, coordinates out. Templates draw them, and Django escapes every
label, so user text never reaches the SVG unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Colours that stay apart for common colour-vision deficiencies (Okabe–Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


@dataclass
class Segment:
    x: float
    width: float
    colour: str
    count: int
    series: int


@dataclass
class StackedRow:
    label: str
    y: float
    total: int
    segments: list[Segment] = field(default_factory=list)


@dataclass
class StackedChart:
    rows: list[StackedRow]
    width: int
    height: int
    label_width: int
    bar_width: int
    row_height: int


def stacked_bars(rows: list[tuple[str, list[int]]], *, label_width: int = 170,
                 bar_width: int = 320, row_height: int = 26) -> StackedChart:
    """One 100 % bar per row, split by the row's counts.

    >>> chart = stacked_bars([("Sales", [1, 3])], bar_width=100)
    >>> [round(s.width) for s in chart.rows[0].segments]
    [25, 75]
    """
    out = []
    for n, (label, counts) in enumerate(rows):
        total = sum(counts)
        row = StackedRow(label=label, y=n * row_height + 4, total=total)
        x = float(label_width)
        for index, count in enumerate(counts):
            if not count or not total:
                continue
            width = bar_width * count / total
            row.segments.append(Segment(x=round(x, 2), width=round(width, 2), colour=colour(index),
                                        count=count, series=index))
            x += width
        out.append(row)
    return StackedChart(rows=out, width=label_width + bar_width + 50,
                        height=max(1, len(rows)) * row_height + 8, label_width=label_width,
                        bar_width=bar_width, row_height=row_height)


@dataclass
class ValueBar:
    label: str
    y: float
    width: float
    value: float | None


@dataclass
class ValueChart:
    bars: list[ValueBar]
    width: int
    height: int
    label_width: int
    bar_width: int
    row_height: int


def value_bars(rows: list[tuple[str, float | None]], *, maximum: float, label_width: int = 170,
               bar_width: int = 320, row_height: int = 26) -> ValueChart:
    """One bar per row, its length ``value / maximum`` of the bar width.

    >>> value_bars([("Sales", 2.5)], maximum=5, bar_width=100).bars[0].width
    50.0
    """
    bars = []
    for n, (label, value) in enumerate(rows):
        width = 0.0 if value is None or maximum <= 0 else bar_width * min(value, maximum) / maximum
        bars.append(ValueBar(label=label, y=n * row_height + 4, width=round(width, 2), value=value))
    return ValueChart(bars=bars, width=label_width + bar_width + 50,
                      height=max(1, len(rows)) * row_height + 8, label_width=label_width,
                      bar_width=bar_width, row_height=row_height)


@dataclass
class Trend:
    points: str
    dots: list[tuple[float, float, float]]
    target_y: float | None
    width: int
    height: int


def trend(values: list[float], *, target: float | None = None, baseline: float | None = None,
          width: int = 180, height: int = 48, pad: int = 4) -> Trend:
    """A small line of ``values`` (oldest first), with the target as a dashed line.

    >>> t = trend([0, 5, 10], target=10, width=20, height=10, pad=0)
    >>> t.points, t.target_y
    ('0.0,10.0 10.0,5.0 20.0,0.0', 0.0)
    """
    scale_values = [v for v in [*values, target, baseline] if v is not None]
    low = min(scale_values, default=0.0)
    high = max(scale_values, default=1.0)
    if high == low:
        high = low + 1
    inner_w, inner_h = width - 2 * pad, height - 2 * pad

    def y_of(v: float) -> float:
        return round(pad + inner_h * (1 - (v - low) / (high - low)), 2)

    step = inner_w / (len(values) - 1) if len(values) > 1 else 0
    dots = [(round(pad + (i * step if len(values) > 1 else inner_w / 2), 2), y_of(v), v)
            for i, v in enumerate(values)]
    return Trend(points=" ".join(f"{x},{y}" for x, y, _ in dots), dots=dots,
                 target_y=y_of(target) if target is not None else None, width=width,
                 height=height)
