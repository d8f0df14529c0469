"""Geometry of the analytics charts (numbers in, coordinates out; the templates draw the SVG and
Django escapes every label). Horizontal bars reuse koe.accounts.charts; weeks are columns."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from koe.accounts.charts import ValueChart, colour, value_bars

__all__ = ["ColumnChart", "bars", "colour", "nice_maximum", "week_columns"]


def nice_maximum(value: float) -> float:
    """The axis maximum: ``value`` rounded up to 1, 2 or 5 × a power of ten.

    >>> nice_maximum(7), nice_maximum(13), nice_maximum(0), nice_maximum(0.4)
    (10, 20, 1, 0.5)
    """
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power if step * power >= 1 else round(step * power, 6)
    return 10 * power  # pragma: no cover


def bars(rows: list[tuple[str, float | None]], *, maximum: float | None = None) -> ValueChart:
    """One horizontal bar per row; without ``maximum`` the longest bar fills the width."""
    top = maximum if maximum is not None else nice_maximum(max((v or 0 for _l, v in rows),
                                                               default=0))
    return value_bars(rows, maximum=top, label_width=190, bar_width=340)


@dataclass
class Block:
    y: float
    height: float
    colour: str
    series: str
    label: str
    count: int


@dataclass
class Column:
    label: str
    x: float
    center: float
    total: int
    blocks: list[Block] = field(default_factory=list)
    show_label: bool = True


@dataclass
class ColumnChart:
    columns: list[Column]
    width: int
    height: int
    left: int
    top: int
    plot_height: int
    column_width: float
    maximum: float
    ticks: list[tuple[float, float]]  # (y, value)


def week_columns(weeks: list[tuple[str, dict[str, int]]], *, series: list[tuple[str, str]],
                 plot_height: int = 180, width: int = 640, left: int = 40,
                 top: int = 10) -> ColumnChart:
    """Stacked columns, one per week, split by ``series`` ((key, label) in stacking order,
    colours by index).

    >>> c = week_columns([("3/2", {"pii": 2}), ("3/9", {"pii": 1, "secret": 1})],
    ...                  series=[("pii", "PII"), ("secret", "Secrets")], plot_height=100)
    >>> c.maximum, [b.height for b in c.columns[1].blocks]
    (2, [50.0, 50.0])
    """
    maximum = nice_maximum(max((sum(counts.values()) for _l, counts in weeks), default=0))
    n = max(1, len(weeks))
    column_width = (width - left - 10) / n
    every = max(1, math.ceil(n / 14))  # keep the week labels from overlapping
    columns = []
    for i, (label, counts) in enumerate(weeks):
        x = left + i * column_width + column_width * 0.15
        column = Column(label=label, x=round(x, 2), center=round(x + column_width * 0.35, 2),
                        total=sum(counts.values()), show_label=i % every == 0)
        base = top + plot_height
        for index, (name, series_label) in enumerate(series):
            count = counts.get(name, 0)
            if not count:
                continue
            height = plot_height * count / maximum
            base -= height
            column.blocks.append(Block(y=round(base, 2), height=round(height, 2),
                                       colour=colour(index), series=name, label=series_label,
                                       count=count))
        columns.append(column)
    ticks = [(round(top + plot_height * (1 - f), 2), maximum * f) for f in (0, 0.5, 1)]
    return ColumnChart(columns=columns, width=width, height=top + plot_height + 28, left=left,
                       top=top, plot_height=plot_height, column_width=round(column_width * 0.7, 2),
                       maximum=maximum, ticks=ticks)
