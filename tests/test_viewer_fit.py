"""Viewer check: the text a real renderer draws stays inside the boxes the layout measured.

Decks are built, converted to PDF by LibreOffice, and every word's position is read back
with ``pdftotext -bbox``; each word must lie inside (within ``TOLERANCE``) a shape on its
slide whose text contains it. Run on a deck whose texts fit only after shrinking and on the
seed deck and on a table whose cells wrap, each in every shipped theme. Skipped when LibreOffice or poppler is missing.

pdftotext's word boxes are not the ink: LibreOffice writes ``Ascent 0``/``Descent 0`` in
its PDF font descriptors, so poppler falls back to 0.95 em above and 0.35 em below the
baseline. We recover the baseline and size from that box (and check the size against the
runs of the shape, so a change in poppler's convention fails loudly) and test the ink
extent of Latin letters and digits in the shipped fonts instead.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

from deckbuilder.cli import main
from deckbuilder.theme import available_themes

from helpers import FIXTURES, SEED_DECK, norm, paragraph_sizes

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(not (SOFFICE and PDFTOTEXT),
                                reason="needs LibreOffice (soffice) and poppler (pdftotext)")

TOLERANCE = 2.0                               # pt
POPPLER_ASCENT, POPPLER_DESCENT = 0.95, 0.35  # em, poppler's fallback word box
INK_ASCENT, INK_DESCENT = 0.80, 0.22          # em, Latin letters, digits and accents
EMU_PER_PT = 12_700
LIST_MARKER = re.compile(r"\d+\.|[•–]")       # bullets and numbers are not in the text
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"([^<]*)</word>")
DECKS = [(name, deck, theme) for theme in sorted(available_themes())
         for name, deck in (("shrunk", FIXTURES / "overfull-fits.yaml"), ("seed", SEED_DECK),
                            ("table", FIXTURES / "wrapping-table.yaml"))]


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    baseline: float
    size: float

    @property
    def top(self) -> float:
        return self.baseline - INK_ASCENT * self.size

    @property
    def bottom(self) -> float:
        return self.baseline + INK_DESCENT * self.size


@dataclass(frozen=True)
class Frame:
    name: str
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    sizes: frozenset[float]

    def holds(self, word: Word) -> bool:
        return (self.x0 - TOLERANCE <= word.x0 and word.x1 <= self.x1 + TOLERANCE
                and self.y0 - TOLERANCE <= word.top and word.bottom <= self.y1 + TOLERANCE)


def read_words(pdf: Path) -> list[list[Word]]:
    out = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        words = []
        for x0, y0, x1, y1, text in WORD.findall(page):
            size = (float(y1) - float(y0)) / (POPPLER_ASCENT + POPPLER_DESCENT)
            words.append(Word(html.unescape(text), float(x0), float(x1),
                              float(y1) - POPPLER_DESCENT * size, size))
        pages.append(words)
    return pages


def frames(slide) -> list[Frame]:
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            paragraphs = shape.text_frame.paragraphs
        elif shape.has_table:
            paragraphs = [p for row in shape.table.rows for cell in row.cells
                          for p in cell.text_frame.paragraphs]
        else:
            continue
        text = norm(" ".join(p.text for p in paragraphs))
        if text:
            sizes = frozenset(size for p in paragraphs for size in paragraph_sizes(p, shape))
            found.append(Frame(shape.name, shape.left / EMU_PER_PT, shape.top / EMU_PER_PT,
                               (shape.left + shape.width) / EMU_PER_PT,
                               (shape.top + shape.height) / EMU_PER_PT, text, sizes))
    return found


def misplaced(pptx: Path, pdf: Path) -> tuple[list[str], int]:
    """Words outside every shape that could hold them, and how many words were checked."""
    problems, checked = [], 0
    for number, (slide, words) in enumerate(zip(Presentation(str(pptx)).slides,
                                                read_words(pdf)), start=1):
        shapes = frames(slide)
        for word in words:
            checked += 1
            marker = LIST_MARKER.fullmatch(word.text)
            owners = [f for f in shapes if marker or norm(word.text) in f.text]
            sized = [f for f in owners if any(abs(s - word.size) < 0.3 for s in f.sizes)]
            if not sized:
                problems.append(f"slide {number}: {word.text!r} at {word.size:.1f} pt matches "
                                f"no shape's text and sizes")
            elif not any(f.holds(word) for f in sized):
                where = ", ".join(f"{f.name} ({f.x0:.0f},{f.y0:.0f})-({f.x1:.0f},{f.y1:.0f})"
                                  for f in sized[:2])
                problems.append(f"slide {number}: {word.text!r} at ({word.x0:.1f},"
                                f"{word.top:.1f})-({word.x1:.1f},{word.bottom:.1f}) lies "
                                f"outside {where}")
    return problems, checked


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Every deck of DECKS built and converted to PDF by one LibreOffice run."""
    folder = tmp_path_factory.mktemp("viewer")
    built = {}
    for name, deck, theme in DECKS:
        pptx = folder / f"{name}-{theme}.pptx"
        assert main(["build", str(deck), "--theme", theme, "-o", str(pptx)]) == 0
        built[f"{name}-{theme}"] = pptx
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    *map(str, built.values())],
                   check=True, capture_output=True, timeout=600)
    return {key: (pptx, pptx.with_suffix(".pdf")) for key, pptx in built.items()}


@pytest.mark.parametrize("key", [f"{name}-{theme}" for name, _, theme in DECKS])
def test_every_word_lies_inside_its_shape(converted, key):
    pptx, pdf = converted[key]
    problems, checked = misplaced(pptx, pdf)
    assert checked > 200  # the check really read the slides
    assert problems == [], "\n".join(problems[:20])
