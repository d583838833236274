"""Shared helpers for reading built decks back: text normalisation and shape geometry."""

from __future__ import annotations

import contextlib
import re
import signal
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from lxml import etree
from pptx.oxml.ns import qn
from pptx.util import Emu

REPO = Path(__file__).resolve().parents[1]
SEED_DECK = REPO / "deck" / "us-mexico-partnership.yaml"
FIXTURES = Path(__file__).resolve().parent / "decks"
ALL_KINDS = FIXTURES / "all-kinds.yaml"

NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'",
                        "\u2019": "'", "\u00a0": " "})


def norm(text: str) -> str:
    """NFC, straight quotes and apostrophes, single spaces, no leading/trailing space."""
    text = unicodedata.normalize("NFC", text).translate(QUOTES)
    return re.sub(r"\s+", " ", text).strip()


# ----- text of a slide ----------------------------------------------------------------------

@dataclass
class Para:
    text: str          # normalised
    level: int
    marker: str        # "none", "char" (bullet character) or "num" (auto-numbered)
    start_at: int | None
    sizes: tuple[float, ...]  # point sizes of the runs
    shape: object


def paragraph_marker(paragraph) -> tuple[str, int | None]:
    p_pr = paragraph._p.pPr
    if p_pr is None:
        return "none", None
    auto = p_pr.find(f"{{{NS_A}}}buAutoNum")
    if auto is not None:
        start = auto.get("startAt")
        return "num", int(start) if start is not None else None
    if p_pr.find(f"{{{NS_A}}}buChar") is not None:
        return "char", None
    return "none", None


def shape_paragraphs(shape) -> list[Para]:
    out = []
    for paragraph in shape.text_frame.paragraphs:
        text = norm("".join(run.text for run in paragraph.runs))
        if not text:
            continue
        marker, start = paragraph_marker(paragraph)
        sizes = paragraph_sizes(paragraph, shape)
        out.append(Para(text, paragraph.level, marker, start, sizes, shape))
    return out


def _inheritance(shape) -> list:
    """The elements a placeholder's text inherits from, nearest first: its layout's and its
    master's placeholders (python-pptx's base placeholders)."""
    chain, current = [], shape
    while getattr(current, "is_placeholder", False) and hasattr(current, "_base_placeholder"):
        current = current._base_placeholder
        if current is None:
            break
        chain.append(current)
    return chain


def _master_style(shape, level: int):
    """The master text style (title, body or other) a placeholder's level starts from."""
    if not getattr(shape, "is_placeholder", False):
        return None
    kind = shape.placeholder_format.type
    name = ("titleStyle" if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
            else "otherStyle" if kind in (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER,
                                          PP_PLACEHOLDER.SLIDE_NUMBER) else "bodyStyle")
    master = shape.part.slide_layout.slide_master._element
    found = _xpath(master, f"./p:txStyles/p:{name}/a:lvl{level}pPr")
    return found[0] if found else None


def inherited_size(paragraph, shape) -> float | None:
    """The size text at this paragraph's level inherits: from the layout's and master's
    placeholders, then the master's text styles."""
    level = paragraph.level + 1
    for source in _inheritance(shape):
        found = _xpath(source._element, f"./p:txBody/a:lstStyle/a:lvl{level}pPr/a:defRPr/@sz")
        if found:
            return int(found[0]) / 100
    style = _master_style(shape, level)
    found = _xpath(style, "./a:defRPr/@sz") if style is not None else []
    return int(found[0]) / 100 if found else None


def paragraph_sizes(paragraph, shape) -> tuple[float, ...]:
    """The size of every run and field (a slide number) of a paragraph as a viewer sets
    it: its own, else the inherited one."""
    sizes = []
    for child in paragraph._p:
        if child.tag in (qn("a:r"), qn("a:fld")):
            properties = child.find(qn("a:rPr"))
            own = properties.get("sz") if properties is not None else None
            sizes.append(int(own) / 100 if own else inherited_size(paragraph, shape))
    return tuple(size for size in sizes if size is not None)


NAMESPACES = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
              "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}


def _xpath(element, path: str) -> list:
    return etree._Element.xpath(element, path, namespaces=NAMESPACES)


INSETS = {"lIns": 91440, "tIns": 45720, "rIns": 91440, "bIns": 45720}


