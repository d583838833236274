"""Alt text generated from chart data: what is measured, the range covered, extremes, the
latest value and the gaps, then every value in reading order, with numbers written as the
chart writes them. A screen reader user gets the chart's content, never a file name.

A chart with more than :data:`MAX_POINTS` values gets the summary only; its full table goes
to the speaker notes (:func:`table_text`), where a screen reader can step through it."""

from __future__ import annotations

from typing import Mapping

from .data import ChartData
from .geometry import years
from ..locales import labels_for
from .numbers import formatter, language, share
from .spec import ChartSpec

Labels = Mapping[str, str]  # the deck's phrases (locales.labels_for): 'alt_values', 'and'…

MAX_LISTED = 8  # categories named in the opening sentence; more are counted
MAX_POINTS = 30  # values read out one by one; a larger chart's table goes to the notes


def _joined(items: list[str], labels: Labels) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + labels["and"] + items[-1]


def ordered(spec: ChartSpec, data: ChartData) -> bool:
    """Whether x runs in time (years or periods), so 'latest' and 'from ... to' mean something."""
    if spec.sort != "none" or spec.type in ("pie", "donut", "bar", "scatter"):
        return False
    return years(data.x) is not None or all(x[:1].isdigit() for x in data.x)


def _own(spec: ChartSpec, labels: Labels | None) -> Labels:
    """The deck's phrases, else the catalog's in the spec's language."""
    return labels if labels is not None else labels_for(language(spec))


def describe(spec: ChartSpec, data: ChartData, labels: Labels | None = None) -> str:
    """A few sentences a screen reader can read instead of the picture, in the deck's
    words (``labels``, with its ``labels:`` overrides) and numbers."""
    labels = _own(spec, labels)
    fmt = formatter(spec, words=True)
    unit = spec.unit or data.unit
    measured = _joined([data.labels[s.column] for s in spec.series], labels)
    head = labels["alt_heading"].format(chart=labels[f"{spec.type}_chart"],
                                        measured=measured) + (f" ({unit})" if unit else "")
    in_time = ordered(spec, data)
    if spec.type in ("pie", "donut"):
        return f"{head}. {_shares(spec, data, labels)}"
    if in_time:
        head += labels["alt_period"].format(x=spec.category_name(), first=data.x[0],
                                            last=data.x[-1])
    elif len(data.x) <= MAX_LISTED:
        head += labels["alt_categories_named"].format(count=len(data.x),
                                                      names=_joined(data.x, labels))
    else:
        head += labels["alt_categories"].format(count=len(data.x))
    parts = [head + "."]
    for s in spec.series:
        points = [(x, v) for x, v in zip(data.x, data.values[s.column]) if v is not None]
        if not points:
            continue
        low = min(points, key=lambda p: p[1])
        high = max(points, key=lambda p: p[1])
        facts = [labels["alt_minimum"].format(value=fmt(low[1]), x=low[0]),
                 labels["alt_maximum"].format(value=fmt(high[1]), x=high[0])]
        if in_time:
            facts.append(labels["alt_latest"].format(value=fmt(points[-1][1]),
                                                     x=points[-1][0]))
        gaps = [x for x, v in zip(data.x, data.values[s.column]) if v is None]
        if gaps:
            facts.append(labels["alt_gaps"].format(names=_joined(gaps, labels)))
        sentence = ", ".join(facts)
        parts.append(f"{data.labels[s.column]}: {sentence}." if len(spec.series) > 1
                     else sentence[0].upper() + sentence[1:] + ".")
    found = years(data.x)
    if in_time and found:
        skipped = sorted(set(range(found[0], found[-1] + 1)) - set(found))
        if skipped:
            parts.append(labels["alt_missing_years"].format(
                names=_joined(_spans(skipped), labels)))
    parts.append(_values(spec, data, labels) if listed(spec, data)
                 else _highlights(spec, labels) + labels["alt_in_notes"])
    return " ".join(parts)


def _highlights(spec: ChartSpec, labels: Labels) -> str:
    """The highlights and their reasons, for a chart too large to read value by value."""
    said = [h.x + (f": {h.note}" if h.note else "") for h in spec.highlight]
    return labels["alt_highlights"].format(items="; ".join(said)) if said else ""


def listed(spec: ChartSpec, data: ChartData) -> bool:
    """Whether the alt text can read out every value (else the notes carry the table)."""
    return len(data.x) * len(spec.series) <= MAX_POINTS


def _marks(spec: ChartSpec, labels: Labels) -> dict[tuple[str, str | None], str]:
    """What a highlight adds after its value: '(highlighted: Peak)'."""
    said = labels["alt_highlighted"]
    return {(h.x, h.series): f" ({said}{': ' + h.note if h.note else ''})"
            for h in spec.highlight}


def _values(spec: ChartSpec, data: ChartData, labels: Labels) -> str:
    """Every value in reading order: along the one series, or category by category (as a
    grouped or stacked bar is read), a gap said as 'no value'."""
    fmt = formatter(spec, words=True)
    marks = _marks(spec, labels)
    single = len(spec.series) == 1

    def said(row: int, column: str) -> str:
        value = data.values[column][row]
        text = labels["no_value"] if value is None else fmt(value)
        mark = marks.get((data.x[row], column)) or (marks.get((data.x[row], None), "")
                                                   if single else "")
        return text + mark

    if single:
        column = spec.series[0].column
        items = [f"{x}: {said(i, column)}" for i, x in enumerate(data.x)]
        return labels["alt_values"].format(items="; ".join(items))
    rows = []
    for i, x in enumerate(data.x):
        row_mark = marks.get((x, None), "")
        cells = ", ".join(f"{data.labels[s.column]} {said(i, s.column)}" for s in spec.series)
        rows.append(f"{x}{row_mark}: {cells}")
    return labels["alt_values"].format(items="; ".join(rows))


def table_text(spec: ChartSpec, data: ChartData, labels: Labels | None = None) -> str:
    """The chart's data as lines of a table for the speaker notes: a header, then one
    line per category, values as the chart writes them."""
    labels = _own(spec, labels)
    fmt = formatter(spec)
    header = [spec.category_heading()] + [data.labels[s.column] for s in spec.series]
    lines = [labels["chart_data"] + " | ".join(header)]
    for i, x in enumerate(data.x):
        cells = [(labels["not_available"] if v is None else fmt(v))
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


def _shares(spec: ChartSpec, data: ChartData, labels: Labels) -> str:
    values = data.values[spec.series[0].column]
    present = [(x, v) for x, v in zip(data.x, values) if v]
    total = sum(v for _, v in present)
    fmt = formatter(spec, words=True)
    marks = _marks(spec, labels)
    shown = present if listed(spec, data) else present[:MAX_LISTED]
    items = [f"{x} {share(v, total, spec)}" + ("" if spec.number_format == "percent" else f" ({fmt(v)})")
             + marks.get((x, None), marks.get((x, spec.series[0].column), ""))
             for x, v in shown]
    more = (labels["alt_more"].format(count=len(present) - len(shown))
            + _highlights(spec, labels) + labels["alt_in_notes"]
            if len(shown) < len(present) else ".")
    return labels["alt_shares"].format(items=", ".join(items)) + more
