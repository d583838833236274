"""The theme a deck built on a template is laid out (and its charts drawn) with.

It is the deck's theme with three things taken from the template:

- **fonts**: the faces the template's master shows for titles and for body text;
- **colours**: title and body text, background, and the theme's accent colours (the first
  accent readable on the background marks emphasis, all of them colour chart series);
  secondary greys, rules and panel fills are mixed from the text and background colours;
- **size**: the type scale and grid are defined for a slide 7.5 inches high (PowerPoint's
  16:9 and 4:3); on a template of another height they scale with it, so text takes the same
  share of the slide. When the template leaves content less room than the theme's own grid
  would on that slide (a deep title area, wide margins), type shrinks further with the
  square root of the area ratio, so the same text still fits.

Text in the template's title placeholders keeps the template's colour (it may sit on a
band of the master's artwork); the theme colours here are for text deckbuilder places on
the slide's background, so each is the template's choice if it is readable there (WCAG AA),
else one of the template's dark and light colours that does (``legible.py``). "There" is
what the layout shows under its content area, painted as a viewer draws it (a gradient, a
picture, the master's artwork: ``backdrop.py``): each colour must read on the darkest and
the lightest of it.
"""

from __future__ import annotations

import math

from ..ir import Rect, inches
from ..colors import ratio
from .backdrop import Tone
from .info import Layout, LayoutColors, TemplateInfo
from .legible import readable, template_inks
from .settings import Colors, Fonts, Grid, Sizes, Theme

REFERENCE_HEIGHT = inches(7.5)
READABLE = 4.5


def template_theme(theme: Theme, info: TemplateInfo, layout: Layout | None = None,
                   content: Rect | None = None, tone: Tone | None = None) -> Theme:
    """``theme`` with the fonts and colours of ``info`` (of ``layout``, when given, readable
    on ``tone``, what it shows behind its content), its sizes scaled for the template's
    slide and ``content`` area (see the module docstring)."""
    scale = _scale(theme, info, content)
    colors = _colors(info, layout.colors if layout else LayoutColors(), tone)
    palette = list(dict.fromkeys(info.accents)) or list(theme.palette)
    return theme.model_copy(update={
        "fonts": Fonts(heading=info.fonts.heading or theme.fonts.heading,
                       body=info.fonts.body or theme.fonts.body, code=theme.fonts.code,
                       code_scale=theme.fonts.code_scale),
        "colors": colors,
        "palette": palette if len(palette) >= 2 else list(theme.palette),
        "sizes": Sizes(**{k: _half(v * scale) for k, v in theme.sizes.model_dump().items()}),
        "grid": Grid(**{k: v * scale for k, v in theme.grid.model_dump().items()}),
    })


def _scale(theme: Theme, info: TemplateInfo, content: Rect | None) -> float:
    height = info.height / REFERENCE_HEIGHT if info.height else 1.0
    if content is None or not info.width:
        return height
    grid = theme.grid
    own_w = info.width - inches(grid.margin_left + grid.margin_right) * height
    own_h = (REFERENCE_HEIGHT - inches(grid.margin_top + grid.title_height + grid.title_gap
                                       + grid.margin_bottom)) * height
    room = content.w * content.h / max(1, own_w * own_h)
    return height * min(1.0, math.sqrt(room))


def _colors(info: TemplateInfo, layout: LayoutColors, tone: Tone | None) -> Colors:
    dark, light = info.scheme.get("dk1", "000000"), info.scheme.get("lt1", "FFFFFF")
    if tone is None:
        solid = layout.background or light
        tone = Tone(solid, solid, solid)
    background, inks = tone.typical, template_inks(info)
    text = readable(layout.text or dark, tone, inks)
    title = readable(layout.title or text, tone, inks)
    accent = next((a for a in info.accents if tone.worst_ratio(a) >= READABLE), None) or \
        _toward(info.accents[0] if info.accents else text, text, tone)
    primary = info.scheme.get("dk2", dark)
    if ratio(primary, background) < 3:
        primary = dark if ratio(dark, background) >= 3 else light
    return Colors(
        background=background, text=text, title=title, primary=primary,
        on_primary=max((light, dark), key=lambda ink: ratio(ink, primary)),
        accent=accent, muted=_toward(mix(text, background, 0.35), text, tone),
        rule=mix(text, background, 0.8), surface=mix(accent, background, 0.92),
        link=info.scheme.get("hlink"))


def mix(a: str, b: str, share: float) -> str:
    """``a`` with ``share`` of ``b`` mixed in (0: all ``a``, 1: all ``b``)."""
    channels = (round(int(a[i:i + 2], 16) * (1 - share) + int(b[i:i + 2], 16) * share)
                for i in (0, 2, 4))
    return "".join(f"{c:02X}" for c in channels)


def _toward(colour: str, ink: str, tone: Tone) -> str:
    """``colour`` moved toward ``ink`` until it is readable on ``tone``."""
    for step in range(11):
        candidate = mix(colour, ink, step / 10)
        if tone.worst_ratio(candidate) >= READABLE:
            return candidate
    return ink


def _half(value: float) -> float:
    return round(value * 2) / 2
