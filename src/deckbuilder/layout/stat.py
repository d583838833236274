"""Big-number slides and the stat stacks reused by comparison panels."""

from __future__ import annotations

import math

from ..ir import Font, Insets, Paragraph, Rect, Slide, TextBox, inches
from ..model import Stat, StatSlide
from .common import (add_footer, add_title, content_height, fitted_boxes, font, inner_width,
                     insets, needed_height, para)
from .context import LayoutContext
from .rich import styled_runs
from .text import WRAP_MARGIN, runs_width


def stat_paragraphs(ctx: LayoutContext, stat: Stat, value_size: float, align: str,
                    label_size: float | None = None) -> list[Paragraph]:
    """Lead (optional), the number in the accent colour, and its label."""
    theme = ctx.theme
    label_size = label_size or theme.sizes.body
    paragraphs = []
    if stat.lead:
        paragraphs.append(para(stat.lead, font(theme, label_size, theme.colors.muted), theme,
                               align=align))
    paragraphs.append(para(stat.value, value_font(ctx, value_size), theme, align=align,
                           line_spacing=0.95, space_before=4 if stat.lead else 0))
    paragraphs.append(para(stat.label, font(theme, label_size), theme, align=align,
                           space_before=6))
    return paragraphs


def value_font(ctx: LayoutContext, size: float) -> Font:
    """The font of a big number: the heading face, bold, in the accent colour."""
    return font(ctx.theme, size, ctx.theme.colors.accent, heading=True, bold=True)


def one_line_size(ctx: LayoutContext, values: list[str], widths: list[int],
                  largest: float | None = None) -> float:
    """The largest number size, up to ``largest`` (the theme's stat size), at which every
    value stays on one line in its column (a number broken over two lines reads as two);
    never below the theme's minimum, where fitting takes over."""
    theme = ctx.theme
    largest = largest or theme.sizes.stat
    size = largest
    for value, width in zip(values, widths):
        needed = runs_width(styled_runs(value, value_font(ctx, largest), theme))
        if needed > width * WRAP_MARGIN:
            size = min(size, math.floor(largest * width * WRAP_MARGIN / needed * 2) / 2)
    return max(min(largest, theme.sizes.stat_min), size)


def layout_stat(slide: StatSlide, ctx: LayoutContext) -> list[Slide]:
    theme, frame = ctx.theme, ctx.frame
    out = ctx.new_slide("stat", slide.title)
    add_title(ctx, out, slide.title)
    body = frame.body
    text_h = 0
    text_paragraphs = []
    if slide.text:
        text_paragraphs = [para(slide.text, font(theme, theme.sizes.secondary, theme.colors.muted),
                                theme, align="center")]
        text_h = needed_height(theme, text_paragraphs, body.w) + inches(0.2)
    area = Rect(body.x, body.y, body.w, body.h - text_h)
    columns = frame.columns(area, len(slide.stats), theme.emu("gutter"))
    value_size = one_line_size(ctx, [stat.value for stat in slide.stats],
                               [inner_width(col, insets(theme)) for col in columns])
    specs = [(col, stat_paragraphs(ctx, stat, value_size, "center"))
             for col, stat in zip(columns, slide.stats)]
    boxes = fitted_boxes(ctx, specs, role="stat", min_size=theme.sizes.stat_min,
                         where=("stats",), name="Stat")
    # One shared top edge, the group centred vertically: numbers line up across columns.
    tallest = min(area.h, max(content_height(box) for box in boxes))
    top = area.y + (area.h - tallest) // 2
    for box in boxes:
        box.rect = Rect(box.rect.x, top, box.rect.w, tallest)
    out.add(*boxes)
    if text_paragraphs:
        out.add(TextBox(Rect(body.x, area.bottom, body.w, text_h), text_paragraphs, role="body",
                        insets=Insets(0, 0, 0, 0), name="Text"))
    add_footer(ctx, out, slide.source)
    return [out]

