"""Rules about what a slide carries: alt text, chart sources, titles, and any content."""

from __future__ import annotations

import re
from typing import Iterator

from ..errors import SourcePos
from ..fonts import known_font
from ..charts.style import chart_style
from ..ir import EMU_PER_INCH, EMU_PER_POINT, ChartBox, Picture, Shape, Slide, TableBox, TextBox
from .base import SEVERITY, Finding, Subject, snippet

FILE_NAME = re.compile(r"^\S+\.(png|jpe?g|gif|bmp|tiff?|svg|emf|wmf|webp)$", re.I)
CONTINUED = re.compile(r"\s*\((cont\.|continued)\)\s*$", re.I)
# Slides whose title is their content: a cover repeats the deck title that the first
# content slide often uses too, and a section divider names the chapter its first slide
# may repeat. Neither is a navigation target that needs a title of its own.
TITLE_EXEMPT = ("title", "section")
FURNITURE = ("title", "source", "footer", "number")
RATIOS = {"16:9": 16 / 9, "4:3": 4 / 3}
CHART_LINES = 6   # lines of tick-label text a chart needs each way for its axes and labels


def alt_text(subject: Subject) -> Iterator[Finding]:
    for slide in subject.presentation.slides:
        for element in slide.elements:
            if not isinstance(element, (Picture, ChartBox)):
                continue
            field = "alt" if isinstance(element, Picture) else "chart"
            alt = element.alt.strip()
            if not alt:
                yield subject.finding(slide, "alt-text", f"{element.name.lower()} has no alt text",
                                      "add 'alt:' saying what the picture shows", field)
            elif FILE_NAME.match(alt):
                yield subject.finding(slide, "alt-text",
                                      f"the alt text of {element.name.lower()} is a file name",
                                      "describe what the picture shows instead", field)


def chart_source(subject: Subject) -> Iterator[Finding]:
    for slide in subject.presentation.slides:
        has_chart = any(isinstance(e, ChartBox) for e in slide.elements)
        has_source = any(isinstance(e, TextBox) and e.role == "source" and e.text.strip()
                         for e in slide.elements)
        if has_chart and not has_source:
            yield subject.finding(slide, "chart-source", "chart slide without a source line",
                                  "add 'source:' to the slide or the chart, or a source to the "
                                  "data file's .meta.yaml", "chart")


def _title_key(title: str) -> str:
    return " ".join(CONTINUED.sub("", title).split()).casefold()


def titles(subject: Subject) -> Iterator[Finding]:
    """Every slide has a title box; content slides' titles are unique, except that a
    continuation may directly follow the slide it continues."""
    first_use: dict[str, int] = {}
    previous = None
    for slide in subject.presentation.slides:
        if not slide.title.strip() or not any(
                isinstance(e, TextBox) and e.role == "title" and e.text.strip()
                for e in slide.elements):
            yield subject.finding(slide, "title-missing", "slide has no title",
                                  "add 'title:'; screen readers and the outline use it", "title")
        if slide.kind in TITLE_EXEMPT:
            previous = None
            continue
        key = _title_key(slide.title)
        if key in first_use and key != previous:
            yield subject.finding(
                slide, "title-duplicate",
                f"title {snippet(slide.title)} is also the title of slide {first_use[key]}",
                "give each slide its own title, e.g. say what is new on this one", "title")
        first_use.setdefault(key, slide.number)
        previous = key


def _content(slide: Slide) -> bool:
    for element in slide.elements:
        if isinstance(element, Shape):
            continue
        if isinstance(element, TextBox):
            if element.role not in FURNITURE and element.text.strip():
                return True
        else:
            return True
    return False


def empty_slide(subject: Subject) -> Iterator[Finding]:
    for slide in subject.presentation.slides:
        if slide.kind not in TITLE_EXEMPT and not _content(slide):
            yield subject.finding(slide, "empty-slide", "slide has a title but no content",
                                  "add content or remove the slide")


def chart_size(subject: Subject) -> Iterator[Finding]:
    """A chart box too small for its axes and labels (in the smallest, matplotlib gives up
    laying the plot out and only warns on the terminal, which a build keeps quiet)."""
    tick = chart_style(subject.theme).tick_pt
    least = CHART_LINES * tick * EMU_PER_POINT
    for slide in subject.presentation.slides:
        for element in slide.elements:
            if isinstance(element, ChartBox) and min(element.rect.w, element.rect.h) < least:
                w, h = (side / EMU_PER_INCH for side in (element.rect.w, element.rect.h))
                yield subject.finding(
                    slide, "chart-size",
                    f"the chart's box is {w:.2f} × {h:.2f} in, too small to read: its axes "
                    f"and {tick:g} pt labels need about {least / EMU_PER_INCH:.2f} in each way, "
                    "and leave the plot little or no room",
                    "give it room: map 'chart' under 'layouts:' to a layout with a larger "
                    "content area, or leave out the chart's side panel", "chart")


def template_size(subject: Subject) -> Iterator[Finding]:
    """A deck's ``size:`` that its template overrules (a template fixes the slide size)."""
    presentation, tree = subject.presentation, subject.tree
    data = tree.data if tree is not None and isinstance(tree.data, dict) else {}
    requested = data.get("size")
    if tree is None or presentation.template is None or requested not in RATIOS:
        return
    width, height = presentation.width / EMU_PER_INCH, presentation.height / EMU_PER_INCH
    if abs(width / height - RATIOS[requested]) > 0.01:
        yield Finding(tree.pos(("size",)), "size-ignored",
                      f"the template's slides are {width:.2f} × {height:.2f} in, so "
                      f"'size: {requested}' is ignored",
                      f"remove 'size:', or use a template whose slides are {requested}",
                      SEVERITY["size-ignored"])


def unmeasured_fonts(subject: Subject) -> Iterator[Finding]:
    """Fonts deckbuilder has no metric-compatible stand-in for, so it measures them with
    Arial's widths: one finding per font, at the deck's 'template:' or 'theme:' line."""
    tree = subject.tree
    names: dict[str, None] = {}  # in order of first use
    for slide in subject.presentation.slides:
        for element in slide.elements:
            if isinstance(element, TextBox):
                names.update((r.font.name, None) for p in element.paragraphs for r in p.runs
                             if r.text.strip())
            elif isinstance(element, TableBox):
                names.update({element.header_font.name: None, element.body_font.name: None})
    data = tree.data if tree is not None and isinstance(tree.data, dict) else {}
    key = next((k for k in ("template", "theme") if k in data), None)
    pos = (tree.pos((key,) if key else ()) if tree is not None
           else SourcePos("<deck>", 1, 1))
    for name in names:
        if not known_font(name):
            yield Finding(pos, "font-unmeasured",
                          f"text in '{name}' is measured with Arial's widths (deckbuilder "
                          f"ships metric-compatible fonts for Calibri and Arial only); a "
                          f"viewer without '{name}' substitutes a font that may be wider",
                          "use Calibri or Arial, or check the deck in a viewer that has the "
                          "font (deckbuilder preview)", SEVERITY["font-unmeasured"])