def text_area(shape) -> "Box":
    """Where a shape's text can go: its box less its text padding (its own, else its
    placeholder's inherited padding, else OOXML's defaults)."""
    b = box(shape)
    if not getattr(shape, "has_text_frame", False) or not shape.has_text_frame:
        return b
    pad = {}
    for source in [shape] + _inheritance(shape):
        body = _xpath(source._element, "./p:txBody/a:bodyPr")
        for name in INSETS:
            if body and name not in pad and body[0].get(name) is not None:
                pad[name] = int(body[0].get(name))
    pad = {**INSETS, **pad}
    return Box(b.x + pad["lIns"], b.y + pad["tIns"], b.w - pad["lIns"] - pad["rIns"],
               b.h - pad["tIns"] - pad["bIns"], b.name)


def shown_background(slide):
    """The fill a slide shows: its own background, else its layout's, else its master's."""
    for source in (slide, slide.slide_layout, slide.slide_layout.slide_master):
        if source._element.find(qn("p:cSld")).find(qn("p:bg")) is not None:
            return source.background.fill
    return slide.slide_layout.slide_master.background.fill


def is_title(shape, slide) -> bool:
    title = slide.shapes.title
    return title is not None and shape.shape_id == title.shape_id


def footer_top(prs) -> int:
    """Shapes starting in the bottom tenth of the slide belong to the footer row."""
    return round(prs.slide_height * 0.9)


def body_shapes(slide, prs) -> list:
    """Text shapes other than the title and the footer row, in z (reading) order."""
    limit = footer_top(prs)
    return [s for s in slide.shapes if s.has_text_frame and not is_title(s, slide)
            and s.top < limit and s.text_frame.text.strip()]


def body_paragraphs(slide, prs) -> list[Para]:
    return [p for shape in body_shapes(slide, prs) for p in shape_paragraphs(shape)]


def footer_texts(slide, prs) -> list[str]:
    limit = footer_top(prs)
    return [norm(s.text_frame.text) for s in slide.shapes
            if s.has_text_frame and not is_title(s, slide) and s.top >= limit]


def notes_text(slide) -> str:
    if not slide.has_notes_slide:
        return ""
    return slide.notes_slide.notes_text_frame.text


def texts(prs) -> list[str]:
    """The text of every text shape, slide after slide."""
    return [shape.text_frame.text for slide in prs.slides for shape in slide.shapes
            if shape.has_text_frame]


def alt_texts(prs) -> list[str]:
    """The description (alt text) of every shape that has one, slide after slide."""
    return [shape._element.xpath(".//p:cNvPr")[0].get("descr") for slide in prs.slides
            for shape in slide.shapes if shape._element.xpath(".//p:cNvPr/@descr")]


# ----- geometry -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int
    name: str

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def overlaps(self, other: "Box") -> bool:
        """Interiors intersect (boxes that only touch do not overlap)."""
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)

    def inside(self, other: "Box") -> bool:
        return (self.x >= other.x and self.y >= other.y and self.right <= other.right
                and self.bottom <= other.bottom)

    def __str__(self) -> str:
        inch = 914400
        return (f"{self.name!r} at ({self.x / inch:.2f}, {self.y / inch:.2f}) in, "
                f"{self.w / inch:.2f} x {self.h / inch:.2f} in")


def box(shape) -> Box:
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height),
               f"{shape.shape_id}:{shape.name}")


def is_text_bearing(shape) -> bool:
    if getattr(shape, "has_table", False) and shape.has_table:
        return True
    return shape.has_text_frame and bool(shape.text_frame.text.strip())


def is_picture(shape) -> bool:
    """A picture, on its own or in a picture placeholder."""
    return shape.shape_type == MSO_SHAPE_TYPE.PICTURE or shape._element.tag == qn("p:pic")


def is_filled_panel(shape) -> bool:
    """A plain auto shape with a solid fill and no text: a panel, tile or rule."""
    if shape.shape_type != MSO_SHAPE_TYPE.AUTO_SHAPE or is_text_bearing(shape):
        return False
    from pptx.enum.dml import MSO_FILL

    return shape.fill.type == MSO_FILL.SOLID


def has_solid_fill(shape) -> bool:
    from pptx.enum.dml import MSO_FILL

    try:
        return shape.fill.type == MSO_FILL.SOLID
    except (AttributeError, TypeError):
        return False


def title_placeholder_types() -> tuple:
    return (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def inches(value: float) -> int:
    return int(Emu(round(value * 914400)))


@contextlib.contextmanager
def time_limit(seconds: float):
    """Turn a hang into a test failure (SIGALRM; main thread on POSIX only)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: the input hangs the build")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
