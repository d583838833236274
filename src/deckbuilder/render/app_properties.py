"""``docProps/app.xml`` as PowerPoint writes it: the counts File > Info shows (slides,
notes, words, paragraphs), the slide size's name, and the parts list (fonts used, the
theme, every slide title) that document indexers and outline tools read."""

from __future__ import annotations

from lxml import etree

from ..ir import Presentation, TableBox, TextBox
from .opc import xml_bytes
from .text import clean

EXTENDED_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FORMATS = {(12192000, 6858000): "Widescreen", (9144000, 6858000): "On-screen Show (4:3)",
           (9144000, 5143500): "On-screen Show (16:9)",
           (9144000, 5715000): "On-screen Show (16:10)"}


def app_xml(presentation: Presentation, theme: str, application: str = "deckbuilder") -> bytes:
    """The deck's ``app.xml``; ``theme``: its first master's theme's name."""
    texts = [p.text for slide in presentation.slides for element in slide.elements
             if isinstance(element, TextBox) for p in element.paragraphs]
    texts += [cell for slide in presentation.slides for element in slide.elements
              if isinstance(element, TableBox) for cell in element.header + sum(element.rows, [])]
    fonts = sorted({run.font.name for slide in presentation.slides for element in slide.elements
                    if isinstance(element, TextBox) for p in element.paragraphs
                    for run in p.runs})
    titles = [clean(slide.title) for slide in presentation.slides]
    root = etree.Element(f"{{{EXTENDED_NS}}}Properties", nsmap={None: EXTENDED_NS, "vt": VT_NS})

    def add(name: str, value: str) -> None:
        etree.SubElement(root, f"{{{EXTENDED_NS}}}{name}").text = value

    add("TotalTime", "0")
    add("Words", str(sum(len(text.split()) for text in texts)))
    add("Application", application)
    add("PresentationFormat", FORMATS.get((presentation.width, presentation.height), "Custom"))
    add("Paragraphs", str(sum(1 for text in texts if text.strip())))
    add("Slides", str(len(presentation.slides)))
    add("Notes", str(sum(1 for slide in presentation.slides if slide.notes)))
    add("HiddenSlides", "0")
    add("MMClips", "0")
    add("ScaleCrop", "false")
    groups = [("Fonts Used", fonts), ("Theme", [clean(theme)]), ("Slide Titles", titles)]
    pairs = _vector(root, "HeadingPairs", "variant", 2 * len(groups))
    for name, items in groups:
        etree.SubElement(etree.SubElement(pairs, f"{{{VT_NS}}}variant"),
                         f"{{{VT_NS}}}lpstr").text = name
        etree.SubElement(etree.SubElement(pairs, f"{{{VT_NS}}}variant"),
                         f"{{{VT_NS}}}i4").text = str(len(items))
    parts = _vector(root, "TitlesOfParts", "lpstr", sum(len(items) for _, items in groups))
    for _, items in groups:
        for item in items:
            etree.SubElement(parts, f"{{{VT_NS}}}lpstr").text = item
    for name in ("LinksUpToDate", "SharedDoc", "HyperlinksChanged"):
        add(name, "false")
    add("AppVersion", "16.0000")
    return xml_bytes(root)


def _vector(root: etree._Element, name: str, base_type: str, size: int) -> etree._Element:
    holder = etree.SubElement(root, f"{{{EXTENDED_NS}}}{name}")
    return etree.SubElement(holder, f"{{{VT_NS}}}vector", size=str(size), baseType=base_type)
