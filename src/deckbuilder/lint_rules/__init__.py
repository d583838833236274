"""Lint rules: each is a function from the laid-out deck to findings (see docs/lint.md)."""

from __future__ import annotations

from typing import Callable, Iterator

from .base import Finding, Subject
from .charts import chart_highlight, chart_native
from .content import (alt_text, chart_size, chart_source, empty_slide, template_size,
                      titles, unmeasured_fonts)
from .contrast import contrast
from .fit import font_min, overflow
from .glyphs import chart_glyphs
from .masters import borrowed_layouts
from .provenance import chart_row_source, chart_source_range
from .geometry import off_slide, overlap, reading_order

Rule = Callable[[Subject], Iterator[Finding]]

RULES: tuple[Rule, ...] = (overflow, off_slide, overlap, reading_order, font_min, contrast,
                           alt_text, chart_source, chart_row_source, chart_source_range,
                           chart_size, chart_glyphs,
                           chart_highlight, chart_native, titles, empty_slide,
                           template_size, unmeasured_fonts, borrowed_layouts)
