"""Slides that had to leave the deck's slide master: a template with several masters
(variants with different branding) lacked a layout for their kind in the deck's."""

from __future__ import annotations

from typing import Iterator

from .base import Finding, Subject


def borrowed_layouts(subject: Subject) -> Iterator[Finding]:
    """One finding per borrowing kind, at its first slide."""
    presentation = subject.presentation
    seen: set[str] = set()
    for slide in presentation.slides:
        home = presentation.borrowed.get(slide.kind)
        if home is None or slide.kind in seen or slide.layout is None:
            continue
        seen.add(slide.kind)
        layout = presentation.template.layouts[slide.layout]
        yield subject.finding(
            slide, "layout-borrowed",
            f"slide master {home} of the template, which this deck is on, has no layout for "
            f"'{slide.kind}' slides, so they use layout '{layout.name}' of slide master "
            f"{layout.master}, which may be branded differently",
            f"to choose yourself, map it under 'layouts:' (e.g. {slide.kind}: "
            f"{{layout: '{layout.name}', master: {layout.master}}}), or add a layout for it "
            f"to slide master {home} in PowerPoint")
