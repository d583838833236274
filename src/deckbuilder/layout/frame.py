"""The slide grid: margins, title band, body area and footer row, from the theme's grid
when the deck is on its theme's own template, else read off a template layout's
placeholders."""

from __future__ import annotations

from dataclasses import dataclass

from ..ir import Rect
from ..theme.info import Layout
from ..theme import Theme
from ..theme.grid import GridBoxes



@dataclass(frozen=True)
class Frame(GridBoxes):
    """Where things go on every slide of a deck: the grid, and the layout it is read off."""

    layout: Layout | None = None   # the template layout slides are built on

    @classmethod
    def on_grid(cls, grid: GridBoxes, layout: Layout) -> "Frame":
        """A layout of the deck's theme written as a template: its placeholders sit on the
        theme's grid, which is known exactly."""
        return cls(grid.width, grid.height, grid.content, grid.title, grid.body, grid.footer,
                   layout)

    @classmethod
    def for_layout(cls, theme: Theme, layout: Layout, width: int, height: int,
                   content: Rect | None = None) -> "Frame":
        """The grid of a template layout: the title placeholder's box is the title band, the
        layout's content area (see :attr:`Layout.content`), else ``content``, the body.
        The source line goes on the row of the layout's footer placeholders when they sit
        right under the body (as on a theme's exported template), else at the body's foot."""
        assert layout.title is not None and layout.title.box is not None
        title = layout.title.box
        content = layout.content if layout.text_boxes else content or layout.content
        if content is None:  # no text placeholder, no master body: below the title
            top = title.bottom + theme.emu("title_gap")
            content = Rect(title.x, top, title.w, height - theme.emu("margin_bottom") - top)
        gap = theme.emu("footer_gap")
        footer = layout.footer_row(content, gap)
        if footer is not None:
            return cls(width, height, Rect(content.x, content.y, content.w,
                                           footer.bottom - content.y), title, content, footer,
                       layout)
        footer_h = theme.emu("footer_height")
        footer = Rect(content.x, content.bottom - footer_h, content.w, footer_h)
        body = Rect(content.x, content.y, content.w, footer.y - gap - content.y)
        return cls(width, height, content, title, body, footer, layout)

    def columns(self, area: Rect, count: int, gutter: int,
                weights: list[float] | None = None) -> list[Rect]:
        """Split ``area`` into side-by-side columns separated by ``gutter``."""
        weights = weights or [1.0] * count
        usable = area.w - gutter * (count - 1)
        rects, x = [], area.x
        for weight in weights:
            w = round(usable * weight / sum(weights))
            rects.append(Rect(x, area.y, w, area.h))
            x += w + gutter
        return rects

    def rows(self, area: Rect, count: int, gutter: int) -> list[Rect]:
        h = (area.h - gutter * (count - 1)) // count
        return [Rect(area.x, area.y + i * (h + gutter), area.w, h) for i in range(count)]
