"""Where each shape and each lint finding of the page came from in the YAML.

The IR knows each slide's position (``Slide.pos``, the deck slide it was laid out from) but
not its boxes'. A box is traced to the slide's text field whose text it shows (a title, a
bullet, a quote, a stat), found by comparing the box's text with the validated deck's
strings; a box showing nothing the slide wrote (a footer, a rule) takes the slide's own
position; a chart, picture or table takes its field's (``chart``, ``image``, ``rows``).
Lint's findings name the position of the field they concern, so a finding sits
on the box traced to the same position, else on the slide whose YAML holds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Sequence

from ..validation import Model

from ..errors import SourcePos
from ..ir import ChartBox, Element, Picture, Presentation, Slide, TableBox, TextBox
from ..load import SourceTree
from ..markup import plain
from ..model import Deck

MIN_MATCH = 3  # characters a field's text needs before a box starting with it is its own
FIELDS = {ChartBox: "chart", Picture: "image", TableBox: "rows"}  # the field each box draws


@dataclass(frozen=True)
class Placed:
    """A finding on the page: on slide ``slide`` (None: the deck's), at element ``element``
    of that slide (None: the slide as a whole)."""

    finding: Any
    slide: int | None
    element: int | None


def shape_sources(presentation: Presentation, deck: Deck,
                  tree: SourceTree) -> list[list[SourcePos | None]]:
    """For every slide, every element's YAML position (the slide's when no field matches)."""
    index = {tree.pos(("slides", i)): i for i in range(len(deck.slides))}
    sources = []
    for slide in presentation.slides:
        number = index.get(slide.pos) if slide.pos is not None else None
        fields = [] if number is None else sorted(
            ((_normal(plain(text)), tree.pos(("slides", number) + path))
             for path, text in _strings(deck.slides[number])),
            key=lambda field: -len(field[0]))
        sources.append([_traced(element, fields)
                        or (number is not None and _field(element, tree, number))
                        or slide.pos for element in slide.elements])
    return sources


def _field(element: Element, tree: SourceTree, number: int) -> SourcePos | None:
    """A picture's, chart's or table's field: where the slide wrote it."""
    name = FIELDS.get(type(element))
    return tree.pos(("slides", number, name)) if name else None


def _strings(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple, str]]:
    """Every string in a validated slide, with its path (the YAML's, field by field)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Model):
        for name, item in value:
            yield from _strings(item, path + (name,))
    elif isinstance(value, (list, tuple)):
        for number, item in enumerate(value):
            yield from _strings(item, path + (number,))


def _traced(element: Element, fields: list[tuple[str, SourcePos]]) -> SourcePos | None:
    """The longest field text the box's text starts with (or is)."""
    if not isinstance(element, TextBox):
        return None
    shown = _normal(element.text)
    return next((pos for text, pos in fields
                 if text == shown or (len(text) >= MIN_MATCH and shown.startswith(text))), None)


def _normal(text: str) -> str:
    return " ".join(text.split())


def place_findings(findings: Sequence[Any], slides: Sequence[Slide],
                   sources: Sequence[Sequence[SourcePos | None]]) -> list[Placed]:
    """Each finding on the box traced to its position, else on the last slide starting at or
    before it in the same file (and the same repetition), else on the deck."""
    at_box = {}
    for slide_index, positions in enumerate(sources):
        for element_index, pos in enumerate(positions):
            if pos is not None and pos != slides[slide_index].pos:
                at_box.setdefault(pos, (slide_index, element_index))
    placed = []
    for finding in findings:
        if finding.pos in at_box:
            placed.append(Placed(finding, *at_box[finding.pos]))
        else:
            placed.append(Placed(finding, _slide_holding(finding.pos, slides), None))
    return placed


def _slide_holding(pos: SourcePos, slides: Sequence[Slide]) -> int | None:
    best: int | None = None
    for index, slide in enumerate(slides):
        start = slide.pos
        if (start is not None and (start.file, start.note) == (pos.file, pos.note)
                and (start.line, start.col) <= (pos.line, pos.col)
                and (best is None or (slides[best].pos.line, slides[best].pos.col)
                     < (start.line, start.col))):
            best = index
    return best
