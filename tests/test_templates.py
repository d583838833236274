"""Building on templates the project did not write: LibreOffice's own Impress templates
(converted to .pptx and .potx at test time) and python-pptx's default template (PowerPoint's
layout names). Slides must use the expected layouts, titles and bodies must sit in the
layouts' placeholders at the placeholders' boxes, no empty placeholder may be left, the
template's own slides must be gone without a trace, and bad input must be reported at its
YAML line."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT

import test_package as package_checks
from conftest import build
from deckbuilder.charts.style import chart_style
from deckbuilder.cli import main
from deckbuilder.errors import SourcePos
from deckbuilder.layout.frame import Frame
from deckbuilder.colors import ratio
from deckbuilder.pipeline import compile_deck, load_deck
from deckbuilder.theme.cleanup import SECTIONS_URI
from deckbuilder.theme.reader import read_template
from deckbuilder.theme.plan import plan_template
from deckbuilder.theme import load_theme
from helpers import FIXTURES

LIBREOFFICE_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")
LIBREOFFICE_NAMES = ("Vivid", "Blue_Curve", "Focus")
PPTX_DEFAULT = Path(__import__("pptx").__file__).parent / "templates" / "default.pptx"
ON_TEMPLATE = FIXTURES / "on-template.yaml"
KINDS = ["title", "section", "bullets", "comparison", "quote", "stat", "tiles", "timeline",
         "table", "image", "chart"]
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
STRUCTURE = [getattr(package_checks, name) for name in (
    "test_zip_is_sound", "test_every_part_has_a_content_type",
    "test_every_relationship_resolves", "test_every_r_id_in_a_part_is_declared",
    "test_slides_are_all_listed_and_reachable", "test_shape_ids_unique_per_slide")]


# ----- templates and builds -----------------------------------------------------------------

@pytest.fixture(scope="session")
def libreoffice_templates(tmp_path_factory) -> dict[str, Path]:
    """LibreOffice's Vivid, Blue_Curve and Focus as .pptx, and Vivid as .potx, converted once."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    sources = [LIBREOFFICE_TEMPLATES / f"{name}.otp" for name in LIBREOFFICE_NAMES]
    if soffice is None or not all(path.is_file() for path in sources):
        pytest.skip("LibreOffice and its Impress templates (.otp) are not installed")
    out = tmp_path_factory.mktemp("libreoffice-templates")
    profile = (out / "profile").as_uri()  # a private profile: no clash with a running soffice
    for fmt, files in (("pptx", sources), ("potx", sources[:1])):
        try:
            subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                            "--convert-to", fmt, "--outdir", str(out), *map(str, files)],
                           capture_output=True, timeout=300, check=False)
        except subprocess.TimeoutExpired:
            pytest.skip("LibreOffice timed out converting its templates")
    converted = {path.name: path for path in out.iterdir() if path.suffix in (".pptx", ".potx")}
    if not all(f"{name}.pptx" in converted for name in LIBREOFFICE_NAMES):
        pytest.skip(f"LibreOffice converted only {sorted(converted)}")
    return converted


def project(folder: Path, template: Path, mapping: str = "", deck: str | None = None) -> Path:
    """A project folder holding the fixture deck (or ``deck``) built on a copy of ``template``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deckbuilder.toml").write_text("", encoding="utf-8")
    name = f"template{template.suffix}"
    shutil.copy(template, folder / name)
    shutil.copy(FIXTURES / "photo.png", folder / "photo.png")
    text = deck if deck is not None else ON_TEMPLATE.read_text(encoding="utf-8")
    path = folder / "deck.yaml"
    path.write_text(text.replace("template: template.pptx\n", f"template: {name}\n{mapping}"),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def built(libreoffice_templates, tmp_path_factory):
    """Build the fixture deck on a converted template once per session: name -> .pptx."""
    cache: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in cache:
            if name not in libreoffice_templates:
                pytest.skip(f"LibreOffice did not produce {name}")
            folder = tmp_path_factory.mktemp(name.replace(".", "-"))
            deck = project(folder / "project", libreoffice_templates[name])
            cache[name] = build(deck, folder / "out.pptx")
        return cache[name]

    return get


BUILDS = [f"{name}.pptx" for name in LIBREOFFICE_NAMES] + ["Vivid.potx"]


# ----- reading a built deck back -------------------------------------------------------------

def in_layout_place(slide, shape) -> bool:
    """The shape is a placeholder of its slide's layout, of the same type, at its box."""
    source = slide.slide_layout.placeholders.get(idx=shape.placeholder_format.idx)
    return (source is not None and source.placeholder_format.type == shape.placeholder_format.type
            and (shape.left, shape.top, shape.width, shape.height)
            == (source.left, source.top, source.width, source.height))


