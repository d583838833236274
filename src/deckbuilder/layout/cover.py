"""Title and section slides: the deck's cover and its chapter dividers.

Their artwork (a theme's cover band and accent rules, a section's full-bleed background)
belongs to their layouts; these functions fill the layouts' placeholders. A cover's byline
(presenter, date) goes into the layout's own placeholders for it when it has them: the date
into its date placeholder, the rest into text placeholders below the subtitle; what finds no
place is stacked under the subtitle.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..ir import Font, Insets, Paragraph, Slide, TextBox
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


def layout_title(slide: TitleSlide, ctx: LayoutContext) -> list[Slide]:
    """The cover: title, subtitle in the layout's subtitle placeholder, and the byline."""
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
    target = _subtitle_placeholder(layout)
    places, stacked = _byline_places(layout, target, byline)
    small = font(theme, theme.sizes.secondary, theme.colors.muted)
    lines = [(subtitle, font(theme, theme.sizes.subtitle), 0)] if subtitle else []
    lines += [(line, small, theme.paragraph_space if i == 0 else 0)
              for i, line in enumerate(stacked)]
    if lines:
        slot = placeholder_slot(ctx, target, clear_footer=False) if target else \
            Slot(ctx.frame.body, Insets(0, 0, 0, 0))
        out.add(_fitted(ctx, slot, lines, "subtitle", "Subtitle"))
    for placeholder, own in sorted(places, key=lambda place: _reading(place[0])):
        slot = placeholder_slot(ctx, placeholder, clear_footer=False)
        if placeholder.type == "dt":
            ink = font(theme, theme.sizes.source, layout.colors.footer or theme.colors.muted)
            out.add(_fitted(ctx, slot, [(line, ink, 0) for line in own], "label", "Date"))
        else:
            out.add(_fitted(ctx, slot, [(line, small, 0) for line in own], "body", "Byline"))
    return [out]


def layout_section(slide: SectionSlide, ctx: LayoutContext) -> list[Slide]:
    """A chapter divider: title, optional subtitle, footer."""
    theme = ctx.theme
    out = ctx.new_slide("section", slide.title)
    out.add(title_in_placeholder(ctx, slide.title, theme.sizes.section))
    if slide.subtitle:
        layout = ctx.frame.layout
        assert layout is not None
        target = _subtitle_placeholder(layout)
        slot = placeholder_slot(ctx, target, clear_footer=True) if target else \
            Slot(ctx.frame.body, Insets(0, 0, 0, 0))
        line = CoverLine("subtitle", slide.subtitle, ("subtitle",), kind="section")
        out.add(_fitted(ctx, slot, [(line, font(theme, theme.sizes.subtitle), 0)], "subtitle",
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


def _byline_places(layout: Layout, subtitle: Placeholder | None, byline: list[CoverLine]
                   ) -> tuple[list[tuple[Placeholder, list[CoverLine]]], list[CoverLine]]:
    """The layout's own placeholders for the byline and the lines each takes (the date its
    date placeholder; the others the text placeholders below the subtitle, one each, the
    last taking any rest), and the lines left to stack under the subtitle."""
    places: list[tuple[Placeholder, list[CoverLine]]] = []
    rest = list(byline)
    date = next((line for line in rest if line.field == "date"), None)
    if date is not None and layout.of_type("dt"):
        places.append((layout.of_type("dt")[0], [date]))
        rest.remove(date)
    below = [] if subtitle is None or subtitle.box is None else sorted(
        (p for p in layout.of_type("body", "obj")
         if p is not subtitle and p.box is not None and p.box.y >= subtitle.box.bottom),
        key=_reading)
    if rest and below:
        shares = [[line] for line in rest[:len(below)]]
        shares[-1] += rest[len(below):]
        places += list(zip(below, shares))
        rest = []
    return places, rest


def _reading(placeholder: Placeholder) -> tuple[int, int]:
    assert placeholder.box is not None
    return placeholder.box.y, placeholder.box.x


def _fitted(ctx: LayoutContext, slot: Slot, lines: list[tuple[CoverLine, Font, float]],
            role: str, name: str) -> TextBox:
    """The lines fitted into ``slot``; when they cannot fit, the problem is reported at the
    first line that does not fit after those above it."""
    theme = ctx.theme
    paragraphs = [para(line.text, ink, theme, space_before=space) for line, ink, space in lines]
    if slot.align:
        paragraphs = [replace(p, align=slot.align) for p in paragraphs]
    options = dict(role=role, min_size=theme.sizes.body_min if role == "subtitle" else
                   minimum_size(theme, role) if role == "label" else theme.sizes.source,
                   anchor=slot.anchor, insets=slot.insets, name=name,
                   placeholder=slot.placeholder)
    (box,), smallest = fit_boxes(ctx, [(slot.rect, paragraphs)], **options)
    if smallest is not None:
        culprit = next(line for count, (line, _, _) in enumerate(lines, 1)
                       if fit_boxes(ctx, [(slot.rect, paragraphs[:count])], **options)[1]
                       is not None)
        report_overflow(ctx, culprit.where, smallest, culprit.hint)
    return box
