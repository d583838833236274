"""Where a changed paragraph sits on a rendered slide, so a picture outlines that paragraph
rather than its whole text box: poppler's ``pdftotext -bbox`` gives every word LibreOffice
drew with its box; the paragraph is the run of words, inside its shape, that spells it."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

Box = tuple[int, int, int, int]  # x, y, width, height in EMU
XHTML = "{http://www.w3.org/1999/xhtml}"
TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class Word:
    text: str
    box: Box


def page_words(pdf: Path, slide_width: int) -> list[list[Word]]:
    """The words of each page, boxes in the slide's EMU; no pages if pdftotext is missing
    or fails (the pictures then outline whole shapes)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return []
    try:
        done = subprocess.run([tool, "-bbox", str(pdf), "-"], capture_output=True,
                              timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return []
    if done.returncode != 0:
        return []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    root = etree.fromstring(done.stdout, parser)
    if root is None:
        return []
    pages = []
    for page in root.iter(f"{XHTML}page"):
        scale = slide_width / float(page.get("width") or 1)
        pages.append([Word(_normal(word.text or ""), _box(word, scale))
                      for word in page.iter(f"{XHTML}word")])
    return pages


def paragraph_box(words: list[Word], text: str, shape: Box) -> Box | None:
    """The box around the words spelling ``text`` inside ``shape``, or None if not found."""
    wanted = _normal(text).split()
    target = "".join(wanted)  # (a bullet glyph is not in it)
    inside = [w for w in words if _centre_in(w.box, shape) and w.text and w.text in target]
    texts = [w.text for w in inside]
    for start in range(len(inside)):
        end = _spells(texts, start, wanted)
        if end is not None:
            found = [w.box for w in inside[start:end]]
            x0, y0 = min(b[0] for b in found), min(b[1] for b in found)
            x1 = max(b[0] + b[2] for b in found)
            y1 = max(b[1] + b[3] for b in found)
            return x0, y0, x1 - x0, y1 - y0
    return None


def _spells(texts: list[str], start: int, wanted: list[str]) -> int | None:
    """Where the words from ``start`` finish spelling ``wanted`` (a drawn word may join
    or split the paragraph's words), or None."""
    target, built, index = "".join(wanted), "", start
    while index < len(texts) and len(built) < len(target):
        built += texts[index]
        index += 1
        if not target.startswith(built):
            return None
    return index if built == target and target else None


def _centre_in(box: Box, shape: Box) -> bool:
    x, y = box[0] + box[2] / 2, box[1] + box[3] / 2
    return shape[0] <= x <= shape[0] + shape[2] and shape[1] <= y <= shape[1] + shape[3]


def _box(word: etree._Element, scale: float) -> Box:
    x0, y0 = float(word.get("xMin", 0)), float(word.get("yMin", 0))
    x1, y1 = float(word.get("xMax", 0)), float(word.get("yMax", 0))
    return round(x0 * scale), round(y0 * scale), round((x1 - x0) * scale), round((y1 - y0) * scale)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text)
