"""Title and section slides: the deck's cover and its chapter dividers.

Their artwork (a theme's cover band and accent rules, a section's full-bleed background)
belongs to their layouts; these functions fill the layouts' placeholders.
"""

from __future__ import annotations

from dataclasses import replace

from ..ir import Insets, Paragraph, Slide
from ..model import SectionSlide, TitleSlide
from ..theme.info import Placeholder
from .common import Slot, add_footer, fitted_box, font, para, placeholder_slot, \
    title_in_placeholder
from .context import LayoutContext


def layout_title(slide: TitleSlide, ctx: LayoutContext) -> list[Slide]:
    """The cover: title, then the subtitle in the layout's subtitle placeholder, and who
    presents and when in a text placeholder below it (or after the subtitle, when the
    layout has only the one)."""
    theme, deck = ctx.theme, ctx.deck
    title = slide.title or deck.title
    out = ctx.new_slide("title", title)
    out.add(title_in_placeholder(ctx, title, theme.sizes.cover_title))
    subtitle = slide.subtitle or deck.subtitle
    lines = [para(subtitle, font(theme, theme.sizes.subtitle), theme)] if subtitle else []
    small = font(theme, theme.sizes.secondary, theme.colors.muted)
    byline = [line for line in (slide.presenter or deck.presenter or deck.author,
                                slide.date or deck.date) if line]
    own = _byline_placeholder(ctx)
    if byline and own is None:
        lines += [para(line, small, theme, space_before=theme.paragraph_space if i == 0 else 0)
                  for i, line in enumerate(byline)]
    if lines:
        _under_title(ctx, out, lines, clear_footer=False)
    if byline and own is not None:
        out.add(_fitted_under(ctx, placeholder_slot(ctx, own, clear_footer=False),
                              [para(line, small, theme) for line in byline], "presenter",
                              "Byline", "body"))
    return [out]


def layout_section(slide: SectionSlide, ctx: LayoutContext) -> list[Slide]:
    """A chapter divider: title, optional subtitle, footer."""
    theme = ctx.theme
    out = ctx.new_slide("section", slide.title)
    out.add(title_in_placeholder(ctx, slide.title, theme.sizes.section))
    if slide.subtitle:
        _under_title(ctx, out, [para(slide.subtitle, font(theme, theme.sizes.subtitle),
                                     theme)], clear_footer=True)
    add_footer(ctx, out, slide.source)
    return [out]


def _byline_placeholder(ctx: LayoutContext) -> Placeholder | None:
    """A cover layout's text placeholder below its subtitle, for presenter and date."""
    layout = ctx.frame.layout
    assert layout is not None
    subtitles = layout.of_type("subTitle")
    if not subtitles or subtitles[0].box is None:
        return None
    below = [p for p in layout.of_type("body", "obj")
             if p.box is not None and p.box.y >= subtitles[0].box.bottom]
    return below[0] if below else None


def _under_title(ctx: LayoutContext, out: Slide, paragraphs: list[Paragraph], *,
                 clear_footer: bool) -> None:
    """Text under a cover or section title: in the layout's subtitle or text placeholder,
    else in the content area."""
    layout = ctx.frame.layout
    assert layout is not None
    boxes = layout.of_type("subTitle") or layout.text_boxes
    slot = placeholder_slot(ctx, boxes[0], clear_footer=clear_footer) if boxes else \
        Slot(ctx.frame.body, Insets(0, 0, 0, 0))
    out.add(_fitted_under(ctx, slot, paragraphs, "subtitle", "Subtitle", "subtitle"))


def _fitted_under(ctx: LayoutContext, slot: Slot, paragraphs: list[Paragraph], field: str,
                  name: str, role: str):
    if slot.align:
        paragraphs = [replace(p, align=slot.align) for p in paragraphs]
    return fitted_box(ctx, slot.rect, paragraphs, role=role,
                      min_size=ctx.theme.sizes.body_min if role == "subtitle"
                      else ctx.theme.sizes.source, where=(field,), anchor=slot.anchor,
                      insets=slot.insets, name=name, placeholder=slot.placeholder)
