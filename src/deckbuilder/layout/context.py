"""What every slide layout needs: theme, grid, positions for errors, and shared state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem, ProblemCollector, SourcePos
from ..ir import Slide
from ..load import SourceTree
from ..model import Deck
from ..theme import Theme
from .frame import Frame

Where = tuple | SourcePos   # a field of the slide being laid out, or a place of its own


@dataclass(frozen=True)
class LayoutProblem(Problem):
    """A problem found while laying out, with the lint rule it belongs to and a fix hint."""

    rule: str = "layout"
    hint: str = ""

    def format(self) -> str:
        return f"{super().format()}; {self.hint}" if self.hint else super().format()


@dataclass
class LayoutContext:
    deck: Deck
    theme: Theme
    frame: Frame
    tree: SourceTree
    assets: dict[int, Any] = field(default_factory=dict)   # slide index -> resolved inputs
    problems: ProblemCollector = field(default_factory=ProblemCollector)
    index: int = 0                 # index of the slide being laid out in deck.slides
    last_number: int = 0           # where the previous numbered list ended
    slide_count: int = 0           # slides emitted so far, for slide numbers
    noted_index: int = -1          # the deck slide whose notes were last attached

    def new_slide(self, kind: str, title: str) -> Slide:
        """A new output slide on the frame's layout, numbered in order and pointing back at
        its YAML. It shows the layout's background (None: not one colour, a picture say)."""
        self.slide_count += 1
        first_page = self.noted_index != self.index  # "(cont.)" pages repeat no notes
        self.noted_index = self.index
        layout = self.frame.layout
        assert layout is not None, "every slide is built on a layout"
        return Slide(kind, title, background=layout.colors.background,
                     number=self.slide_count,
                     notes=self.deck.slides[self.index].notes if first_page else None,
                     pos=self.pos(), layout=layout.number)

    def pos(self, *path: str | int) -> SourcePos:
        """YAML position of a field of the current slide."""
        return self.tree.pos(("slides", self.index) + tuple(path))

    def report(self, where: Where, message: str, rule: str, hint: str = "") -> None:
        """Record a problem at field ``where`` of the current slide (or at a position of its
        own: a value the slide inherits is reported where the deck wrote it)."""
        pos = where if isinstance(where, SourcePos) else self.pos(*where)
        self.problems.extend([LayoutProblem(pos, message, rule=rule, hint=hint)])
