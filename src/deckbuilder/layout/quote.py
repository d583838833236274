"""Quote slides: a large quotation with the attribution set apart beneath it."""

from __future__ import annotations

from ..ir import Insets, Rect, Shape, Slide, inches
from ..model import QuoteSlide
from ..theme.info import Placeholder
from .common import add_footer, add_title, content_height, fitted_box, font, needed_height, para
from .context import LayoutContext


def layout_quote(slide: QuoteSlide, ctx: LayoutContext) -> list[Slide]:
    theme, frame = ctx.theme, ctx.frame
    out = ctx.new_slide("quote", slide.title)
    add_title(ctx, out, slide.title)
    body = frame.body
    bar_w = inches(0.07)
    quote_ph, credit_ph = _placeholders(ctx)
    indent = inches(0.35)   # the quotation stands right of its bar
    if quote_ph is not None and quote_ph.box is not None:   # where the layout puts it
        left, width = quote_ph.box.x, quote_ph.box.w
    else:
        left, width = body.x + indent, body.w - inches(0.6)
    who = font(theme, theme.sizes.secondary + 2, theme.colors.text, bold=True)
    detail = font(theme, theme.sizes.secondary, theme.colors.muted)
    credit = [para(f"\u2014 {slide.attribution}", who, theme, line_spacing=1.0)]
    credit += [para(text, detail, theme, line_spacing=1.0)
               for text in (slide.role, slide.date) if text]
    credit_h = needed_height(theme, credit, width)
    quote_rect = Rect(left, body.y, width, body.h - credit_h - inches(0.2))
    quote_font = font(theme, theme.sizes.quote, theme.colors.title, italic=True)
    paragraphs = [para(_quoted(text, i, len(slide.quote)), quote_font, theme,
                       space_before=theme.paragraph_space * 1.5)
                  for i, text in enumerate(slide.quote)]
    box = fitted_box(ctx, quote_rect, paragraphs, role="quote", min_size=theme.sizes.quote_min,
                     where=("quote",), name="Quote",
                     placeholder=quote_ph.idx if quote_ph is not None else None)
    # The quotation takes the height its text needs; the attribution follows right under it.
    box.rect = Rect(box.rect.x, box.rect.y, box.rect.w, min(quote_rect.h, content_height(box)))
    out.add(Shape(Rect(left - indent, body.y, bar_w, box.rect.h), theme.colors.accent,
                  name="Quote bar"), box)
    out.add(fitted_box(ctx, Rect(left, box.rect.bottom + inches(0.2), width, credit_h), credit,
                       role="body", min_size=theme.sizes.source, where=("attribution",),
                       name="Attribution", insets=Insets(theme.emu("inset"), 0, 0, 0),
                       placeholder=credit_ph.idx if credit_ph is not None else None))
    add_footer(ctx, out, slide.source)
    return [out]


def _placeholders(ctx: LayoutContext) -> tuple[Placeholder | None, Placeholder | None]:
    """The layout's placeholders for the quotation and its attribution (its two text
    placeholders, top first), when it has them; else the slide's own text boxes."""
    layout = ctx.frame.layout
    texts = sorted(layout.of_type("body", "obj"), key=lambda p: p.box.y if p.box else 0) \
        if layout is not None else []
    return (texts[0], texts[1]) if len(texts) >= 2 else (None, None)


def _quoted(text: str, index: int, count: int) -> str:
    """Curly quotes around the whole quotation (opening on the first paragraph, closing on
    the last) unless the editor wrote them."""
    text = text.strip()
    if index == 0 and not text.startswith(("\u201c", '"')):
        text = "\u201c" + text
    if index == count - 1 and not text.endswith(("\u201d", '"')):
        text = text + "\u201d"
    return text
