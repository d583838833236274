"""Building blocks shared by the slide layouts: type styles, paragraphs, fitted boxes,
the title band and the footer row."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..ir import (EMU_PER_POINT, Align, Anchor, Font, Insets, Paragraph, Rect, Slide,
                  TextBox, inches)
from ..model import BulletItem, ParagraphItem, QuoteItem
from ..theme.info import Placeholder
from ..theme import Theme
from ..theme.grid import text_insets
from .context import LayoutContext, Where
from .floors import minimum_size
from .rich import linked, styled_runs
from .text import fit_group, flush_top, text_height, text_width


def font(theme: Theme, size: float, color: str | None = None, *, heading: bool = False,
         bold: bool = False, italic: bool = False) -> Font:
    name = theme.fonts.heading if heading else theme.fonts.body
    return Font(name, size, color or theme.colors.text, bold, italic,
                theme.fonts.east_asian, theme.fonts.complex_script)


def para(text: str, fnt: Font, theme: Theme, **options) -> Paragraph:
    """A paragraph of deck text, its inline markup set as runs."""
    options.setdefault("line_spacing", theme.line_spacing)
    return Paragraph(runs=styled_runs(text, fnt, theme), **options)


insets = text_insets


def inner_width(rect: Rect, box_insets: Insets) -> int:
    return rect.w - box_insets.left - box_insets.right


def inner_height(rect: Rect, box_insets: Insets) -> int:
    return rect.h - box_insets.top - box_insets.bottom


SHORTEN = "shorten it or split the slide"   # what to do about text that does not fit


def fit_boxes(ctx: LayoutContext, specs: list[tuple[Rect, list[Paragraph]]], *, role: str,
              min_size: float, **box_options) -> tuple[list[TextBox], float | None]:
    """Text boxes whose type is shrunk by one common factor until every box's text fits.

    The largest text may shrink to ``min_size`` and no run below its role's floor (see
    floors.py). Returns the boxes and None when they fit, else the boxes at their smallest
    type and the size (pt) their smallest text came down to.
    """
    box_insets = box_options.pop("insets", insets(ctx.theme))
    sizes = [r.font.size for _, ps in specs for p in ps for r in p.runs] or [min_size]
    floor = minimum_size(ctx.theme, role)
    min_factor = min(1.0, max(min_size / max(sizes), floor / min(sizes)))
    blocks = [(flush_top(ps), inner_width(rect, box_insets), inner_height(rect, box_insets))
              for rect, ps in specs]
    scaled, factor, fits = fit_group(blocks, min_factor)
    boxes = [TextBox(rect, ps, role=role, insets=box_insets, min_size=min_size, **box_options)
             for (rect, _), ps in zip(specs, scaled)]
    return boxes, None if fits else min(sizes) * factor


def report_overflow(ctx: LayoutContext, where: Where, smallest: float,
                    hint: str = SHORTEN) -> None:
    ctx.report(where, f"text does not fit in its box even at the smallest sizes the theme "
                      f"allows (down to {smallest:.3g} pt)", "overflow", hint)


def fitted_boxes(ctx: LayoutContext, specs: list[tuple[Rect, list[Paragraph]]], *, role: str,
                 min_size: float, where: Where = (), hint: str = SHORTEN,
                 **box_options) -> list[TextBox]:
    """:func:`fit_boxes`, recording an overflow problem at the slide field ``where`` when the
    text cannot fit even at its smallest type."""
    boxes, smallest = fit_boxes(ctx, specs, role=role, min_size=min_size, **box_options)
    if smallest is not None:
        report_overflow(ctx, where, smallest, hint)
    return boxes


def fitted_box(ctx: LayoutContext, rect: Rect, paragraphs: list[Paragraph], *, role: str,
               min_size: float, where: Where = (), **box_options) -> TextBox:
    return fitted_boxes(ctx, [(rect, paragraphs)], role=role, min_size=min_size, where=where,
                        **box_options)[0]


def content_height(box: TextBox) -> int:
    """Height a fitted box's text actually takes, insets included."""
    return text_height(box.paragraphs, inner_width(box.rect, box.insets)) + \
        box.insets.top + box.insets.bottom


