"""Geometry of the server-rendered SVG charts; ``templates/statistics/_charts.html`` draws it.

The charts are 400 units wide and scale to their container, so labels stay readable at 375 px. Colours
come from the Rijkshuisstijl palette the NL Design System themes use; each has at least 3:1 contrast with
white, adjacent segments are parted by a white line, and every chart has a legend and the data table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

WIDTH = 400
LINT_BLUE = "#154273"
SKY_BLUE = "#007bc7"
ORANGE = "#c25700"
GREEN = "#39870c"
RED = "#d52b1e"
VIOLET = "#a90061"
GREY = "#696969"


@dataclass(frozen=True)
class Series:
    label: str
    colour: str


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str = "#1a1a1a"
    width: float = 1


@dataclass
class Chart:
    """Shapes in drawing order, with the legend and the viewBox height."""

    height: float
    legend: list[Series] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    polylines: list[tuple[str, str]] = field(default_factory=list)  # (points, colour)
    width: int = WIDTH


def _number(value: float) -> str:
    text = f"{value:,.2f}" if value != int(value) else f"{int(value):,}"
    return text.replace(",", "\u202f").replace(".", ",")


def _axis(value: float) -> tuple[float, int]:
    """A round axis: the step (1, 2 or 5 times a power of ten) and the number of steps (at most 5)."""
    if value <= 0:
        return 1, 1
    magnitude = 10 ** (len(str(int(value))) - 2) if value >= 10 else 0.1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if math.ceil(value / step) <= 5:
                return step, max(1, math.ceil(value / step))
        magnitude *= 10


def bars(items: list[tuple[str, list[float]]], series: list[Series]) -> Chart:
    """Horizontal stacked bars: each item's label on a line of its own, the bar below, the total after it."""
    row, bar_height, left, span = 36, 14, 4, 320
    largest = max((sum(values) for _label, values in items), default=0) or 1
    chart = Chart(height=len(items) * row + 8, legend=series if len(series) > 1 else [])
    for n, (label, values) in enumerate(items):
        top = n * row
        chart.texts.append(Text(left, top + 14, label))
        x = left
        for value, one in zip(values, series, strict=True):
            width = span * value / largest
            if width > 0:
                chart.rects.append(Rect(round(x, 1), top + 19, round(width, 1), bar_height, one.colour))
            x += width
        chart.texts.append(Text(round(x + 6, 1), top + 31, _number(sum(values))))
    return chart


def columns(items: list[tuple[str, list[float]]], series: list[Series]) -> Chart:
    """Vertical stacked columns with a value axis (months along the bottom)."""
    top, bottom, left, plot_height = 10, 30, 40, 160
    step, steps = _axis(max((sum(values) for _label, values in items), default=0))
    axis_max = step * steps
    chart = Chart(height=top + plot_height + bottom, legend=series if len(series) > 1 else [])
    slot = (WIDTH - left - 4) / max(len(items), 1)
    for tick in range(steps + 1):
        value = step * tick
        y = round(top + plot_height - plot_height * tick / steps, 1)
        chart.lines.append(Line(left, y, WIDTH - 4, y, "#b9c2cc" if tick else "#1a1a1a"))
        chart.texts.append(Text(left - 4, y + 4, _number(round(value, 1)), "end"))
    for n, (label, values) in enumerate(items):
        x, base = left + n * slot + slot * 0.15, top + plot_height
        for value, one in zip(values, series, strict=True):
            height = plot_height * value / axis_max
            if height > 0:
                base -= height
                chart.rects.append(
                    Rect(round(x, 1), round(base, 1), round(slot * 0.7, 1), round(height, 1), one.colour)
                )
        chart.texts.append(Text(round(x + slot * 0.35, 1), top + plot_height + 18, label, "middle"))
    return chart


def boxes(items: list[tuple[str, float, float, float, float, float]], unit: str = "€") -> Chart:
    """Horizontal box plots (minimum, first quartile, median, third quartile, maximum) on one scale."""
    row, left, span = 40, 4, 370
    step, steps = _axis(max((item[5] for item in items), default=0))
    axis_max = step * steps
    chart = Chart(height=len(items) * row + 30)

    def x_of(value: float) -> float:
        return round(left + span * value / axis_max, 1)

    for n, (label, low, q1, median, q3, high) in enumerate(items):
        top = n * row
        chart.texts.append(Text(left, top + 14, f"{label} ({unit} {_number(median)})"))
        middle = top + 27
        chart.lines.append(Line(x_of(low), middle, x_of(high), middle, GREY))
        chart.rects.append(Rect(x_of(q1), top + 20, max(x_of(q3) - x_of(q1), 1.5), 14, SKY_BLUE))
        chart.lines.append(Line(x_of(median), top + 18, x_of(median), top + 36, LINT_BLUE, 3))
    base = len(items) * row + 6
    chart.lines.append(Line(left, base, left + span, base))
    for tick in range(steps + 1):
        value = step * tick
        anchor = "start" if tick == 0 else ("end" if tick == steps else "middle")
        chart.texts.append(Text(x_of(value), base + 18, f"{unit} {_number(round(value, 2))}", anchor))
    return chart


def lines(items: list[tuple[str, list[float]]], series: list[Series]) -> Chart:
    """Lines over months, one per series, with a dot at each value."""
    top, bottom, left, plot_height = 10, 30, 48, 150
    tick_step, steps = _axis(max((max(values) for _label, values in items if values), default=0))
    axis_max = tick_step * steps
    chart = Chart(height=top + plot_height + bottom, legend=series)
    step = (WIDTH - left - 16) / max(len(items) - 1, 1)
    for tick in range(steps + 1):
        y = round(top + plot_height - plot_height * tick / steps, 1)
        chart.lines.append(Line(left, y, WIDTH - 4, y, "#b9c2cc" if tick else "#1a1a1a"))
        chart.texts.append(Text(left - 4, y + 4, _number(round(tick_step * tick, 2)), "end"))
    for index, one in enumerate(series):
        points = []
        for n, (_label, values) in enumerate(items):
            x = round(left + 8 + n * step, 1)
            y = round(top + plot_height - plot_height * values[index] / axis_max, 1)
            points.append(f"{x},{y}")
            chart.rects.append(Rect(x - 3, y - 3, 6, 6, one.colour))
        chart.polylines.append((" ".join(points), one.colour))
    every = max(1, len(items) // 6)
    for n, (label, _values) in enumerate(items):
        if n % every == 0 or n == len(items) - 1:
            chart.texts.append(Text(round(left + 8 + n * step, 1), top + plot_height + 18, label, "middle"))
    return chart
