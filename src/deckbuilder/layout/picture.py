"""Image slides: the picture fitted inside the body (aspect kept), caption and credit."""

from __future__ import annotations

from ..ir import Picture, Rect, Slide, inches
from ..model import ImageSlide
from .common import add_footer, add_title, fitted_box, font, needed_height, para
from .context import LayoutContext


def layout_image(slide: ImageSlide, ctx: LayoutContext) -> list[Slide]:
    theme, frame = ctx.theme, ctx.frame
    image = ctx.assets[ctx.index]  # assets.ImageAsset
    out = ctx.new_slide("image", slide.title, background=theme.colors.background)
    add_title(ctx, out, slide.title)
    body = frame.body
    caption = [para(slide.caption, font(theme, theme.sizes.secondary, theme.colors.muted), theme,
                    align="center")] if slide.caption else []
    caption_h = needed_height(theme, caption, body.w) if caption else 0
    area_h = body.h - caption_h - (inches(0.1) if caption else 0)
    scale = min(body.w / image.width, area_h / image.height)
    w, h = round(image.width * scale), round(image.height * scale)
    rect = Rect(body.x + (body.w - w) // 2, body.y + (area_h - h) // 2, w, h)
    out.add(Picture(rect, image.data, slide.alt, name="Picture"))
    if caption:
        out.add(fitted_box(ctx, Rect(body.x, rect.bottom + inches(0.1), body.w, caption_h),
                           caption, role="body", min_size=theme.sizes.source,
                           where=("caption",), name="Caption"))
    credit = f"Credit: {slide.credit}" if slide.credit else None
    add_footer(ctx, out, "  ·  ".join(p for p in (slide.source, credit) if p) or None)
    return [out]
