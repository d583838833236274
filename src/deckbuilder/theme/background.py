"""Paint a layout's background as a viewer draws it, into a :class:`Backdrop`.

A slide on a layout shows, from the bottom up: the layout's ``p:bg`` (else the master's) --
a solid, gradient, picture or pattern fill of its own (``bgPr``) or one of the theme's
background fill styles (``bgRef``) -- then the master's shapes and pictures (unless the
layout hides them), then the layout's own. Placeholders are not drawn (slides fill them), but a layout
placeholder's own fill is: the slide's placeholder inherits it, under its text.
Each is painted at low resolution with Pillow, pictures stretched, cropped or tiled as their
``blipFill`` says, shapes as their box (an ellipse as an ellipse), with transparency, and the
canvas is averaged into the backdrop's cells. Rotation and effects are ignored: what matters
is how dark or light the slide is under each text box.
"""

from __future__ import annotations

import copy
import io
import warnings
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
from lxml import etree
from PIL import Image, ImageDraw
from pptx.oxml.ns import qn
from pptx.opc.package import Part
from pptx.slide import SlideLayout, SlideMaster

from .backdrop import Backdrop, Fill
from .unpack import PARSER

GRID_COLUMNS = 48            # backdrop cells across the slide
CELL = 4                     # canvas pixels per cell side: shape edges are averaged, not cut
MAX_PICTURE_PIXELS = 40_000_000
PICTURE_SIDE = 512           # decoded pictures are kept at most this large
EMU_PER_PIXEL = 9525         # 96 dpi: a tiled picture's own size
FILLS: dict[str, Fill] = {"solidFill": "solid", "gradFill": "gradient", "blipFill": "picture",
                          "pattFill": "pattern", "noFill": "none"}
COLOUR_TAGS = ("srgbClr", "schemeClr", "sysClr", "prstClr", "hslClr", "scrgbClr")
RGBA = tuple[int, int, int, int]
Colour = Callable[[Any], "str | None"]   # the colour of the colour element inside a parent


@dataclass(frozen=True)
class _Place:
    """Where shape coordinates (EMU, in a group's child space) land on the canvas."""

    x0: float
    y0: float
    sx: float
    sy: float

    def box(self, off: tuple[int, int], ext: tuple[int, int]) -> tuple[float, ...]:
        return (self.x0 + off[0] * self.sx, self.y0 + off[1] * self.sy,
                self.x0 + (off[0] + ext[0]) * self.sx, self.y0 + (off[1] + ext[1]) * self.sy)

    def group(self, xfrm: Any) -> "_Place":
        """The place of a group's children, from its offset, extent and child space."""
        off, ext = _pair(xfrm, "a:off", "x", "y"), _pair(xfrm, "a:ext", "cx", "cy")
        child_off, child_ext = _pair(xfrm, "a:chOff", "x", "y"), _pair(xfrm, "a:chExt", "cx", "cy")
        fx = ext[0] / child_ext[0] if child_ext[0] else 1.0
        fy = ext[1] / child_ext[1] if child_ext[1] else 1.0
        return _Place(self.x0 + (off[0] - child_off[0] * fx) * self.sx,
                      self.y0 + (off[1] - child_off[1] * fy) * self.sy, self.sx * fx, self.sy * fy)


