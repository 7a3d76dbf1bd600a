"""Chart geometry for the statistics page, drawn as SVG by `templates/dashboard/_charts.html`.

These functions only compute rectangles, positions and labels; the template writes the
SVG with Jinja's autoescaping, so a moderator name or a category label can never inject
markup. No JavaScript and no chart library: the page works offline and without scripts.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

WIDTH = 640
BAR_AREA = 170
TOP = 10


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: str
    value: int
    label: str


@dataclass(frozen=True)
class Chart:
    """A chart: its bars, axis labels and legend, and the SVG size."""

    title: str
    width: int
    height: int
    bars: list[Bar]
    labels: list[tuple[float, float, str]]
    legend: list[str]
    maximum: int
    kind: str = "columns"

    def series_index(self, name: str) -> int:
        """The colour slot of a series (its place in the legend)."""
        return self.legend.index(name)


def stacked_columns(title: str, columns: Sequence[str],
                    values: Mapping[str, Mapping[str, int]], series: Sequence[str]) -> Chart:
    """One column per `columns` entry (e.g. a day), stacked by `series` (e.g. status)."""
    totals = [sum(values.get(col, {}).get(s, 0) for s in series) for col in columns]
    maximum = max(totals, default=0) or 1
    step = WIDTH / max(1, len(columns))
    label_every = -(-len(columns) // 7)  # at most 7 day labels, so they never overlap
    bars, labels = [], []
    for index, column in enumerate(columns):
        x, bottom = index * step + step * 0.15, TOP + BAR_AREA
        for name in series:
            value = values.get(column, {}).get(name, 0)
            if value:
                height = BAR_AREA * value / maximum
                bottom -= height
                bars.append(Bar(round(x, 1), round(bottom, 1), round(step * 0.7, 1),
                                round(height, 1), name, value, f"{column}: {value} {name}"))
        if index % label_every == 0:
            labels.append((round(x + step * 0.35, 1), TOP + BAR_AREA + 20, column[5:]))
    return Chart(title, WIDTH, TOP + BAR_AREA + 30, bars, labels, list(series), maximum)


def horizontal_bars(title: str, rows: Sequence[tuple[str, Mapping[str, int]]],
                    series: Sequence[str]) -> Chart:
    """One row per label (e.g. a moderator), stacked left to right by `series`."""
    totals = [sum(parts.get(s, 0) for s in series) for _, parts in rows]
    maximum = max(totals, default=0) or 1
    label_width, row_height, area = 150, 34, WIDTH - 150 - 50
    bars, labels = [], []
    for index, (label, parts) in enumerate(rows):
        y, x = TOP + index * row_height, float(label_width)
        labels.append((label_width - 8, y + 20, label))
        for name in series:
            value = parts.get(name, 0)
            if value:
                width = area * value / maximum
                bars.append(Bar(round(x, 1), y, round(width, 1), row_height - 8, name, value,
                                f"{label}: {value} {name}"))
                x += width
    return Chart(title, WIDTH, TOP + max(1, len(rows)) * row_height + 6, bars, labels,
                 list(series), maximum, kind="rows")