def text_placeholders(slide) -> list:
    return [s for s in slide.placeholders
            if s.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT,
                                             PP_PLACEHOLDER.SUBTITLE)]


def master_of(prs, slide) -> int:
    return [m.part for m in prs.slide_masters].index(slide.slide_layout.slide_master.part) + 1


# ----- LibreOffice's templates ---------------------------------------------------------------

@pytest.mark.parametrize("name", BUILDS)
def test_slides_use_the_expected_layouts(name, built):
    prs = Presentation(str(built(name)))
    expected = {"title": "Title Slide", "section": "Title Slide", "bullets": "Title, Content",
                "comparison": "Title, 2 Content"}
    assert [s.slide_layout.name for s in prs.slides] == \
        [expected.get(kind, "Title Only") for kind in KINDS]
    content = {master_of(prs, s) for s, kind in zip(prs.slides, KINDS)
               if kind not in ("title", "section")}
    assert len(content) == 1, "content slides share one master"


@pytest.mark.parametrize("name", BUILDS)
def test_titles_sit_in_the_layouts_title_placeholders(name, built):
    prs = Presentation(str(built(name)))
    deck_titles = ["Built on a Template", "A section divider", "Bullets in the body placeholder",
                   "Two panels", "A quotation", "Two numbers", "Four tiles", "Three events",
                   "A table", "A picture", "A chart"]
    for slide, title in zip(prs.slides, deck_titles):
        shape = slide.shapes.title
        assert shape is not None and shape.placeholder_format.type in TITLES
        assert in_layout_place(slide, shape), slide.slide_layout.name
        assert shape.text_frame.text == title
        assert next(iter(slide.shapes)).shape_id == shape.shape_id, "the title is read first"


@pytest.mark.parametrize("name", BUILDS)
def test_bodies_sit_in_the_layouts_text_placeholders(name, built):
    prs = Presentation(str(built(name)))
    cover, section, bullets, comparison = list(prs.slides)[:4]
    body, = text_placeholders(bullets)
    assert in_layout_place(bullets, body)
    assert body.text_frame.paragraphs[0].runs[0].text.startswith("A first point")
    left, right = sorted(text_placeholders(comparison), key=lambda s: s.left)
    assert in_layout_place(comparison, left) and in_layout_place(comparison, right)
    assert left.text_frame.text.startswith("Before") and right.text_frame.text.startswith("After")
    subtitle, = text_placeholders(cover)
    assert subtitle.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE
    assert in_layout_place(cover, subtitle)
    assert "Every slide kind" in subtitle.text_frame.text


@pytest.mark.parametrize("name", BUILDS)
def test_no_empty_placeholder_is_left(name, built):
    for slide in Presentation(str(built(name))).slides:
        for shape in slide.placeholders:
            assert shape.has_text_frame and shape.text_frame.text.strip(), \
                f"empty {shape.name} on a '{slide.slide_layout.name}' slide"


@pytest.mark.parametrize("name", BUILDS)
def test_footer_and_slide_number_go_into_their_placeholders(name, built):
    slides = list(Presentation(str(built(name))).slides)
    for number, slide in enumerate(slides[1:], start=2):  # the cover has neither
        kinds = {s.placeholder_format.type: s for s in slide.placeholders}
        assert kinds[PP_PLACEHOLDER.FOOTER].text_frame.text == "Template fixture"
        field = kinds[PP_PLACEHOLDER.SLIDE_NUMBER]._element.find(".//a:fld", NS)
        assert field is not None and field.get("type") == "slidenum"
        assert field.findtext("a:t", namespaces=NS) == str(number)
        assert in_layout_place(slide, kinds[PP_PLACEHOLDER.SLIDE_NUMBER])


