"""The marks of each chart type (bars, lines, wedges, dots) on a :class:`Canvas`.

Gaps (None) are never drawn as zero: a missing bar is left empty and marked "n/a", a line is
broken (see :mod:`.geometry`), a wedge is left out.
"""

from __future__ import annotations

import math
from typing import Any, Callable

from . import emphasis as choose
from .canvas import AXES_SHARE, LINE_HEIGHT, Canvas, color
from .geometry import every_nth_label, line_positions, nice_ticks, runs, slots
from ..locales import labels_for
from .numbers import language, share
from .scale import text_width_pt
from .style import MIN_TICK_PT

Segment = tuple[int, int, float, float, str]  # series, row, base, value, colour


def draw_bars(c: Canvas) -> None:
    """column, bar (horizontal), grouped_column and stacked_column."""
    spec, data, style, ax = c.spec, c.data, c.style, c.ax
    horizontal, stacked = spec.type == "bar", spec.type == "stacked_column"
    positions, breaks = slots(data.x)
    per_slot = 1 if stacked else len(spec.series)
    width = style.bar_width / per_slot
    tops = [0.0] * len(positions)
    bottoms = [0.0] * len(positions)
    extremes = [0.0]
    handles = []
    segments: list[Segment] = []
    for k, s in enumerate(spec.series):
        values = data.values[s.column]
        emphasis = choose.emphasis(spec, data, s.column)
        offset = 0.0 if per_slot == 1 else (k - (per_slot - 1) / 2) * width
        xs, heights, bases, colors = [], [], [], []
        for i, value in enumerate(values):
            if value is None:
                if not stacked:
                    _gap_marker(c, positions[i] + offset, horizontal, rotate=per_slot > 1)
                continue
            stack = tops if value >= 0 else bottoms
            base = stack[i] if stacked else 0.0
            if stacked:
                stack[i] += value
            xs.append(positions[i] + offset)
            heights.append(value)
            bases.append(base)
            hue = style.accent if i in emphasis else style.color(k)
            colors.append(color(hue))
            extremes.append(base + value)
            segments.append((k, i, base, value, hue))
        thickness = width * (0.9 if per_slot > 1 else 1.0)
        if horizontal:
            ax.barh(xs, heights, height=thickness, left=bases, color=colors, zorder=2)
        else:
            ax.bar(xs, heights, width=thickness, bottom=bases, color=colors, zorder=2)
        handles.append(ax.fill([], [], color=color(style.color(k)), label=data.labels[s.column])[0])
    c.band(positions, horizontal)
    c.value_axis(min(extremes), max(extremes), horizontal)
    c.category_axis(positions, horizontal)
    if breaks and not horizontal:
        c.break_marks(breaks)
    if stacked:
        _stack_labels(c, positions, segments, tops, bottoms)
    else:
        _bar_labels(c, positions, width, per_slot, horizontal)
    c.legend(handles)
    if stacked and choose.legend_mode(spec) == "direct":
        last = len(positions) - 1
        c.end_labels([(data.labels[spec.series[k].column], base + value / 2, style.color(k))
                      for k, i, base, value, _ in segments if i == last])


def _gap_marker(c: Canvas, at: float, horizontal: bool, rotate: bool) -> None:
    """A quiet 'n/a' (in the chart's language) where a bar has no verified value, so a gap
    never reads as zero."""
    xy = (0, at) if horizontal else (at, 0)
    gap_text = labels_for(language(c.spec))["not_available"]
    c.ax.annotate(gap_text, xy, xytext=(4, 0) if horizontal else (0, 4),
                  textcoords="offset points", ha="left" if horizontal else "center",
                  va="center" if horizontal else "bottom", rotation=90 if rotate else 0,
                  fontsize=MIN_TICK_PT, color=color(c.style.muted), annotation_clip=False)


def _bar_labels(c: Canvas, positions: list[float], width: float, per_slot: int,
                horizontal: bool) -> None:
    """Values beyond the bar ends: above (right of) positive bars, below (left of) negative."""
    def place(k: int, i: int, values: list[float | None]) -> tuple[float, float, str]:
        value = values[i]
        assert value is not None
        at = positions[i] + (0.0 if per_slot == 1 else (k - (per_slot - 1) / 2) * width)
        ahead = value >= 0
        if horizontal:
            return value, at, "right" if ahead else "left"
        return at, value, "up" if ahead else "down"

    c.label_values(place)


