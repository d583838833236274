"""Table slides: a header row in the primary colour, light banding, aligned columns."""

from __future__ import annotations

from ..ir import Rect, Slide, TableBox, inches
from ..model import TableSlide
from .common import add_footer, add_title, font
from .context import LayoutContext
from .floors import minimum_size
from .text import line_height


def layout_table(slide: TableSlide, ctx: LayoutContext) -> list[Slide]:
    theme, frame = ctx.theme, ctx.frame
    out = ctx.new_slide("table", slide.title, background=theme.colors.background)
    add_title(ctx, out, slide.title)
    body = frame.body
    width = len(slide.columns)
    rows = [(row + [""] * width)[:width] for row in slide.rows]
    if any(len(row) > width for row in slide.rows):
        ctx.report(("rows",), f"a row has more cells than the {width} columns", "layout",
                   "remove the extra cells or add a column")
    count = len(rows) + 1
    size, floor = theme.sizes.secondary, minimum_size(theme, "body")
    while size - 1 >= floor:
        row_h = line_height(font(theme, size), theme.line_spacing) + inches(0.2)
        if row_h * count <= body.h:
            break
        size -= 1
    row_h = line_height(font(theme, size), theme.line_spacing) + inches(0.2)
    if row_h * count > body.h:
        ctx.report(("rows",), f"the table has too many rows for one slide even at {size:g} pt",
                   "overflow", "split it over two slides")
    align = slide.align or ["left"] + ["right"] * (width - 1)
    out.add(TableBox(Rect(body.x, body.y, body.w, min(body.h, row_h * count)), slide.columns,
                     rows, header_font=font(theme, size, theme.colors.on_primary, bold=True),
                     body_font=font(theme, size), header_fill=theme.colors.primary,
                     band_fill=theme.colors.surface, rule=theme.colors.rule,
                     align=list(align)[:width] + ["left"] * (width - len(align)), row_height=row_h))
    add_footer(ctx, out, slide.source)
    return [out]
