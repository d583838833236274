"""The slide grid: margins, title band, body area and footer row, from the theme's grid
when the deck is on its theme's own template, else read off a template layout's
placeholders."""

from __future__ import annotations

from dataclasses import dataclass

from ..ir import Rect
from ..theme.info import Layout
from ..theme import Theme
from ..theme.grid import GridBoxes

SPARE_ROW = 4   # a content area spares the source line's row when it is this many rows tall


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
                   content: Rect | None = None, *, large: bool = False) -> "Frame":
        """The grid of a template layout: the title placeholder's box is the title band, the
        layout's content area (see :attr:`Layout.content`), else ``content``, the body. A
        kind that needs a ``large`` area takes the free area below the title (down to the
        footer placeholders) instead of a content area less than half its size: a small text
        box. The source line goes on the row of the layout's footer placeholders when they
        sit right under the body (as on a theme's exported template), else at the body's
        foot when the body can spare it (``SPARE_ROW``), else below a small body (see
        :func:`_row_below`), so a 0.66 in text box keeps all of its height for its text."""
        assert layout.title is not None and layout.title.box is not None
        title = layout.title.box
        content = layout.content if layout.text_boxes else content or layout.content
        gap, footer_h = theme.emu("footer_gap"), theme.emu("footer_height")
        top = title.bottom + theme.emu("title_gap")
        bottom = min([height - theme.emu("margin_bottom")] +
                     [p.box.y - gap for p in layout.of_type("dt", "ftr", "sldNum")
                      if p.box is not None and p.box.y > top])
        below = Rect(title.x, top, title.w, bottom - top)
        if content is None or (large and below.h > 0 and
                               content.w * content.h < below.w * below.h / 2):
            content = below
        footer = layout.footer_row(content, gap)
        if footer is None and (footer_h + gap) * SPARE_ROW > content.h:
            footer = _row_below(layout, content, footer_h, height - theme.emu("margin_bottom"))
        if footer is not None:
            return cls(width, height, Rect(content.x, content.y, content.w,
                                           footer.bottom - content.y), title, content, footer,
                       layout)
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


def _row_below(layout: Layout, content: Rect, height: int, bottom: int) -> Rect | None:
    """A row for the source line below a small content box: the layout's footer placeholders'
    row wherever it is below the box, else a row at the slide's bottom margin if it is below
    the box and clear of the layout's other placeholders (None: neither)."""
    row = layout.footer_row(content, None)
    if row is not None:
        return row
    row = Rect(content.x, bottom - height, content.w, height)
    others = [p.box for p in layout.placeholders
              if p.box is not None and p.type not in ("dt", "ftr", "sldNum")]
    clear = row.y >= content.bottom and not any(row.overlaps(box) for box in others)
    return row if clear else None
