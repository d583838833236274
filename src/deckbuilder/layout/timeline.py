"""Timeline slides: dated events down a vertical rule, dates in the accent colour."""

from __future__ import annotations

from ..ir import Rect, Shape, Slide, inches
from ..model import TimelineSlide
from .common import add_footer, add_title, fitted_boxes, font, needed_height, para
from .context import LayoutContext


def layout_timeline(slide: TimelineSlide, ctx: LayoutContext) -> list[Slide]:
    theme, frame = ctx.theme, ctx.frame
    out = ctx.new_slide("timeline", slide.title)
    add_title(ctx, out, slide.title)
    body = frame.body
    date_w = inches(2.0)
    rule_x = body.x + date_w + inches(0.25)
    text_x = rule_x + inches(0.35)
    text_w = body.right - text_x
    date_font = font(theme, theme.sizes.body, theme.colors.accent, bold=True)
    text_font = font(theme, theme.sizes.body)
    texts = [[para(e.text, text_font, theme)] for e in slide.events]
    needs = [needed_height(theme, t, text_w) for t in texts]
    gap = inches(0.12)
    scale = min(1.0, (body.h - gap * (len(texts) - 1)) / max(1, sum(needs)))
    heights = [round(n * scale) for n in needs]
    spare = body.h - gap * (len(texts) - 1) - sum(heights)
    heights = [h + spare // len(heights) for h in heights]
    specs_dates, specs_texts, y = [], [], body.y
    dot = inches(0.16)
    out.add(Shape(Rect(rule_x - inches(0.01), body.y, inches(0.02), body.h), theme.colors.rule,
                  name="Timeline rule"))   # under the markers
    for event, paragraphs, h in zip(slide.events, texts, heights):
        specs_dates.append((Rect(body.x, y, date_w, h),
                            [para(event.date, date_font, theme, align="right")]))
        specs_texts.append((Rect(text_x, y, text_w, h), paragraphs))
        first_line = inches(0.1) + round(theme.sizes.body * 12700 * 0.6)
        out.add(Shape(Rect(rule_x - dot // 2, y + first_line - dot // 2, dot, dot),
                      theme.colors.accent, name="Event marker"))
        y += h + gap
    boxes = fitted_boxes(ctx, specs_dates + specs_texts, role="body",
                         min_size=theme.sizes.body_min * 0.85, where=("events",), name="Event")
    for date_box, text_box in zip(boxes[:len(texts)], boxes[len(texts):]):
        out.add(date_box, text_box)
    add_footer(ctx, out, slide.source)
    return [out]

