"""Rules about type: text taller than its box, and text smaller than its role allows."""

from __future__ import annotations

from typing import Iterator

from ..ir import EMU_PER_POINT, TableBox, TextBox
from ..layout.floors import minimum_size
from ..layout.text import text_height
from .base import Finding, Subject, snippet

ROUNDING = 0.25  # fitted sizes are rounded to half points, so may sit this far under a floor


def overflow(subject: Subject) -> Iterator[Finding]:
    """Boxes the layout did not fit itself (it reports its own failures) and whose text
    is taller than the box."""
    for slide in subject.presentation.slides:
        for box in slide.elements:
            if not isinstance(box, TextBox) or box.min_size is not None:
                continue
            inner_w = box.rect.w - box.insets.left - box.insets.right
            inner_h = box.rect.h - box.insets.top - box.insets.bottom
            needed = text_height(box.paragraphs, inner_w)
            if needed > inner_h:
                yield subject.finding(
                    slide, "overflow",
                    f"text {snippet(box.text)} needs {needed / EMU_PER_POINT:.0f} pt of height "
                    f"but its box has {inner_h / EMU_PER_POINT:.0f} pt",
                    "shorten the text, or report this layout as a bug if it is short")


def font_min(subject: Subject) -> Iterator[Finding]:
    """Runs smaller than the floor for their box's role (layout/floors.py)."""
    theme = subject.theme
    for slide in subject.presentation.slides:
        for element in slide.elements:
            if isinstance(element, TextBox):
                role, text = element.role, element.text
                sizes = [r.font.size for p in element.paragraphs for r in p.runs if r.text.strip()]
            elif isinstance(element, TableBox):
                role, text = "body", " ".join(element.header)
                sizes = [element.header_font.size, element.body_font.size]
            else:
                continue
            floor = minimum_size(theme, role)
            if sizes and min(sizes) < floor - ROUNDING:
                yield subject.finding(
                    slide, "font-min",
                    f"{role} text {snippet(text)} is set at {min(sizes):g} pt, below the "
                    f"theme's minimum of {floor:g} pt for {role} text",
                    "shorten the text or split the slide so it fits at a larger size, or "
                    "raise the size in the theme's 'sizes'")
