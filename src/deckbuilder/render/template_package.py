"""A template's package as the parts a deck built on it keeps, read without python-pptx.

The package writer (``writer.py``) starts from this: every part reachable from the package's
relationships once the template's own slides are gone (see ``theme/cleanup.py``), its bytes
as the template has them (layouts with a repeated placeholder ``idx`` renumbered, as the
reader renumbered them), and what writing slides needs to know: each layout's part and
placeholders, in the order layouts are numbered (every master's, in master order), the notes
master's placeholders, and the theme's name. The template was checked when it was described
(``theme/reader.py``); its members are unpacked here with the same bounded reader.

The last package read is kept: every build of a watching process starts from the same
template.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import zipfile
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..theme.cleanup import PH_PATH, remove_slides, unique_placeholder_indices, without_custom_show
from ..theme.unpack import PARSER, unpack
from .opc import CT, DEFAULT_TYPES, RT, TYPES_NS, Relationship, parse_rels, rels_of, xml_bytes
from .xml import R_ID, P

NOTES_PLACEHOLDER_TYPES = ("sldImg", "body", "sldNum")   # what a notes page shows
AS_PRESENTATION = (CT.TEMPLATE, CT.SLIDESHOW)


@dataclass(frozen=True)
class LayoutPart:
    name: str                                 # the layout's part name
    placeholders: dict[int, dict[str, str]]   # the p:ph attributes of each, by idx


@dataclass
class TemplatePackage:
    parts: dict[str, bytes]                   # part name -> bytes, relationships files aside
    content_types: dict[str, str]             # part name -> content type
    relationships: dict[str, list[Relationship]]   # by source part name; "/": the package's
    main: str                                 # the presentation part's name
    layouts: list[LayoutPart]
    notes_master: str | None                  # its part name, if the template has one
    notes_placeholders: tuple[dict[str, str], ...]   # its (or the default one's), see notes.py
    theme_name: str


def template_package(data: bytes) -> TemplatePackage:
    """The package of the template ``data``, ready to write slides into (the last one read
    is kept: callers must not change it)."""
    if _last[0] != data:
        _last[:] = [data, _read(data)]
    return _last[1]


_last: list = [None, None]


def _read(data: bytes) -> TemplatePackage:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {"/" + info.filename: blob for info, blob in unpack(archive)}
    types = _content_types(members.pop("/[Content_Types].xml"))
    package_rels = [rel for rel in parse_rels("/", members["/_rels/.rels"], PARSER)
                    if rel.reltype != RT.THUMBNAIL]  # a picture of the template, not the deck
    main = next(rel.target for rel in package_rels if rel.reltype == RT.OFFICE_DOCUMENT)
    presentation = etree.fromstring(members[main], PARSER)
    slide_rids, had_shows = remove_slides(presentation)
    changed = {main: presentation}
    rels = {"/": package_rels}
    main_rels = rels_of(main, members, PARSER)
    rels[main] = [rel for rel in main_rels if rel.rid not in slide_rids]
    if had_shows:
        properties = next((r.target for r in rels[main] if r.reltype == RT.PRES_PROPS), None)
        if properties in members:
            root = etree.fromstring(members[properties], PARSER)
            if without_custom_show(root):
                changed[properties] = root
    reachable = _reachable(rels, members)
    layouts = _layouts(presentation, rels, members, changed)
    notes_master = next((r.target for r in rels[main] if r.reltype == RT.NOTES_MASTER), None)
    parts = {name: xml_bytes(changed[name]) if name in changed else members[name]
             for name in reachable}
    notes = members[notes_master] if notes_master in members else default_notes_master()[0]
    return TemplatePackage(
        parts, {name: types(name) for name in reachable}, rels, main, layouts,
        notes_master if notes_master in members else None, _notes_placeholders(notes),
        _theme_name(rels, members, presentation, main))


@functools.lru_cache(maxsize=1)
def default_notes_master() -> tuple[bytes, bytes]:
    """python-pptx's default notes master and its theme: what a deck whose template has no
    notes master gets (read from python-pptx's files, without importing it)."""
    spec = importlib.util.find_spec("pptx")
    assert spec is not None and spec.submodule_search_locations, "python-pptx is installed"
    folder = Path(spec.submodule_search_locations[0]) / "templates"
    blank_free = etree.XMLParser(remove_blank_text=True, resolve_entities=False,
                                 no_network=True)
    return tuple(xml_bytes(etree.parse(str(folder / name), blank_free).getroot())
                 for name in ("notesMaster.xml", "theme.xml"))  # type: ignore[return-value]


def _content_types(blob: bytes):
    """A part name -> content type lookup from ``[Content_Types].xml`` (names and
    extensions compared without case, as the format says); a template's or slide show's
    main part becomes a presentation's."""
    root = etree.fromstring(blob, PARSER)
    defaults = {e.get("Extension", "").lower(): e.get("ContentType", "")
                for e in root.iter(f"{{{TYPES_NS}}}Default")}
    overrides = {e.get("PartName", "").lower(): e.get("ContentType", "")
                 for e in root.iter(f"{{{TYPES_NS}}}Override")}

    def content_type(name: str) -> str:
        found = overrides.get(name.lower()) or defaults.get(name.rpartition(".")[2].lower())
        found = found or DEFAULT_TYPES.get(name.rpartition(".")[2].lower(), CT.XML)
        return CT.PRESENTATION if found in AS_PRESENTATION else found

    return content_type


def _reachable(rels: dict[str, list[Relationship]], members: dict[str, bytes]) -> list[str]:
    """Every part reachable from the package's relationships, in the order first reached
    (filling ``rels`` for each); a relationship to a part the package lacks is dropped."""
    found: dict[str, None] = {}   # in order
    queue = deque(["/"])
    while queue:
        source = queue.popleft()
        if source not in rels:
            rels[source] = rels_of(source, members, PARSER)
        kept = [rel for rel in rels[source] if rel.external or rel.target in members]
        rels[source] = kept
        for rel in kept:
            if not rel.external and rel.target not in found:
                found[rel.target] = None
                queue.append(rel.target)
    return list(found)


def _layouts(presentation: etree._Element, rels: dict[str, list[Relationship]],
             members: dict[str, bytes], changed: dict[str, etree._Element]) -> list[LayoutPart]:
    """Every master's layouts, in master order, as python-pptx numbers them for the reader."""
    main = next(rel.target for rel in rels["/"] if rel.reltype == RT.OFFICE_DOCUMENT)
    found = []
    for master in _listed(presentation, "sldMasterIdLst", rels[main]):
        root = etree.fromstring(members[master], PARSER)
        for name in _listed(root, "sldLayoutIdLst", rels[master]):
            layout = etree.fromstring(members[name], PARSER)
            if unique_placeholder_indices(layout):
                changed[name] = layout
            found.append(LayoutPart(name, {int(ph.get("idx", "0")): dict(ph.attrib)
                                           for ph in PH_PATH(layout)}))
    return found


def _listed(root: etree._Element, list_tag: str, rels: list[Relationship]) -> list[str]:
    """The part names an id list (``p:sldMasterIdLst`` …) names, in its order."""
    by_id = {rel.rid: rel.target for rel in rels if not rel.external}
    id_list = root.find(P + list_tag)
    return [by_id[entry.get(R_ID)] for entry in (id_list if id_list is not None else ())
            if entry.get(R_ID) in by_id]


def _theme_name(rels: dict[str, list[Relationship]], members: dict[str, bytes],
                presentation: etree._Element, main: str) -> str:
    """The first master's theme's name (what PowerPoint lists as the deck's theme)."""
    masters = _listed(presentation, "sldMasterIdLst", rels[main])
    theme = next((rel.target for rel in rels.get(masters[0], []) if rel.reltype == RT.THEME),
                 None) if masters else None
    if theme not in members:
        return "Theme"
    return etree.fromstring(members[theme], PARSER).get("name") or "Theme"


def _notes_placeholders(blob: bytes) -> tuple[dict[str, str], ...]:
    """The ``p:ph`` attributes of the notes master's slide image, notes and slide number
    placeholders, in its order: what every notes page copies."""
    root = etree.fromstring(blob, PARSER)
    tree = root.find(f"{P}cSld/{P}spTree")
    found = []
    for shape in tree.iterfind(P + "sp") if tree is not None else ():
        ph = shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is not None and ph.get("type", "obj") in NOTES_PLACEHOLDER_TYPES:
            found.append(dict(ph.attrib))
    return tuple(found)
