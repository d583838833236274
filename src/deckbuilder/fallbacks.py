"""What a build in another language still shows in the deck's own: each text the strings
file did not give is a finding naming the field and where to add it, a warning when the
deck's text stands in (``translation: missing: source``) and an error when the deck says
``missing: error``. Two kinds of text are checked: the fields the deck writes (before
layout), and the text a chart takes from its data (after the data is read): the CSV's
categories, the ``.meta.yaml``'s source line, unit and series labels, the x column's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .charts.alt import listed, ordered
from .charts.categories import as_written
from .charts.data import ChartData
from .errors import DeckError, Problem, SourcePos
from .layout.context import LayoutProblem
from .load import Path_, SourceTree
from .model import ChartSlide, Deck


@dataclass
class Untranslated:
    """A build in ``language`` from the strings file ``strings``, and the findings for the
    deck's fields it left out (more come from the charts' data: :meth:`in_data`)."""

    language: str
    strings: str
    fallback: str  # the deck's translation.missing: source or error
    problems: list[Problem] = field(default_factory=list)

    def in_fields(self, texts: list[tuple[Path_, str]], covered: set[Path_],
                  original: SourceTree) -> None:
        """A finding for each text field of the deck that no path in ``covered`` gave,
        at the deck's field (``original``)."""
        for path, text in texts:
            if text.strip() and not any(path[:len(c)] == c or c[:len(path)] == path
                                        for c in covered):
                self.problems.append(self._finding(original.pos(path), path, original.data,
                                                   "the deck's own text"))

    def findings(self, deck: Deck, tree: SourceTree, assets: dict[int, Any],
                 strict: bool) -> list[Problem]:
        """Every finding, the deck's fields' and its charts' data's (:meth:`in_data`);
        ``strict`` (validate, build --check) raises them when the deck says they are
        errors, as layout problems are raised there."""
        found = self.problems + self.in_data(deck, tree, assets)
        if strict and found and self.fallback == "error":
            raise DeckError(found)
        return found

    def in_data(self, deck: Deck, tree: SourceTree, assets: dict[int, Any]) -> list[Problem]:
        """A finding for each text a chart slide shows from its data that the strings do
        not give, at the deck's chart field it comes through."""
        return [self._finding(tree.pos(at), path, tree.data, "the data's own text")
                for index, slide in enumerate(deck.slides) if isinstance(slide, ChartSlide)
                for path, at in _data_texts(slide, assets[index], ("slides", index))]

    def _finding(self, pos: SourcePos, path: Path_, data: Any, own: str) -> Problem:
        where = _named(path, data)
        rule, shown = (("translation-fallback", f"; {own} is shown") if self.fallback == "source"
                       else ("translation-missing", "; the deck says translation: missing: error"))
        return LayoutProblem(pos, f"{_field(where)} has no {self.language} text in "
                                  f"{self.strings}{shown}", rule=rule,
                             hint=f"add it to {self.strings} as " + _entry(where))


def _data_texts(slide: ChartSlide, data: ChartData, at: Path_) -> Iterator[tuple[Path_, Path_]]:
    """(the field that would translate it, the deck field it comes through) for each text
    the chart shows from its data rather than from the deck."""
    spec, chart = slide.chart, at + ("chart",)
    if slide.source is None and spec.source is None and data.source_line:
        yield at + ("source",), chart + ("data",)
    if spec.unit is None and data.unit:
        yield chart + ("unit",), chart + ("data",)
    for index, series in enumerate(spec.series):
        if series.label is None:  # the provenance's label, else the column's name
            yield chart + ("series", index, "label"), chart + ("series", index)
    named = ((spec.alt is None and ordered(spec, data))  # 'year 2007 to 2017'
             or (spec.x_label is None and (not listed(spec, data) or spec.render == "native")))
    if spec.x_name is None and named:
        yield chart + ("x_name",), chart + ("x",)
    for category in as_written(data):
        if category not in spec.categories and any(c.isalpha() for c in category):
            yield chart + ("categories", category), chart + ("x",)


def _named(path: Path_, data: Any) -> Path_:
    """A deck path with its slide named as the strings file keys it: by id, else number."""
    if len(path) < 2 or path[0] != "slides" or not isinstance(path[1], int):
        return path
    slide = data["slides"][path[1]]
    key = slide.get("id") if isinstance(slide, dict) else None
    return ("slides", key if key is not None else path[1] + 1) + path[2:]


def _field(path: Path_) -> str:
    """('slides', 'cover', 'items', 0) -> "slide 'cover', items[0]" ('slide 4' by number)."""
    head, rest = ((f"slide {path[1]!r}" if isinstance(path[1], str) else f"slide {path[1]}"),
                  path[2:]) if path[0] == "slides" and len(path) > 1 else ("", path)
    text = ""
    for part in rest:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return ", ".join(p for p in (head, f"'{text}'" if text else "") if p)


def _entry(path: Path_) -> str:
    """The nesting a strings file writes the field under: 'slides: cover: items: [0]'."""
    return ": ".join(f"[{part}]" if isinstance(part, int) and i > 1 else str(part)
                     for i, part in enumerate(path))
