"""Write a theme as a PowerPoint template: one slide master sized for the deck, a theme part
with the theme's colour and font schemes, master text styles, and one named layout per
slide kind whose placeholders sit on the theme's grid.

Every deck is then built the same way, on a template: a shipped theme's is this one, a
corporate deck's is the file its designer drew. In PowerPoint the result behaves like a deck
made there: New Slide gives a branded slide, Reset Slide puts text back on the grid, and
choosing other theme colours or fonts restyles the text that inherits them.

The package starts as python-pptx's default (which has exactly eleven layouts), and every
part that carries a design (theme, master, layouts, slide size) is rewritten from the theme.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from dataclasses import dataclass, field

from lxml import etree
from pptx import Presentation as new_presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

from ..ir import Insets, Rect, inches
from .grid import GridBoxes, grid_boxes, size_type, text_insets
from .settings import Theme

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSMAP = {"a": A_NS, "p": P_NS, "r": R_NS}
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
ANCHORS = {"top": "t", "middle": "ctr", "bottom": "b"}
ALIGNS = {"left": "l", "center": "ctr", "right": "r"}
LEVELS = 9
FIXED_DATE = dt.datetime(2000, 1, 1)
BULLET_STEP = inches(0.38)   # each list level's indent, as layout.common's lists hang

@dataclass(frozen=True)
class Look:
    """How a placeholder's text looks: what slide text in it inherits."""

    size: float
    color: str
    heading: bool = False
    bold: bool = False
    italic: bool = False
    align: str = "left"
    anchor: str = "top"
    insets: Insets = Insets(0, 0, 0, 0)
    fill: str | None = None
    line_spacing: float | None = None
    bullets: bool = False   # a list (the master's body bullets); else paragraphs without any


@dataclass(frozen=True)
class PlaceholderSpec:
    type: str | None    # OOXML placeholder type; None: ``obj`` (any content)
    idx: int
    name: str
    box: Rect
    look: Look
    prompt: str


@dataclass(frozen=True)
class LayoutSpec:
    name: str
    type: str | None    # OOXML layout type; None: a custom layout
    placeholders: tuple[PlaceholderSpec, ...]
    decorations: tuple[tuple[str, Rect, str], ...] = ()   # (name, box, colour)
    background: str | None = None   # None: the master's


@dataclass(frozen=True)
class Scheme:
    """The theme's colours as a PowerPoint colour scheme, and how slides map onto it."""

    slots: dict[str, str]       # dk1, lt1, dk2, lt2, accent1-6, hlink, folHlink -> hex
    color_map: dict[str, str]   # bg1, tx1, bg2, tx2, accent1… -> slot
    by_color: dict[str, str] = field(default_factory=dict)   # hex -> logical name (tx1…)


_WRITTEN: dict[tuple[str, str], bytes] = {}   # a watch session rebuilds on the same theme


def theme_template(theme: Theme, size: str) -> bytes:
    """The theme as a .pptx template package (no slides), the same bytes every time."""
    key = (theme.model_dump_json(), size)
    if key not in _WRITTEN:
        _WRITTEN.clear()
        _WRITTEN[key] = _template(theme, size)
    return _WRITTEN[key]


def _template(theme: Theme, size: str) -> bytes:
    grid = grid_boxes(theme, size)
    scheme = color_scheme(theme)
    prs = new_presentation()
    prs.slide_width, prs.slide_height = grid.width, grid.height
    sld_sz = prs.part._element.find(f"{{{P_NS}}}sldSz")
    sld_sz.attrib.pop("type", None)
    if (kind := size_type(grid.width, grid.height)) is not None:
        sld_sz.set("type", kind)
    master = prs.slide_master
    theme_part = master.part.part_related_by(RT.THEME)
    theme_part._blob = _theme_xml(theme_part.blob, theme, scheme)
    specs = layout_specs(theme, grid)
    layouts = list(master.slide_layouts)
    master.part._element = parse_xml(_master_xml(master.part._element, theme, grid, scheme))
    for layout, spec in zip(layouts, specs, strict=True):
        layout.part._element = parse_xml(_layout_xml(spec, scheme))
    _describe(prs.core_properties, theme)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _describe(properties: Any, theme: Theme) -> None:
    """The template's own document properties, not python-pptx's (its author, 2013 dates
    and "generated using python-pptx"); fixed, so the same theme gives the same bytes."""
    properties.title = f"{theme.name} theme"
    properties.subject = theme.description
    properties.author = properties.last_modified_by = "deckbuilder"
    properties.comments = properties.keywords = properties.category = ""
    properties.revision = 1
    properties.created = properties.modified = FIXED_DATE


