"""What a template carries that a deck built on it must not: its own slides (with the custom
shows and sections that name them), and placeholders of one layout sharing an ``idx``.

These work on the parts' XML, so the reader (through python-pptx) and the package writer
(``render/template_package.py``, without it) clean a template the same way.
"""

from __future__ import annotations

from lxml import etree

from ..render.xml import R_ID
from .info import TITLE_TYPES

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
SECTIONS_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
PH_PATH = etree.XPath("./p:cSld/p:spTree//p:nvPr/p:ph", namespaces={"p": P[1:-1]})


def remove_slides(presentation: etree._Element) -> tuple[list[str], bool]:
    """Drop every slide entry from the ``p:presentation`` element, and the custom shows and
    sections that list slides. Returns the relationship ids the entries named (the caller
    drops those relationships, so the slide parts are no longer written) and whether there
    were custom shows (see :func:`without_custom_show`)."""
    shows = presentation.find(P + "custShowLst")
    if shows is not None:  # custom shows list slides by relationship id
        presentation.remove(shows)
    id_list = presentation.find(P + "sldIdLst")
    rids = []
    for slide_id in list(id_list) if id_list is not None else []:
        rids.append(slide_id.get(R_ID, ""))
        id_list.remove(slide_id)
    ext_list = presentation.find(P + "extLst")
    if ext_list is not None:  # sections list slides by id
        for ext in ext_list.findall(P + "ext"):
            if ext.get("uri") == SECTIONS_URI:
                ext_list.remove(ext)
        if not len(ext_list):
            presentation.remove(ext_list)
    return rids, shows is not None


def without_custom_show(presentation_properties: etree._Element) -> bool:
    """Drop the setting that plays a custom show (the shows are gone); True if there was
    one."""
    stale = presentation_properties.findall(f"{P}showPr/{P}custShow")
    for element in stale:
        element.getparent().remove(element)
    return bool(stale)


def unique_placeholder_indices(layout: etree._Element) -> bool:
    """Renumber placeholders whose ``idx`` repeats one earlier in the ``p:sldLayout``
    element (titles keep 0): a slide placeholder finds the one it inherits from by
    ``idx``. True if any was renumbered."""
    ordered = sorted(PH_PATH(layout), key=lambda ph: ph.get("type") not in TITLE_TYPES)
    used: set[int] = set()
    repeated = []
    for ph in ordered:
        idx = int(ph.get("idx", "0"))
        if idx in used:
            repeated.append(ph)
        else:
            used.add(idx)
    next_idx = max(used | {0}) + 1
    for ph in repeated:
        while next_idx in used:
            next_idx += 1
        ph.set("idx", str(next_idx))
        used.add(next_idx)
    return bool(repeated)
