"""Bullet slides: nested bullets, numbered lists, lead-in paragraphs and inline quotes."""

from __future__ import annotations

from ..ir import Slide
from ..model import BulletsSlide
from .common import add_footer, add_title, body_slot, continued_title, fitted_box, \
    inner_height, inner_width, item_paragraphs
from .context import LayoutContext
from .text import text_height


HINT = "shorten it or split the slide, or set 'overflow: continue' to split it for you"


def layout_bullets(slide: BulletsSlide, ctx: LayoutContext) -> list[Slide]:
    theme = ctx.theme
    start = ctx.last_number + 1 if slide.start == "continue" else int(slide.start)
    chunks = _split(slide, ctx, start) if slide.overflow == "continue" else [slide.items]
    slides = []
    for page, items in enumerate(chunks):
        title = continued_title(ctx, slide.title, page)
        out = ctx.new_slide("bullets", title)
        add_title(ctx, out, title)
        paragraphs, start = item_paragraphs(ctx, items, theme.sizes.body,
                                            numbered=slide.numbered, start=start)
        slot = body_slot(ctx)
        out.add(fitted_box(ctx, slot.rect, paragraphs, role="body",
                           min_size=theme.sizes.body_min, where=("items",), name="Body",
                           insets=slot.insets, placeholder=slot.placeholder, hint=HINT))
        add_footer(ctx, out, slide.source)
        slides.append(out)
    if slide.numbered:
        ctx.last_number = start - 1
    return slides


def _split(slide: BulletsSlide, ctx: LayoutContext, start: int) -> list[list]:
    """Top-level items grouped into pages that fit at the theme's body size."""
    slot = body_slot(ctx)
    width = inner_width(slot.rect, slot.insets)
    height = inner_height(slot.rect, slot.insets)
    pages: list[list] = [[]]
    for item in slide.items:
        trial = pages[-1] + [item]
        paragraphs, _ = item_paragraphs(ctx, trial, ctx.theme.sizes.body,
                                        numbered=slide.numbered, start=start)
        if pages[-1] and text_height(paragraphs, width) > height:
            start += len(pages[-1]) if slide.numbered else 0
            pages.append([item])
        else:
            pages[-1] = trial
    return pages
