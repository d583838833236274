"""Pictures as ``p:pic`` elements: free-standing, or filling a layout's picture placeholder,
and chart pictures as SVG with a PNG fallback.

Element for element what python-pptx's ``add_picture`` and ``insert_picture`` write (the
placeholder's picture uncropped, at its laid-out box; ``tests/test_direct_xml.py`` holds
them side by side). An SVG picture is stored the way PowerPoint stores one: the ``a:blip``
embeds the PNG (what older viewers show), and an ``a:extLst`` extension names the SVG image
part (what PowerPoint 2016+ and LibreOffice draw), so the chart stays sharp at any zoom.
"""

from __future__ import annotations

from lxml import etree

from ..ir import Rect
from ..xmltext import one_line as clean
from .page import Page
from .shapes import add_ph
from .xml import A, P, R, add_transform

SVG_EXTENSION_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def add_picture(page: Page, rect: Rect, image: bytes, alt: str, name: str,
                svg: bytes | None = None, placeholder: dict[str, str] | None = None) -> None:
    """``image`` on ``page`` at ``rect``, described by ``alt``; ``svg``: its vector image;
    ``placeholder``: the ``p:ph`` attributes of the layout's picture placeholder it fills."""
    sub = etree.SubElement
    pic = sub(page.tree, P + "pic")
    properties = sub(pic, P + "nvPicPr")
    sub(properties, P + "cNvPr", id=str(page.next_shape_id()), name=name, descr=clean(alt))
    locks = sub(sub(properties, P + "cNvPicPr"), A + "picLocks")
    if placeholder is not None:
        locks.set("noGrp", "1")
    locks.set("noChangeAspect", "1")
    nv_pr = sub(properties, P + "nvPr")
    if placeholder is not None:
        add_ph(nv_pr, placeholder)
    fill = sub(pic, P + "blipFill")
    blip = sub(fill, A + "blip")
    blip.set(R + "embed", page.image(image))
    if svg is not None:
        extension = sub(sub(blip, A + "extLst"), A + "ext", uri=SVG_EXTENSION_URI)
        svg_blip = sub(extension, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
        svg_blip.set(R + "embed", page.svg(svg))
    if placeholder is not None:
        sub(fill, A + "srcRect")  # uncropped
    sub(sub(fill, A + "stretch"), A + "fillRect")
    shape = sub(pic, P + "spPr")
    add_transform(shape, rect)
    if placeholder is None:
        sub(sub(shape, A + "prstGeom", prst="rect"), A + "avLst")
