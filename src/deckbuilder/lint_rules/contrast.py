"""WCAG AA contrast between text and what is behind it (4.5:1, or 3:1 for large text)."""

from __future__ import annotations

from typing import Iterator

from ..colors import ratio
from ..ir import Element, Font, Shape, Slide, TableBox, TextBox
from .base import Finding, Subject, snippet

NORMAL, LARGE = 4.5, 3.0
LARGE_SIZE, LARGE_BOLD_SIZE = 24.0, 18.66   # pt; WCAG's 18 pt / 14 pt bold read as CSS px


def required(font: Font) -> float:
    large = font.size >= LARGE_SIZE or (font.bold and font.size >= LARGE_BOLD_SIZE)
    return LARGE if large else NORMAL


def backgrounds(slide: Slide, element: Element, default: str) -> list[str]:
    """Every colour behind ``element``: its own fill, else the filled shapes under it and,
    unless one of them covers it, the slide background."""
    own = element.fill if isinstance(element, TextBox) else None
    if own:
        return [own]
    found: list[str] = []
    below = slide.elements[:next(i for i, e in enumerate(slide.elements) if e is element)]
    for other in reversed(below):
        fill = other.fill if isinstance(other, (Shape, TextBox)) else None
        if fill and other.rect.overlaps(element.rect):
            found.append(fill)
            r, o = element.rect, other.rect
            if o.x <= r.x and o.y <= r.y and r.right <= o.right and r.bottom <= o.bottom:
                return found
    return found + [slide.background or default]


def _pairs(slide: Slide, element: Element, default: str,
           own_template: bool) -> Iterator[tuple[Font, str, str]]:
    """(font, background, text) for every piece of text in ``element``. Text in a foreign
    template's placeholder is not checked: it is drawn over the template's own pictures and
    shapes, which lint cannot see, in colours the template chose for them. The theme's own
    template has no artwork under its text."""
    if isinstance(element, TextBox) and (element.placeholder is None or own_template):
        behind = backgrounds(slide, element, default)
        for run in (r for p in element.paragraphs for r in p.runs if r.text.strip()):
            for colour in behind:
                yield run.font, colour, run.text
    elif isinstance(element, TableBox):
        yield element.header_font, element.header_fill, " ".join(element.header)
        body = " ".join(element.rows[0]) if element.rows else ""
        for colour in {element.band_fill or slide.background or default,
                       slide.background or default}:
            yield element.body_font, colour, body


def contrast(subject: Subject) -> Iterator[Finding]:
    theme = subject.theme
    names = {value: key for key, value in theme.colors.model_dump().items()}
    template = subject.presentation.template
    own_template = template is not None and template.from_theme
    for slide in subject.presentation.slides:
        seen: set[tuple[str, str, float]] = set()
        for element in slide.elements:
            for font, background, text in _pairs(slide, element, theme.colors.background,
                                                 own_template):
                value, need = ratio(font.color, background), required(font)
                key = (font.color, background, need)
                if value >= need or key in seen:
                    continue
                seen.add(key)
                colour = f"colors.{names[font.color]}" if font.color in names else font.color
                yield subject.finding(
                    slide, "contrast",
                    f"text {snippet(text, 30)} in {font.color} on {background} has a contrast "
                    f"of {value:.2f}:1; WCAG AA asks for {need:g}:1 at {font.size:g} pt",
                    f"darken or lighten {colour} in the theme, or change what is behind it")
