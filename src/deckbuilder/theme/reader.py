"""Open a PowerPoint template (.pptx or .potx) to build on, and describe it as data.

python-pptx refuses a .potx because its main part has the *template* content type; the
package is otherwise a presentation, so the content type is rewritten in memory first.

A template's own slides are removed properly: the slide id entry *and* the presentation's
relationship to the slide, so the slide part (and its notes page) is no longer reachable,
is not written, and nothing points at it. Custom shows and sections, which name slides,
go with them. Masters, layouts, theme colours and fonts, and media stay.

Some producers (LibreOffice among them) give several placeholders of one layout the same
``idx``. A slide placeholder finds the layout placeholder it inherits from by ``idx``, so
duplicates are renumbered, in memory, to keep that link unambiguous.
"""

from __future__ import annotations

import colorsys
import io
import os
import re
import stat
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from lxml import etree
from pptx import Presentation as open_presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PptxPresentation
from pptx.slide import SlideLayout, SlideMaster

from ..colors import to_linear, to_srgb
from ..ir import DEFAULT_INSETS, Insets, Rect
from .cleanup import remove_slides, unique_placeholder_indices, without_custom_show
from .info import (
    TITLE_TYPES, Layout, LayoutColors, Placeholder, TemplateFonts, TemplateInfo, TextLook,
)
from ..render.xml import INSET_ATTRIBUTES
from .unpack import PARSER as _XML
from .unpack import TYPES_NS, PackageError, parse, unpack

MAX_TEMPLATE_BYTES = 100 * 1024 * 1024
SUFFIXES = (".pptx", ".potx")
MAX_IDX = 2**32 - 1
SLIDE_SIDES = (914_400, 51_206_400)
HEX = re.compile(r"[0-9A-Fa-f]{6}")
AS_PRESENTATION = (CT.PML_TEMPLATE_MAIN, CT.PML_SLIDESHOW_MAIN)
ANCHORS = {"t": "top", "ctr": "middle", "b": "bottom"}
VERTICAL = ("vert", "vert270", "eaVert", "wordArtVert", "mongolianVert", "wordArtVertRtl")
ALIGNS = {"l": "left", "ctr": "center", "r": "right", "just": "left", "dist": "left"}
INSET_DEFAULTS = {name: getattr(DEFAULT_INSETS, side) for name, side in INSET_ATTRIBUTES}


class TemplateError(Exception):
    """A template file that cannot be used; the caller knows where the deck named it."""


# ----- opening ------------------------------------------------------------------------------

def read_template(path: Path) -> TemplateInfo:
    """The template at ``path`` described as data (its bytes included, for render)."""
    if path.suffix.lower() not in SUFFIXES:
        raise TemplateError("a template is a .pptx or .potx file (save it as one from "
                            "PowerPoint or LibreOffice)")
    return template_info(_read_regular_file(path), path)


def template_info(data: bytes, path: Path) -> TemplateInfo:
    """The template package ``data`` (named ``path`` in messages) described as data."""
    prs, samples = _open(data)
    try:
        return describe(prs, path, data, samples)
    except TemplateError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged master, theme or layout, in any way
        raise TemplateError(f"its masters or layouts cannot be read ({_damage(exc)}); "
                            "open it in PowerPoint or LibreOffice and save it again") from None


def _damage(exc: Exception) -> str:
    """What a failure inside python-pptx says about the file, in the terms of its parts
    (never the exception's name, which means nothing to the template's owner)."""
    if isinstance(exc, KeyError):
        return "a part it refers to, such as a master, layout or theme, is missing"
    if isinstance(exc, (ValueError, TypeError, AttributeError, IndexError)):
        return "a part lacks an element or value PowerPoint writes, or holds one out of range"
    return "its package structure is damaged"