def _stack_labels(c: Canvas, positions: list[float], segments: list[Segment],
                  tops: list[float], bottoms: list[float]) -> None:
    """'all' labels each segment inside its bar; otherwise totals go on top of the stacks."""
    spec, style = c.spec, c.style
    if spec.value_labels == "all":
        low, high = c.ax.get_ylim()
        fits = style.label_pt * LINE_HEIGHT / (c.size_pt[1] * AXES_SHARE) * (high - low)
        for _, i, base, value, hue in segments:
            if abs(value) >= fits:
                c.label(positions[i], base + value / 2, c.fmt(value), style.ink_on(hue), 1,
                        "center")
        return
    totals: list[float | None] = [t + b if (t or b) else None for t, b in zip(tops, bottoms)]
    present = [i for i, t in enumerate(totals) if t is not None]
    chosen = {c.data.x.index(h.x): 3 for h in spec.highlight}
    if spec.value_labels == "last" and present:
        chosen.setdefault(present[-1], 2)
    elif spec.value_labels == "max" and present:
        chosen.setdefault(max(present, key=lambda i: totals[i]), 2)
    for i, priority in chosen.items():
        total = totals[i]
        if total is not None:
            c.value_label(positions[i], tops[i] if total >= 0 else bottoms[i], total,
                          priority == 3, priority, "up" if total >= 0 else "down")


def draw_lines(c: Canvas) -> None:
    """line and area: broken at gaps and skipped years, a marker on every verified point."""
    spec, data, style, ax = c.spec, c.data, c.style, c.ax
    xs, time_axis = line_positions(data.x)
    area = spec.type == "area"
    direct = choose.legend_mode(spec) == "direct"
    handles, ends, everything = [], [], [0.0]
    joined: set[tuple[int, int]] = set()
    for k, s in enumerate(spec.series):
        values = data.values[s.column]
        stroke = color(style.color(k))
        for run in runs(data.x, values):
            px, py = [xs[i] for i in run], [values[i] for i in run]
            if len(run) > 1:
                ax.plot(px, py, color=stroke, zorder=3)
                if area:
                    ax.fill_between(px, py, 0, color=stroke, alpha=0.22, linewidth=0, zorder=1)
        emphasis = choose.emphasis(spec, data, s.column)
        present = [i for i, v in enumerate(values) if v is not None]
        for group, hex6, scale in (([i for i in present if i not in emphasis], style.color(k), 1.0),
                                   (sorted(emphasis), style.accent, 1.35)):
            ax.plot([xs[i] for i in group], [values[i] for i in group], linestyle="none",
                    marker="o", markersize=style.marker_pt * scale, markerfacecolor=color(hex6),
                    markeredgecolor=color(style.background), markeredgewidth=1.2, zorder=4)
        handles.append(ax.plot([], [], color=stroke, marker="o", label=data.labels[s.column])[0])
        last = present[-1]
        name = data.labels[s.column]
        if direct and last in choose.labelled(spec, data, s.column) \
                and last not in choose.notes(spec, data, s.column):
            joined.add((k, last))  # the last value beside its series' name, not between two
            name = f"{name}  {c.fmt(values[last])}"
        ends.append((name, values[last], style.color(k)))
        everything += [v for v in values if v is not None]
    c.band(xs)
    c.value_axis(min(everything), max(everything))
    _line_x_axis(c, xs, time_axis)
    c.label_values(lambda k, i, values: (xs[i], values[i], _away_from_line(values, i)), joined)
    c.legend(handles)
    if direct:
        c.end_labels(ends)


def _away_from_line(values: list[float | None], i: int) -> str:
    """Where a point's label sits clear of the line through it: above a peak, below a
    trough, above-left on a rise, above-right on a fall."""
    value = values[i]
    before = next((v for v in reversed(values[:i]) if v is not None), None)
    after = next((v for v in values[i + 1:] if v is not None), None)
    if all(n is None or n <= value for n in (before, after)):
        return "up"
    if all(n is None or n > value for n in (before, after)):
        return "down"
    return "upleft" if before <= value else "upright"


def _line_x_axis(c: Canvas, xs: list[float], time_axis: bool) -> None:
    """Years on a time axis: a tick on every year with data when they fit, else round years."""
    ax, style = c.ax, c.style
    if not time_axis:
        ax.set_xticks(*every_nth_label(xs, c.data.x))
        ax.set_xlim(xs[0] - 0.4, xs[-1] + 0.4)
        return
    span = max(xs[-1] - xs[0], 1.0)
    pad = max(0.6, span * 0.04)
    ax.set_xlim(xs[0] - pad, xs[-1] + pad)
    per_year_pt = c.size_pt[0] * AXES_SHARE / (span + 2 * pad)
    closest = min((b - a for a, b in zip(xs, xs[1:])), default=span)
    label_pt = text_width_pt("0000", style.tick_pt) * 1.3
    if closest * per_year_pt >= label_pt:
        ax.set_xticks(*every_nth_label(xs, c.data.x))
    else:
        ticks = [t for t in nice_ticks(xs[0], xs[-1], 4) if float(t).is_integer()]
        ax.set_xticks(ticks, labels=[str(int(t)) for t in ticks])


