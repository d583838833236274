"""The furniture every chart shares, drawn on a matplotlib Axes handed in by the renderer:
value axis with a light grid, category axis with year break marks, value labels and
annotations, legends and direct labels. (No matplotlib import: only method calls.)
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Collection

from . import emphasis as choose
from .data import ChartData
from .geometry import every_nth_label
from .numbers import Formatter, formatter, tick_formatter
from .scale import AXES_SHARE, CHAR_WIDTH, LABEL_GAP_PT, LINE_HEIGHT, headroom, spread, value_scale
from .spec import ChartSpec
from .style import ChartStyle


DIRECTIONS = {  # unit offset, horizontal and vertical alignment of a label
    "up": ((0, 1), "center", "bottom"), "down": ((0, -1), "center", "top"),
    "upleft": ((-0.6, 1), "right", "bottom"), "upright": ((0.6, 1), "left", "bottom"),
    "right": ((1, 0), "left", "center"), "left": ((-1, 0), "right", "center"),
    "center": ((0, 0), "center", "center"),
}
LEGEND_LOCATIONS = {"top": "outside upper left", "bottom": "outside lower left",
                    "right": "outside right upper"}


def color(hex6: str) -> str:
    return "#" + hex6


@dataclass
class Canvas:
    """One chart being drawn: figure, axes, what to plot, and the value labels drawn so far
    (with a priority each, so the renderer can drop the least important on a collision)."""

    fig: Any
    ax: Any
    spec: ChartSpec
    data: ChartData
    style: ChartStyle
    labels: list[tuple[Any, int]] = field(default_factory=list)

    @cached_property
    def fmt(self) -> Formatter:
        return formatter(self.spec)

    @property
    def size_pt(self) -> tuple[float, float]:
        width, height = self.fig.get_size_inches()
        return width * 72, height * 72

    # -- labels ---------------------------------------------------------------------------

    def label(self, x: float, y: float, text: str, hex6: str, priority: int, direction: str,
              *, bold: bool = True, size: float | None = None, lift: float = 0.0) -> Any:
        """A label next to a point; ``direction`` is one of :data:`DIRECTIONS`, ``lift``
        moves it further out (in points) to stack a note beyond a value."""
        (dx, dy), ha, va = DIRECTIONS[direction]
        sign = -1 if direction == "down" else 1
        artist = self.ax.annotate(text, (x, y), xytext=(dx * LABEL_GAP_PT,
                                                        dy * LABEL_GAP_PT + sign * lift),
                                  textcoords="offset points", ha=ha, va=va,
                                  fontsize=size or self.style.label_pt,
                                  fontweight="bold" if bold else "normal", color=color(hex6),
                                  annotation_clip=False, zorder=6)
        if direction != "center":  # a knock-out behind the text: grid lines never cross it
            artist.set_bbox({"boxstyle": "square,pad=0.08", "edgecolor": "none",
                             "facecolor": color(self.style.background)})
        self.labels.append((artist, priority))
        return artist

    def value_label(self, x: float, y: float, value: float, emphasised: bool, priority: int,
                    direction: str, note: str | None = None, ink: str | None = None) -> None:
        """The value (in the accent colour when emphasised, else ``ink`` or the text
        colour), with its note beyond it."""
        hex6 = self.style.accent if emphasised else ink or self.style.text
        if note and direction in ("right", "left"):
            self.label(x, y, f"{self.fmt(value)}  {note}", hex6, priority + 1, direction)
            return
        self.label(x, y, self.fmt(value), hex6, priority, direction)
        if note:
            self.label(x, y, choose.two_lines(note), self.style.accent, priority + 1, direction,
                       bold=False, size=self.style.tick_pt,
                       lift=self.style.label_pt * LINE_HEIGHT)

    def label_values(self, place: Callable[[int, int, list[float | None]],
                                           tuple[float, float, str]],
                     joined: Collection[tuple[int, int]] = ()) -> None:
        """Label the chosen values of every series; ``place(series, row, values)`` says
        where each label's point is and which way the label goes from it. With several
        series a label takes its series' colour, so it cannot be read as another's;
        ``joined`` (series, row) values are said in the direct label instead."""
        several = len(self.spec.series) > 1
        for k, s in enumerate(self.spec.series):
            values = self.data.values[s.column]
            emphasis = choose.emphasis(self.spec, self.data, s.column)
            notes = choose.notes(self.spec, self.data, s.column)
            ink = self.style.readable(self.style.color(k)) if several else None
            for i, priority in choose.labelled(self.spec, self.data, s.column).items():
                if (k, i) in joined:
                    continue
                x, y, direction = place(k, i, values)
                self.value_label(x, y, values[i], i in emphasis, priority,
                                 direction, notes.get(i), ink)

    # -- axes -----------------------------------------------------------------------------

    def value_axis(self, low: float, high: float, horizontal: bool = False) -> None:
        """Limits (with room for labels), round ticks in the number format, a light grid,
        no spine along the value axis (the grid carries the scale), a baseline at zero."""
        spec, ax, style = self.spec, self.ax, self.style
        scale = value_scale(spec, low, high,
                            headroom(spec, self.data, style, self.size_pt, horizontal))
        low, high, ticks = scale.low, scale.high, scale.ticks
        labels = [tick_formatter(spec)(t) for t in ticks]
        if horizontal:
            ax.set_xlim(low, high)
            ax.set_xticks(ticks, labels=labels)
        else:
            ax.set_ylim(low, high)
            ax.set_yticks(ticks, labels=labels)
        ax.grid(axis="x" if horizontal else "y", which="major", zorder=0)
        ax.set_axisbelow(True)
        ax.spines["bottom" if horizontal else "left"].set_visible(False)
        if low < 0 < high:  # the zero line is the baseline; an axis line below it would not be
            ax.spines["left" if horizontal else "bottom"].set_visible(False)
            line = ax.axvline if horizontal else ax.axhline
            line(0, color=color(style.muted), linewidth=style.spine_pt, zorder=3)

    def category_axis(self, positions: list[float], horizontal: bool = False) -> None:
        """One tick per row, labels wrapped to the room a slot has."""
        slot_pt = (self.size_pt[1] if horizontal else self.size_pt[0]) * AXES_SHARE
        slot_pt /= max(len(positions), 1)
        width_chars = 22 if horizontal else max(6, int(slot_pt / (self.style.tick_pt * CHAR_WIDTH)))
        ticks, labels = every_nth_label(positions, self.data.x)
        (self.ax.set_yticks if horizontal else self.ax.set_xticks)(
            ticks, labels=[textwrap.fill(x, width_chars) for x in labels])
        pad = self.style.bar_width / 2 + 0.2
        (self.ax.set_ylim if horizontal else self.ax.set_xlim)(positions[0] - pad,
                                                               positions[-1] + pad)
        if horizontal:
            self.ax.invert_yaxis()  # first row on top, as it reads

    def break_marks(self, at: list[float]) -> None:
        """A '//' across the category axis wherever years are skipped."""
        ax, style = self.ax, self.style
        transform = ax.get_xaxis_transform()
        rise = 0.022
        for x in at:
            ax.plot([x - 0.13, x + 0.13], [0, 0], color=color(style.background),
                    linewidth=style.spine_pt * 4, transform=transform, clip_on=False, zorder=7)
            for dx in (-0.06, 0.06):
                ax.plot([x + dx - 0.05, x + dx + 0.05], [-rise, rise], color=color(style.muted),
                        linewidth=style.spine_pt * 1.3, transform=transform, clip_on=False,
                        zorder=8, solid_capstyle="butt")

    def band(self, positions: list[float], horizontal: bool = False) -> None:
        """Shade the rows highlighted as a whole (multi-series charts)."""
        span = self.ax.axhspan if horizontal else self.ax.axvspan
        for i in sorted(choose.bands(self.spec, self.data)):
            span(positions[i] - 0.5, positions[i] + 0.5, color=color(self.style.band), zorder=0,
                 linewidth=0)

    def legend(self, handles: list[Any]) -> None:
        """The legend where the spec puts it; a stack's entries run top segment first, in
        the order the eye meets the segments."""
        mode = choose.legend_mode(self.spec)
        if mode not in LEGEND_LOCATIONS or not handles:
            return
        if self.spec.type == "stacked_column":
            handles = handles[::-1]
        self.fig.legend(handles=handles, loc=LEGEND_LOCATIONS[mode],
                        ncols=1 if mode == "right" else len(handles))

    def end_labels(self, items: list[tuple[str, float, str]]) -> None:
        """Direct labels: each series' name at the right edge, level with its last value,
        nudged apart so they never overlap (drawn as the ticks of a twin axis, so the
        layout engine keeps room for them)."""
        if not items:
            return
        ax, style = self.ax, self.style
        low, high = ax.get_ylim()
        texts = [textwrap.fill(text, 20) for text, _, _ in items]
        per_line = style.label_pt * LINE_HEIGHT / (self.size_pt[1] * AXES_SHARE) * (high - low)
        placed = spread([value for _, value, _ in items],
                        [text.count("\n") + 1 for text in texts], per_line)
        twin = ax.twinx()
        twin.set_ylim(low, high)
        for side in ("top", "right", "left", "bottom"):
            twin.spines[side].set_visible(False)
        twin.set_yticks([placed[i] for i in range(len(items))], labels=texts)
        twin.tick_params(axis="y", length=0, labelsize=style.label_pt)
        for tick, (_, _, hex6) in zip(twin.get_yticklabels(), items):
            tick.set_color(color(hex6))
            tick.set_fontweight("bold")

    def furnish(self) -> None:
        """Titles: the unit over the value axis, the x label, the chart title if asked."""
        spec = self.spec
        unit = spec.unit or self.data.unit
        if unit and spec.type == "bar":
            self.ax.set_xlabel(unit, loc="left")
        elif unit:
            self.ax.set_title(unit, loc="left")
        if spec.x_label:
            (self.ax.set_ylabel if spec.type == "bar" else self.ax.set_xlabel)(spec.x_label)
        if spec.title:
            self.fig.suptitle(spec.title, x=0.01, ha="left", fontweight="bold",
                              fontsize=self.style.label_pt + 2, color=color(self.style.text))