class BackdropPainter:
    """Paints the backdrops of one master's layouts (decoding each picture once)."""

    def __init__(self, master: SlideMaster, theme_part: Part, colour: Colour, width: int,
                 height: int, pixels: int = GRID_COLUMNS * CELL) -> None:
        """``pixels``: the canvas's width (the grid's, unless painting a picture)."""
        self.master, self.theme_part, self.colour = master, theme_part, colour
        self.theme = etree.fromstring(theme_part.blob, PARSER)
        self.width, self.height = width, height
        self.rows = max(1, round(GRID_COLUMNS * height / width))
        grid = pixels == GRID_COLUMNS * CELL   # a backdrop: whole cells down the slide too
        self.size = (pixels, self.rows * CELL if grid else round(pixels * height / width))
        self.place = _Place(0.0, 0.0, self.size[0] / width, self.size[1] / height)
        self._pictures: dict[tuple[str, str], Image.Image | None] = {}

    def backdrop(self, layout: SlideLayout) -> Backdrop:
        canvas, fill, artwork = self.paint(layout)
        grid = canvas.convert("RGB").resize((GRID_COLUMNS, self.rows), Image.Resampling.BOX)
        cells = tuple(f"{r:02X}{g:02X}{b:02X}" for r, g, b in grid.get_flattened_data())
        return Backdrop(self.width, self.height, GRID_COLUMNS, self.rows, cells, fill, artwork)

    def paint(self, layout: SlideLayout) -> tuple[Image.Image, Fill, bool]:
        """What a slide on ``layout`` shows under its own shapes, at the canvas size; the
        ``p:bg`` fill kind, and whether master or layout artwork was painted."""
        canvas = Image.new("RGBA", self.size, (255, 255, 255, 255))
        fill: Fill = "none"
        for element, part in ((layout._element, layout.part),
                              (self.master._element, self.master.part)):
            bg = element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
            if bg is not None:
                fill = self._paint_background(canvas, bg, part)
                break
        artwork = False
        if layout._element.get("showMasterSp") not in ("0", "false"):
            artwork |= self._paint_tree(canvas, self.master._element, self.master.part,
                                        self.place)
        artwork |= self._paint_tree(canvas, layout._element, layout.part, self.place,
                                    filled_placeholders=True)
        return canvas, fill, artwork

    # ----- what is painted ------------------------------------------------------------------

    def _paint_background(self, canvas: Image.Image, bg: Any, part: Part) -> Fill:
        whole = (0.0, 0.0, float(self.size[0]), float(self.size[1]))
        properties, reference = bg.find(qn("p:bgPr")), bg.find(qn("p:bgRef"))
        if properties is not None:
            fill = _fill_element(properties)
            owner = part
        elif reference is not None:
            fill, owner = self._theme_fill(reference), self.theme_part
        else:
            return "none"
        if fill is None:
            return "none"
        self._paint(canvas, whole, fill, owner)
        return FILLS.get(etree.QName(fill).localname, "none")

    def _paint_tree(self, canvas: Image.Image, root: Any, part: Part, place: _Place,
                    filled_placeholders: bool = False) -> bool:
        """Paint the shapes and pictures of a shape tree, and the fills placeholders set
        themselves when ``filled_placeholders``; True if anything was painted."""
        tree = root.find(f"{qn('p:cSld')}/{qn('p:spTree')}") if root.tag != qn("p:grpSp") \
            else root
        painted = False
        for shape in tree if tree is not None else []:
            tag = etree.QName(shape).localname
            if _is_hidden(shape):
                continue
            if _is_placeholder(shape):
                if filled_placeholders and tag == "sp":
                    painted |= self._paint_shape(canvas, shape, part, place, styled=False)
            elif tag == "grpSp":
                xfrm = shape.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
                if xfrm is not None:
                    painted |= self._paint_tree(canvas, shape, part, place.group(xfrm))
            elif tag in ("sp", "pic"):
                painted |= self._paint_shape(canvas, shape, part, place)
        return painted

    def _paint_shape(self, canvas: Image.Image, shape: Any, part: Part, place: _Place,
                     styled: bool = True) -> bool:
        """Paint a shape or picture's fill (its own, else its style's when ``styled``)."""
        properties = shape.find(qn("p:spPr"))
        xfrm = properties.find(qn("a:xfrm")) if properties is not None else None
        if xfrm is None:
            return False
        preset = properties.find(qn("a:prstGeom"))
        if preset is not None and preset.get("prst") in ("line", "straightConnector1"):
            return False
        fill, owner = shape.find(qn("p:blipFill")), part
        if fill is None:
            fill = _fill_element(properties)
        reference = shape.find(f"{qn('p:style')}/{qn('a:fillRef')}")
        if fill is None and reference is not None and styled:
            fill, owner = self._theme_fill(reference), self.theme_part
        if fill is None or etree.QName(fill).localname in ("noFill", "grpFill"):
            return False
        box = place.box(_pair(xfrm, "a:off", "x", "y"), _pair(xfrm, "a:ext", "cx", "cy"))
        return self._paint(canvas, box, fill, owner, properties)

    def _paint(self, canvas: Image.Image, box: tuple[float, ...], fill: Any, part: Part,
               properties: Any = None) -> bool:
        """Composite ``fill`` over ``box`` (canvas pixels) of ``canvas``; True if painted."""
        x0, y0 = max(0, round(box[0])), max(0, round(box[1]))
        x1, y1 = min(self.size[0], round(box[2])), min(self.size[1], round(box[3]))
        if x1 <= x0 or y1 <= y0:
            return False
        full = (max(1, round(box[2] - box[0])), max(1, round(box[3] - box[1])))
        layer = self._layer(fill, full, part)
        if layer is None:
            return False
        mask = _outline(properties, full) if properties is not None else None
        if mask is not None:
            alpha = np.asarray(layer.getchannel("A"), dtype=np.uint16) * np.asarray(mask) // 255
            layer.putalpha(Image.fromarray(alpha.astype(np.uint8)))
        left, top = x0 - round(box[0]), y0 - round(box[1])
        canvas.alpha_composite(layer.crop((left, top, left + x1 - x0, top + y1 - y0)), (x0, y0))
        return True

    def _layer(self, fill: Any, size: tuple[int, int], part: Part) -> Image.Image | None:
        kind = etree.QName(fill).localname
        if kind == "solidFill":
            rgba = self._rgba(fill)
            return Image.new("RGBA", size, rgba) if rgba else None
        if kind == "gradFill":
            return self._gradient(fill, size)
        if kind == "blipFill":
            return self._picture_layer(fill, size, part)
        if kind == "pattFill":
            return self._pattern(fill, size)
        return None

    # ----- fills ------------------------------------------------------------------------------

    def _rgba(self, parent: Any) -> RGBA | None:
        """The colour inside ``parent`` with its transparency (``a:alpha``)."""
        value = self.colour(parent)
        if value is None:
            return None
        element = next((c for c in parent if etree.QName(c).localname in COLOUR_TAGS), None)
        alpha = element.find(qn("a:alpha")) if element is not None else None
        opacity = int(alpha.get("val", "100000")) / 100000 if alpha is not None else 1.0
        return (*(int(value[i:i + 2], 16) for i in (0, 2, 4)),
                round(255 * min(1.0, max(0.0, opacity))))

    def _gradient(self, fill: Any, size: tuple[int, int]) -> Image.Image | None:
        """A linear gradient along its angle, or a path gradient out from its centre."""
        stops = sorted((int(stop.get("pos", "0")) / 100000, rgba)
                       for stop in fill.iter(qn("a:gs")) if (rgba := self._rgba(stop)))
        if not stops:
            return None
        w, h = size
        u, v = np.meshgrid((np.arange(w) + 0.5) / w, (np.arange(h) + 0.5) / h)
        path, linear = fill.find(qn("a:path")), fill.find(qn("a:lin"))
        if path is not None:
            to = path.find(qn("a:fillToRect"))
            cx = (int(to.get("l", "50000")) / 100000) if to is not None else 0.5
            cy = (int(to.get("t", "50000")) / 100000) if to is not None else 0.5
            du, dv = np.abs(u - cx) / max(cx, 1 - cx), np.abs(v - cy) / max(cy, 1 - cy)
            t = np.maximum(du, dv) if path.get("path") == "rect" else np.hypot(du, dv)
        else:
            angle = np.radians(int(linear.get("ang", "0")) / 60000 if linear is not None else 0)
            t = u * np.cos(angle) + v * np.sin(angle)
            low, high = t.min(), t.max()
            t = (t - low) / (high - low) if high > low else np.zeros_like(t)
        positions = [pos for pos, _ in stops]
        channels = [np.interp(np.clip(t, 0, 1), positions, [rgba[i] for _, rgba in stops])
                    for i in range(4)]
        return Image.fromarray(np.dstack(channels).round().astype(np.uint8), "RGBA")

    def _pattern(self, fill: Any, size: tuple[int, int]) -> Image.Image | None:
        """A pattern as the mix of its two colours a reader sees from a distance: the
        foreground's share is a ``pctNN`` preset's percentage, else half."""
        ends = [fill.find(qn(f"a:{name}")) for name in ("fgClr", "bgClr")]
        colours = [self._rgba(end) if end is not None else None for end in ends]
        if not (colours[0] and colours[1]):
            return None
        preset = fill.get("prst", "")
        share = int(preset[3:]) / 100 if preset[:3] == "pct" and preset[3:].isdigit() else 0.5
        mixed = tuple(round(f * share + b * (1 - share)) for f, b in zip(*colours))
        return Image.new("RGBA", size, mixed)

    def _picture_layer(self, fill: Any, size: tuple[int, int], part: Part) -> Image.Image | None:
        blip = fill.find(qn("a:blip"))
        picture = self._picture(part, blip.get(qn("r:embed"), "")) if blip is not None else None
        if picture is None:
            return None
        picture = _cropped(picture, fill.find(qn("a:srcRect")))
        tile = fill.find(qn("a:tile"))
        if tile is None:
            layer = picture.resize(size, Image.Resampling.BILINEAR)
        else:
            layer = self._tiled(picture, tile, size)
        faded = blip.find(qn("a:alphaModFix"))
        if faded is not None:
            alpha = np.asarray(layer.getchannel("A"), dtype=np.float64)
            alpha *= int(faded.get("amt", "100000")) / 100000
            layer.putalpha(Image.fromarray(alpha.round().astype(np.uint8)))
        return layer

    def _tiled(self, picture: Image.Image, tile: Any, size: tuple[int, int]) -> Image.Image:
        """The picture repeated at its own size (96 dpi) times the tile's scale."""
        scale_x = int(tile.get("sx", "100000")) / 100000 * EMU_PER_PIXEL * self.place.sx
        scale_y = int(tile.get("sy", "100000")) / 100000 * EMU_PER_PIXEL * self.place.sy
        width, height = picture.size
        piece = picture.resize((max(1, round(width * scale_x)), max(1, round(height * scale_y))),
                               Image.Resampling.BOX)
        layer = Image.new("RGBA", size)
        for top in range(0, size[1], piece.height):
            for left in range(0, size[0], piece.width):
                layer.paste(piece, (left, top))
        return layer

    def _picture(self, part: Part, rId: str) -> Image.Image | None:
        key = (str(part.partname), rId)
        if key not in self._pictures:
            try:
                blob = part.related_part(rId).blob
            except (KeyError, AttributeError):
                blob = b""
            self._pictures[key] = _decoded(blob) if blob else None
        return self._pictures[key]

    def _theme_fill(self, reference: Any) -> Any:
        """The theme's fill style a ``bgRef`` or ``fillRef`` names (1-999: fill styles,
        1001 on: background fill styles), with its placeholder colour (``phClr``) made the
        reference's colour, as a viewer does."""
        idx = int(reference.get("idx", "0")) if reference.get("idx", "").isdigit() else 0
        listed, number = ("bgFillStyleLst", idx - 1001) if idx > 1000 else \
            ("fillStyleLst", idx - 1)
        styles = self.theme.findall(f".//{qn('a:fmtScheme')}/{qn('a:' + listed)}")
        choices = list(styles[0]) if styles else []
        if idx == 0 or not 0 <= number < len(choices):
            return None
        fill = copy.deepcopy(choices[number])
        colour = next((c for c in reference if etree.QName(c).localname in COLOUR_TAGS), None)
        for holder in [e for e in fill.iter(qn("a:schemeClr")) if e.get("val") == "phClr"]:
            if colour is None:
                return None
            resolved = copy.deepcopy(colour)
            resolved.extend(copy.deepcopy(list(holder)))
            holder.getparent().replace(holder, resolved)
        return fill


