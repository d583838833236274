"""The presentation intermediate representation: slides of positioned boxes.

Layout produces it, lint reads it, render writes it. Geometry is in EMU (914,400 per inch,
12,700 per point); sizes of text in points; colours as 6-digit hex strings. Element order is
z-order and reading order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import SourcePos

EMU_PER_INCH = 914_400
EMU_PER_POINT = 12_700

Align = Literal["left", "center", "right"]
Anchor = Literal["top", "middle", "bottom"]
Role = Literal["title", "subtitle", "body", "source", "footer", "number", "label", "stat", "quote"]


def inches(value: float) -> int:
    return round(value * EMU_PER_INCH)


def points(value: float) -> int:
    return round(value * EMU_PER_POINT)


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def inset(self, left: int, top: int | None = None, right: int | None = None,
              bottom: int | None = None) -> "Rect":
        top = left if top is None else top
        right = left if right is None else right
        bottom = top if bottom is None else bottom
        return Rect(self.x + left, self.y + top, self.w - left - right, self.h - top - bottom)

    def overlaps(self, other: "Rect") -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)


@dataclass(frozen=True)
class Font:
    name: str
    size: float  # points
    color: str
    bold: bool = False
    italic: bool = False
    east_asian: str = ""       # the theme's faces for East Asian and complex-script text
    complex_script: str = ""   # ("": deckbuilder's default for the script, see scripts.py)


@dataclass(frozen=True)
class Run:
    text: str
    font: Font
    link: str | None = None    # an external hyperlink (http, https or mailto)
    lang: str | None = None    # the phrase's language where it is not the deck's (BCP 47)


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    level: int = 0
    bullet: str | None = None          # a bullet character, e.g. "•"
    bullet_color: str | None = None
    number: int | None = None          # an explicit list number (rendered as "N.")
    align: Align = "left"
    space_before: float = 0.0          # points
    line_spacing: float = 1.0          # multiple of single spacing
    indent: int = 0                    # EMU from the box's left inset to the text
    hanging: int = 0                   # EMU the bullet hangs left of the text

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Insets:
    left: int
    top: int
    right: int
    bottom: int


# OOXML's margins for a text body or a table cell when none are written: 0.1 in left and
# right, 0.05 in top and bottom.
DEFAULT_INSETS = Insets(91440, 45720, 91440, 45720)


@dataclass
class TextBox:
    rect: Rect
    paragraphs: list[Paragraph]
    role: Role = "body"
    anchor: Anchor = "top"
    insets: Insets = Insets(0, 0, 0, 0)
    fill: str | None = None
    name: str = "Text"
    min_size: float | None = None      # smallest font size fitting may use (lint reads it)
    placeholder: int | None = None     # idx of the template layout placeholder it fills

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Shape:
    """A plain filled rectangle: rules, bars, markers. Decoration only: it is marked so
    screen readers skip it, and it never lies under text (a box's background is the text
    box's own fill)."""

    rect: Rect
    fill: str
    name: str = "Shape"
    line: str | None = None


@dataclass
class Picture:
    rect: Rect
    image: bytes
    alt: str
    name: str = "Picture"
    placeholder: int | None = None     # idx of the template's picture placeholder it fills


@dataclass
class ChartBox:
    """A chart to be drawn at exactly this box (as a picture, or natively)."""

    rect: Rect
    spec: Any           # charts.spec.ChartSpec
    data: Any           # charts.data.ChartData
    alt: str
    name: str = "Chart"


@dataclass
class TableBox:
    rect: Rect
    header: list[str]                  # the cells' plain text, for lint and outlines
    rows: list[list[str]]
    cells: list[list[tuple[Run, ...]]]  # what each cell shows, the header row first
    header_font: Font
    body_font: Font
    header_fill: str
    band_fill: str | None
    rule: str
    align: list[Align]
    column_widths: list[int]
    row_heights: list[int]             # the header row first
    name: str = "Table"


Element = TextBox | Shape | Picture | ChartBox | TableBox


@dataclass
class Slide:
    kind: str
    title: str
    elements: list[Element] = field(default_factory=list)
    background: str | None = None
    notes: list[Paragraph] | None = None   # speaker notes, one paragraph per line (below)
    pos: SourcePos | None = None
    number: int = 0
    layout: int | None = None          # number of the template layout it is built on

    def add(self, *elements: Element) -> None:
        """Add content before the slide's decoration, decoration last: the order of
        elements is both z-order and the order a screen reader reads them in."""
        for element in elements:
            if isinstance(element, Shape):
                self.elements.append(element)
                continue
            first_shape = next((i for i, e in enumerate(self.elements)
                                if isinstance(e, Shape)), len(self.elements))
            self.elements.insert(first_shape, element)


# Speaker notes take the notes page's own type: their runs' fonts name no face (NOTES_FACE)
# and say only how a run differs from the page's text (bold, italic, code face, link).
NOTES_FACE = ""


@dataclass
class Presentation:
    width: int
    height: int
    slides: list[Slide]
    title: str
    author: str | None = None
    subject: str | None = None
    language: str = "en-US"
    created: str | None = None  # ISO date
    template: Any = None        # theme.info.TemplateInfo when building on a template
    borrowed: dict[str, int] = field(default_factory=dict)   # kind -> master it had no layout in
