"""Comparison slides (two panels) and tile grids (short statements in boxes)."""

from __future__ import annotations

import math
from dataclasses import astuple, replace

from ..ir import Insets, Rect, Shape, Slide, inches
from ..model import ComparisonSlide, Panel, TilesSlide
from .common import (add_footer, add_title, fitted_boxes, font, inner_width, item_paragraphs,
                     para, placeholder_slot)
from .context import LayoutContext
from .stat import one_line_size, stat_paragraphs


def _panel_paragraphs(ctx: LayoutContext, panel: Panel, width: int) -> list:
    """A panel's heading, items and stats; its numbers each fit ``width`` on one line."""
    theme = ctx.theme
    paragraphs = []
    if panel.heading:
        paragraphs.append(para(panel.heading, font(theme, theme.sizes.body + 2, theme.colors.title,
                                                   heading=True, bold=True), theme))
    if panel.items:
        items, _ = item_paragraphs(ctx, panel.items, theme.sizes.body, numbered=panel.numbered)
        paragraphs.extend(items)
    alone = len(panel.stats) == 1 and not panel.items
    value_size = one_line_size(ctx, [stat.value for stat in panel.stats],
                               [width] * len(panel.stats),
                               theme.sizes.stat if alone else theme.sizes.stat * 0.6)
    for stat in panel.stats:
        block = stat_paragraphs(ctx, stat, value_size, "center" if alone else "left",
                                theme.sizes.secondary)
        block[0] = replace(block[0], space_before=theme.paragraph_space * 2)
        paragraphs.extend(block)
    return paragraphs


def layout_comparison(slide: ComparisonSlide, ctx: LayoutContext) -> list[Slide]:
    theme, frame = ctx.theme, ctx.frame
    out = ctx.new_slide("comparison", slide.title)
    add_title(ctx, out, slide.title)
    options: dict = {"role": "body", "min_size": theme.sizes.body_min, "where": ("left",),
                     "name": "Panel"}
    if frame.layout is not None and frame.layout.columns:
        # on a template: the panels fill its two content placeholders, as they are styled
        slots = [placeholder_slot(ctx, ph) for ph in frame.layout.columns]
        pad = Insets(*(max(sides) for sides in zip(*(astuple(s.insets) for s in slots))))
        rects = [slot.rect for slot in slots]
        options.update(anchor=slots[0].anchor)
    else:
        slots = []
        edge = inches(0.25)
        pad = Insets(edge, edge, edge, edge)
        rects = frame.columns(frame.body, 2, theme.emu("gutter"))
        options.update(anchor="middle", fill=theme.colors.surface)
    panels = [_panel_paragraphs(ctx, panel, inner_width(rect, pad))
              for panel, rect in zip((slide.left, slide.right), rects)]
    boxes = fitted_boxes(ctx, list(zip(rects, panels)), insets=pad, **options)
    for box, slot in zip(boxes, slots):
        box.placeholder = slot.placeholder
    out.add(*boxes)
    add_footer(ctx, out, slide.source)
    return [out]


def tile_columns(count: int) -> int:
    """Up to four tiles in one row; more in two rows (three rows past ten)."""
    if count <= 4:
        return count
    return math.ceil(count / 2) if count <= 10 else math.ceil(count / 3)


def layout_tiles(slide: TilesSlide, ctx: LayoutContext) -> list[Slide]:
    theme, frame = ctx.theme, ctx.frame
    out = ctx.new_slide("tiles", slide.title)
    add_title(ctx, out, slide.title)
    count = len(slide.tiles)
    cols = slide.columns or tile_columns(count)
    rows = math.ceil(count / cols)
    gap = round(theme.emu("gutter") * 0.6)
    body = frame.body
    tile_w = (body.w - gap * (cols - 1)) // cols
    tile_h = min((body.h - gap * (rows - 1)) // rows, inches(2.4))
    top = body.y + (body.h - (tile_h * rows + gap * (rows - 1))) // 2
    stripe = theme.emu("rule_height")
    tile_font = font(theme, theme.sizes.tile, theme.colors.title, bold=True)
    specs = []
    for index, text in enumerate(slide.tiles):
        row, col = divmod(index, cols)
        in_row = min(cols, count - row * cols)
        offset = (body.w - (tile_w * in_row + gap * (in_row - 1))) // 2
        rect = Rect(body.x + offset + col * (tile_w + gap), top + row * (tile_h + gap),
                    tile_w, tile_h)
        out.add(Shape(Rect(rect.x, rect.y, rect.w, stripe), theme.colors.accent,
                      name="Tile stripe"))
        specs.append((rect, [para(text, tile_font, theme, align="center", line_spacing=1.0)]))
    pad = inches(0.15)
    out.add(*fitted_boxes(ctx, specs, role="body", min_size=theme.sizes.body_min * 0.85,
                          where=("tiles",), anchor="middle",
                          insets=Insets(pad, pad + stripe, pad, pad), fill=theme.colors.surface,
                          name="Tile"))
    add_footer(ctx, out, slide.source)
    return [out]
