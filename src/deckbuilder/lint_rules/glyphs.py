"""Characters a picture chart cannot draw: neither the theme's chart font, nor the installed
faces for other scripts (``charts.style.script_faces``), nor DejaVu Sans (shipped with
matplotlib) has them, so matplotlib would draw empty boxes: an error, as a clipped text is.

Slides themselves are left to the viewer's own font fallback; a chart picture has none.
Fonts are read (their character maps, with fontTools, a matplotlib dependency) only for
charts with characters outside ``EVERY_FONT_HAS`` (Latin letters, common punctuation), which
every shipped font covers (tests/test_lint.py checks that).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..charts.style import chart_style
from ..ir import ChartBox
from ..system_fonts import coverage
from .base import Finding, Subject

SHOWN = 12  # characters named in one finding
EVERY_FONT_HAS = frozenset(map(chr, range(0x21, 0x7F))) | frozenset(
    chr(c) for c in range(0xA1, 0x180) if c != 0xAD) | frozenset("–—‘’‚“”„•…‰€™")


def chart_glyphs(subject: Subject) -> Iterator[Finding]:
    charts = [(slide, e) for slide in subject.presentation.slides for e in slide.elements
              if isinstance(e, ChartBox) and e.spec.render == "image"]
    covered: frozenset[int] | None = None  # read once, and only if some chart needs it
    for slide, chart in charts:
        rare = {c for c in chart_text(chart) if c not in EVERY_FONT_HAS and not c.isspace()}
        if not rare:
            continue
        if covered is None:
            style = chart_style(subject.theme)
            covered = _covered(style.font_files + _fallback_files()).union(
                *(coverage(face) for _, face in style.script_faces))
        missing = sorted(c for c in rare if ord(c) not in covered)
        if missing:
            shown = " ".join(missing[:SHOWN]) + (" …" if len(missing) > SHOWN else "")
            yield subject.finding(
                slide, "chart-glyphs",
                f"the chart's text has characters its fonts lack, drawn as empty boxes: {shown}",
                "write them another way, install a font that has them (see docs/scripts.md), "
                "or use a theme font that has them", "chart")


def chart_text(chart: ChartBox) -> str:
    """Every text a chart picture draws, numbers aside (they are ASCII)."""
    spec, data = chart.spec, chart.data
    parts = [spec.title, spec.unit, data.unit, spec.x_label, spec.prefix, spec.suffix,
             *(h.note for h in spec.highlight), *data.x, *data.labels.values()]
    return "".join(part for part in parts if part)


def _fallback_files() -> tuple[Path, ...]:
    """DejaVu Sans as matplotlib ships it (found without importing matplotlib)."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations, "matplotlib is installed"
    folder = Path(spec.submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf"
    return (folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf")


@lru_cache(maxsize=None)
def _covered(files: tuple[Path, ...]) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for path in files:
        with TTFont(str(path), lazy=True) as font:
            points.update(font.getBestCmap() or {})
    return frozenset(points)