def _outline(properties: Any, size: tuple[int, int]) -> Image.Image | None:
    """The shape's area within its box as a mask: an ellipse, or a custom geometry's
    straight-edged paths (curves through their control points; nothing for unfilled or
    degenerate paths); None for a rectangle or a geometry whose points are formulas, which
    is painted as its box."""
    preset, custom = properties.find(qn("a:prstGeom")), properties.find(qn("a:custGeom"))
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    if preset is not None and preset.get("prst") == "ellipse":
        draw.ellipse((0, 0, size[0] - 1, size[1] - 1), fill=255)
        return mask
    paths = custom.findall(f"{qn('a:pathLst')}/{qn('a:path')}") if custom is not None else []
    drawn = False
    for path in paths:
        if path.get("fill") == "none":
            continue
        w, h = (int(path.get(side, "0") or 0) for side in ("w", "h"))
        polygons: list[list[tuple[float, float]]] = []
        for step in path:
            points = step.findall(qn("a:pt"))
            if etree.QName(step).localname == "moveTo" or not polygons:
                polygons.append([])
            for point in points:
                x, y = point.get("x", ""), point.get("y", "")
                if not (x.lstrip("-").isdigit() and y.lstrip("-").isdigit()) or not w or not h:
                    return None
                polygons[-1].append((int(x) / w * size[0], int(y) / h * size[1]))
        for polygon in polygons:
            if len(polygon) >= 3:
                draw.polygon(polygon, fill=255)
                drawn = True
    return mask if drawn or custom is not None else None


