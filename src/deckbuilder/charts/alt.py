"""Alt text generated from chart data: what is measured, the range covered, extremes, the
latest value and the gaps, with numbers written as the chart writes them. A screen reader
user gets the chart's content, never a file name."""

from __future__ import annotations

from .data import ChartData
from .geometry import years
from .numbers import formatter, share
from .spec import ChartSpec

TYPE_NAMES = {
    "column": "Column chart", "bar": "Bar chart", "grouped_column": "Grouped column chart",
    "stacked_column": "Stacked column chart", "line": "Line chart", "area": "Area chart",
    "pie": "Pie chart", "donut": "Donut chart", "scatter": "Scatter plot",
}
MAX_LISTED = 8  # categories named one by one; more are summarised


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def ordered(spec: ChartSpec, data: ChartData) -> bool:
    """Whether x runs in time (years or periods), so 'latest' and 'from ... to' mean something."""
    if spec.sort != "none" or spec.type in ("pie", "donut", "bar", "scatter"):
        return False
    return years(data.x) is not None or all(x[:1].isdigit() for x in data.x)


def describe(spec: ChartSpec, data: ChartData) -> str:
    """A few sentences a screen reader can read instead of the picture."""
    fmt = formatter(spec, words=True)
    unit = spec.unit or data.unit
    measured = _joined([data.labels[s.column] for s in spec.series])
    head = f"{TYPE_NAMES[spec.type]} of {measured}" + (f" ({unit})" if unit else "")
    in_time = ordered(spec, data)
    if spec.type in ("pie", "donut"):
        return f"{head}. {_shares(spec, data)}"
    if in_time:
        head += f", {spec.x.replace('_', ' ')} {data.x[0]} to {data.x[-1]}"
    elif len(data.x) <= MAX_LISTED:
        head += f", {len(data.x)} categories: {_joined(data.x)}"
    else:
        head += f", {len(data.x)} categories"
    parts = [head + "."]
    for s in spec.series:
        points = [(x, v) for x, v in zip(data.x, data.values[s.column]) if v is not None]
        if not points:
            continue
        low = min(points, key=lambda p: p[1])
        high = max(points, key=lambda p: p[1])
        facts = [f"minimum {fmt(low[1])} ({low[0]})", f"maximum {fmt(high[1])} ({high[0]})"]
        if in_time:
            facts.append(f"latest {fmt(points[-1][1])} ({points[-1][0]})")
        gaps = [x for x, v in zip(data.x, data.values[s.column]) if v is None]
        if gaps:
            facts.append(f"no value for {_joined(gaps)}")
        sentence = ", ".join(facts)
        parts.append(f"{data.labels[s.column]}: {sentence}." if len(spec.series) > 1
                     else sentence[0].upper() + sentence[1:] + ".")
    found = years(data.x)
    if in_time and found:
        skipped = sorted(set(range(found[0], found[-1] + 1)) - set(found))
        if skipped:
            parts.append(f"No data for {_joined(_spans(skipped))}.")
    notes = [f"{h.x}: {h.note}" for h in spec.highlight if h.note]
    if notes:
        parts.append("Highlighted: " + "; ".join(notes) + ".")
    return " ".join(parts)


def _spans(years_: list[int]) -> list[str]:
    """[1991, 1992, 1993, 1997] -> ['1991-1993', '1997']."""
    spans: list[list[int]] = []
    for year in years_:
        if spans and year == spans[-1][-1] + 1:
            spans[-1].append(year)
        else:
            spans.append([year])
    return [f"{s[0]}-{s[-1]}" if len(s) > 1 else str(s[0]) for s in spans]


def _shares(spec: ChartSpec, data: ChartData) -> str:
    values = data.values[spec.series[0].column]
    present = [(x, v) for x, v in zip(data.x, values) if v]
    total = sum(v for _, v in present)
    listed = [f"{x} {share(v, total)}" for x, v in present[:MAX_LISTED]]
    more = f" and {len(present) - MAX_LISTED} more" if len(present) > MAX_LISTED else ""
    return f"Shares: {', '.join(listed)}{more}."
