"""Which values a chart stresses and labels, and where its legend goes: decided once from
the spec and data, read by both the picture renderer and the native chart writer."""

from __future__ import annotations

import textwrap

from .data import ChartData
from .spec import ChartSpec


def emphasis(spec: ChartSpec, data: ChartData, column: str) -> set[int]:
    """Rows of ``column`` drawn in the accent colour: its highlights, or, for a single
    series labelled at its last value, that latest value."""
    single = len(spec.series) == 1
    marked = {data.x.index(h.x) for h in spec.highlight
              if h.series == column or (h.series is None and single)}
    if not marked and single and spec.value_labels == "last":
        present = [i for i, v in enumerate(data.values[column]) if v is not None]
        marked = {present[-1]}
    return marked


def bands(spec: ChartSpec, data: ChartData) -> set[int]:
    """Rows highlighted as a whole on a multi-series chart (drawn as a shaded band)."""
    if len(spec.series) == 1:
        return set()
    return {data.x.index(h.x) for h in spec.highlight if h.series is None}


def notes(spec: ChartSpec, data: ChartData, column: str) -> dict[int, str]:
    """Annotations by row; a highlight without a series annotates the first series."""
    first = spec.series[0].column
    return {data.x.index(h.x): h.note for h in spec.highlight
            if h.note and (h.series == column or (h.series is None and column == first))}


def labelled(spec: ChartSpec, data: ChartData, column: str) -> dict[int, int]:
    """Rows of ``column`` to label with their value, each with a priority (higher wins when
    labels collide): highlighted and annotated 3, the last or largest 2, the rest 1."""
    values = data.values[column]
    present = [i for i, v in enumerate(values) if v is not None]
    mode = spec.value_labels
    chosen = {i: 1 for i in present} if mode == "all" else {}
    if mode == "last":
        chosen[present[-1]] = 2
    elif mode == "max":
        chosen[max(present, key=lambda i: values[i])] = 2
    for i in emphasis(spec, data, column) | set(notes(spec, data, column)):
        if values[i] is not None:
            chosen[i] = 3
    return chosen


def legend_mode(spec: ChartSpec) -> str:
    """'auto' resolved: wedges and multi-series lines are labelled directly, grouped and
    stacked bars get a legend on top, a single series needs none (the slide names it)."""
    if spec.legend != "auto":
        return spec.legend
    if spec.type in ("pie", "donut"):
        return "direct"
    if len(spec.series) == 1:
        return "none"
    return "direct" if spec.type in ("line", "area") else "top"


NOTE_LINE_CHARS = 14   # a highlight note above or below its point wraps past this


def two_lines(note: str) -> str:
    """A long highlight note on two balanced lines, so that above or below its point it
    stays over its own bar and off its neighbours' labels (picture and native alike)."""
    if len(note) <= NOTE_LINE_CHARS:
        return note
    width = -(-len(note) // 2)
    while len(lines := textwrap.wrap(note, width)) > 2:
        width += 1
    return "\n".join(lines)
