"""Alt text generated from chart data: what is measured, the range, extremes, latest value."""

from __future__ import annotations

from ..formatting import compact, thousands
from .spec import ChartSpec

TYPE_NAMES = {
    "column": "Column chart", "bar": "Bar chart", "grouped_column": "Grouped column chart",
    "stacked_column": "Stacked column chart", "line": "Line chart", "area": "Area chart",
    "pie": "Pie chart", "donut": "Donut chart", "scatter": "Scatter plot",
}


def _fmt(value: float) -> str:
    return compact(value) if abs(value) >= 1e6 else thousands(value, 0 if value == int(value) else 1)


def describe(spec: ChartSpec, data) -> str:
    """One or two sentences a screen reader can read instead of the picture."""
    parts = []
    unit = f" ({spec.unit or data.unit})" if (spec.unit or data.unit) else ""
    labels = ", ".join(data.labels.get(s.column, s.column) for s in spec.series)
    span = f"{data.x[0]} to {data.x[-1]}" if len(data.x) > 1 else data.x[0]
    parts.append(f"{TYPE_NAMES[spec.type]} of {labels}{unit} by {spec.x.replace('_', ' ')}, "
                 f"{span}.")
    for s in spec.series:
        points = [(x, v) for x, v in zip(data.x, data.values[s.column]) if v is not None]
        if not points:
            continue
        low = min(points, key=lambda p: p[1])
        high = max(points, key=lambda p: p[1])
        last = points[-1]
        name = data.labels.get(s.column, s.column)
        prefix = f"{name}: " if len(spec.series) > 1 else ""
        parts.append(f"{prefix}minimum {_fmt(low[1])} ({low[0]}), maximum {_fmt(high[1])} "
                     f"({high[0]}), latest {_fmt(last[1])} ({last[0]}).")
    return " ".join(parts)
