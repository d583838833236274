"""Chart slides: the chart at a fixed box of the grid, with optional text beside it."""

from __future__ import annotations

from ..charts.alt import listed, table_text
from ..charts.data import plotted
from ..charts.numbers import precise
from ..ir import ChartBox, Insets, Paragraph, Rect, Slide, inches
from ..markup import escape
from ..model import ChartSlide
from .common import add_footer, add_title, fitted_box, font, item_paragraphs, needed_height, para
from .context import LayoutContext
from .rich import notes_paragraphs


def layout_chart(slide: ChartSlide, ctx: LayoutContext) -> list[Slide]:
    theme, frame = ctx.theme, ctx.frame
    asset = ctx.assets[ctx.index]  # charts.data.ChartData
    out = ctx.new_slide("chart", slide.title)
    add_title(ctx, out, slide.title)
    spec = precise(slide.chart, plotted(slide.chart, asset))  # values never read alike
    if not listed(spec, asset):  # too many values to read out in the alt text
        table = notes_paragraphs(escape(table_text(spec, asset, ctx.deck.phrases)), theme)  # data, not markup
        out.notes = (out.notes + [Paragraph(())] if out.notes else []) + table
    body = frame.body
    has_side = bool(slide.callout or slide.items)
    chart_area, side = (frame.columns(body, 2, theme.emu("gutter"), [0.6, 0.4]) if has_side
                        else (body, None))
    top = chart_area.y
    if slide.subtitle:
        heading = [para(slide.subtitle, font(theme, theme.sizes.secondary, theme.colors.text,
                                             bold=True), theme, line_spacing=1.0)]
        heading_h = needed_height(theme, heading, chart_area.w)
        out.add(fitted_box(ctx, Rect(chart_area.x, top, chart_area.w, heading_h), heading,
                           role="label", min_size=theme.sizes.source, where=("subtitle",),
                           name="Chart heading"))
        top += heading_h
    note = [para(slide.note, font(theme, theme.sizes.source, theme.colors.muted), theme,
                 line_spacing=1.0)] if slide.note else []
    note_h = needed_height(theme, note, chart_area.w) if note else 0
    bottom = chart_area.bottom - note_h
    out.add(ChartBox(Rect(chart_area.x, top, chart_area.w, bottom - top), spec, asset,
                     alt=asset.alt, name="Chart"))
    if note:  # after the chart: shapes are read in the order they are added
        out.add(fitted_box(ctx, Rect(chart_area.x, bottom, chart_area.w, note_h), note,
                           role="label", min_size=theme.sizes.source, where=("note",),
                           name="Chart note"))
    if side is not None:
        paragraphs = []
        if slide.callout:
            paragraphs.append(para(slide.callout, font(theme, theme.sizes.callout,
                                                       theme.colors.title, bold=True), theme))
        if slide.items:
            items, _ = item_paragraphs(ctx, slide.items, theme.sizes.body)
            paragraphs.extend(items)
        pad = inches(0.3)
        texts = frame.layout.text_boxes if frame.layout is not None else []
        out.add(fitted_box(ctx, side, paragraphs, role="body", min_size=theme.sizes.body_min,
                           where=("callout",) if slide.callout else ("items",), anchor="middle",
                           insets=Insets(pad, pad, pad, pad), fill=theme.colors.surface,
                           name="Callout", placeholder=texts[0].idx if texts else None))
    own = slide.source or slide.chart.source
    if own or not asset.source_line:
        add_footer(ctx, out, own)
    else:  # the dataset's own words, shown as written, linked to where it was read
        add_footer(ctx, out, escape(asset.source_line), asset.source_link)
    return [out]
