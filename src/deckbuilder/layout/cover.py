"""Title and section slides: the deck's cover and its chapter dividers.

Their artwork (a theme's cover band and accent rules, a section's full-bleed background)
belongs to their layouts; these functions fill the layouts' placeholders. A cover's byline
(presenter, date) goes into the layout's text placeholders below the subtitle when it has
them, else under the subtitle; a date with no room there goes into the layout's date
placeholder.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..ir import Font, Insets, Slide, TextBox
from ..model import SectionSlide, TitleSlide
from ..theme.info import Layout, Placeholder
from .common import Slot, add_footer, fit_boxes, font, para, placeholder_slot, \
    report_overflow, title_in_placeholder
from .context import LayoutContext, Where
from .floors import minimum_size


@dataclass(frozen=True)
class CoverLine:
    """One field shown on the cover, and where its text was written: the slide's field, or
    the deck's (``inherited``) when the slide does not set it."""

    field: str
    text: str
    where: Where
    inherited: str | None = None
    kind: str = "title"

    @property
    def hint(self) -> str:
        room = f"or map '{self.kind}' to a layout with more room (see deckbuilder template " \
            "inspect)"
        if self.inherited is None:
            return f"shorten it, {room}"
        off = "give the title slide a shorter 'title'" if self.field == "title" else \
            f"set '{self.field}: null' on the title slide to leave it off"
        return f"it is the deck's '{self.inherited}', shown on the cover: shorten it, {off}, {room}"


@dataclass(frozen=True)
class Fitted:
    """A fitted box, the cover lines in it, and, when they do not fit, the first that does
    not fit after those above it and the size (pt) the text came down to."""

    box: TextBox
    lines: tuple[CoverLine, ...]
    overflow: tuple[CoverLine, float] | None = None


def layout_title(slide: TitleSlide, ctx: LayoutContext) -> list[Slide]:
    """The cover: title, subtitle in the layout's subtitle placeholder, and the byline; a
    date that finds no room goes into the layout's date placeholder, if it has one."""
    theme, layout = ctx.theme, ctx.frame.layout
    assert layout is not None
    title = _line(ctx, slide, "title")
    assert title is not None, "a deck always has a title"
    out = ctx.new_slide("title", title.text)
    out.add(title_in_placeholder(ctx, title.text, theme.sizes.cover_title, title.where,
                                 title.hint))
    subtitle = _line(ctx, slide, "subtitle")
    byline = [line for line in (_line(ctx, slide, "presenter"), _line(ctx, slide, "date"))
              if line is not None]
    boxes = _arranged(ctx, subtitle, byline, dated=False)
    if layout.of_type("dt") and any(box.overflow and any(line.field == "date"
                                                         for line in box.lines)
                                    for box in boxes):
        boxes = _arranged(ctx, subtitle, byline, dated=True)
    for box in boxes:
        _place(ctx, out, box)
    return [out]


def layout_section(slide: SectionSlide, ctx: LayoutContext) -> list[Slide]:
    """A chapter divider: title, optional subtitle, footer."""
    theme = ctx.theme
    out = ctx.new_slide("section", slide.title)
    out.add(title_in_placeholder(ctx, slide.title, theme.sizes.section))
    if slide.subtitle:
        line = CoverLine("subtitle", slide.subtitle, ("subtitle",), kind="section")
        _place(ctx, out, _fit(ctx, _subtitle_slot(ctx, clear_footer=True),
                              [(line, font(theme, theme.sizes.subtitle), 0.0)], "subtitle",
                              "Subtitle"))
    add_footer(ctx, out, slide.source)
    return [out]


def _line(ctx: LayoutContext, slide: TitleSlide, field: str) -> CoverLine | None:
    text, inherited = slide.shown(ctx.deck, field)
    if not text:
        return None
    where: Where = ctx.tree.pos((inherited,)) if inherited else (field,)
    return CoverLine(field, text, where, inherited)


def _subtitle_placeholder(layout: Layout) -> Placeholder | None:
    """Where text under a cover or section title goes: the subtitle placeholder, else the
    largest text placeholder (None: the content area)."""
    boxes = layout.of_type("subTitle") or layout.text_boxes
    return boxes[0] if boxes else None