def needed_height(theme: Theme, paragraphs: list[Paragraph], width: int) -> int:
    box_insets = insets(theme)
    return text_height(paragraphs, width - box_insets.left - box_insets.right) + \
        box_insets.top + box_insets.bottom


# ----- where text goes -----------------------------------------------------------------------

@dataclass(frozen=True)
class Slot:
    """Where a block of text goes: a box, its padding, and the template placeholder it fills
    (None: a text box of its own), with the placeholder's anchor and alignment."""

    rect: Rect
    insets: Insets
    placeholder: int | None = None
    anchor: Anchor = "top"
    align: Align | None = None


def placeholder_slot(ctx: LayoutContext, placeholder: Placeholder, *,
                     clear_footer: bool = True) -> Slot:
    """A template placeholder's box. When it reaches down into the source line and the
    template's footer, its bottom padding keeps the text above them (``clear_footer``)."""
    rect, pad = placeholder.box, placeholder.insets
    assert rect is not None
    clear = rect.bottom - ctx.frame.body.bottom if clear_footer else 0
    return Slot(rect, Insets(pad.left, pad.top, pad.right, max(pad.bottom, clear)),
                placeholder.idx, placeholder.anchor, placeholder.align)


def body_slot(ctx: LayoutContext) -> Slot:
    """The main text area: the layout's largest text placeholder, else the grid's body."""
    layout = ctx.frame.layout
    if layout is not None and layout.text_boxes:
        return placeholder_slot(ctx, layout.text_boxes[0])
    return Slot(ctx.frame.body, insets(ctx.theme))


# ----- slide furniture ----------------------------------------------------------------------

def continued_title(ctx: LayoutContext, title: str, page: int) -> str:
    """The title of part ``page`` (from 0) of a slide split by ``overflow: continue``, in
    the deck's words ('{title} (cont.)')."""
    return title if page == 0 else ctx.deck.phrases["continued"].format(title=title)


def add_title(ctx: LayoutContext, slide: Slide, text: str) -> None:
    """The slide's title, in its layout's title placeholder."""
    slide.add(title_in_placeholder(ctx, text, ctx.theme.sizes.title))


def title_in_placeholder(ctx: LayoutContext, text: str, size: float, where: Where = ("title",),
                         hint: str = SHORTEN) -> TextBox:
    """A slide title filling the layout's title placeholder, in the layout's title colour
    (which may be meant for a band of the master's artwork behind it) and weight."""
    theme, layout = ctx.theme, ctx.frame.layout
    assert layout is not None and layout.title is not None
    slot = placeholder_slot(ctx, layout.title, clear_footer=False)
    look = layout.title.looks[0] if layout.title.looks else None
    title_font = font(theme, size, layout.colors.title or theme.colors.title, heading=True,
                      bold=bool(look and look.bold), italic=bool(look and look.italic))
    return fitted_box(ctx, slot.rect, [para(text, title_font, theme, line_spacing=0.95,
                                            align=slot.align or "left")],
                      role="title", min_size=theme.sizes.title_min, where=where, hint=hint,
                      anchor=slot.anchor, insets=slot.insets, name="Title",
                      placeholder=slot.placeholder)