@pytest.mark.parametrize("name", BUILDS)
def test_package_is_sound_without_the_templates_slides(name, built):
    with zipfile.ZipFile(built(name)) as z:
        for check in STRUCTURE:
            check(z)
        slides = [n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        assert len(slides) == len(KINDS)
        notes = [n for n in z.namelist() if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n)]
        assert len(notes) == 1  # the cover's notes, and nothing from the template


def test_potx_and_pptx_of_one_template_give_the_same_slides(built):
    from_pptx, from_potx = (Presentation(str(built(n))) for n in ("Vivid.pptx", "Vivid.potx"))
    assert [s.slide_layout.name for s in from_pptx.slides] == \
        [s.slide_layout.name for s in from_potx.slides]


def test_template_fonts_and_colours_style_the_charts(libreoffice_templates, tmp_path):
    deck = project(tmp_path, libreoffice_templates["Blue_Curve.pptx"])
    compiled = compile_deck(deck, layout=False)
    info = read_template(libreoffice_templates["Blue_Curve.pptx"])
    assert compiled.theme.fonts.heading == compiled.theme.fonts.body == "Arial"
    assert compiled.theme.palette == list(dict.fromkeys(info.accents))
    style = chart_style(compiled.theme)
    assert style.font_name == "Arial" and set(style.series) <= set(info.accents)
    assert style.accent in info.accents


def test_frame_title_and_body_come_from_the_layouts_placeholders(libreoffice_templates):
    info = read_template(libreoffice_templates["Focus.pptx"])
    layout = next(l for l in info.layouts if l.name == "Title, Content")
    frame = Frame.for_layout(load_theme("default", None, SourcePos("test")), layout, info.width,
                             info.height)
    assert frame.title == layout.title.box
    # its footer placeholders sit right under the content: the source line takes their row
    footer = layout.of_type("ftr")[0].box
    assert frame.body == layout.text_boxes[0].box
    assert (frame.footer.y, frame.footer.h) == (footer.y, footer.h)
    assert frame.body.bottom <= frame.footer.y and frame.content.bottom == frame.footer.bottom


# ----- python-pptx's default template: PowerPoint's layout names ------------------------------

def test_powerpoint_layout_names_and_a_picture_placeholder(tmp_path):
    deck = project(tmp_path, PPTX_DEFAULT, "layouts:\n  image: Picture with Caption\n")
    prs = Presentation(str(build(deck, tmp_path / "out.pptx")))
    names = [s.slide_layout.name for s in prs.slides]
    assert names[:4] == ["Title Slide", "Section Header", "Title and Content", "Two Content"]
    assert names[9] == "Picture with Caption"
    cover = prs.slides[0]
    assert cover.shapes.title.placeholder_format.type == PP_PLACEHOLDER.CENTER_TITLE
    image = prs.slides[9]
    picture, = [s for s in image.placeholders if s.shape_type == MSO_SHAPE_TYPE.PLACEHOLDER
                and s.placeholder_format.type == PP_PLACEHOLDER.PICTURE]
    frame = image.slide_layout.placeholders.get(idx=picture.placeholder_format.idx)
    assert frame.left <= picture.left and picture.left + picture.width <= frame.left + frame.width
    assert frame.top <= picture.top and picture.top + picture.height <= frame.top + frame.height
    assert picture.crop_left == picture.crop_right == picture.crop_top == 0  # fitted, not cropped
    assert picture._element.nvPicPr.cNvPr.get("descr") == "A red circle inside a navy frame"
    caption, = text_placeholders(image)
    assert caption.text_frame.text == "The caption." and in_layout_place(image, caption)


