"""WCAG AA contrast between text and what is behind it (4.5:1, or 3:1 for large text).

What is behind text is the box's own fill, the filled shapes the slide draws under it, and
the slide's background as a viewer draws it: its layout's fill, gradient or picture and
the master's artwork (``theme/backdrop.py``), under the part of the box the text covers.
Text that fails on colours deckbuilder or the theme chose is an error (``contrast``); text
that fails on a template's picture, gradient or artwork, where deckbuilder already took the
most readable colour it had, is a warning (``contrast-artwork``): the fix is in the
template or the choice of layout.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

from ..colors import ratio
from ..ir import Element, Font, Rect, Shape, Slide, TableBox, TextBox
from ..layout.text import text_height
from ..theme.info import TemplateInfo
from .base import Finding, Subject, snippet

NORMAL, LARGE = 4.5, 3.0
LARGE_SIZE, LARGE_BOLD_SIZE = 24.0, 18.66   # pt; WCAG's 18 pt / 14 pt bold read as CSS px


class Behind(NamedTuple):
    """A colour behind text, and whether the template's artwork (not one solid fill) drew it."""

    colour: str
    artwork: bool = False


def required(font: Font) -> float:
    large = font.size >= LARGE_SIZE or (font.bold and font.size >= LARGE_BOLD_SIZE)
    return LARGE if large else NORMAL


def backgrounds(slide: Slide, element: Element, default: str,
                template: TemplateInfo | None = None) -> list[Behind]:
    """Every colour behind ``element``: its own fill, else the filled shapes under it and,
    unless one of them covers it, the slide's background under its text."""
    own = element.fill if isinstance(element, TextBox) else None
    if own:
        return [Behind(own)]
    found: list[Behind] = []
    below = slide.elements[:next(i for i, e in enumerate(slide.elements) if e is element)]
    for other in reversed(below):
        fill = other.fill if isinstance(other, (Shape, TextBox)) else None
        if fill and other.rect.overlaps(element.rect):
            found.append(Behind(fill))
            r, o = element.rect, other.rect
            if o.x <= r.x and o.y <= r.y and r.right <= o.right and r.bottom <= o.bottom:
                return found
    inked = inked_rect(element) if isinstance(element, TextBox) else element.rect
    return found + slide_background(slide, inked, default, template)


def inked_rect(box: TextBox) -> Rect:
    """The part of ``box`` its text covers: its width inside the padding, as tall as the
    text, where the box's anchor puts it (a cover's subtitle box may reach down over a band
    of the master's artwork that its two lines never touch)."""
    inner = Rect(box.rect.x + box.insets.left, box.rect.y + box.insets.top,
                 max(1, box.rect.w - box.insets.left - box.insets.right),
                 max(1, box.rect.h - box.insets.top - box.insets.bottom))
    height = min(inner.h, max(1, text_height(box.paragraphs, inner.w)))
    offset = {"top": 0, "middle": (inner.h - height) // 2, "bottom": inner.h - height}
    return Rect(inner.x, inner.y + offset.get(box.anchor, 0), inner.w, height)


def slide_background(slide: Slide, rect: Rect, default: str,
                     template: TemplateInfo | None) -> list[Behind]:
    """The darkest and lightest colour the slide's layout shows under ``rect``, else the
    slide's background colour. A theme's own artwork is the theme's choice, not drawn by a
    template's designer."""
    layouts = template.layouts if template is not None else ()
    backdrop = layouts[slide.layout].backdrop \
        if slide.layout is not None and slide.layout < len(layouts) else None
    if backdrop is None or template is None:
        return [Behind(slide.background or default)]
    tone = backdrop.under(rect)
    drawn = (backdrop.artwork or backdrop.fill != "solid") and not template.from_theme
    return [Behind(colour, drawn) for colour in dict.fromkeys((tone.darkest, tone.lightest))]


def _pairs(slide: Slide, element: Element, default: str,
           template: TemplateInfo | None) -> Iterator[tuple[Font, Behind, str]]:
    """(font, what is behind, text) for every piece of text in ``element``."""
    if isinstance(element, TextBox):
        behind = backgrounds(slide, element, default, template)
        for run in (r for p in element.paragraphs for r in p.runs if r.text.strip()):
            for colour in behind:
                yield run.font, colour, run.text
    elif isinstance(element, TableBox):
        yield element.header_font, Behind(element.header_fill), " ".join(element.header)
        body = " ".join(element.rows[0]) if element.rows else ""
        below = slide_background(slide, element.rect, default, template)
        bands = [Behind(element.band_fill)] if element.band_fill else []
        for colour in dict.fromkeys(bands + below):
            yield element.body_font, colour, body


def contrast(subject: Subject) -> Iterator[Finding]:
    theme = subject.theme
    names = {value: key for key, value in theme.colors.model_dump().items()}
    template = subject.presentation.template
    for slide in subject.presentation.slides:
        seen: set[tuple[str, str, float]] = set()
        for element in slide.elements:
            for font, behind, text in _pairs(slide, element, theme.colors.background,
                                             template):
                value, need = ratio(font.color, behind.colour), required(font)
                key = (font.color, behind.colour, need)
                if value >= need or key in seen:
                    continue
                seen.add(key)
                message = (f"text {snippet(text, 30)} in {font.color} on {behind.colour} has a "
                           f"contrast of {value:.2f}:1; WCAG AA asks for {need:g}:1 at "
                           f"{font.size:g} pt")
                if behind.artwork:
                    yield subject.finding(
                        slide, "contrast-artwork", message + ", where the template's picture "
                        "or artwork lies behind it",
                        "map this slide kind to a layout with a plainer background there "
                        "(layouts: in the deck), or lighten or darken that part of the "
                        "template")
                    continue
                colour = f"colors.{names[font.color]}" if font.color in names else font.color
                yield subject.finding(
                    slide, "contrast", message,
                    f"darken or lighten {colour} in the theme, or change what is behind it")
