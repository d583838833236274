"""What a PowerPoint template offers, as plain data: its layouts, their placeholders, and
the colours and fonts its masters set.

``theme/reader.py`` reads this out of a .pptx/.potx; layout reads it to put content into
the layouts' placeholders. Layout never imports python-pptx, so neither does this module.
Placeholder types are OOXML's names (``title``, ``ctrTitle``, ``subTitle``, ``body``, ``obj``,
``pic``, ``dt``, ``ftr``, ``sldNum``…).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from ..ir import DEFAULT_INSETS, Align, Anchor, Insets, Rect
from .backdrop import Backdrop

TITLE_TYPES = ("title", "ctrTitle")
TEXT_TYPES = ("subTitle", "body", "obj")   # text other than the title can go into these
PICTURE_TYPES = ("pic",)
OBJECT_TYPES = ("pic", "chart", "tbl")   # content other than text


@dataclass(frozen=True)
class TextLook:
    """What text in a placeholder inherits at one list level (None: not set anywhere)."""

    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None
    face: str | None = None


@dataclass(frozen=True)
class Placeholder:
    """One placeholder of a layout, with what it inherits from its master resolved."""

    idx: int                 # unique within its layout (theme/reader.py makes it so)
    type: str
    name: str
    box: Rect | None         # None when neither the layout nor its master positions it
    insets: Insets = DEFAULT_INSETS
    anchor: Anchor = "top"
    align: Align | None = None   # None: the template does not say
    looks: tuple[TextLook, ...] = ()   # per list level, from the layout, master and styles
    vertical: bool = False   # text runs top to bottom (``orient="vert"``), as in Asian layouts

    @property
    def area(self) -> int:
        return self.box.w * self.box.h if self.box else 0


@dataclass(frozen=True)
class LayoutColors:
    """Colours a layout shows, resolved through its master and the theme's colour map."""

    background: str | None = None   # None: not one solid colour (see Layout.backdrop)
    title: str | None = None
    text: str | None = None
    footer: str | None = None       # footer and slide number text


@dataclass(frozen=True)
class Layout:
    """A slide layout: what a slide built on it starts with."""

    number: int              # position among all the template's layouts, masters in order
    master: int              # 1-based number of the slide master it belongs to
    name: str
    placeholders: tuple[Placeholder, ...]
    master_body: Rect | None = None   # the master's body box: content area of title-only layouts
    colors: LayoutColors = LayoutColors()
    type: str | None = None   # OOXML's layout type (title, obj, secHead…); None: not given
    backdrop: Backdrop | None = None  # what a viewer draws behind its text (theme/backdrop.py)

    @property
    def title(self) -> Placeholder | None:
        return next((p for p in self.placeholders if p.type in TITLE_TYPES and p.box), None)

    def of_type(self, *types: str) -> list[Placeholder]:
        """Positioned placeholders of the given types, in the layout's order."""
        return [p for p in self.placeholders if p.type in types and p.box is not None]

    @property
    def text_boxes(self) -> list[Placeholder]:
        """Placeholders body text can go into, largest first."""
        return sorted(self.of_type(*TEXT_TYPES), key=lambda p: -p.area)

    @property
    def content(self) -> Rect | None:
        """Where content goes: the text placeholders' boxes and those of the charts, tables
        and pictures beside them (all of them), else the master's body box, down to the top
        of a footer or slide number placeholder inside it."""
        boxes = [p.box for p in self.text_boxes + self.of_type(*OBJECT_TYPES) if p.box] or \
            ([self.master_body] if self.master_body else [])
        if not boxes:
            return None
        x, y = min(b.x for b in boxes), min(b.y for b in boxes)
        bottom = max(b.bottom for b in boxes)
        bottom = min([bottom] + [p.box.y for p in self.of_type("ftr", "sldNum")
                                 if p.box and y < p.box.y < bottom])
        return Rect(x, y, max(b.right for b in boxes) - x, bottom - y)

    def footer_row(self, content: Rect, gap: int | None) -> Rect | None:
        """The row of the layout's footer and slide number placeholders when they sit under
        ``content`` (no more than 1.5 ``gap`` below it, as on a theme's exported template;
        anywhere below it when ``gap`` is None): the source line can share their row."""
        reach = gap * 1.5 if gap is not None else math.inf
        rows = [p.box for p in self.of_type("ftr", "sldNum") if p.box is not None
                and 0 <= p.box.y - content.bottom <= reach]
        return Rect(content.x, rows[0].y, content.w, rows[0].h) if rows else None

    @property
    def columns(self) -> list[Placeholder]:
        """The two largest text placeholders if they stand side by side (left first)."""
        boxes = self.text_boxes[:2]
        if len(boxes) < 2:
            return []
        left, right = sorted(boxes, key=lambda p: p.box.x if p.box else 0)
        return [left, right] if left.box and right.box and left.box.right <= right.box.x \
            else []


@dataclass(frozen=True)
class TemplateFonts:
    heading: str | None = None
    body: str | None = None


@dataclass(frozen=True)
class TemplateInfo:
    """A template as layout sees it; ``data`` is the file, so render builds on the same bytes."""

    path: Path
    width: int
    height: int
    layouts: tuple[Layout, ...]
    fonts: TemplateFonts = TemplateFonts()
    scheme: dict[str, str] = field(default_factory=dict)   # dk1, lt1, accent1… as hex
    samples: tuple[int, ...] = ()    # layouts of the template's own (removed) slides, in order
    data: bytes = field(default=b"", repr=False, compare=False)
    from_theme: bool = False         # the deck's theme written as a template (theme/master.py)

    @property
    def masters(self) -> int:
        return max((layout.master for layout in self.layouts), default=0)

    @property
    def accents(self) -> list[str]:
        return [self.scheme[f"accent{i}"] for i in range(1, 7) if f"accent{i}" in self.scheme]

