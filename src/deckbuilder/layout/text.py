"""Measure, wrap and fit text as PowerPoint and LibreOffice lay it out.

PowerPoint's autofit only acts when someone edits the text, so the layout decides the font
size itself. The model (checked against LibreOffice's PDF output by tests/test_viewer_fit.py):

- widths come from the font's metrics (metric-compatible fonts shipped with deckbuilder);
- lines break greedily at spaces and after a hyphen between two letters, and between two
  characters of East Asian or Thai text where punctuation allows (``scripts.break_points``);
  a word wider than the line is split between characters;
- East Asian and complex-script text is measured, piece by piece, in the face a viewer sets
  it in: the run's East Asian or complex-script face if installed, else an installed font
  with the glyph (``system_fonts``), shaped by raqm (Arabic joining, Devanagari clusters),
  plus ``AUTOSPACE`` at each boundary between East Asian and other text;
- a single-spaced line is ``LINE_HEIGHT`` × the largest font size on it, whatever the font's
  own ascent and descent, and a line spacing multiplies that;
- ``space_before`` adds to every paragraph but the box's first (renderers disagree there, so
  fitted boxes set it to zero);
- a box's text area is its width minus its insets, and a paragraph's text starts ``indent``
  (the bullet's marL) further right.

Fitting shrinks every box of a group by one common factor until all fit or the theme's
minimum is reached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..fonts import FONT_DIR, font_file
from ..ir import EMU_PER_POINT, Font, Paragraph, Run
from ..scripts import (DEFAULT_EAST_ASIAN, DEFAULT_FACES, autospaces, break_points,
                       has_other_scripts, script_runs)
from ..system_fonts import Face, coverage, face_with, installed_face
from .widths import Widths

if TYPE_CHECKING:  # pragma: no cover
    from PIL import ImageFont

_REFERENCE_SIZE = 1000  # fonts are loaded once at this pixel size and scaled
LINE_HEIGHT = 1.2       # single spacing in PowerPoint and LibreOffice, as a multiple of the size
WRAP_MARGIN = 0.99      # wrap as if lines were 1% narrower: renderers differ by ~0.4%
SAFETY = 1.02           # and pad heights a little for renderers we cannot test here
AUTOSPACE = 0.24        # em LibreOffice adds between East Asian and other text (measured in
                        # its PDFs; PowerPoint adds none, so lines there are a little shorter)

_SPACE = re.compile(r"([ \t\n\r\v\f]+)")
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])")  # after "-" between two letters


@lru_cache(maxsize=32)
def _face(name: str, bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont  # only to measure a width no earlier build measured

    return ImageFont.truetype(str(font_file(name, bold, italic)), _REFERENCE_SIZE)


# Characters PIL's getlength() refuses ("raqm_layout() failed": it takes them for line
# breaks); they are measured as spaces. Found by tests/test_fuzz.py.
_UNMEASURABLE = str.maketrans({c: " " for c in "\n\r\x1c\x1d\x1e\x85\u2029"})


def _measuring_fingerprint() -> str:
    """Everything a measured width depends on besides the text: the font files, the
    shaping library and how this module calls it. The shaping library is named by its
    files (Pillow's FreeType extension and the FreeType, HarfBuzz and raqm it bundles)
    rather than by asking them their versions, which costs a warm build the import of
    PIL.Image."""
    from PIL import __version__ as pillow

    fonts = sorted((path.name, path.stat().st_size, path.stat().st_mtime_ns)
                   for path in FONT_DIR.glob("*.ttf"))
    return repr((pillow, _shaping_files(), _REFERENCE_SIZE, sorted(_UNMEASURABLE.items()),
                 fonts))


def _shaping_files() -> list[tuple[str, int, int]]:
    """Pillow's FreeType extension and the libraries installed beside it, by name, size and
    modification time: a new Pillow or a rebuilt one changes them."""
    import PIL

    package = Path(PIL.__file__).parent
    files = [*package.glob("_imagingft*"), *package.parent.glob("[Pp]illow.libs/*")]
    return sorted((path.name, path.stat().st_size, path.stat().st_mtime_ns) for path in files)


WIDTHS = Widths(_measuring_fingerprint)  # pipeline.py loads and saves it around layout


def _width_units(text: str, name: str, bold: bool, italic: bool) -> float:
    return WIDTHS.get(font_file(name, bold, italic).name, text, lambda: _face(
        name, bold, italic).getlength(text.translate(_UNMEASURABLE)))


@lru_cache(maxsize=32)
def _installed(face: Face) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(face.path), _REFERENCE_SIZE, index=face.index)


def _installed_units(text: str, face: Face) -> float:
    return WIDTHS.get(face.key, text, lambda: _installed(face).getlength(
        text.translate(_UNMEASURABLE)))


def _script_face(script: str, font: Font) -> Face | None:
    """The face a viewer sets ``script`` in for this run: the one it names, if installed."""
    named = ((font.east_asian or DEFAULT_EAST_ASIAN) if script == "east_asian"
             else (font.complex_script or DEFAULT_FACES[script]))
    return installed_face(named, font.bold, font.italic)


def _script_units(script: str, text: str, font: Font) -> float:
    """Width of one script's piece: in its face, and each glyph that face lacks in an
    installed font that has it (the Latin face when none is found)."""
    named = _script_face(script, font)
    pieces: list[tuple[Face | None, str]] = []
    for char in text:
        face = named if named is not None and ord(char) in coverage(named) else face_with(
            char, font.bold, font.italic)
        if pieces and pieces[-1][0] == face:
            pieces[-1] = (face, pieces[-1][1] + char)
        else:
            pieces.append((face, char))
    return sum(_installed_units(piece, face) if face is not None
               else _width_units(piece, font.name, font.bold, font.italic)
               for face, piece in pieces)


def text_width(text: str, font: Font) -> int:
    """Width of ``text`` set in ``font``, in EMU."""
    if has_other_scripts(text):
        units = sum(_width_units(piece, font.name, font.bold, font.italic) if script is None
                    else _script_units(script, piece, font)
                    for script, piece in script_runs(text))
        units += autospaces(text) * AUTOSPACE * _REFERENCE_SIZE
    else:
        units = _width_units(text, font.name, font.bold, font.italic)
    return round(units / _REFERENCE_SIZE * font.size * EMU_PER_POINT)


def runs_width(runs: Iterable[Run]) -> int:
    """Width of runs set one after the other on one line, in EMU."""
    return sum(text_width(run.text, run.font) for run in runs)


def line_height(font: Font, spacing: float = 1.0) -> int:
    """Height of one line set in ``font`` at a line spacing multiple, in EMU."""
    return round(font.size * LINE_HEIGHT * spacing * EMU_PER_POINT)


Piece = tuple[str, Font, str | None]   # text in one font, and the link it is part of


@dataclass(frozen=True)
class _Word:
    """Text between two break opportunities, possibly spanning runs."""

    glue: int                              # width of the whitespace before it
    parts: tuple[Piece, ...]

    @property
    def width(self) -> int:
        """Measured on first read (wrapping reads it several times; a word extended by the
        next run is never read). By hand: functools.cached_property takes a lock on every
        first read in Python 3.11, a few milliseconds a build."""
        width = self.__dict__.get("_width")
        if width is None:
            width = self.__dict__["_width"] = sum(text_width(text, font)
                                                  for text, font, _ in self.parts)
        return width


@dataclass(frozen=True)
class Line:
    """One wrapped line: its text, width (EMU) and largest font size (pt), and its text as
    pieces in their fonts and links (what ``deckbuilder serve`` draws, space before a word
    in that word's font)."""

    text: str
    width: int
    size: float
    parts: tuple[Piece, ...] = ()


def _words(paragraph: Paragraph) -> list[_Word]:
    words: list[_Word] = []
    glue, open_word = 0, False   # open_word: the last piece may continue into the next run
    for run in paragraph.runs:
        for piece in _SPACE.split(run.text):
            if not piece:
                continue
            if _SPACE.fullmatch(piece):
                glue += text_width(" " * len(piece), run.font)
                open_word = False
                continue
            for index, chunk in enumerate(_chunks(piece)):
                part = (chunk, run.font, run.link)
                if index == 0 and open_word and not glue:
                    last = words[-1]
                    words[-1] = _Word(last.glue, last.parts + (part,))
                else:
                    words.append(_Word(glue if index == 0 else 0, (part,)))
                glue = 0
            open_word = True
    return words


def _chunks(piece: str) -> list[str]:
    """A space-free piece cut where a line may break inside it."""
    chunks = _HYPHEN_BREAK.split(piece)
    if not has_other_scripts(piece):
        return chunks
    cut: list[str] = []
    for chunk in chunks:
        starts = [0, *break_points(chunk), len(chunk)]
        cut.extend(chunk[a:b] for a, b in zip(starts, starts[1:]))
    return cut


def _split_long(word: _Word, width: int) -> list[_Word]:
    """A word wider than a line, cut between characters as renderers do."""
    pieces: list[_Word] = []
    current: list[Piece] = []
    used = 0
    for text, font, link in word.parts:
        for char in text:
            char_w = text_width(char, font)
            if current and used + char_w > width:
                pieces.append(_Word(0, tuple(current)))
                current, used = [], 0
            if current and current[-1][1:] == (font, link):
                current[-1] = (current[-1][0] + char, font, link)
            else:
                current.append((char, font, link))
            used += char_w
    return pieces + [_Word(0, tuple(current))] if current else pieces


def _line(words: list[_Word], default: float) -> Line:
    text = "".join((" " if i and w.glue else "") + "".join(t for t, _, _ in w.parts)
                   for i, w in enumerate(words))
    width = sum(w.width + (w.glue if i else 0) for i, w in enumerate(words))
    size = max((f.size for w in words for _, f, _ in w.parts), default=default)
    parts: list[Piece] = []
    for i, word in enumerate(words):
        for j, (piece, font, link) in enumerate(word.parts):
            piece = (" " if i and word.glue and not j else "") + piece
            if parts and parts[-1][1:] == (font, link):
                parts[-1] = (parts[-1][0] + piece, font, link)
            else:
                parts.append((piece, font, link))
    return Line(text, width, size, tuple(parts))


def wrap(paragraph: Paragraph, width: int) -> list[Line]:
    """Greedy line breaking of a paragraph set in a text area ``width`` EMU wide."""
    available = round((width - paragraph.indent) * WRAP_MARGIN)
    default = paragraph.runs[0].font.size if paragraph.runs else 0.0
    lines: list[Line] = []
    line: list[_Word] = []
    used = 0
    for word in _words(paragraph):
        if line and used + word.glue + word.width > available:
            lines.append(_line(line, default))
            line, used = [], 0
            word = replace(word, glue=0)
        if word.width > available:
            *full, word = _split_long(word, available)
            for piece in full:
                lines.append(_line(line + [piece], default))
                line, used = [], 0
        used += word.width + (word.glue if line else 0)
        line.append(word)
    if line or not lines:
        lines.append(_line(line, default))
    return lines


def paragraph_height(paragraph: Paragraph, width: int, first: bool = False) -> int:
    """Height of a paragraph's lines, plus its space before unless it opens the box.

    Remembered with the widths it comes from: fitting tries the same paragraphs at several
    sizes, lint measures the laid-out boxes again, and a rebuild in a watching process lays
    out the same paragraphs again (paragraphs are immutable values)."""
    key = (paragraph, width, first)
    total = WIDTHS.heights.get(key)
    if total is None:
        total = 0 if first else round(paragraph.space_before * EMU_PER_POINT)
        for line in wrap(paragraph, width):
            total += round(line.size * LINE_HEIGHT * paragraph.line_spacing * EMU_PER_POINT)
        WIDTHS.remember_height(key, total)
    return total


def text_height(paragraphs: list[Paragraph], width: int) -> int:
    """Height the paragraphs need in a box whose text area is ``width`` EMU wide."""
    height = sum(paragraph_height(p, width, first=(i == 0)) for i, p in enumerate(paragraphs))
    return round(height * SAFETY)


def flush_top(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs with no space before the first one.

    LibreOffice ignores space before a box's first paragraph; PowerPoint may not. Setting
    it to zero makes both draw what was measured.
    """
    if paragraphs and paragraphs[0].space_before:
        return [replace(paragraphs[0], space_before=0.0)] + paragraphs[1:]
    return paragraphs


def scale(paragraphs: list[Paragraph], factor: float) -> list[Paragraph]:
    """All font sizes (and paragraph spacing) multiplied by ``factor``, rounded to 0.5 pt."""
    def size(value: float) -> float:
        return max(1.0, round(value * factor * 2) / 2)

    return [
        replace(p, space_before=round(p.space_before * factor, 1),
                indent=round(p.indent * factor), hanging=round(p.hanging * factor),
                runs=tuple(replace(r, font=replace(r.font, size=size(r.font.size))) for r in p.runs))
        for p in paragraphs
    ]


def fit_group(blocks: list[tuple[list[Paragraph], int, int]],
              min_factor: float) -> tuple[list[list[Paragraph]], float, bool]:
    """Shrink several boxes by one common factor (in ~4% steps) until all fit.

    Boxes that belong together (tiles, the two sides of a comparison) keep one type size.
    Returns the scaled paragraphs per box, the factor used, and whether everything fits.
    """
    factor = 1.0
    while True:
        scaled = [scale(p, factor) if factor < 1.0 else p for p, _, _ in blocks]
        fits = all(text_height(p, w) <= h for p, (_, w, h) in zip(scaled, blocks))
        if fits or factor <= min_factor + 1e-9:
            return scaled, factor, fits
        factor = max(min_factor, factor - 0.04)
