"""Table slides: a header row in the primary colour, light banding, aligned columns.

Columns are as wide as their longest cell when the table fits the body's width (and share
the spare width in proportion); otherwise narrow columns keep their width and the wide ones
share the rest and wrap. Every row is as tall as its tallest cell's wrapped lines, and the
type shrinks (to the body floor) until all rows fit the body's height.

With ``overflow: continue`` the whole table is measured once, at the theme's size, and then
cut into parts that fit: every part repeats the header row and has the same type size and
the same column widths, so the parts read as one table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..ir import DEFAULT_INSETS, Font, Paragraph, Rect, Run, Slide, TableBox, inches
from ..markup import plain
from ..model import TableSlide
from .common import add_footer, add_title, continued_title, font
from .context import LayoutContext
from .floors import minimum_size
from .rich import styled_runs
from .text import WRAP_MARGIN, line_height, runs_width, wrap

if TYPE_CHECKING:  # pragma: no cover
    from ..table_data import TableCells

CELL_MARGIN_X = DEFAULT_INSETS.left  # and right; render writes the defaults on every cell
ROW_PADDING = inches(0.2)    # above and below a row's lines, the cells' 0.05 in margins included
HINT_SPLIT = "set 'overflow: continue' to split it over slides, or shorten its longest cells"


@dataclass(frozen=True)
class FittedTable:
    """The whole table measured at one type size: fonts, column widths, row heights."""

    header_font: Font
    body_font: Font
    widths: list[int]
    header_height: int
    row_heights: list[int]
    cells: list[list[tuple[Run, ...]]]   # the header row, then every row, as styled runs


def layout_table(slide: TableSlide, ctx: LayoutContext) -> list[Slide]:
    cells: TableCells = ctx.assets[ctx.index]
    field = "rows" if slide.data is None else "data"
    count = len(cells.header)
    rows = [(row + [""] * count)[:count] for row in cells.rows]
    if any(len(row) > count for row in cells.rows):
        ctx.report((field,), f"a row has more cells than the {count} columns", "layout",
                   "remove the extra cells or add a column")
    height = ctx.frame.body.h
    fitted = fit_table(cells.header, rows, ctx, shrink=slide.overflow == "fit")
    if slide.overflow == "fit":
        parts = [range(len(rows))]
        if fitted.header_height + sum(fitted.row_heights) > height:
            ctx.report((field,), "the table has too many rows for one slide even at "
                                 f"{fitted.body_font.size:g} pt", "overflow", HINT_SPLIT)
    else:
        parts = split_rows(fitted.row_heights, height - fitted.header_height)
        if any(fitted.header_height + fitted.row_heights[i] > height for i in range(len(rows))):
            ctx.report((field,), "a table row is taller than a slide holds", "overflow",
                       "shorten its longest cells")
    return [_part(slide, ctx, cells, rows, part, fitted, continued_title(ctx, slide.title, page))
            for page, part in enumerate(parts)]


def _part(slide: TableSlide, ctx: LayoutContext, cells: "TableCells", rows: list[list[str]],
          part: range, fitted: FittedTable, title: str) -> Slide:
    """One slide of the table: the title, the header row and the rows of ``part``, the
    source line."""
    theme, body = ctx.theme, ctx.frame.body
    out = ctx.new_slide("table", title)
    add_title(ctx, out, title)
    row_heights = [fitted.header_height] + [fitted.row_heights[i] for i in part]
    styled = [fitted.cells[0]] + [fitted.cells[1 + i] for i in part]
    out.add(TableBox(Rect(body.x, body.y, body.w, min(body.h, sum(row_heights))),
                     [plain(text) for text in cells.header],
                     [[plain(text) for text in rows[i]] for i in part], styled,
                     header_font=fitted.header_font,
                     body_font=fitted.body_font, header_fill=theme.colors.primary,
                     band_fill=theme.colors.surface, rule=theme.colors.rule,
                     align=list(cells.align), column_widths=fitted.widths,
                     row_heights=row_heights))
    add_footer(ctx, out, slide.source)
    return out


def fit_table(header: list[str], rows: list[list[str]], ctx: LayoutContext, *,
              shrink: bool) -> FittedTable:
    """The table at the theme's secondary size; with ``shrink``, at the largest size (down
    to the body floor) at which every row fits the body's height."""
    theme, body = ctx.theme, ctx.frame.body
    size, floor = theme.sizes.secondary, minimum_size(theme, "body")
    while True:
        header_font = font(theme, size, theme.colors.on_primary, bold=True)
        body_font = font(theme, size)
        cells = [[styled_runs(text, header_font, theme) for text in header]]
        cells += [[styled_runs(text, body_font, theme) for text in row] for row in rows]
        widths = column_widths(natural_widths(cells), body.w)
        heights = [row_height(row, widths, theme.line_spacing) for row in cells]
        if not shrink or sum(heights) <= body.h or size - 1 < floor:
            return FittedTable(header_font, body_font, widths, heights[0], heights[1:],
                               cells)
        size -= 1


def split_rows(heights: list[int], room: int) -> list[range]:
    """Consecutive rows in as few parts as fit ``room`` each, with the same number of rows
    in each part give or take one when they fit that way (30 rows over four slides: 8, 8, 7
    and 7, not 9, 9, 9 and 3). A row taller than ``room`` gets a part of its own."""
    greedy = _greedy(heights, room)
    share, extra = divmod(len(heights), len(greedy))
    starts = [part * share + min(part, extra) for part in range(len(greedy) + 1)]
    even = [range(a, b) for a, b in zip(starts, starts[1:])]
    fits = all(sum(heights[i] for i in part) <= room for part in even)
    return even if fits else greedy


def _greedy(heights: list[int], room: int) -> list[range]:
    """Parts filled in order while their rows fit ``room``."""
    parts: list[range] = []
    start, used = 0, 0
    for index, height in enumerate(heights):
        if index > start and used + height > room:
            parts.append(range(start, index))
            start, used = index, 0
        used += height
    parts.append(range(start, len(heights)))
    return parts


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