def _read_regular_file(path: Path) -> bytes:
    """The file's bytes, if it is a regular file within the size limit (a FIFO or device is
    refused without blocking on it)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TemplateError("it is not a regular file (a folder, pipe or device); name a "
                                ".pptx or .potx file")
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"the file is {info.st_size:,} bytes, over the "
                                f"{MAX_TEMPLATE_BYTES:,}-byte limit for templates")
        data = file.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"the file is over the {MAX_TEMPLATE_BYTES:,}-byte limit for "
                            "templates")
    return data


def open_template(data: bytes) -> PptxPresentation:
    """A python-pptx presentation of the template, without the template's own slides."""
    return _open(data)[0]


def _open(data: bytes) -> tuple[PptxPresentation, tuple[int, ...]]:
    """The cleaned presentation, and the layout numbers its own slides used."""
    presentation = _as_presentation(data)
    try:
        prs = open_presentation(io.BytesIO(presentation))
        layouts = all_layouts(prs)
        parts = [layout.part for layout in layouts]
        samples = tuple(parts.index(slide.slide_layout.part) for slide in prs.slides)
    except Exception as exc:  # noqa: BLE001 - damaged packages raise many kinds of errors
        raise TemplateError(f"not a readable PowerPoint file ({_damage(exc)}); open it "
                            "in PowerPoint or LibreOffice and save it again") from None
    if not layouts:
        raise TemplateError("the file has no slide layouts")
    _remove_slides(prs)
    for layout in layouts:
        _check_placeholders(layout)
        unique_placeholder_indices(layout._element)
    return prs, samples


def all_layouts(prs: PptxPresentation) -> list[SlideLayout]:
    """Every layout of every master, in order: a layout's :attr:`Layout.number` indexes it."""
    return [layout for master in prs.slide_masters for layout in master.slide_layouts]


def layout_pictures(data: bytes, numbers: Iterable[int], pixels: int) -> dict[int, bytes]:
    """PNGs ``pixels`` wide of what slides on the template's layouts ``numbers`` show behind
    their own shapes (background, master and layout artwork), painted as for backdrops:
    for previews that draw slides without a viewer (``deckbuilder serve``)."""
    from .background import BackdropPainter  # Pillow and NumPy: only when painting

    prs = open_template(data)
    layouts = all_layouts(prs)
    size = (prs.slide_width, prs.slide_height)
    painters: dict[int, BackdropPainter] = {}
    pictures = {}
    for number in sorted(set(numbers)):
        master = layouts[number].slide_master
        if id(master) not in painters:
            reader = _Master(master, size)
            painters[id(master)] = BackdropPainter(
                master, master.part.part_related_by(RT.THEME), reader.color, *size, pixels)
        canvas = painters[id(master)].paint(layouts[number])[0]
        png = io.BytesIO()
        canvas.convert("RGB").save(png, "PNG", optimize=True)
        pictures[number] = png.getvalue()
    return pictures


def _as_presentation(data: bytes) -> bytes:
    """``data`` re-packed from members read with bounded work and checked (see unpack.py),
    with a template's or slide show's main content type made a presentation's. The last
    answer is kept: every build of a watching process opens the same template again."""
    if _last_checked.get(data) is None:
        checked = _checked_package(data)
        _last_checked.clear()
        _last_checked[data] = checked
    return _last_checked[data]


_last_checked: dict[bytes, bytes] = {}  # the last template's bytes -> its checked package


def _checked_package(data: bytes) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise TemplateError("not a PowerPoint file (it is not a zip package); save it as "
                            ".pptx or .potx") from None
    out = io.BytesIO()
    with archive, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as rewritten:
        if "[Content_Types].xml" not in archive.namelist():
            raise TemplateError("not a PowerPoint file (its content types are missing)")
        try:
            for info, blob in unpack(archive):
                if info.filename == "[Content_Types].xml":
                    blob = _presentation_types(blob)
                rewritten.writestr(info.filename, blob)
        except PackageError as exc:
            raise TemplateError(str(exc)) from None
    return out.getvalue()


