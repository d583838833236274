"""Title and section slides: the deck's cover and its chapter dividers."""

from __future__ import annotations

from dataclasses import replace

from ..ir import Insets, Paragraph, Rect, Shape, Slide, inches
from ..model import SectionSlide, TitleSlide
from .common import Slot, add_footer, fitted_box, font, para, placeholder_slot, \
    title_in_placeholder
from .context import LayoutContext


def layout_title(slide: TitleSlide, ctx: LayoutContext) -> list[Slide]:
    """White cover with a primary band on the left edge, title over an accent rule."""
    theme, frame, deck = ctx.theme, ctx.frame, ctx.deck
    out = ctx.new_slide("title", slide.title or deck.title, background=theme.colors.background)
    if frame.layout is not None:
        return [_title_on_template(slide, ctx, out)]
    band_w = inches(0.32)
    out.add(Shape(Rect(0, 0, band_w, frame.height), theme.colors.primary, name="Cover band"))
    left = frame.content.x + inches(0.4)
    width = round(frame.content.w * 0.82)
    title_rect = Rect(left, round(frame.height * 0.14), width, round(frame.height * 0.42))
    no_pad = Insets(0, 0, 0, 0)
    rule_y = _headline(ctx, out, out.title, title_rect, theme.sizes.cover_title, theme.colors.title)
    subtitle = slide.subtitle or deck.subtitle
    y = rule_y + inches(0.35)
    if subtitle:
        rect = Rect(left, y, width, inches(1.0))
        out.add(fitted_box(ctx, rect, [para(subtitle, font(theme, theme.sizes.subtitle), theme)],
                           role="subtitle", min_size=theme.sizes.body_min, where=("subtitle",),
                           insets=no_pad, name="Subtitle"))
        y = rect.bottom + inches(0.15)
    byline = [p for p in (slide.presenter or deck.presenter or deck.author,
                          slide.date or deck.date) if p]
    if byline:
        small = font(theme, theme.sizes.secondary, theme.colors.muted)
        rect = Rect(left, y, width, frame.content.bottom - y)
        out.add(fitted_box(ctx, rect, [para(line, small, theme) for line in byline],
                           role="body", min_size=theme.sizes.source, where=("presenter",),
                           insets=no_pad, name="Byline"))
    return [out]


def layout_section(slide: SectionSlide, ctx: LayoutContext) -> list[Slide]:
    """A full-bleed primary slide announcing a chapter."""
    theme, frame = ctx.theme, ctx.frame
    out = ctx.new_slide("section", slide.title, background=theme.colors.primary)
    if frame.layout is not None:
        out.add(title_in_placeholder(ctx, slide.title, theme.sizes.section))
        if slide.subtitle:
            _under_title(ctx, out, [para(slide.subtitle, font(theme, theme.sizes.subtitle),
                                         theme)], clear_footer=True)
        add_footer(ctx, out, slide.source)
        return [out]
    left = frame.content.x + inches(0.4)
    width = round(frame.content.w * 0.8)
    title_rect = Rect(left, round(frame.height * 0.18), width, round(frame.height * 0.40))
    no_pad = Insets(0, 0, 0, 0)
    rule_y = _headline(ctx, out, slide.title, title_rect, theme.sizes.section,
                       theme.colors.on_primary)
    if slide.subtitle:
        rect = Rect(left, rule_y + inches(0.35), width, inches(1.2))
        out.add(fitted_box(ctx, rect, [para(slide.subtitle, font(
            theme, theme.sizes.subtitle, theme.colors.on_primary), theme)], role="subtitle",
            min_size=theme.sizes.body_min, where=("subtitle",), insets=no_pad, name="Subtitle"))
    add_footer(ctx, out, slide.source, on_primary=True)
    return [out]


def _title_on_template(slide: TitleSlide, ctx: LayoutContext, out: Slide) -> Slide:
    """The cover on a template: title, then subtitle and byline in the layout's subtitle."""
    theme, deck = ctx.theme, ctx.deck
    out.add(title_in_placeholder(ctx, out.title, theme.sizes.cover_title))
    lines = []
    subtitle = slide.subtitle or deck.subtitle
    if subtitle:
        lines.append(para(subtitle, font(theme, theme.sizes.subtitle), theme))
    small = font(theme, theme.sizes.secondary, theme.colors.muted)
    lines += [para(line, small, theme, space_before=theme.paragraph_space if i == 0 else 0)
              for i, line in enumerate(p for p in (slide.presenter or deck.presenter
                                                   or deck.author, slide.date or deck.date) if p)]
    if lines:
        _under_title(ctx, out, lines, clear_footer=False)
    return out


def _under_title(ctx: LayoutContext, out: Slide, paragraphs: list[Paragraph], *,
                 clear_footer: bool) -> None:
    """Text under a cover or section title: in the layout's subtitle or text placeholder,
    else in the content area."""
    layout, theme = ctx.frame.layout, ctx.theme
    assert layout is not None
    boxes = layout.of_type("subTitle") or layout.text_boxes
    slot = placeholder_slot(ctx, boxes[0], clear_footer=clear_footer) if boxes else \
        Slot(ctx.frame.body, Insets(0, 0, 0, 0))
    if slot.align:
        paragraphs = [replace(p, align=slot.align) for p in paragraphs]
    out.add(fitted_box(ctx, slot.rect, paragraphs, role="subtitle", min_size=theme.sizes.body_min,
                       where=("subtitle",), anchor=slot.anchor, insets=slot.insets,
                       name="Subtitle", placeholder=slot.placeholder))


def _headline(ctx: LayoutContext, out: Slide, text: str, rect: Rect, size: float,
              color: str) -> int:
    """A cover or section headline sitting on the bottom of ``rect``, with the accent rule
    under it; returns the rule's top edge so what follows can be placed below it."""
    theme = ctx.theme
    out.add(fitted_box(ctx, rect, [
        para(text, font(theme, size, color, heading=True, bold=True), theme, line_spacing=0.95)],
        role="title", min_size=theme.sizes.title_min, where=("title",), anchor="bottom",
        insets=Insets(0, 0, 0, 0), name="Title"))
    rule_y = rect.bottom + inches(0.22)
    out.add(Shape(Rect(rect.x, rule_y, theme.emu("rule_width"), theme.emu("rule_height")),
                  theme.colors.accent, name="Title rule"))
    return rule_y