def draw_pie(c: Canvas) -> None:
    """pie and donut: wedges clockwise from 12 o'clock; shares labelled directly."""
    spec, data, style, ax = c.spec, c.data, c.style, c.ax
    column = spec.series[0].column
    values = data.values[column]
    rows = [i for i, v in enumerate(values) if v]
    total = sum(values[i] for i in rows)
    emphasis = choose.emphasis(spec, data, column)
    fills = [style.accent if i in emphasis else style.color(n) for n, i in enumerate(rows)]
    wedge_style: dict[str, Any] = {"edgecolor": color(style.background), "linewidth": 2}
    if spec.type == "donut":
        wedge_style["width"] = 0.42
    wedges, *_ = ax.pie([values[i] for i in rows], colors=[color(f) for f in fills], startangle=90,
                        counterclock=False, wedgeprops=wedge_style, radius=1.0)
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.25, 1.25)
    ax.set_aspect("equal")
    ax.axis("off")
    direct = choose.legend_mode(spec) == "direct"
    for i, wedge, fill in zip(rows, wedges, fills):
        text = share(values[i], total, spec) if spec.value_labels == "none" else c.fmt(values[i])
        if direct:
            text = f"{data.x[i]}\n{text}"
        angle = (wedge.theta1 + wedge.theta2) / 2
        _wedge_label(c, angle, text, i in emphasis, direct, fill)
    handles = [ax.fill([], [], color=color(f), label=data.x[i])[0] for f, i in zip(fills, rows)]
    c.legend(handles)


def _wedge_label(c: Canvas, angle: float, text: str, emphasised: bool, outside: bool,
                 fill: str) -> None:
    radius = 1.12 if outside else (0.79 if c.spec.type == "donut" else 0.62)
    x, y = radius * math.cos(math.radians(angle)), radius * math.sin(math.radians(angle))
    ha = ("left" if x >= 0 else "right") if outside else "center"
    hex6 = (c.style.accent if emphasised else c.style.text) if outside else c.style.ink_on(fill)
    artist = c.ax.text(x, y, text, ha=ha, va="center", fontsize=c.style.label_pt,
                       fontweight="bold", color=color(hex6), zorder=6)
    c.labels.append((artist, 3 if emphasised else 1))


def draw_scatter(c: Canvas) -> None:
    """scatter: numeric x against each series; highlighted rows in the accent colour."""
    spec, data, style, ax = c.spec, c.data, c.style, c.ax
    xs = data.x_numbers or []
    handles, ends, everything = [], [], [0.0]
    for k, s in enumerate(spec.series):
        values = data.values[s.column]
        emphasis = choose.emphasis(spec, data, s.column)
        present = [i for i, v in enumerate(values) if v is not None]
        colors = [color(style.accent if i in emphasis else style.color(k)) for i in present]
        ax.scatter([xs[i] for i in present], [values[i] for i in present], c=colors,
                   s=(style.marker_pt * 1.2) ** 2, edgecolors=color(style.background),
                   linewidths=1.0, zorder=3)
        handles.append(ax.plot([], [], linestyle="none", marker="o", color=color(style.color(k)),
                               label=data.labels[s.column])[0])
        ends.append((data.labels[s.column], values[present[-1]], style.color(k)))
        everything += [values[i] for i in present]
    c.value_axis(min(everything), max(everything))
    low, high = min(xs), max(xs)
    pad = (high - low) * 0.05 or 1.0
    ticks = nice_ticks(low - pad, high + pad)
    ax.set_xlim(low - pad, high + pad)
    ax.set_xticks(ticks, labels=[f"{t:,g}" for t in ticks])
    c.label_values(lambda k, i, values: (xs[i], values[i], "up"))
    c.legend(handles)
    if choose.legend_mode(spec) == "direct":
        c.end_labels(ends)


DRAW: dict[str, Callable[[Canvas], None]] = {
    "column": draw_bars, "bar": draw_bars, "grouped_column": draw_bars,
    "stacked_column": draw_bars, "line": draw_lines, "area": draw_lines,
    "pie": draw_pie, "donut": draw_pie, "scatter": draw_scatter,
}


def draw(c: Canvas) -> None:
    DRAW[c.spec.type](c)
    c.furnish()
