"""Font files for measuring text (and drawing charts) under a theme's font names.

Slides name the font a viewer should use (e.g. Calibri); we measure with a metric-compatible
open font shipped in ``deckbuilder/fonts`` (Carlito for Calibri, Liberation Sans for Arial
and Helvetica, Liberation Mono for Courier New, the default face for code), so measured
widths match what PowerPoint and LibreOffice draw.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"

METRIC_FAMILIES = {
    "calibri": "Carlito",
    "carlito": "Carlito",
    "arial": "LiberationSans",
    "helvetica": "LiberationSans",
    "liberation sans": "LiberationSans",
    "courier new": "LiberationMono",
    "courier": "LiberationMono",
    "liberation mono": "LiberationMono",
}
DEFAULT_FAMILY = "LiberationSans"
STYLES = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
          (True, True): "BoldItalic"}


def known_font(name: str) -> bool:
    return name.lower() in METRIC_FAMILIES


@lru_cache(maxsize=None)
def font_file(name: str, bold: bool = False, italic: bool = False) -> Path:
    """The shipped file whose metrics stand in for font ``name`` in the given style."""
    family = METRIC_FAMILIES.get(name.lower(), DEFAULT_FAMILY)
    return FONT_DIR / f"{family}-{STYLES[(bold, italic)]}.ttf"
