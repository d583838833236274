"""Image slides: the picture fitted inside the body (aspect kept), caption and credit."""

from __future__ import annotations

from dataclasses import replace

from ..ir import Picture, Rect, Slide, inches
from ..model import ImageSlide
from ..theme.info import PICTURE_TYPES
from .common import add_footer, add_title, fitted_box, font, needed_height, para, \
    placeholder_slot
from .context import LayoutContext


def layout_image(slide: ImageSlide, ctx: LayoutContext) -> list[Slide]:
    """On a template layout with a picture placeholder, the picture is fitted inside that
    placeholder and the caption goes into the layout's text placeholder, if it has one."""
    theme, frame = ctx.theme, ctx.frame
    image = ctx.assets[ctx.index]  # assets.ImageAsset
    out = ctx.new_slide("image", slide.title)
    add_title(ctx, out, slide.title)
    layout = frame.layout
    frames = layout.of_type(*PICTURE_TYPES) if layout is not None else []
    texts = layout.text_boxes if frames and layout is not None else []
    body = frames[0].box if frames else frame.body
    assert body is not None
    caption = [para(slide.caption, font(theme, theme.sizes.secondary, theme.colors.muted), theme,
                    align="center")] if slide.caption else []
    below = bool(caption) and not texts   # the caption sits under the picture
    caption_h = needed_height(theme, caption, body.w) if below else 0
    area_h = body.h - caption_h - (inches(0.1) if below else 0)
    scale = min(body.w / image.width, area_h / image.height)
    w, h = round(image.width * scale), round(image.height * scale)
    rect = Rect(body.x + (body.w - w) // 2, body.y + (area_h - h) // 2, w, h)
    out.add(Picture(rect, image.data, slide.alt, name="Picture",
                    placeholder=frames[0].idx if frames else None))
    if caption and texts:
        slot = placeholder_slot(ctx, texts[0])
        caption = [replace(p, align=slot.align or p.align) for p in caption]
        out.add(fitted_box(ctx, slot.rect, caption, role="body", min_size=theme.sizes.source,
                           where=("caption",), name="Caption", insets=slot.insets,
                           anchor=slot.anchor, placeholder=slot.placeholder))
    elif caption:
        out.add(fitted_box(ctx, Rect(body.x, rect.bottom + inches(0.1), body.w, caption_h),
                           caption, role="body", min_size=theme.sizes.source,
                           where=("caption",), name="Caption"))
    credit = ctx.deck.phrases["credit"].format(credit=slide.credit) if slide.credit else None
    add_footer(ctx, out, "  ·  ".join(p for p in (slide.source, credit) if p) or None)
    return [out]
