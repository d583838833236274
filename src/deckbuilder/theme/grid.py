"""A theme's grid on a slide: where the title band, body and footer row sit.

The slide master written from a theme (``master.py``) places its layouts' placeholders on
this grid; layout then reads those placeholders back, as it does a corporate template's.
Slide sizes are PowerPoint's own, so a deck's size is typed as PowerPoint types it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ir import Insets, Rect
from .settings import Theme

SLIDE_SIZES = {"16:9": (12192000, 6858000), "4:3": (9144000, 6858000)}
# ``p:sldSz/@type`` as PowerPoint writes it; its 13.33 x 7.5 in widescreen has no type.
SIZE_TYPES = {(9144000, 6858000): "screen4x3", (9144000, 5143500): "screen16x9",
              (9144000, 5715000): "screen16x10"}


def size_type(width: int, height: int) -> str | None:
    """The ``type`` PowerPoint gives a slide of this size, or None (it writes none)."""
    return SIZE_TYPES.get((width, height))


@dataclass(frozen=True)
class GridBoxes:
    """The grid's boxes on one slide size, in EMU."""

    width: int
    height: int
    content: Rect   # everything inside the outer margins
    title: Rect     # the title band on content slides
    body: Rect      # between the title band and the footer row
    footer: Rect    # source line, footer text and slide number share this row


def grid_boxes(theme: Theme, size: str) -> GridBoxes:
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
    return GridBoxes(width, height, content, title, body, footer)


def text_insets(theme: Theme, horizontal: bool = True) -> Insets:
    """A text box's padding on the grid: the theme's inset at the sides, half of it above
    and below."""
    pad = theme.emu("inset")
    return Insets(pad if horizontal else 0, pad // 2, pad if horizontal else 0, pad // 2)
