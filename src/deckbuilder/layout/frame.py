"""The slide grid: margins, title band, body area and footer row, all from the theme, or
from a template layout's placeholders when building on a template."""

from __future__ import annotations

from dataclasses import dataclass

from ..ir import Rect, inches
from ..theme.info import Layout
from ..theme import Theme

SLIDE_SIZES = {"16:9": (inches(13.333), inches(7.5)), "4:3": (inches(10), inches(7.5))}


@dataclass(frozen=True)
class Frame:
    """Where things go on every slide of a deck."""

    width: int
    height: int
    content: Rect   # everything inside the outer margins
    title: Rect     # the title band on content slides
    body: Rect      # between the title band and the footer row
    footer: Rect    # source line, footer text and slide number share this row
    layout: Layout | None = None   # the template layout slides are built on, if any

    @classmethod
    def for_theme(cls, theme: Theme, size: str) -> "Frame":
        width, height = SLIDE_SIZES[size]
        left, right = theme.emu("margin_left"), theme.emu("margin_right")
        top, bottom = theme.emu("margin_top"), theme.emu("margin_bottom")
        content = Rect(left, top, width - left - right, height - top - bottom)
        title = Rect(content.x, content.y, content.w, theme.emu("title_height"))
        footer_h = theme.emu("footer_height")
        footer = Rect(content.x, content.bottom - footer_h, content.w, footer_h)
        body_top = title.bottom + theme.emu("title_gap")
        body_bottom = footer.y - theme.emu("footer_gap")
        body = Rect(content.x, body_top, content.w, body_bottom - body_top)
        return cls(width, height, content, title, body, footer)

    @classmethod
    def for_layout(cls, theme: Theme, layout: Layout, width: int, height: int,
                   content: Rect | None = None) -> "Frame":
        """The grid of a template layout: the title placeholder's box is the title band, the
        layout's content area (see :attr:`Layout.content`), else ``content``, the body,
        whose foot holds the source line."""
        assert layout.title is not None and layout.title.box is not None
        title = layout.title.box
        content = layout.content if layout.text_boxes else content or layout.content
        if content is None:  # no text placeholder, no master body: below the title
            top = title.bottom + theme.emu("title_gap")
            content = Rect(title.x, top, title.w, height - theme.emu("margin_bottom") - top)
        footer_h = theme.emu("footer_height")
        footer = Rect(content.x, content.bottom - footer_h, content.w, footer_h)
        body = Rect(content.x, content.y, content.w, footer.y - theme.emu("footer_gap") - content.y)
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