# ----- colours -------------------------------------------------------------------------------

def color_scheme(theme: Theme) -> Scheme:
    """Dark 1/Light 1 are the darker and lighter of text and background, so a dark theme
    maps its background onto Dark 1 as PowerPoint's own dark themes do."""
    c = theme.colors
    dark_background = _luminance(c.background) < _luminance(c.text)
    accents = list(dict.fromkeys(theme.palette + [c.accent, c.primary, c.muted, c.rule]))[:6]
    if dark_background:
        slots = {"dk1": c.background, "lt1": c.text, "dk2": c.surface, "lt2": c.title}
        color_map = {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"}
    else:
        slots = {"dk1": c.text, "lt1": c.background, "dk2": c.title, "lt2": c.surface}
        color_map = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
    slots.update({f"accent{i}": colour for i, colour in enumerate(accents, start=1)})
    slots.update(hlink=c.hyperlink, folHlink=c.muted)
    color_map.update({name: name for name in slots if name.startswith(("accent", "hlink",
                                                                        "folHlink"))})
    by_color: dict[str, str] = {}
    for logical, slot in color_map.items():
        by_color.setdefault(slots[slot], logical)
    return Scheme(slots, color_map, by_color)


def _luminance(colour: str) -> float:
    return sum(int(colour[i:i + 2], 16) for i in (0, 2, 4))


def _color(parent: etree._Element, colour: str, scheme: Scheme) -> None:
    """``colour`` as a scheme colour where the scheme has it (so it follows a change of
    theme colours in PowerPoint), else as itself."""
    logical = scheme.by_color.get(colour.upper())
    if logical is not None:
        _el(parent, "a:schemeClr", val=logical)
    else:
        _el(parent, "a:srgbClr", val=colour.upper())


# ----- the theme part -------------------------------------------------------------------------

def _theme_xml(original: bytes, theme: Theme, scheme: Scheme) -> bytes:
    """python-pptx's theme with this theme's name, colour scheme and font scheme; its format
    scheme (fills, lines, effects the schema requires) is kept."""
    root = etree.fromstring(original, etree.XMLParser(resolve_entities=False))
    root.set("name", theme.name)
    elements = root.find(f"{{{A_NS}}}themeElements")
    old_colors = elements.find(f"{{{A_NS}}}clrScheme")
    colors = etree.Element(f"{{{A_NS}}}clrScheme", name=theme.name, nsmap={"a": A_NS})
    for slot in ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4",
                 "accent5", "accent6", "hlink", "folHlink"):
        _el(_el(colors, f"a:{slot}"), "a:srgbClr", val=scheme.slots[slot])
    old_colors.addprevious(colors)
    elements.remove(old_colors)
    old_fonts = elements.find(f"{{{A_NS}}}fontScheme")
    fonts = etree.Element(f"{{{A_NS}}}fontScheme", name=theme.name, nsmap={"a": A_NS})
    for tag, face in (("a:majorFont", theme.fonts.heading), ("a:minorFont", theme.fonts.body)):
        group = _el(fonts, tag)
        _el(group, "a:latin", typeface=face)
        _el(group, "a:ea", typeface=theme.fonts.east_asian)
        _el(group, "a:cs", typeface=theme.fonts.complex_script)
    old_fonts.addprevious(fonts)
    elements.remove(old_fonts)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ----- layouts as data ------------------------------------------------------------------------