def sample_template(path: Path) -> Path:
    """python-pptx's default template with three sample slides (with notes), a custom show
    and sections naming them: all must be gone from a deck built on it."""
    prs = Presentation(str(PPTX_DEFAULT))
    for number in range(3):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Sample slide {number}"
        slide.notes_slide.notes_text_frame.text = "Sample notes from the template"
    root = prs.part._element
    ids = [(s.get("id"), s.get(f"{{{NS['r']}}}id")) for s in root.find("p:sldIdLst", NS)]
    shows = etree.SubElement(root, f"{{{NS['p']}}}custShowLst")
    root.find("p:defaultTextStyle", NS).addprevious(shows)
    show = etree.SubElement(shows, f"{{{NS['p']}}}custShow", name="Short", id="0")
    listed = etree.SubElement(show, f"{{{NS['p']}}}sldLst")
    etree.SubElement(listed, f"{{{NS['p']}}}sld").set(f"{{{NS['r']}}}id", ids[0][1])
    p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
    ext_list = etree.SubElement(root, f"{{{NS['p']}}}extLst")
    ext = etree.SubElement(ext_list, f"{{{NS['p']}}}ext", uri=SECTIONS_URI)
    section = etree.SubElement(etree.SubElement(ext, f"{{{p14}}}sectionLst"), f"{{{p14}}}section",
                               name="Intro", id="{2C8E1A4B-9A5B-4C3E-8B6D-1F2E3D4C5B6A}")
    slide_ids = etree.SubElement(section, f"{{{p14}}}sldIdLst")
    for slide_id, _ in ids:
        etree.SubElement(slide_ids, f"{{{p14}}}sldId", id=slide_id)
    prs.save(str(path))
    return path


