"""Alt text generated from chart data: what is measured, the range covered, extremes, the
latest value and the gaps, then every value in reading order, with numbers written as the
chart writes them. A screen reader user gets the chart's content, never a file name.

A chart with more than :data:`MAX_POINTS` values gets the summary only; its full table goes
to the speaker notes (:func:`table_text`), where a screen reader can step through it."""

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
MAX_LISTED = 8  # categories named in the opening sentence; more are counted
MAX_POINTS = 30  # values read out one by one; a larger chart's table goes to the notes
IN_NOTES = "The full table is in the speaker notes."


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
    parts.append(_values(spec, data) if listed(spec, data) else _highlights(spec) + IN_NOTES)
    return " ".join(parts)


def _highlights(spec: ChartSpec) -> str:
    """The highlights and their reasons, for a chart too large to read value by value."""
    said = [h.x + (f": {h.note}" if h.note else "") for h in spec.highlight]
    return f"Highlighted: {'; '.join(said)}. " if said else ""


def listed(spec: ChartSpec, data: ChartData) -> bool:
    """Whether the alt text can read out every value (else the notes carry the table)."""
    return len(data.x) * len(spec.series) <= MAX_POINTS


def _marks(spec: ChartSpec) -> dict[tuple[str, str | None], str]:
    """What a highlight adds after its value: '(highlighted: Peak)'."""
    return {(h.x, h.series): f" (highlighted{': ' + h.note if h.note else ''})"
            for h in spec.highlight}


def _values(spec: ChartSpec, data: ChartData) -> str:
    """Every value in reading order: along the one series, or category by category (as a
    grouped or stacked bar is read), a gap said as 'no value'."""
    fmt = formatter(spec, words=True)
    marks = _marks(spec)
    single = len(spec.series) == 1

    def said(row: int, column: str) -> str:
        value = data.values[column][row]
        text = "no value" if value is None else fmt(value)
        mark = marks.get((data.x[row], column)) or (marks.get((data.x[row], None), "")
                                                   if single else "")
        return text + mark

    if single:
        column = spec.series[0].column
        items = [f"{x}: {said(i, column)}" for i, x in enumerate(data.x)]
        return f"Values: {'; '.join(items)}."
    rows = []
    for i, x in enumerate(data.x):
        row_mark = marks.get((x, None), "")
        cells = ", ".join(f"{data.labels[s.column]} {said(i, s.column)}" for s in spec.series)
        rows.append(f"{x}{row_mark}: {cells}")
    return f"Values: {'; '.join(rows)}."


def table_text(spec: ChartSpec, data: ChartData) -> str:
    """The chart's data as lines of a table for the speaker notes: a header, then one
    line per category, values as the chart writes them."""
    fmt = formatter(spec)
    header = [spec.x_label or spec.x] + [data.labels[s.column] for s in spec.series]
    lines = ["Chart data: " + " | ".join(header)]
    for i, x in enumerate(data.x):
        cells = [("n/a" if v is None else fmt(v))
                 for v in (data.values[s.column][i] for s in spec.series)]
        lines.append(" | ".join([x] + cells))
    return "\n".join(lines)


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
    fmt = formatter(spec, words=True)
    marks = _marks(spec)
    shown = present if listed(spec, data) else present[:MAX_LISTED]
    items = [f"{x} {share(v, total)}" + ("" if spec.number_format == "percent" else f" ({fmt(v)})")
             + marks.get((x, None), marks.get((x, spec.series[0].column), ""))
             for x, v in shown]
    more = (f" and {len(present) - len(shown)} more. {_highlights(spec)}{IN_NOTES}"
            if len(shown) < len(present) else ".")
    return f"Shares: {', '.join(items)}{more}"
