"""Chart pictures as SVG with a PNG fallback, stored the way PowerPoint stores an SVG
picture: the picture's ``a:blip`` embeds the PNG (what older viewers show), and an
``a:extLst`` extension names the SVG image part (what PowerPoint 2016+ and LibreOffice
draw), so the chart stays sharp at any zoom."""

from __future__ import annotations

import hashlib
from typing import Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.parts.image import ImagePart

SVG_CONTENT_TYPE = "image/svg+xml"
SVG_EXTENSION_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


class SvgParts:
    """The SVG image parts of one package: one part per distinct drawing, however many
    slides show it (as python-pptx shares identical PNGs)."""

    def __init__(self, package: Any) -> None:
        self._package = package
        self._by_digest: dict[str, ImagePart] = {}

    def part_for(self, svg: bytes) -> ImagePart:
        """The package's image part holding ``svg``, made on first use."""
        digest = hashlib.sha256(svg).hexdigest()
        part = self._by_digest.get(digest)
        if part is None:
            part = ImagePart(self._package.next_image_partname("svg"), SVG_CONTENT_TYPE,
                             self._package, svg)
            self._by_digest[digest] = part
        return part

    def attach(self, picture: Any, svg: bytes) -> None:
        """Give ``picture`` (a python-pptx picture shape) ``svg`` as its vector image."""
        relationship = picture.part.relate_to(self.part_for(svg), RT.IMAGE)
        blip = picture._element.blipFill.find(qn("a:blip"))
        extensions = blip.find(qn("a:extLst"))
        if extensions is None:
            extensions = etree.SubElement(blip, qn("a:extLst"))  # the blip's last child
        extension = etree.SubElement(extensions, qn("a:ext"), uri=SVG_EXTENSION_URI)
        svg_blip = etree.SubElement(extension, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
        svg_blip.set(qn("r:embed"), relationship)