def _subtitle_slot(ctx: LayoutContext, *, clear_footer: bool) -> Slot:
    layout = ctx.frame.layout
    assert layout is not None
    target = _subtitle_placeholder(layout)
    return placeholder_slot(ctx, target, clear_footer=clear_footer) if target else \
        Slot(ctx.frame.body, Insets(0, 0, 0, 0))


def _byline_places(layout: Layout, subtitle: Placeholder | None, byline: list[CoverLine]
                   ) -> tuple[list[tuple[Placeholder, list[CoverLine]]], list[CoverLine]]:
    """The layout's text placeholders below the subtitle with the byline lines each takes
    (one each, the last taking any rest), and the lines left to stack under the subtitle."""
    below = [] if subtitle is None or subtitle.box is None else sorted(
        (p for p in layout.of_type("body", "obj")
         if p is not subtitle and p.box is not None and p.box.y >= subtitle.box.bottom),
        key=_reading)
    if not byline or not below:
        return [], list(byline)
    shares = [[line] for line in byline[:len(below)]]
    shares[-1] += byline[len(below):]
    return list(zip(below, shares)), []


def _arranged(ctx: LayoutContext, subtitle: CoverLine | None, byline: list[CoverLine], *,
              dated: bool) -> list[Fitted]:
    """Subtitle and byline fitted into their boxes, in reading order: the byline in the
    layout's text placeholders below the subtitle, or stacked under it; the date in the
    layout's date placeholder when ``dated``."""
    theme, layout = ctx.theme, ctx.frame.layout
    assert layout is not None
    date = next((line for line in byline if line.field == "date"), None) if dated else None
    places, stacked = _byline_places(layout, _subtitle_placeholder(layout),
                                     [line for line in byline if line is not date])
    small = font(theme, theme.sizes.secondary, theme.colors.muted)
    lines = [(subtitle, font(theme, theme.sizes.subtitle), 0.0)] if subtitle else []
    lines += [(line, small, theme.paragraph_space if i == 0 else 0.0)
              for i, line in enumerate(stacked)]
    boxes = [_fit(ctx, _subtitle_slot(ctx, clear_footer=False), lines, "subtitle",
                  "Subtitle")] if lines else []
    for placeholder, own in sorted(places, key=lambda place: _reading(place[0])):
        boxes.append(_fit(ctx, placeholder_slot(ctx, placeholder, clear_footer=False),
                          [(line, small, 0.0) for line in own], "body", "Byline"))
    if date is not None:   # set like the template's footers, whose row it shares
        ink = font(theme, theme.sizes.source, layout.colors.footer or theme.colors.muted)
        boxes.append(_fit(ctx, placeholder_slot(ctx, layout.of_type("dt")[0],
                                                clear_footer=False),
                          [(date, ink, 0.0)], "label", "Date"))
    return boxes


def _reading(placeholder: Placeholder) -> tuple[int, int]:
    assert placeholder.box is not None
    return placeholder.box.y, placeholder.box.x


def _fit(ctx: LayoutContext, slot: Slot, lines: list[tuple[CoverLine, Font, float]],
         role: str, name: str) -> Fitted:
    """The lines, each in its font with the space above it, fitted into ``slot``."""
    theme = ctx.theme
    paragraphs = [para(line.text, ink, theme, space_before=space) for line, ink, space in lines]
    if slot.align:
        paragraphs = [replace(p, align=slot.align) for p in paragraphs]
    options = dict(role=role, min_size=theme.sizes.body_min if role == "subtitle" else
                   minimum_size(theme, role) if role == "label" else theme.sizes.source,
                   anchor=slot.anchor, insets=slot.insets, name=name,
                   placeholder=slot.placeholder)
    (box,), smallest = fit_boxes(ctx, [(slot.rect, paragraphs)], **options)
    shown = tuple(line for line, _, _ in lines)
    if smallest is None:
        return Fitted(box, shown)
    culprit = next(line for count, line in enumerate(shown, 1)
                   if fit_boxes(ctx, [(slot.rect, paragraphs[:count])], **options)[1]
                   is not None)
    return Fitted(box, shown, (culprit, smallest))


def _place(ctx: LayoutContext, out: Slide, fitted: Fitted) -> None:
    """Add a fitted box to the slide, reporting what overflowed at the field it came from."""
    if fitted.overflow is not None:
        line, smallest = fitted.overflow
        report_overflow(ctx, line.where, smallest, line.hint)
    out.add(fitted.box)