def layout_specs(theme: Theme, grid: GridBoxes) -> list[LayoutSpec]:
    """The eleven layouts, in the order they are listed in PowerPoint's New Slide menu."""
    c, s = theme.colors, theme.sizes
    rule_h, rule_w = theme.emu("rule_height"), theme.emu("rule_width")
    band = grid.title
    title = PlaceholderSpec("title", 0, "Title", Rect(band.x, band.y, band.w, band.h - rule_h),
                            Look(s.title, c.title, heading=True, bold=True, anchor="bottom",
                                 insets=Insets(0, 0, 0, theme.emu("inset")), line_spacing=0.95),
                            "Click to add title")
    rule = ("Title rule", Rect(band.x, band.bottom - rule_h, rule_w, rule_h), c.accent)
    body_look = Look(s.body, c.text, insets=text_insets(theme), bullets=True)
    footers = _footers(theme, grid, c.muted)
    body, gutter = grid.body, theme.emu("gutter")

    def content(name: str, kind: str | None, *extra: PlaceholderSpec) -> LayoutSpec:
        return LayoutSpec(name, kind, (title, *extra, *footers), (rule,))

    def text(idx: int, name: str, box: Rect, look: Look = body_look,
             prompt: str = "Click to add text", kind: str | None = "body") -> PlaceholderSpec:
        return PlaceholderSpec(kind, idx, name, box, look, prompt)

    half = (body.w - gutter) // 2
    panel = Look(s.body, c.text, anchor="middle", fill=c.surface,
                 insets=Insets(*(inches(0.25),) * 4), bullets=True)
    chart_w = round((body.w - gutter) * 0.6)
    side = Rect(body.x + chart_w + gutter, body.y, body.w - chart_w - gutter, body.h)
    quote_x, quote_w = body.x + inches(0.35), body.w - inches(0.6)
    credit_h = inches(1.1)
    caption_h = inches(0.6)
    return [
        _cover(theme, grid),
        content("Title and Content", "obj", text(1, "Content", body, kind=None)),
        _section(theme, grid),
        content("Two Content", "twoObj",
                text(1, "Left content", Rect(body.x, body.y, half, body.h), panel, kind=None),
                text(2, "Right content", Rect(body.right - half, body.y, half, body.h), panel,
                     kind=None)),
        content("Quote", None,
                text(1, "Quote", Rect(quote_x, body.y, quote_w,
                                      body.h - credit_h - inches(0.2)),
                     Look(s.quote, c.title, italic=True, insets=text_insets(theme)),
                     "Click to add a quotation"),
                text(2, "Attribution", Rect(quote_x, body.bottom - credit_h, quote_w, credit_h),
                     Look(s.secondary + 2, c.text, bold=True,
                          insets=Insets(theme.emu("inset"), 0, 0, 0)),
                     "Click to add who said it")),
        content("Big Number", None,   # for New Slide; stat slides lay out their own columns
                text(1, "Number", body, Look(s.stat, c.accent, heading=True, bold=True,
                                              align="center", anchor="middle",
                                              insets=text_insets(theme), line_spacing=0.95),
                     "Click to add a number")),
        content("Chart", "chartAndTx",
                PlaceholderSpec("chart", 1, "Chart", Rect(body.x, body.y, chart_w, body.h),
                                body_look, "Click to add a chart"),
                text(2, "Callout", side,
                     Look(s.callout, c.title, bold=True, anchor="middle", fill=c.surface,
                          insets=Insets(*(inches(0.3),) * 4)))),
        content("Picture with Caption", "picTx",
                PlaceholderSpec("pic", 1, "Picture",
                                Rect(body.x, body.y, body.w, body.h - caption_h - inches(0.1)),
                                body_look, "Click to add a picture"),
                text(2, "Caption", Rect(body.x, body.bottom - caption_h, body.w, caption_h),
                     Look(s.secondary, c.muted, align="center", insets=text_insets(theme)))),
        content("Table", "tbl", PlaceholderSpec("tbl", 1, "Table", body, body_look,
                                                "Click to add a table")),
        content("Title Only", "titleOnly"),
        LayoutSpec("Blank", "blank", footers),
    ]


def _footers(theme: Theme, grid: GridBoxes, colour: str) -> tuple[PlaceholderSpec, ...]:
    """Footer text and slide number at the right of the footer row (the source line takes
    the left)."""
    row = grid.footer
    number_w = inches(0.8)
    footer_w = round(row.w * 0.3) - number_w - inches(0.15)
    look = Look(theme.sizes.source, colour, align="right", anchor="bottom")
    return (PlaceholderSpec("ftr", 11, "Footer",
                            Rect(row.right - number_w - inches(0.15) - footer_w, row.y, footer_w,
                                 row.h), look, ""),
            PlaceholderSpec("sldNum", 12, "Slide number",
                            Rect(row.right - number_w, row.y, number_w, row.h), look, ""))


