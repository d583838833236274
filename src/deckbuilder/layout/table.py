"""Table slides: a header row in the primary colour, light banding, aligned columns.

Columns are as wide as their longest cell when the table fits the body's width (and share
the spare width in proportion); otherwise narrow columns keep their width and the wide ones
share the rest and wrap. Every row is as tall as its tallest cell's wrapped lines, and the
type shrinks (to the body floor) until all rows fit the body's height.
"""

from __future__ import annotations

import math

from ..ir import DEFAULT_INSETS, Paragraph, Rect, Run, Slide, TableBox, inches
from ..markup import plain
from ..model import TableSlide
from .common import add_footer, add_title, font
from .context import LayoutContext
from .floors import minimum_size
from .rich import styled_runs
from .text import WRAP_MARGIN, line_height, runs_width, wrap

CELL_MARGIN_X = DEFAULT_INSETS.left  # and right; render writes the defaults on every cell
ROW_PADDING = inches(0.2)    # above and below a row's lines, the cells' 0.05 in margins included


def layout_table(slide: TableSlide, ctx: LayoutContext) -> list[Slide]:
    theme, frame = ctx.theme, ctx.frame
    out = ctx.new_slide("table", slide.title)
    add_title(ctx, out, slide.title)
    body = frame.body
    count = len(slide.columns)
    rows = [(row + [""] * count)[:count] for row in slide.rows]
    if any(len(row) > count for row in slide.rows):
        ctx.report(("rows",), f"a row has more cells than the {count} columns", "layout",
                   "remove the extra cells or add a column")
    size, floor = theme.sizes.secondary, minimum_size(theme, "body")
    while True:
        header_font = font(theme, size, theme.colors.on_primary, bold=True)
        body_font = font(theme, size)
        cells = [[styled_runs(text, header_font, theme) for text in slide.columns]]
        cells += [[styled_runs(text, body_font, theme) for text in row] for row in rows]
        widths = column_widths(natural_widths(cells), body.w)
        heights = [row_height(row, widths, theme.line_spacing) for row in cells]
        if sum(heights) <= body.h or size - 1 < floor:
            break
        size -= 1
    if sum(heights) > body.h:
        ctx.report(("rows",), f"the table has too many rows for one slide even at {size:g} pt",
                   "overflow", "split it over two slides, or shorten its longest cells")
    align = slide.align or ["left"] + ["right"] * (count - 1)
    out.add(TableBox(Rect(body.x, body.y, body.w, min(body.h, sum(heights))),
                     [plain(text) for text in slide.columns],
                     [[plain(text) for text in row] for row in rows], cells,
                     header_font=header_font, body_font=body_font,
                     header_fill=theme.colors.primary, band_fill=theme.colors.surface,
                     rule=theme.colors.rule,
                     align=list(align)[:count] + ["left"] * (count - len(align)),
                     column_widths=widths, row_heights=heights))
    add_footer(ctx, out, slide.source)
    return [out]


def natural_widths(cells: list[list[tuple[Run, ...]]]) -> list[int]:
    """Each column's width with its longest cell on one line (as ``wrap`` sees a line),
    margins included."""
    return [math.ceil(max(runs_width(runs) for runs in column) / WRAP_MARGIN)
            + 2 * CELL_MARGIN_X for column in zip(*cells)]


def column_widths(natural: list[int], total: int) -> list[int]:
    """Widths summing to ``total``: natural widths stretched in proportion when they fit;
    otherwise columns narrower than an equal share keep their natural width (repeatedly,
    as the share of the rest grows) and the others split what is left."""
    widths = list(natural)
    if sum(natural) <= total:
        spare = total - sum(natural)
        widths = [width + spare * width // sum(natural) for width in natural]
    else:
        wide, remaining = list(range(len(natural))), total
        while True:
            share = remaining // len(wide)
            narrow = [i for i in wide if natural[i] <= share]
            if not narrow:
                break
            wide = [i for i in wide if i not in narrow]
            remaining -= sum(natural[i] for i in narrow)
        for i in wide:
            widths[i] = remaining // len(wide)
    widths[-1] += total - sum(widths)  # rounding goes to the last column
    return widths


def row_height(row: list[tuple[Run, ...]], widths: list[int], spacing: float) -> int:
    """The height of a row whose tallest cell wraps to the most lines."""
    lines = max(len(wrap(Paragraph(runs), width - 2 * CELL_MARGIN_X))
                for runs, width in zip(row, widths))
    return lines * line_height(row[0][0].font, spacing) + ROW_PADDING
