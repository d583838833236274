"""The package writer (render/writer.py, render/template_package.py): what it keeps of the
template, what it adds, and how it names parts. Built decks are read back with python-pptx
and as the zip they are."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation

from conftest import build
from helpers import FIXTURES

PPTX_DEFAULT = Path(__import__("pptx").__file__).parent / "templates" / "default.pptx"
NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
DECK = """title: On python-pptx's template
template: template.pptx
slides:
  - kind: title
    notes: Cover notes.
  - kind: image
    title: The template's own picture
    image: photo.png
    alt: A photo
  - kind: bullets
    title: Plain
    items: [One, Two]
    notes: More notes.
"""


def project(folder: Path, template: Path, photo: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deckbuilder.toml").write_text("", encoding="utf-8")
    (folder / "template.pptx").write_bytes(template.read_bytes())
    (folder / "photo.png").write_bytes(photo)
    (folder / "deck.yaml").write_text(DECK, encoding="utf-8")
    return folder / "deck.yaml"


def template_with_picture(path: Path, picture: bytes) -> Path:
    """python-pptx's default template (no notes master) with ``picture`` on its first
    master, as a logo."""
    prs = Presentation(str(PPTX_DEFAULT))
    master = prs.slide_master
    part, rid = master.part.get_or_add_image_part(__import__("io").BytesIO(picture))
    tree = master._element.find("p:cSld/p:spTree", NS)
    tree.append(etree.fromstring(
        f'<p:pic xmlns:p="{NS["p"]}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/'
        f'main" xmlns:r="{NS["r"]}"><p:nvPicPr><p:cNvPr id="99" name="Logo"/><p:cNvPicPr/>'
        f'<p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
        f'</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9144" '
        f'cy="9144"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'))
    prs.save(str(path))
    return as_powerpoint_writes(path, KEPT)


KEPT = ("ppt/slideMasters/slideMaster1.xml", "ppt/slideLayouts/slideLayout2.xml",
        "ppt/theme/theme1.xml", "ppt/presProps.xml")


def as_powerpoint_writes(path: Path, names: tuple[str, ...]) -> Path:
    """The parts ``names`` with PowerPoint's XML declaration (double quotes, CRLF), which
    a parse-and-serialize would not give back."""
    with zipfile.ZipFile(path) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    for name in names:
        head, _, rest = entries[name].partition(b"?>")
        entries[name] = head.replace(b"'", b'"') + b"?>\r\n" + rest
    with zipfile.ZipFile(path, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)
    return path


def built(tmp_path: Path) -> tuple[Path, Path]:
    photo = (FIXTURES / "photo.png").read_bytes()
    template = template_with_picture(tmp_path / "source.pptx", photo)
    deck = project(tmp_path / "project", template, photo)
    return template, build(deck, tmp_path / "out.pptx")


def read(package: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(package.read(name))


def test_a_template_without_a_notes_master_gets_one_listed_with_its_theme(tmp_path):
    _, out = built(tmp_path)
    with zipfile.ZipFile(out) as package:
        presentation = read(package, "ppt/presentation.xml")
        listed = presentation.find("p:notesMasterIdLst/p:notesMasterId", NS)
        rels = {r.get("Id"): r for r in read(package, "ppt/_rels/presentation.xml.rels")}
        master = rels[listed.get(f"{{{NS['r']}}}id")]
        assert master.get("Type").endswith("/notesMaster")
        assert master.get("Target") == "notesMasters/notesMaster1.xml"
        theme = read(package, "ppt/notesMasters/_rels/notesMaster1.xml.rels")[0]
        assert theme.get("Type").endswith("/theme") and \
            theme.get("Target").lstrip("./") in {n.partition("ppt/")[2] for n in
                                                  package.namelist()}
        # the presentation's children stay in schema order
        tags = [etree.QName(child).localname for child in presentation]
        assert tags.index("sldMasterIdLst") < tags.index("notesMasterIdLst") < \
            tags.index("sldIdLst") < tags.index("sldSz")
    prs = Presentation(str(out))
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert notes == ["Cover notes.", "More notes."]


def test_a_picture_the_template_has_is_stored_once(tmp_path):
    _, out = built(tmp_path)
    photo = (FIXTURES / "photo.png").read_bytes()
    with zipfile.ZipFile(out) as package:
        media = [n for n in package.namelist() if n.startswith("ppt/media/")]
        assert [n for n in media if package.read(n) == photo] == ["ppt/media/image1.png"]
        slide = read(package, "ppt/slides/_rels/slide2.xml.rels")
        assert "../media/image1.png" in [r.get("Target") for r in slide]


def test_template_parts_the_deck_does_not_change_keep_their_bytes(tmp_path):
    template, out = built(tmp_path)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out) as package:
        for name in KEPT:
            assert package.read(name) == source.read(name), name
            assert package.read(name).startswith(b'<?xml version="1.0"')


def test_slides_and_notes_pages_are_numbered_in_slide_order(tmp_path):
    _, out = built(tmp_path)
    with zipfile.ZipFile(out) as package:
        presentation = read(package, "ppt/presentation.xml")
        rels = {r.get("Id"): r.get("Target")
                for r in read(package, "ppt/_rels/presentation.xml.rels")}
        listed = [(e.get("id"), rels[e.get(f"{{{NS['r']}}}id")])
                  for e in presentation.find("p:sldIdLst", NS)]
        assert listed == [("256", "slides/slide1.xml"), ("257", "slides/slide2.xml"),
                          ("258", "slides/slide3.xml")]
        notes = {n for n in package.namelist() if n.startswith("ppt/notesSlides/notesSlide")}
        assert notes == {"ppt/notesSlides/notesSlide1.xml", "ppt/notesSlides/notesSlide2.xml"}
        third = {r.get("Type").rpartition("/")[2]: r.get("Target")
                 for r in read(package, "ppt/slides/_rels/slide3.xml.rels")}
        assert third["notesSlide"] == "../notesSlides/notesSlide2.xml"


def test_properties_the_template_relates_with_a_misspelt_type_are_replaced_not_doubled(
        tmp_path):
    """Some producers write extended-properties under the package namespace; the part is
    still the template's app.xml (found by its content type), replaced by the deck's."""
    photo = (FIXTURES / "photo.png").read_bytes()
    template = template_with_picture(tmp_path / "source.pptx", photo)
    with zipfile.ZipFile(template) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    entries["_rels/.rels"] = entries["_rels/.rels"].replace(
        b"officeDocument/2006/relationships/extended-properties",
        b"package/2006/relationships/metadata/extended-properties")
    with zipfile.ZipFile(template, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)
    out = build(project(tmp_path / "project", template, photo), tmp_path / "out.pptx")
    with zipfile.ZipFile(out) as package:
        assert [n for n in package.namelist() if n.startswith("docProps/app")] == \
            ["docProps/app.xml"]
        assert b"<Slides>3</Slides>" in package.read("docProps/app.xml")


def test_ids_the_package_derives_from_names_are_uuid5s_as_office_writes_them(tmp_path):
    """The custom XML items' ids and the slide-number field's are name-based GUIDs: the
    same every build, and the standard's version 5 (checked against ``uuid``), so another
    tool reading them sees well-formed GUIDs."""
    import uuid

    from deckbuilder.render.xml import name_guid

    for name in ("deckbuilder:slidenum", "https://example.org/ns", "", "é日本"):
        assert name_guid(name) == "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, name)).upper() + "}"
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: T\nslides:\n  - {kind: bullets, title: B, items: [a]}\n")
    with zipfile.ZipFile(build(deck, tmp_path / "deck.pptx")) as package:
        ids = [etree.fromstring(package.read(name)).get(
                   "{http://schemas.openxmlformats.org/officeDocument/2006/customXml}itemID")
               for name in package.namelist() if name.startswith("customXml/itemProps")]
    assert ids and all(uuid.UUID(item).version == 5 for item in ids)