def _headline_boxes(grid: GridBoxes, top: float, width: float, height: float,
                    below: int) -> tuple[Rect, int, Rect]:
    """A cover or section headline sitting on the bottom of its box, the accent rule's top
    edge under it, and the box for the text below the rule."""
    left = grid.content.x + inches(0.4)
    headline = Rect(left, round(grid.height * top), round(grid.content.w * width),
                    round(grid.height * height))
    rule_y = headline.bottom + inches(0.22)
    return headline, rule_y, Rect(left, rule_y + inches(0.35), headline.w, below)


def _cover(theme: Theme, grid: GridBoxes) -> LayoutSpec:
    """White cover with a primary band on the left edge, title over an accent rule."""
    c, s = theme.colors, theme.sizes
    headline, rule_y, subtitle = _headline_boxes(grid, 0.14, 0.82, 0.42, inches(1.0))
    byline_y = subtitle.bottom + inches(0.15)
    byline = Rect(subtitle.x, byline_y, subtitle.w, grid.content.bottom - byline_y)
    return LayoutSpec("Title Slide", "title", (
        _headline("ctrTitle", headline, s.cover_title, c.title, "Click to add title"),
        PlaceholderSpec("subTitle", 1, "Subtitle", subtitle, Look(s.subtitle, c.text),
                        "Click to add subtitle"),
        PlaceholderSpec("body", 2, "Presenter and date", byline, Look(s.secondary, c.muted),
                        "Click to add presenter and date"),
    ), (("Cover band", Rect(0, 0, inches(0.32), grid.height), c.primary),
        _rule(theme, headline.x, rule_y)))


def _section(theme: Theme, grid: GridBoxes) -> LayoutSpec:
    """A full-bleed primary slide announcing a chapter."""
    c, s = theme.colors, theme.sizes
    headline, rule_y, subtitle = _headline_boxes(grid, 0.18, 0.8, 0.40, inches(1.2))
    return LayoutSpec("Section Header", "secHead", (
        _headline("title", headline, s.section, c.on_primary, "Click to add section title"),
        PlaceholderSpec("body", 1, "Subtitle", subtitle, Look(s.subtitle, c.on_primary),
                        "Click to add text"),
        *_footers(theme, grid, c.on_primary),
    ), (_rule(theme, headline.x, rule_y),), background=c.primary)


def _headline(kind: str, box: Rect, size: float, colour: str, prompt: str) -> PlaceholderSpec:
    return PlaceholderSpec(kind, 0, "Title", box, Look(size, colour, heading=True, bold=True,
                                                       anchor="bottom", line_spacing=0.95),
                           prompt)


def _rule(theme: Theme, x: int, y: int) -> tuple[str, Rect, str]:
    """The accent rule under a cover or section headline."""
    return ("Title rule", Rect(x, y, theme.emu("rule_width"), theme.emu("rule_height")),
            theme.colors.accent)


# ----- writing XML ---------------------------------------------------------------------------

def _el(parent: etree._Element | None, tag: str, **attributes: str) -> etree._Element:
    prefix, local = tag.split(":")
    name = f"{{{NSMAP[prefix]}}}{local}"
    if parent is None:
        return etree.Element(name, attributes, nsmap=NSMAP)
    return etree.SubElement(parent, name, attributes)


def _xfrm(parent: etree._Element, box: Rect) -> None:
    xfrm = _el(parent, "a:xfrm")
    _el(xfrm, "a:off", x=str(box.x), y=str(box.y))
    _el(xfrm, "a:ext", cx=str(box.w), cy=str(box.h))


def _sp_tree(parent: etree._Element) -> etree._Element:
    tree = _el(parent, "p:spTree")
    group = _el(tree, "p:nvGrpSpPr")
    _el(group, "p:cNvPr", id="1", name="")
    _el(group, "p:cNvGrpSpPr")
    _el(group, "p:nvPr")
    xfrm = _el(_el(tree, "p:grpSpPr"), "a:xfrm")
    for tag, names in (("a:off", ("x", "y")), ("a:ext", ("cx", "cy")),
                       ("a:chOff", ("x", "y")), ("a:chExt", ("cx", "cy"))):
        _el(xfrm, tag, **{name: "0" for name in names})
    return tree


