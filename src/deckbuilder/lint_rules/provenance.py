"""Rules about where a chart's numbers come from: provenance has to follow the data, so a
row added to a CSV without its source, or a footer whose years stop short of the plotted
ones, is caught before anyone presents it."""

from __future__ import annotations

import re
from typing import Iterator

from ..charts.data import ChartData
from ..errors import SourcePos
from ..ir import ChartBox, TextBox
from .base import SEVERITY, Finding, Subject

YEAR = re.compile(r"\d{4}")
MENTIONED = re.compile(r"(?<!\d)(\d{4})(?:\s*[–—-]\s*(?:[A-Za-z]{1,3})?(\d{4}))?(?!\d)")


def chart_row_source(subject: Subject) -> Iterator[Finding]:
    """Every row of a dataset that names a source per row names a known one, reported at
    the CSV's line (once per file, however many slides plot it)."""
    seen: set[str] = set()
    for element in _charts(subject):
        data = element.data
        if data.file is None or str(data.file) in seen or not data.has_row_sources():
            continue
        seen.add(str(data.file))
        meta = data.file.with_name(data.file.stem + ".meta.yaml").name
        for line, source, plots in sorted(zip(data.lines, data.row_sources, _plots(data))):
            pos = SourcePos(str(data.file), line, 1)
            if not source and plots:
                yield Finding(pos, "chart-row-source", "row has no source, though the other "
                              "rows name theirs", f"put the id of its source (one of "
                              f"{meta}'s sources) in the row's 'source' cell",
                              SEVERITY["chart-row-source"])
            elif source and source not in (data.source_ids or ()):
                yield Finding(pos, "chart-row-source", f"source '{source}' is not one of "
                              f"{meta}'s sources", f"add '{source}' under 'sources:' in "
                              f"{meta}, or fix the id", SEVERITY["chart-row-source"])


def chart_source_range(subject: Subject) -> Iterator[Finding]:
    """A dataset's own source line (shown on the slide) that names years but not every year
    its chart plots: the line was written for older data (``{first}``–``{last}`` in the
    .meta.yaml's ``source_line`` make it follow the rows)."""
    for slide in subject.presentation.slides:
        footer = " ".join(e.text for e in slide.elements
                          if isinstance(e, TextBox) and e.role == "source")
        covered = _years(footer)
        if not covered:
            continue
        for element in slide.elements:
            if not isinstance(element, ChartBox) or not _dated_and_shown(element, footer):
                continue
            plotted = [x for x, plots in zip(element.data.x, _plots(element.data)) if plots]
            outside = [x for x in plotted if not any(a <= int(x) <= b for a, b in covered)]
            if outside:
                yield subject.finding(
                    slide, "chart-source-range",
                    f"the source line does not cover {', '.join(outside)}, which the chart plots",
                    "write the range as {first}–{last} in the data's .meta.yaml source_line, "
                    "or name the source of those years", "chart")


def _charts(subject: Subject) -> Iterator[ChartBox]:
    for slide in subject.presentation.slides:
        yield from (e for e in slide.elements if isinstance(e, ChartBox))


def _dated_and_shown(chart: ChartBox, footer: str) -> bool:
    """Whether the chart plots years and the footer is its dataset's own source line (a
    source the slide writes itself is the author's word)."""
    line = chart.data.source_line
    return bool(line) and line in footer and all(YEAR.fullmatch(x) for x in chart.data.x)


def _plots(data: ChartData) -> list[bool]:
    """Per row, whether it plots a value (a row of empty cells is a gap, not data)."""
    return [any(column[i] is not None for column in data.values.values())
            for i in range(len(data.x))]


def _years(text: str) -> list[tuple[int, int]]:
    """Each year or range of years a text names, as (first, last)."""
    return [(int(a), int(b or a)) for a, b in MENTIONED.findall(text)]