def as_potx(pptx: Path, potx: Path) -> Path:
    """The same package with the template content type PowerPoint gives a .potx."""
    with zipfile.ZipFile(pptx) as source, zipfile.ZipFile(potx, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(CT.PML_PRESENTATION_MAIN.encode(), CT.PML_TEMPLATE_MAIN.encode())
            target.writestr(info, data)
    return potx


@pytest.mark.parametrize("suffix", [".pptx", ".potx"])
def test_templates_own_slides_notes_shows_and_sections_are_removed(tmp_path, suffix):
    template = sample_template(tmp_path / "sample.pptx")
    if suffix == ".potx":
        template = as_potx(template, tmp_path / "sample.potx")
    deck = project(tmp_path / "project", template)
    out = build(deck, tmp_path / "out.pptx")
    with zipfile.ZipFile(out) as z:
        for check in STRUCTURE:
            check(z)
        text = b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml"))
        assert b"Sample slide" not in text and b"Sample notes" not in text
        presentation = z.read("ppt/presentation.xml")
        assert b"custShowLst" not in presentation and SECTIONS_URI.encode() not in presentation
        content_types = z.read("[Content_Types].xml")
        assert CT.PML_PRESENTATION_MAIN.encode() in content_types
        assert CT.PML_TEMPLATE_MAIN.encode() not in content_types
    assert len(Presentation(str(out)).slides) == len(KINDS)


# ----- template inspect ------------------------------------------------------------------------

def test_template_inspect_lists_every_layout_and_placeholder(capsys):
    assert main(["template", "inspect", str(PPTX_DEFAULT)]) == 0
    out = capsys.readouterr().out
    prs = Presentation(str(PPTX_DEFAULT))
    for layout in prs.slide_layouts:
        assert f'layout "{layout.name}"' in out
    assert re.search(r'layout "Title Slide"\s+\(default for: title\)', out)
    assert re.search(r"^\s+0\s+ctrTitle\s+Title 1\s+0\.75\s+2\.33\s+8\.50\s+1\.61$", out, re.M)
    assert re.search(r"^\s+1\s+pic\s+Picture Placeholder 2\s", out, re.M)


def test_template_inspect_of_a_foreign_template(libreoffice_templates, capsys):
    assert main(["template", "inspect", str(libreoffice_templates["Vivid.pptx"])]) == 0
    out = capsys.readouterr().out
    assert "3 slide masters" in out and out.count('layout "Title, Content"') == 3
    assert "master 3" in out and "(default for: bullets)" in out


def test_template_inspect_of_a_damaged_file(tmp_path, capsys):
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(b"not a zip")
    assert main(["template", "inspect", str(bad)]) == 1
    assert "error: not a PowerPoint file" in capsys.readouterr().err


# ----- bad input ---------------------------------------------------------------------------

DECK = """title: Bad input
template: template.pptx
slides:
  - kind: bullets
    title: One
    items: [a, b]
"""


def damaged_zip(folder: Path) -> None:
    with zipfile.ZipFile(folder / "template.pptx", "w") as z:
        z.writestr("hello.txt", "a zip, but not a PowerPoint package")


def truncated(folder: Path) -> None:
    data = (folder / "template.pptx").read_bytes()
    (folder / "template.pptx").write_bytes(data[: len(data) // 2])


BAD = [
    # (name, deck text, change to the project, expected "LINE:COL: error: ..." fragment)
    ("missing file", DECK.replace("template.pptx", "missing.pptx"), None,
     "2:11: error: template 'missing.pptx' not found"),
    ("not a zip", DECK, lambda f: (f / "template.pptx").write_bytes(b"garbage"),
     "2:11: error: template 'template.pptx': not a PowerPoint file (it is not a zip"),
    ("zip without content types", DECK, damaged_zip,
     "2:11: error: template 'template.pptx': not a PowerPoint file"),
    ("truncated", DECK, truncated,
     "2:11: error: template 'template.pptx': not a PowerPoint file"),
    ("not a template type", DECK.replace("template.pptx", "deck.yaml"), None,
     "2:11: error: template 'deck.yaml': a template is a .pptx or .potx file"),
    ("outside the project", DECK.replace("template.pptx", "../elsewhere.pptx"), None,
     "2:11: error: template '../elsewhere.pptx' lies outside the project folder"),
    ("unknown layout", DECK.replace("slides:", "layouts:\n  bullets: Title and Contnet\nslides:"),
     None, "4:12: error: template template.pptx has no layout 'Title and Contnet' (did you "
           "mean 'Title and Content'?); its layouts: 'Title Slide', 'Title and Content'"),
    ("layout without a title", DECK.replace("slides:", "layouts:\n  stat: Blank\nslides:"), None,
     "4:9: error: layout 'Blank' has no title placeholder, and every slide's title goes in "
     "one; map 'stat' to a layout with a title: 'Title Slide'"),
    ("unknown kind", DECK.replace("slides:", "layouts:\n  bulets: Title Only\nslides:"), None,
     "4:3: error: unknown slide kind 'bulets' (did you mean 'bullets'?) in 'layouts'"),
    ("master out of range",
     DECK.replace("slides:", "layouts:\n  bullets: {layout: Title Only, master: 2}\nslides:"),
     None, "4:41: error: template template.pptx has 1 slide master; 'master' is 1 to 1"),
    ("layout not in that master",
     DECK.replace("slides:", "layouts:\n  bullets:\n    layout: Nope\n    master: 1\nslides:"),
     None, "5:13: error: slide master 1 of template.pptx has no layout 'Nope'"),
    ("theme layout that does not exist",
     DECK.replace("template: template.pptx\n", "").replace(
         "slides:", "layouts:\n  bullets: Nope\nslides:"),
     None, "3:12: error: template theme-default.pptx has no layout 'Nope'; its layouts: "
           "'Title Slide', 'Title and Content'"),
]


@pytest.mark.parametrize("name, text, change, expected", BAD, ids=[b[0] for b in BAD])
def test_bad_template_input_is_reported_at_its_line(name, text, change, expected, tmp_path,
                                                    capsys):
    deck = project(tmp_path / "project", PPTX_DEFAULT, deck=text)
    (tmp_path / "elsewhere.pptx").write_bytes(PPTX_DEFAULT.read_bytes())
    if change is not None:
        change(deck.parent)
    out = tmp_path / "out.pptx"
    assert main(["build", str(deck), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"deck.yaml:{expected}" in err, err
    assert "Traceback" not in err and "internal error" not in err
    assert not out.exists()


def test_every_mapping_problem_is_reported_in_one_run(tmp_path, capsys):
    text = DECK.replace("slides:", "layouts:\n  bulets: Title Only\n  stat: Blank\n"
                                   "  quote: Nope\nslides:")
    deck = project(tmp_path / "project", PPTX_DEFAULT, deck=text)
    assert main(["build", str(deck), "-o", str(tmp_path / "out.pptx")]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert [line.split(": error:")[0].split(":", 1)[1] for line in lines] == ["4:3", "5:9", "6:10"]


def test_macro_enabled_template_is_refused(tmp_path, capsys):
    deck = project(tmp_path / "project", PPTX_DEFAULT, deck=DECK)
    data = io.BytesIO()
    with zipfile.ZipFile(PPTX_DEFAULT) as source, zipfile.ZipFile(data, "w") as target:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(CT.PML_PRESENTATION_MAIN.encode(),
                                    CT.PML_PRES_MACRO_MAIN.encode())
            target.writestr(info, blob)
    (deck.parent / "template.pptx").write_bytes(data.getvalue())
    assert main(["build", str(deck), "-o", str(tmp_path / "out.pptx")]) == 1
    assert "2:11: error: template 'template.pptx': the file contains macros" in \
        capsys.readouterr().err


# ----- the theme a template gives, reproducibility, freshness --------------------------------

@pytest.mark.parametrize("name", [f"{name}.pptx" for name in LIBREOFFICE_NAMES])
def test_colours_deckbuilder_places_are_readable_on_every_layout(name, libreoffice_templates,
                                                                  tmp_path):
    deck, tree, policy = load_deck(project(tmp_path, libreoffice_templates[name]))
    plan = plan_template(deck, tree, load_theme("default", None, SourcePos("test")), policy)
    assert plan is not None
    for kind, theme in plan.themes.items():
        colors = theme.colors
        for colour in (colors.text, colors.title, colors.muted, colors.accent):
            assert ratio(colour, colors.background) >= 4.5, (kind, colour, colors.background)
        assert ratio(colors.on_primary, colors.primary) >= 4.5
    sizes = {theme.sizes.body for theme in plan.themes.values()}
    assert len(sizes) == 1 and sizes.pop() < 22, "one type scale, fitted to the smaller slide"


def test_two_builds_on_a_template_give_identical_bytes(tmp_path):
    deck = project(tmp_path / "project", PPTX_DEFAULT)
    first = build(deck, tmp_path / "first.pptx").read_bytes()
    assert build(deck, tmp_path / "second.pptx").read_bytes() == first


def test_a_changed_template_makes_the_build_stale(tmp_path, capsys):
    deck = project(tmp_path / "project", PPTX_DEFAULT)
    out = build(deck, tmp_path / "out.pptx")
    assert main(["build", str(deck), "-o", str(out), "--check"]) == 0
    sample_template(deck.parent / "template.pptx")
    assert main(["build", str(deck), "-o", str(out), "--check"]) == 1
    assert "template.pptx" in capsys.readouterr().err


@pytest.mark.parametrize("size, warned", [('"16:9"', True), ('"4:3"', False), (None, False)])
def test_a_size_the_template_overrules_is_a_warning_at_its_line(size, warned, tmp_path, capsys):
    """python-pptx's default template is 4:3: a deck asking for 16:9 on it gets 4:3 slides
    and a lint warning at its 'size:' line; the build still succeeds."""
    text = ON_TEMPLATE.read_text(encoding="utf-8")
    if size is not None:
        text = text.replace("template: template.pptx\n", f"template: template.pptx\nsize: {size}\n")
    deck = project(tmp_path / "project", PPTX_DEFAULT, deck=text)
    line = next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith("size:")), 0)
    assert main(["lint", str(deck), "--format", "json"]) == 0
    findings = [f for f in json.loads(capsys.readouterr().out)["findings"]
                if f["rule"] == "size-ignored"]
    assert [(f["line"], f["col"], f["severity"]) for f in findings] == (
        [(line, 7, "warning")] if warned else [])
    out = build(deck, tmp_path / "out.pptx")
    prs = Presentation(str(out))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)  # the template's 4:3