def _presentation_types(blob: bytes) -> bytes:
    """The content types with the main part's made a presentation's; macros refused."""
    types = parse("[Content_Types].xml", blob)
    for override in types.iter(f"{{{TYPES_NS}}}Override"):
        content_type = override.get("ContentType", "")
        if "macroEnabled" in content_type:
            raise TemplateError("the file contains macros (.pptm/.potm); save it as a "
                                ".pptx or .potx without macros")
        if content_type in AS_PRESENTATION:
            override.set("ContentType", CT.PML_PRESENTATION_MAIN)
    return etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)


def _remove_slides(prs: PptxPresentation) -> None:
    """Drop every slide: its id entry, then the relationship (so the part is not written)."""
    rids, had_shows = remove_slides(prs.part._element)
    for rId in rids:
        if rId in prs.part.rels:
            prs.part.drop_rel(rId)
    if had_shows:
        _drop_custom_show_setting(prs)


def _drop_custom_show_setting(prs: PptxPresentation) -> None:
    """A slide show set to play a custom show would name one that no longer exists."""
    try:
        part = prs.part.part_related_by(RT.PRES_PROPS)
    except KeyError:
        return
    root = etree.fromstring(part.blob, _XML)
    if without_custom_show(root):
        part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                   standalone=True)


def _check_placeholders(layout: SlideLayout) -> None:
    """Placeholder ``idx`` values are unsigned 32-bit integers in OOXML, and type, orient
    and size are enumerations python-pptx validates when render copies a placeholder."""
    for ph in _xpath(layout._element, "./p:cSld/p:spTree//p:nvPr/p:ph"):
        value = ph.get("idx", "0")
        if not (value.isdigit() and int(value) <= MAX_IDX):
            raise TemplateError(f"layout '{layout.name}' has a placeholder with idx "
                                f"{value[:20]!r}, not a whole number from 0 to {MAX_IDX:,}; "
                                "fix or delete that placeholder in PowerPoint")
        for name, meaning in (("type", "type"), ("orient", "orientation"), ("sz", "size")):
            try:  # python-pptx validates a value when it is set, as render's copy does
                setattr(ph, name, getattr(ph, name))
            except (ValueError, KeyError):
                raise TemplateError(f"layout '{layout.name}' has a placeholder with an invalid "
                                    f"{meaning} ({ph.get(name, '')[:20]!r} is not one "
                                    "PowerPoint knows); fix or delete that placeholder in "
                                    "PowerPoint") from None


def _check_slide_size(width: int, height: int) -> None:
    """PowerPoint's slide sizes run from 1 to 56 inches a side."""
    if not all(SLIDE_SIDES[0] <= side <= SLIDE_SIDES[1] for side in (width, height)):
        raise TemplateError(f"its slides are {width / 914_400:g} x {height / 914_400:g} in, "
                            "outside the 1 to 56 in a side the format allows; set its slide "
                            "size in PowerPoint (Design > Slide Size) and save it again")


def _hex_color(value: str, where: str) -> str:
    """``value`` as RRGGBB, or a clear error naming where the template set it."""
    if not HEX.fullmatch(value):
        raise TemplateError(f"{where} sets colour {value[:20]!r}, which is not a hex colour "
                            "(RRGGBB); pick the colour again in PowerPoint and save it")
    return value.upper()


# ----- describing ---------------------------------------------------------------------------

def describe(prs: PptxPresentation, path: Path, data: bytes = b"",
             samples: tuple[int, ...] = ()) -> TemplateInfo:
    """What layout needs to know about an opened template."""
    layouts: list[Layout] = []
    first: _Master | None = None
    size = (int(prs.slide_width or 0), int(prs.slide_height or 0))
    _check_slide_size(*size)
    for number, master in enumerate(prs.slide_masters, start=1):
        reader = _Master(master, size)
        first = first or reader
        for layout in master.slide_layouts:
            layouts.append(reader.layout(layout, len(layouts), number))
    assert first is not None
    return TemplateInfo(path, *size,
                        tuple(layouts), first.fonts(), dict(first.scheme), samples, data)