def _background(parent: etree._Element, colour: str, scheme: Scheme) -> None:
    properties = _el(_el(parent, "p:bg"), "p:bgPr")
    _color(_el(properties, "a:solidFill"), colour, scheme)
    _el(properties, "a:effectLst")


def _run_look(parent: etree._Element, tag: str, look: Look, scheme: Scheme) -> None:
    """``a:defRPr`` (or ``a:rPr``) of ``look``: size, weight, colour and the theme's font."""
    properties = _el(parent, tag, sz=str(round(look.size * 100)), b="1" if look.bold else "0",
                     i="1" if look.italic else "0")
    _color(_el(properties, "a:solidFill"), look.color, scheme)
    font = "+mj" if look.heading else "+mn"
    for script, code in (("latin", "lt"), ("ea", "ea"), ("cs", "cs")):
        _el(properties, f"a:{script}", typeface=f"{font}-{code}")


def _paragraph_look(parent: etree._Element, level: int, look: Look, scheme: Scheme,
                    spacing: tuple[float, float] | None = None,
                    bullet: tuple[int, int, str, str] | None = None) -> None:
    """One ``a:lvlNpPr``: alignment, line spacing and paragraph space, the bullet (marL,
    indent, colour, character) and the run look."""
    properties = _el(parent, f"a:lvl{level}pPr", algn=ALIGNS[look.align])
    if bullet is not None:
        properties.set("marL", str(bullet[0]))
        properties.set("indent", str(bullet[1]))
    if spacing is not None or look.line_spacing is not None:
        line, before = spacing or (look.line_spacing or 1.0, 0.0)
        _el(_el(properties, "a:lnSpc"), "a:spcPct", val=str(round(line * 100000)))
        _el(_el(properties, "a:spcBef"), "a:spcPts", val=str(round(before * 100)))
    if bullet is not None:
        _color(_el(properties, "a:buClr"), bullet[2], scheme)
        _el(properties, "a:buFont", typeface="+mn-lt")
        _el(properties, "a:buChar", char=bullet[3])
    elif not look.bullets:   # a subtitle, quote or caption typed on New Slide gets no bullet
        _el(properties, "a:buNone")
    _run_look(properties, "a:defRPr", look, scheme)


def _body_properties(parent: etree._Element, look: Look) -> None:
    _el(parent, "a:bodyPr", wrap="square", lIns=str(look.insets.left),
        tIns=str(look.insets.top), rIns=str(look.insets.right), bIns=str(look.insets.bottom),
        anchor=ANCHORS[look.anchor])
    # no autofit element: text is measured and fitted before it is written


def _placeholder(tree: etree._Element, spec: PlaceholderSpec, shape_id: int,
                 scheme: Scheme, *, on_master: bool = False) -> None:
    sp = _el(tree, "p:sp")
    nv = _el(sp, "p:nvSpPr")
    _el(nv, "p:cNvPr", id=str(shape_id), name=spec.name)
    _el(_el(nv, "p:cNvSpPr"), "a:spLocks", noGrp="1")
    ph = _el(_el(nv, "p:nvPr"), "p:ph")
    if spec.type is not None:
        ph.set("type", spec.type)
    if spec.type in ("dt", "ftr", "sldNum"):
        ph.set("sz", "quarter")
    if spec.idx:
        ph.set("idx", str(spec.idx))
    properties = _el(sp, "p:spPr")
    _xfrm(properties, spec.box)
    if spec.look.fill:
        _color(_el(properties, "a:solidFill"), spec.look.fill, scheme)
    body = _el(sp, "p:txBody")
    _body_properties(body, spec.look)
    styles = _el(body, "a:lstStyle")
    if not on_master:
        _paragraph_look(styles, 1, spec.look, scheme)
    paragraph = _el(body, "a:p")
    if spec.type == "sldNum":
        number = _el(paragraph, "a:fld", id=SLIDE_NUMBER_FIELD, type="slidenum")
        _el(number, "a:rPr", lang="en-US")
        _el(number, "a:t").text = "\u2039#\u203a"
    elif spec.prompt:
        run = _el(paragraph, "a:r")
        _el(run, "a:rPr", lang="en-US")
        _el(run, "a:t").text = spec.prompt