def _fill_element(properties: Any) -> Any:
    return next((child for child in properties
                 if etree.QName(child).localname in (*FILLS, "grpFill")), None)


def _is_placeholder(shape: Any) -> bool:
    return shape.find(f"./*/{qn('p:nvPr')}/{qn('p:ph')}") is not None


def _is_hidden(shape: Any) -> bool:
    properties = shape.find(f"./*/{qn('p:cNvPr')}")
    return properties is not None and properties.get("hidden") in ("1", "true")


def _pair(element: Any, child: str, first: str, second: str) -> tuple[int, int]:
    found = element.find(qn(child))
    if found is None:
        return 0, 0
    values = (found.get(first, "0"), found.get(second, "0"))
    return tuple(int(v) if v.lstrip("-").isdigit() else 0 for v in values)  # type: ignore


def _cropped(picture: Image.Image, source: Any) -> Image.Image:
    """The part of the picture ``a:srcRect`` keeps (its edges in thousandths of a percent)."""
    if source is None:
        return picture
    w, h = picture.size
    cut = {side: int(source.get(side, "0")) / 100000 for side in "ltrb"
           if source.get(side, "0").lstrip("-").isdigit()}
    box = (round(w * cut.get("l", 0)), round(h * cut.get("t", 0)),
           round(w * (1 - cut.get("r", 0))), round(h * (1 - cut.get("b", 0))))
    if box[2] - box[0] < 1 or box[3] - box[1] < 1 or min(box) < 0 or box[2] > w or box[3] > h:
        return picture
    return picture.crop(box)


def _decoded(blob: bytes) -> Image.Image | None:
    """A picture as RGBA, at most PICTURE_SIDE a side, or None when Pillow cannot read it
    (a vector format, a damaged file) or it is too large to decode safely: then it is not
    painted."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            picture = Image.open(io.BytesIO(blob))
            if picture.width * picture.height > MAX_PICTURE_PIXELS:
                return None
            picture.draft("RGB", (PICTURE_SIDE, PICTURE_SIDE))
            picture = picture.convert("RGBA")
            picture.thumbnail((PICTURE_SIDE, PICTURE_SIDE))
            return picture
        except Exception:  # noqa: BLE001 - a damaged picture may fail in any way; not drawn
            return None