def add_footer(ctx: LayoutContext, slide: Slide, source: str | None,
               source_link: str | None = None) -> None:
    """Source line (left) and footer text with slide number (right) on one baseline; footer
    text and slide number go into the layout's footer and slide number placeholders when it
    has them. ``source_link`` makes the source line a hyperlink to where the data came from."""
    theme, frame, deck = ctx.theme, ctx.frame, ctx.deck
    color = theme.colors.muted
    small = font(theme, theme.sizes.source, color)
    row = frame.footer
    number = str(slide.number) if deck.slide_numbers else None
    furniture = [(text, _placeholder(ctx, ph_type), role)
                 for text, ph_type, role in ((deck.footer, "ftr", "footer"),
                                             (number, "sldNum", "number")) if text]
    right_text = "   |   ".join(text for text, ph, _ in furniture if ph is None)
    right_w = round(row.w * 0.3) if right_text else 0
    no_pad = Insets(0, 0, 0, 0)
    if source:  # left of the footer and number, wherever the layout puts them on the row
        gap = inches(0.3)
        right = min([row.right - right_w - gap] +
                    [ph.box.x - gap for _, ph, _ in furniture if ph is not None and ph.box
                     and ph.box.y < row.bottom and row.y < ph.box.bottom and ph.box.x > row.x])
        left = Rect(row.x, row.y, right - row.x, row.h)
        line = para(source, small, theme, line_spacing=1.0)
        if source_link:
            line = replace(line, runs=linked(line.runs, source_link, theme))
        slide.add(fitted_box(ctx, left, [line],
                             role="source", min_size=minimum_size(theme, "source"),
                             where=("source",), anchor="bottom", insets=no_pad, name="Source"))
    if right_text:
        right = Rect(row.right - right_w, row.y, right_w, row.h)
        slide.add(TextBox(right, [para(right_text, small, theme, align="right", line_spacing=1.0)],
                          role="number", anchor="bottom", insets=no_pad, name="Slide number"))
    assert frame.layout is not None
    on_template = replace(small, color=frame.layout.colors.footer or color)  # its footer's
    for text, ph, role in furniture:
        if ph is not None:
            assert ph.box is not None
            slide.add(TextBox(ph.box, [para(text, on_template, theme, align=ph.align or "right",
                                            line_spacing=1.0)],
                              role=role, anchor=ph.anchor, insets=ph.insets,
                              name="Footer" if role == "footer" else "Slide number",
                              placeholder=ph.idx))


def _placeholder(ctx: LayoutContext, ph_type: str) -> Placeholder | None:
    layout = ctx.frame.layout
    found = layout.of_type(ph_type) if layout is not None else []
    return found[0] if found else None


def number_width(numbers: range, body: Font) -> int:
    """Room a list number needs before its text: the widest "N." and a third of an em."""
    gap = round(body.size * EMU_PER_POINT / 3)
    return max(text_width(f"{n}.", body) for n in numbers) + gap


def item_paragraphs(ctx: LayoutContext, items: list, size: float, *, numbered: bool = False,
                    start: int = 1, level: int = 0, outer: int = 0) -> tuple[list[Paragraph], int]:
    """Paragraphs for a list of items (bullets, sub-bullets, quotes, plain paragraphs).

    Returns the paragraphs and the next list number, so numbering can continue. ``outer``
    moves a nested list right of its parent's text (a numbered parent's may start further
    in than a bulleted one's).
    """
    theme = ctx.theme
    paragraphs: list[Paragraph] = []
    number = start
    step = inches(0.38)
    text_size = size if level == 0 else theme.sizes.secondary * size / theme.sizes.body
    body = font(theme, text_size)
    hanging = step
    if numbered and level == 0:
        last = start + sum(not isinstance(i, (ParagraphItem, QuoteItem)) for i in items) - 1
        hanging = max(step, number_width(range(start, last + 1), body))
    for item in items:
        if isinstance(item, ParagraphItem):
            paragraphs.append(para(item.paragraph, body, theme, level=level,
                                   space_before=theme.paragraph_space,
                                   indent=outer + level * step))
            continue
        if isinstance(item, QuoteItem):
            quoted = "\u201c" + item.quote.strip("\u201c\u201d\" ") + "\u201d"
            runs = styled_runs(quoted, font(theme, text_size, theme.colors.title, italic=True),
                               theme)
            if item.by:
                runs += styled_runs(f"  \u2014 {item.by}",
                                    font(theme, text_size, theme.colors.muted), theme)
            paragraphs.append(Paragraph(runs, level=level, line_spacing=theme.line_spacing,
                                        space_before=theme.paragraph_space,
                                        indent=outer + (level + 1) * step))
            continue
        text = item.text if isinstance(item, BulletItem) else item
        marker = {"number": number} if numbered and level == 0 else {
            "bullet": theme.bullet if level == 0 else "\u2013"}
        indent = outer + level * step + hanging
        paragraphs.append(para(text, body, theme, level=level, indent=indent,
                               hanging=hanging, bullet_color=theme.colors.accent,
                               space_before=theme.paragraph_space if level == 0
                               else theme.paragraph_space / 2, **marker))
        if numbered and level == 0:
            number += 1
        if isinstance(item, BulletItem) and item.items:
            children, _ = item_paragraphs(ctx, item.items, size, level=level + 1,
                                          outer=indent - (level + 1) * step)
            paragraphs.extend(children)
    return paragraphs, number

