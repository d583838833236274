"""Text colours that read on what a layout shows behind them (WCAG AA).

A colour is readable on a :class:`~.backdrop.Tone` when it contrasts enough with both its
darkest and its lightest colour, so text on a gradient or a picture reads everywhere in its
box. The colour a template gives text is kept when it reads; else the template's own dark
and light colours are tried (``dk1``, ``lt1``, ``dk2``, ``lt2``), else black or white; when
nothing reaches the threshold (a busy photograph), the colour that comes closest is taken
and lint reports it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..ir import Rect
from .backdrop import Tone
from .info import Layout, TemplateInfo

NORMAL = 4.5        # WCAG AA for body text; large text needs 3:1, titles are held to this too
BLACK, WHITE = "000000", "FFFFFF"
INK_SLOTS = ("dk1", "lt1", "dk2", "lt2")


def template_inks(info: TemplateInfo) -> list[str]:
    """The template's own text colours, in the order they are tried."""
    return [info.scheme[slot] for slot in INK_SLOTS if slot in info.scheme]


def readable(preferred: str | None, tone: Tone, inks: Sequence[str],
             need: float = NORMAL) -> str:
    """``preferred`` if it reads on ``tone``, else the first of ``inks``, black and white
    that does, else the one that comes closest."""
    candidates = list(dict.fromkeys(c for c in (preferred, *inks, BLACK, WHITE) if c))
    return next((c for c in candidates if tone.worst_ratio(c) >= need),
                max(candidates, key=tone.worst_ratio))


def tone_under(layout: Layout, area: Rect | None) -> Tone | None:
    """What ``layout`` shows under ``area`` (None: its backdrop or the area is unknown)."""
    if layout.backdrop is None or area is None:
        return None
    return layout.backdrop.under(area)


def legible_layout(layout: Layout, inks: Sequence[str], body: Rect | None) -> Layout:
    """``layout`` with the colours it gives titles, body text and footers made readable on
    what it shows under its title placeholder, ``body`` and its footer placeholders."""
    if layout.backdrop is None:
        return layout
    colors = layout.colors
    footers = [p.box for p in layout.of_type("ftr", "sldNum") if p.box is not None]
    changes: dict[str, str] = {}
    for name, area in (("title", layout.title.box if layout.title else None), ("text", body),
                       ("footer", _union(footers))):
        current, tone = getattr(colors, name), tone_under(layout, area)
        if current is not None and tone is not None:
            changes[name] = readable(current, tone, inks)
    return replace(layout, colors=replace(colors, **changes)) if changes else layout


def _union(boxes: list[Rect]) -> Rect | None:
    if not boxes:
        return None
    x, y = min(b.x for b in boxes), min(b.y for b in boxes)
    return Rect(x, y, max(b.right for b in boxes) - x, max(b.bottom for b in boxes) - y)
