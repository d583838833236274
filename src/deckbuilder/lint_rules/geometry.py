"""Rules about placement: shapes past the slide's edges, text on top of other things, and
a reading order that differs from what the eye sees."""

from __future__ import annotations

from itertools import combinations
from typing import Iterator

from ..ir import Element, Rect, Shape, Slide, TextBox
from .base import Finding, Subject, snippet

FOOTER_ROLES = ("source", "footer", "number")


def describe(element: Element) -> str:
    if isinstance(element, TextBox) and element.text.strip():
        return f"{element.name.lower()} {snippet(element.text, 30)}"
    return element.name.lower()


def off_slide(subject: Subject) -> Iterator[Finding]:
    width, height = subject.presentation.width, subject.presentation.height
    for slide in subject.presentation.slides:
        for element in slide.elements:
            r = element.rect
            if r.w <= 0 or r.h <= 0 or r.x < 0 or r.y < 0 or r.right > width or r.bottom > height:
                yield subject.finding(
                    slide, "off-slide", f"{describe(element)} lies partly or wholly off the slide",
                    "this is a layout or template bug: report it with the deck")


def _contains(outer: Rect, inner: Rect) -> bool:
    return (outer.x <= inner.x and outer.y <= inner.y and inner.right <= outer.right
            and inner.bottom <= outer.bottom)


def extent(element: Element) -> Rect:
    """What an element covers: a text box without a fill shows nothing in its padding (a
    template's body placeholder, say, padded clear of the footer below it)."""
    if isinstance(element, TextBox) and element.fill is None:
        pad = element.insets
        return element.rect.inset(pad.left, pad.top, pad.right, pad.bottom)
    return element.rect


def _clash(below: Element, above: Element) -> bool:
    """Whether two elements (in z-order) hide each other. A filled shape may sit behind a
    picture, a chart or a table, and behind text that lies wholly inside it; decoration may
    sit on a text box's padding (a tile's stripe), not on its text."""
    if not extent(below).overlaps(extent(above)):
        return False
    if isinstance(below, Shape):
        return isinstance(above, TextBox) and not _contains(below.rect, extent(above))
    if isinstance(below, TextBox) and isinstance(above, Shape):
        pad = below.insets
        return below.rect.inset(pad.left, pad.top, pad.right, pad.bottom).overlaps(above.rect)
    return True


def overlap(subject: Subject) -> Iterator[Finding]:
    for slide in subject.presentation.slides:
        for a, b in combinations(slide.elements, 2):
            if _clash(a, b):
                yield subject.finding(
                    slide, "overlap", f"{describe(a)} overlaps {describe(b)}",
                    "shorten the text or remove one of them; text may only sit on a filled "
                    "shape that contains it entirely")


def precedes(a: Rect, b: Rect) -> bool:
    """Whether ``a`` is read before ``b``: it is wholly above, or beside and to the left."""
    if a.bottom <= b.y:
        return True
    beside = a.y < b.bottom and b.y < a.bottom
    return beside and a.right <= b.x


def reading_sequence(slide: Slide) -> list[Element]:
    """The elements a screen reader announces, in file order: decoration is skipped and
    the title, which render puts in the title placeholder, comes first."""
    content = [e for e in slide.elements if not isinstance(e, Shape)]
    titles = [e for e in content if isinstance(e, TextBox) and e.role == "title"][:1]
    return titles + [e for e in content if not any(e is t for t in titles)]


def reading_order(subject: Subject) -> Iterator[Finding]:
    """Title first (wherever a template puts it), then content top to bottom and left to
    right, footer last."""
    for slide in subject.presentation.slides:
        sequence = reading_sequence(slide)
        for i, j in combinations(range(len(sequence)), 2):
            earlier, later = sequence[i], sequence[j]
            if _role(earlier) == "title":
                continue
            footer_first = (_role(earlier) in FOOTER_ROLES) and _role(later) not in FOOTER_ROLES
            if footer_first or precedes(later.rect, earlier.rect):
                yield subject.finding(
                    slide, "reading-order",
                    f"{describe(later)} is read after {describe(earlier)} but is seen first",
                    "this is a layout bug: report it with the deck")
                break


def _role(element: Element) -> str | None:
    return element.role if isinstance(element, TextBox) else None
