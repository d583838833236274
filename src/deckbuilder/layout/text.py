"""Measure, wrap and fit text with real font metrics.

PowerPoint's autofit only acts when someone edits the text, so the layout decides the font
size itself: it wraps words greedily as PowerPoint does (at spaces, and inside words longer
than a line), adds up line heights from the font's ascent and descent, and shrinks the
whole box's type uniformly until it fits or reaches the theme's minimum.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from PIL import ImageFont

from ..fonts import font_file
from ..ir import EMU_PER_POINT, Font, Paragraph, Run

_REFERENCE_SIZE = 1000  # fonts are loaded once at this pixel size and scaled
SAFETY = 1.03           # measured heights are padded by this factor for renderer differences


@lru_cache(maxsize=32)
def _face(name: str, bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file(name, bold, italic)), _REFERENCE_SIZE)


@lru_cache(maxsize=32)
def _line_factor(name: str, bold: bool, italic: bool) -> float:
    """Single line spacing as a multiple of the font size (ascent + descent)."""
    ascent, descent = _face(name, bold, italic).getmetrics()
    return (ascent + descent) / _REFERENCE_SIZE


@lru_cache(maxsize=65536)
def _width_units(text: str, name: str, bold: bool, italic: bool) -> float:
    return _face(name, bold, italic).getlength(text)


def text_width(text: str, font: Font) -> int:
    """Width of ``text`` set in ``font``, in EMU."""
    units = _width_units(text, font.name, font.bold, font.italic)
    return round(units / _REFERENCE_SIZE * font.size * EMU_PER_POINT)


def line_height(font: Font, spacing: float = 1.0) -> int:
    factor = _line_factor(font.name, font.bold, font.italic)
    return round(font.size * factor * spacing * EMU_PER_POINT)


def _tokens(paragraph: Paragraph) -> list[tuple[str, Font]]:
    """Words with the font they are set in; spaces are re-added between words when wrapping."""
    tokens: list[tuple[str, Font]] = []
    for run in paragraph.runs:
        for word in run.text.split():
            tokens.append((word, run.font))
    return tokens


def _split_long_word(word: str, font: Font, width: int) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and text_width(current + char, font) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return pieces + [current] if current else pieces


def wrap(paragraph: Paragraph, width: int) -> list[list[tuple[str, Font]]]:
    """Greedy line breaking of a paragraph into lines of (word, font) for a text width."""
    width -= paragraph.indent
    lines: list[list[tuple[str, Font]]] = []
    line: list[tuple[str, Font]] = []
    line_width = 0
    for word, font in _tokens(paragraph):
        space = text_width(" ", font) if line else 0
        word_width = text_width(word, font)
        if line and line_width + space + word_width > width:
            lines.append(line)
            line, line_width, space = [], 0, 0
        if word_width > width:
            parts = _split_long_word(word, font, width)
            for part in parts[:-1]:
                lines.append(line + [(part, font)] if line else [(part, font)])
                line = []
            word, word_width, line_width = parts[-1], text_width(parts[-1], font), 0
        line.append((word, font))
        line_width += space + word_width
    if line or not lines:
        lines.append(line)
    return lines


def paragraph_height(paragraph: Paragraph, width: int, first: bool = False) -> int:
    default_font = paragraph.runs[0].font if paragraph.runs else None
    total = 0 if first else round(paragraph.space_before * EMU_PER_POINT)
    for line in wrap(paragraph, width):
        fonts = [font for _, font in line] or ([default_font] if default_font else [])
        if fonts:
            total += max(line_height(f, paragraph.line_spacing) for f in fonts)
    return total


def text_height(paragraphs: list[Paragraph], width: int) -> int:
    """Height the paragraphs need in a box whose text area is ``width`` EMU wide."""
    height = sum(paragraph_height(p, width, first=(i == 0)) for i, p in enumerate(paragraphs))
    return round(height * SAFETY)


def widest_line(paragraphs: list[Paragraph], width: int) -> int:
    """Width of the longest wrapped line, for boxes that size themselves to their text."""
    widest = 0
    for paragraph in paragraphs:
        for line in wrap(paragraph, width):
            words = [text_width(w, f) for w, f in line]
            spaces = [text_width(" ", f) for _, f in line[1:]]
            widest = max(widest, sum(words) + sum(spaces) + paragraph.indent)
    return widest


def scale(paragraphs: list[Paragraph], factor: float) -> list[Paragraph]:
    """All font sizes (and paragraph spacing) multiplied by ``factor``, rounded to 0.5 pt."""
    def size(value: float) -> float:
        return max(1.0, round(value * factor * 2) / 2)

    return [
        replace(p, space_before=round(p.space_before * factor, 1),
                indent=round(p.indent * factor), hanging=round(p.hanging * factor),
                runs=tuple(Run(r.text, replace(r.font, size=size(r.font.size))) for r in p.runs))
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
