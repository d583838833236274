"""The value axis of a chart, decided once (pure, no matplotlib) for the picture and the
native chart: limits with room for the value labels, round ticks in the number format, and
always a tick at or above the largest value (and at or below the smallest), so no bar or
stack rises past the last gridline unmarked."""

from __future__ import annotations

from dataclasses import dataclass

from . import emphasis as choose
from .data import ChartData
from .geometry import nice_ticks
from .numbers import formatter
from .spec import ChartSpec
from .style import ChartStyle

LABEL_GAP_PT = 5.0      # between a bar end or point and its value label
LINE_HEIGHT = 1.25      # text line height as a multiple of the font size
CHAR_WIDTH = 0.52       # average glyph width as a multiple of the font size (estimates)
AXES_SHARE = 0.75       # the share of the figure the plot area gets, for estimates


@dataclass(frozen=True)
class Scale:
    """Axis limits and the tick values between them (inclusive)."""

    low: float
    high: float
    ticks: list[float]

    @property
    def step(self) -> float | None:
        return self.ticks[1] - self.ticks[0] if len(self.ticks) > 1 else None

    def to_ticks(self, spec: ChartSpec) -> "Scale":
        """Limits on the outer ticks (which cover the data), unless the spec sets them: a
        native axis counts its major unit from its minimum, so a minimum of -140 would put
        ticks at 360, 860 …, and labels may use the room beyond the plot area there."""
        if self.step is None:
            return self
        return Scale(self.low if spec.y_min is not None else self.ticks[0],
                     self.high if spec.y_max is not None else self.ticks[-1], self.ticks)


def text_width_pt(text: str, size: float) -> float:
    """An estimate of the widest line of ``text`` at ``size`` points."""
    return max(len(line) for line in text.split("\n")) * size * CHAR_WIDTH


def headroom(spec: ChartSpec, data: ChartData, style: ChartStyle,
             size_pt: tuple[float, float], horizontal: bool) -> float:
    """The share of the value axis to keep free for labels beyond the largest value."""
    labelled = any(choose.labelled(spec, data, s.column) for s in spec.series)
    if not labelled:
        return 0.02
    width, height = size_pt
    if horizontal:
        fmt = formatter(spec)
        texts = [fmt(v) for vs in data.values.values() for v in vs if v is not None]
        notes = [h.note for h in spec.highlight if h.note]
        widest = max(texts, key=len) + ("  " + max(notes, key=len) if notes else "")
        need = LABEL_GAP_PT + text_width_pt(widest, style.label_pt)
        return min(0.45, need / (width * AXES_SHARE * 0.7))
    lines = 1 + any(h.note for h in spec.highlight)
    need = LABEL_GAP_PT + lines * style.label_pt * LINE_HEIGHT
    return min(0.4, need / (height * AXES_SHARE))


def value_scale(spec: ChartSpec, low: float, high: float, room: float) -> Scale:
    """Limits from zero (bars and areas stand on it) past ``low``..``high`` by ``room`` (a
    share of the axis), the spec's ``y_min``/``y_max`` winning, and round ticks covering
    the data."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + 1
    smallest, largest = low, high
    span = high - low
    if spec.y_max is None and high > 0:
        high += span * room / (1 - room)
    if spec.y_min is None and low < 0:
        low -= span * room / (1 - room)
    low = spec.y_min if spec.y_min is not None else low
    high = spec.y_max if spec.y_max is not None else high
    ticks = nice_ticks(low, high)
    if len(ticks) > 1:
        step = ticks[1] - ticks[0]
        if spec.y_max is None and ticks[-1] < largest:
            ticks.append(round(ticks[-1] + step, 10))
            high = max(high, ticks[-1])
        if spec.y_min is None and ticks[0] > smallest:
            ticks.insert(0, round(ticks[0] - step, 10))
            low = min(low, ticks[0])
    return Scale(low, high, ticks)


def spread(levels: list[float], lines: list[int], per_line: float) -> list[float]:
    """Heights for direct labels at ``levels`` (each ``lines`` high, ``per_line`` value units
    a line), nudged upwards from the lowest so that no two overlap."""
    order = sorted(range(len(levels)), key=lambda i: levels[i])
    placed = list(levels)
    for previous, i in zip(order, order[1:]):
        placed[i] = max(levels[i], placed[previous] + per_line * (lines[previous] + lines[i]) / 2)
    return placed