def _decoration(tree: etree._Element, name: str, box: Rect, colour: str, shape_id: int,
                scheme: Scheme) -> None:
    """A filled rectangle of the layout's artwork: not read out, not selectable on slides."""
    sp = _el(tree, "p:sp")
    nv = _el(sp, "p:nvSpPr")
    _el(nv, "p:cNvPr", id=str(shape_id), name=name)
    _el(nv, "p:cNvSpPr")
    _el(nv, "p:nvPr", userDrawn="1")
    properties = _el(sp, "p:spPr")
    _xfrm(properties, box)
    _el(_el(properties, "a:prstGeom", prst="rect"), "a:avLst")
    _color(_el(properties, "a:solidFill"), colour, scheme)
    _el(_el(properties, "a:ln"), "a:noFill")


def _layout_xml(spec: LayoutSpec, scheme: Scheme) -> bytes:
    root = _el(None, "p:sldLayout", preserve="1")
    if spec.type is not None:
        root.set("type", spec.type)
    slide_data = _el(root, "p:cSld", name=spec.name)
    if spec.background is not None:
        _background(slide_data, spec.background, scheme)
    tree = _sp_tree(slide_data)
    shape_id = 2
    for name, box, colour in spec.decorations:  # artwork first: text draws over it
        _decoration(tree, name, box, colour, shape_id, scheme)
        shape_id += 1
    for placeholder in spec.placeholders:
        _placeholder(tree, placeholder, shape_id, scheme)
        shape_id += 1
    _el(_el(root, "p:clrMapOvr"), "a:masterClrMapping")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _master_xml(original: etree._Element, theme: Theme, grid: GridBoxes,
                scheme: Scheme) -> bytes:
    """The master: background, the placeholders layouts inherit from, and the text styles
    (title, body levels with their bullets, other text) every slide starts from."""
    c, s = theme.colors, theme.sizes
    root = _el(None, "p:sldMaster")
    slide_data = _el(root, "p:cSld")
    _background(slide_data, c.background, scheme)
    tree = _sp_tree(slide_data)
    band = grid.title
    row = grid.footer
    small = Look(s.source, c.muted, align="right", anchor="bottom")
    placeholders = [
        PlaceholderSpec("title", 0, "Title", Rect(band.x, band.y, band.w,
                                                  band.h - theme.emu("rule_height")),
                        Look(s.title, c.title, anchor="bottom",
                             insets=Insets(0, 0, 0, theme.emu("inset"))),
                        "Click to edit the title style"),
        PlaceholderSpec("body", 1, "Text", grid.body, Look(s.body, c.text,
                                                           insets=text_insets(theme)),
                        "Click to edit the text styles"),
        PlaceholderSpec("dt", 2, "Date", Rect(row.x, row.y, inches(2.0), row.h),
                        Look(s.source, c.muted, anchor="bottom"), ""),
        *(PlaceholderSpec(spec.type, idx, spec.name, spec.box, small, "")
          for spec, idx in zip(_footers(theme, grid, c.muted), (3, 4))),
    ]
    for shape_id, spec in enumerate(placeholders, start=2):
        _placeholder(tree, spec, shape_id, scheme, on_master=True)
    _el(root, "p:clrMap", **scheme.color_map)
    root.append(original.find(f"{{{P_NS}}}sldLayoutIdLst"))
    styles = _el(root, "p:txStyles")
    title_look = Look(s.title, c.title, heading=True, bold=True, line_spacing=0.95)
    _paragraph_look(_el(styles, "p:titleStyle"), 1, title_look, scheme, spacing=(0.95, 0))
    body_style = _el(styles, "p:bodyStyle")
    for level in range(1, LEVELS + 1):
        look = Look(s.body if level == 1 else s.secondary, c.text)
        before = theme.paragraph_space if level == 1 else theme.paragraph_space / 2
        _paragraph_look(body_style, level, look, scheme, spacing=(theme.line_spacing, before),
                        bullet=(level * BULLET_STEP, -BULLET_STEP, c.accent,
                                theme.bullet if level == 1 else "\u2013"))
    other = _el(styles, "p:otherStyle")
    for level in range(1, LEVELS + 1):
        _paragraph_look(other, level, Look(s.secondary, c.text), scheme)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