class _Master:
    """Reads one slide master: its theme's colours and fonts, and what layouts inherit."""

    def __init__(self, master: SlideMaster, size: tuple[int, int]) -> None:
        self.element = master._element
        theme_part = master.part.part_related_by(RT.THEME)
        theme = etree.fromstring(theme_part.blob, _XML)
        self.scheme = _scheme(theme)
        self.major = _first_attr(theme, ".//a:fontScheme/a:majorFont/a:latin/@typeface") or None
        self.minor = _first_attr(theme, ".//a:fontScheme/a:minorFont/a:latin/@typeface") or None
        clr_map = self.element.find(qn("p:clrMap"))
        self.clr_map = dict(clr_map.attrib) if clr_map is not None else {}
        self._inherited: dict[str, tuple[TextLook, ...]] = {}
        from .background import BackdropPainter  # Pillow and NumPy: only when describing

        self.painter = BackdropPainter(master, theme_part, self.color, *size)

    def sp(self, ph_type: str) -> Any:
        """The master's placeholder a layout placeholder of ``ph_type`` inherits from."""
        wanted = {"ctrTitle": "title", "subTitle": "body", "obj": "body"}.get(ph_type, ph_type)
        found = _xpath(self.element, f"./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph"
                                     f"[@type='{wanted}' or ('{wanted}'='body' and not(@type))]]")
        return found[0] if found else None

    def style(self, ph_type: str, level: int = 1) -> Any:
        name = ("titleStyle" if ph_type in TITLE_TYPES else "otherStyle"
                if ph_type in ("dt", "ftr", "sldNum") else "bodyStyle")
        found = _xpath(self.element, f"./p:txStyles/p:{name}/a:lvl{level}pPr")
        return found[0] if found else None

    def looks(self, sp: Any, base: Any, ph_type: str) -> tuple[TextLook, ...]:
        """What text at each list level of this placeholder inherits: the layout's list
        style, then the master placeholder's, then the master's text styles."""
        inherited = self._master_looks(base, ph_type)
        return tuple(_merged(self._own_look(sp, level), below)
                     for level, below in enumerate(inherited, start=1))

    def _master_looks(self, base: Any, ph_type: str) -> tuple[TextLook, ...]:
        """The master's part of :meth:`looks` (``base`` is :meth:`sp` of ``ph_type``), the
        same for every layout: found once."""
        key = ph_type
        if key not in self._inherited:
            self._inherited[key] = tuple(
                _merged(self._own_look(base, level), self._style_look(ph_type, level))
                for level in range(1, 10))
        return self._inherited[key]

    def _own_look(self, sp: Any, level: int) -> TextLook:
        found = _xpath(sp, f"./p:txBody/a:lstStyle/a:lvl{level}pPr/a:defRPr") \
            if sp is not None else []
        return self._look(found[0]) if found else TextLook()

    def _style_look(self, ph_type: str, level: int) -> TextLook:
        style = self.style(ph_type, level)
        default = style.find(_DEF_RPR) if style is not None else None
        return self._look(default) if default is not None else TextLook()

    def _look(self, rpr: Any) -> TextLook:
        """What one run-properties element (``a:defRPr``) sets."""
        size, bold, italic = rpr.get("sz", ""), rpr.get("b"), rpr.get("i")
        fill, latin = rpr.find(_SOLID_FILL), rpr.find(_LATIN)
        face = latin.get("typeface") if latin is not None else None
        return TextLook(int(size) / 100 if size.isdigit() else None,
                        None if bold is None else bold in ("1", "true"),
                        None if italic is None else italic in ("1", "true"),
                        self.color(fill) if fill is not None else None,
                        {"+mj-lt": self.major, "+mn-lt": self.minor}.get(face or "", face)
                        or None)

    def fonts(self) -> TemplateFonts:
        """Fonts the master's title and body text show (explicit, else the theme's)."""
        return TemplateFonts(self._font("title", self.major), self._font("body", self.minor))

    def _font(self, ph_type: str, theme_font: str | None) -> str | None:
        for source in (self.sp(ph_type), self.style(ph_type)):
            face = _first_attr(source, _RUN_PROPS + "/a:latin/@typeface") if source is not None \
                else None
            if face:
                return {"+mj-lt": self.major, "+mn-lt": self.minor}.get(face, face)
        return theme_font

    def layout(self, layout: SlideLayout, number: int, master_number: int) -> Layout:
        placeholders = []
        for sp in _xpath(layout._element, "./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph]"):
            ph_type = _ph_type(sp)
            base = self.sp(ph_type)
            box = _box(sp) or (_box(base) if base is not None else None)  # else the master's
            ph = _xpath(sp, "./p:nvSpPr/p:nvPr/p:ph")[0]
            name = _first_attr(sp, "./p:nvSpPr/p:cNvPr/@name") or ""
            if box is not None and (box.w <= 0 or box.h <= 0):
                raise TemplateError(f"layout '{layout.name}': placeholder '{name}' has "
                                    f"no area ({box.w} x {box.h} EMU); resize or delete it "
                                    "in PowerPoint")
            placeholders.append(Placeholder(
                idx=int(ph.get("idx", "0")), type=ph_type, name=name, box=box,
                insets=Insets(*(self._inset(sp, base, name) for name in INSET_DEFAULTS)),
                anchor=ANCHORS.get(_inherited(sp, base, "./p:txBody/a:bodyPr/@anchor") or "t",
                                   "top"),
                align=ALIGNS.get(self._align(sp, base, ph_type) or ""),
                looks=self.looks(sp, base, ph_type),
                vertical=ph.get("orient") == "vert"
                or _inherited(sp, base, "./p:txBody/a:bodyPr/@vert") in VERTICAL))
        body = self.sp("body")
        master_body = _box(body) if body is not None else None
        return Layout(number, master_number, layout.name, tuple(placeholders), master_body,
                      self._colors(layout), layout._element.get("type"),
                      self.painter.backdrop(layout))

    def _inset(self, sp: Any, base: Any, name: str) -> int:
        value = _inherited(sp, base, f"./p:txBody/a:bodyPr/@{name}")
        return int(value) if value is not None and value.lstrip("-").isdigit() \
            else INSET_DEFAULTS[name]

    def _align(self, sp: Any, base: Any, ph_type: str) -> str | None:
        path = "./p:txBody/a:lstStyle/a:lvl1pPr/@algn | ./p:txBody/a:p[1]/a:pPr/@algn"
        style = self.style(ph_type)
        return _inherited(sp, base, path) or (_first_attr(style, "./@algn")
                                               if style is not None else None)

    def _colors(self, layout: SlideLayout) -> LayoutColors:
        def text_color(ph_types: tuple[str, ...]) -> str | None:
            own = [s._element for s in layout.placeholders if _ph_type(s._element) in ph_types]
            for source in own + [self.sp(ph_types[0]), self.style(ph_types[0])]:
                if source is not None:
                    fill = _xpath(source, _RUN_PROPS + "/a:solidFill")
                    if fill and (colour := self.color(fill[0])):
                        return colour
            return None

        return LayoutColors(self._background(layout), text_color(TITLE_TYPES),
                            text_color(("body", "obj", "subTitle")),
                            text_color(("sldNum", "ftr")))

    def _background(self, layout: SlideLayout) -> str | None:
        for element in (layout._element, self.element):
            bg = element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
            if bg is None:
                continue
            solid = _xpath(bg, "./p:bgPr/a:solidFill | ./p:bgPr/a:gradFill/a:gsLst/a:gs[1] "
                               "| ./p:bgRef")
            return self.color(solid[0]) if solid else None
        return self._scheme_color("bg1")

    def color(self, parent: Any) -> str | None:
        """The colour set by the colour element inside ``parent`` (a fill, a stop…)."""
        for child in parent:
            tag = etree.QName(child).localname
            value = {"srgbClr": child.get("val"), "sysClr": child.get("lastClr"),
                     "schemeClr": self._scheme_color(child.get("val", ""))}.get(tag)
            if value:
                return _luminance_mods(_hex_color(value, "a master or layout"), child)
        return None

    def _scheme_color(self, name: str) -> str | None:
        return self.scheme.get(self.clr_map.get(name, name))


