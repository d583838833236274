"""What a viewer draws behind a layout's text, as plain data: a coarse grid of colours.

A slide's background is more than ``p:bg``: templates paint gradients, pictures and
patterns there, and many draw their background as a full-slide picture or filled shapes on
the master or layout. ``theme/background.py`` paints all of that, as a viewer would, into a
small grid of average colours covering the slide; this module answers the questions layout,
theme derivation and lint ask of it ("how dark and how light is it under this box?") without
python-pptx or Pillow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..colors import luminance, ratio
from ..ir import Rect

Fill = Literal["solid", "gradient", "picture", "pattern", "none"]
DARK_SHARE = 0.8   # a backdrop is called dark (or light) when this share of it is


@dataclass(frozen=True)
class Tone:
    """The colours under a box: its darkest and lightest, and the most common (median)."""

    darkest: str
    lightest: str
    typical: str

    def worst_ratio(self, colour: str) -> float:
        """The contrast of ``colour`` where it is lowest under the box."""
        return min(ratio(colour, self.darkest), ratio(colour, self.lightest))

    @property
    def solid(self) -> bool:
        return self.darkest == self.lightest


@dataclass(frozen=True)
class Backdrop:
    """A layout's background as a viewer draws it, ``columns`` x ``rows`` cells over a slide
    of ``width`` x ``height`` EMU (row by row, hex colours). ``fill`` is what ``p:bg`` (the
    layout's, else the master's) paints; ``artwork`` says whether pictures or filled shapes
    of the master or layout are drawn on it."""

    width: int
    height: int
    columns: int
    rows: int
    cells: tuple[str, ...]
    fill: Fill = "solid"
    artwork: bool = False

    def under(self, rect: Rect) -> Tone:
        """The tone of the cells ``rect`` touches (the whole slide for an empty box)."""
        cw, ch = self.width / self.columns, self.height / self.rows
        left, right = _span(rect.x, rect.right, cw, self.columns)
        top, bottom = _span(rect.y, rect.bottom, ch, self.rows)
        colours = [self.cells[row * self.columns + column]
                   for row in range(top, bottom) for column in range(left, right)]
        return tone(colours or list(self.cells))

    @property
    def whole(self) -> Tone:
        return tone(list(self.cells))

    def describe(self) -> str:
        """For ``template inspect``: ``solid #1F3A5F``, ``picture, dark``, ``gradient, mixed``."""
        kind = self.fill
        if self.fill == "solid" and not self.artwork:
            return f"solid #{self.cells[0]}"
        dark = sum(1 for cell in self.cells if _reads_light_on(cell)) / len(self.cells)
        shade = "dark" if dark >= DARK_SHARE else "light" if dark <= 1 - DARK_SHARE \
            else "mixed"
        return f"{kind}{' with artwork' if self.artwork else ''}, {shade}"


def tone(colours: list[str]) -> Tone:
    ordered = sorted(colours, key=luminance)
    return Tone(ordered[0], ordered[-1], ordered[len(ordered) // 2])


def _reads_light_on(colour: str) -> bool:
    """White text reads better than black on ``colour``: it is a dark colour."""
    return ratio("FFFFFF", colour) > ratio("000000", colour)


def _span(start: int, end: int, size: float, count: int) -> tuple[int, int]:
    """The cells from ``start`` to ``end`` (EMU) cover, within the grid."""
    first = min(count - 1, max(0, int(start // size)))
    last = min(count, max(first + 1, -int(-end // size)))
    return first, last
