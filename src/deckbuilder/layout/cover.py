"""Title and section slides: the deck's cover and its chapter dividers."""

from __future__ import annotations

from ..ir import Insets, Rect, Shape, Slide, inches
from ..model import SectionSlide, TitleSlide
from .common import add_footer, fitted_box, font, para
from .context import LayoutContext


def layout_title(slide: TitleSlide, ctx: LayoutContext) -> list[Slide]:
    """White cover with a primary band on the left edge, title over an accent rule."""
    theme, frame, deck = ctx.theme, ctx.frame, ctx.deck
    out = ctx.new_slide("title", slide.title or deck.title, background=theme.colors.background)
    band_w = inches(0.32)
    out.add(Shape(Rect(0, 0, band_w, frame.height), theme.colors.primary, name="Cover band"))
    left = frame.content.x + inches(0.4)
    width = round(frame.content.w * 0.82)
    title_rect = Rect(left, round(frame.height * 0.14), width, round(frame.height * 0.42))
    no_pad = Insets(0, 0, 0, 0)
    out.add(fitted_box(ctx, title_rect, [
        para(out.title, font(theme, theme.sizes.cover_title, theme.colors.title, heading=True,
                             bold=True), theme, line_spacing=0.95)],
        role="title", min_size=theme.sizes.title_min, where=("title",), anchor="bottom",
        insets=no_pad, name="Title"))
    rule_y = title_rect.bottom + inches(0.22)
    out.add(Shape(Rect(left, rule_y, theme.emu("rule_width"), theme.emu("rule_height")),
                  theme.colors.accent, name="Title rule"))
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
    left = frame.content.x + inches(0.4)
    width = round(frame.content.w * 0.8)
    title_rect = Rect(left, round(frame.height * 0.18), width, round(frame.height * 0.40))
    no_pad = Insets(0, 0, 0, 0)
    out.add(fitted_box(ctx, title_rect, [
        para(slide.title, font(theme, theme.sizes.section, theme.colors.on_primary, heading=True,
                               bold=True), theme, line_spacing=0.95)],
        role="title", min_size=theme.sizes.title_min, where=("title",), anchor="bottom",
        insets=no_pad, name="Title"))
    rule_y = title_rect.bottom + inches(0.22)
    out.add(Shape(Rect(left, rule_y, theme.emu("rule_width"), theme.emu("rule_height")),
                  theme.colors.accent, name="Title rule"))
    if slide.subtitle:
        rect = Rect(left, rule_y + inches(0.35), width, inches(1.2))
        out.add(fitted_box(ctx, rect, [para(slide.subtitle, font(
            theme, theme.sizes.subtitle, theme.colors.on_primary), theme)], role="subtitle",
            min_size=theme.sizes.body_min, where=("subtitle",), insets=no_pad, name="Subtitle"))
    add_footer(ctx, out, slide.source, on_primary=True)
    return [out]