_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
_RUN_PROPS = ("(./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr | ./p:txBody/a:p/a:r/a:rPr "
              "| ./a:defRPr)")


@lru_cache(maxsize=None)
def _compiled(path: str) -> etree.XPath:
    return etree.XPath(path, namespaces=_NS)


def _xpath(element: Any, path: str) -> list:
    """XPath with the a:/p: prefixes, on python-pptx's elements and plain lxml ones alike."""
    return _compiled(path)(element)


_DEF_RPR, _SOLID_FILL, _LATIN = qn("a:defRPr"), qn("a:solidFill"), qn("a:latin")


def _merged(own: TextLook, below: TextLook) -> TextLook:
    """``own``'s settings, and ``below``'s where ``own`` sets nothing."""
    return TextLook(*(mine if mine is not None else theirs for mine, theirs in
                      ((own.size, below.size), (own.bold, below.bold),
                       (own.italic, below.italic), (own.color, below.color),
                       (own.face, below.face))))


def _first_attr(element: Any, path: str) -> str | None:
    found = _xpath(element, path)
    return str(found[0]) if found else None


def _ph_type(sp: Any) -> str:
    """A placeholder's type; OOXML's default is ``obj`` (any content)."""
    return _xpath(sp, "./p:nvSpPr/p:nvPr/p:ph")[0].get("type", "obj")


def _inherited(sp: Any, base: Any, path: str) -> str | None:
    """An attribute of the layout placeholder, else of the master placeholder it inherits."""
    for element in (sp, base):
        if element is not None and (value := _first_attr(element, path)) is not None:
            return value
    return None


def _box(sp: Any) -> Rect | None:
    off = _xpath(sp, "./p:spPr/a:xfrm/a:off")
    ext = _xpath(sp, "./p:spPr/a:xfrm/a:ext")
    if not off or not ext:
        return None
    return Rect(int(off[0].get("x")), int(off[0].get("y")), int(ext[0].get("cx")),
                int(ext[0].get("cy")))


def _scheme(theme: Any) -> dict[str, str]:
    """The theme's colour scheme (dk1, lt1, dk2, lt2, accent1-6, hlink…) as hex."""
    scheme: dict[str, str] = {}
    for slot in _xpath(theme, ".//a:themeElements/a:clrScheme/*"):
        for child in slot:
            value = child.get("val") if etree.QName(child).localname == "srgbClr" \
                else child.get("lastClr")
            if value:
                name = etree.QName(slot).localname
                scheme[name] = _hex_color(value, f"the theme's colour '{name}'")
                break
    return scheme


def _luminance_mods(value: str, element: Any) -> str:
    """Apply DrawingML's lumMod/lumOff (how themes make lighter and darker shades), then
    tint (toward white) and shade (toward black), as gradients and backgrounds use them."""
    mod = element.find(qn("a:lumMod"))
    off = element.find(qn("a:lumOff"))
    red, green, blue = (int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
    if mod is not None or off is not None:
        hue, light, sat = colorsys.rgb_to_hls(red, green, blue)
        light = light * (_fraction(mod) if mod is not None else 1)
        light = min(1.0, max(0.0, light + (_fraction(off) if off is not None else 0)))
        red, green, blue = colorsys.hls_to_rgb(hue, light, sat)
    linear = [to_linear(c) for c in (red, green, blue)]   # viewers tint and shade there
    for tint in element.findall(qn("a:tint")):
        linear = [1 - (1 - c) * _fraction(tint) for c in linear]
    for shade in element.findall(qn("a:shade")):
        linear = [c * _fraction(shade) for c in linear]
    return "".join(f"{round(to_srgb(min(1.0, max(0.0, c))) * 255):02X}" for c in linear)


def _fraction(element: Any) -> float:
    """A transform's ``val`` in thousandths of a percent, as a fraction."""
    value = element.get("val", "100000")
    return int(value) / 100000 if value.lstrip("-").isdigit() else 1.0
