"""A theme is a template: the built deck carries a real master for its size, the theme's
colours and fonts, one layout per slide kind, text in placeholders that inherits, slide
numbers as fields and decoration marked decorative; a presenter's New Slide gives a branded
slide; a theme exports as a .potx template."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from conftest import build
from deckbuilder.cli import main
from deckbuilder.errors import SourcePos
from deckbuilder.pipeline import compile_deck
from deckbuilder.theme import available_themes, load_theme
from deckbuilder.theme.choice import KIND_LAYOUTS
from helpers import ALL_KINDS, REPO, SEED_DECK

THEMES = sorted(available_themes(None))
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TEXTLESS = (PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE,
            PP_PLACEHOLDER.TABLE, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.PICTURE)
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


@pytest.fixture(scope="module", params=THEMES)
def themed(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"native-{request.param}") / "seed.pptx"
    build(SEED_DECK, out, "--theme", request.param)
    return request.param, out, Presentation(str(out))


def test_every_layout_is_sized_for_its_slide(themed):
    _, _, prs = themed
    names = [layout.name for layout in prs.slide_layouts]
    assert set(KIND_LAYOUTS.values()) <= set(names)
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            assert 0 <= shape.left and shape.left + shape.width <= prs.slide_width, \
                (layout.name, shape.name)
            assert 0 <= shape.top and shape.top + shape.height <= prs.slide_height
    title = prs.slide_layouts.get_by_name("Title and Content").placeholders[0]
    assert title.width > prs.slide_width * 0.8   # not python-pptx's 4:3 title on 16:9


def test_the_theme_part_holds_the_themes_colours_and_fonts(themed):
    name, _, prs = themed
    theme = load_theme(name, None, SourcePos("test"))
    part = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    root = etree.fromstring(part.blob)
    colours = {etree.QName(slot).localname: slot[0].get("val")
               for slot in root.find(f".//{qn('a:clrScheme')}")}
    assert {theme.colors.text, theme.colors.background, theme.colors.title} <= \
        set(colours.values())
    assert [colours[f"accent{i}"] for i in range(1, 3)] == theme.palette[:2]
    assert "4F81BD" not in colours.values()   # Office 2007's accent 1
    major = root.find(f".//{qn('a:majorFont')}/{qn('a:latin')}").get("typeface")
    minor = root.find(f".//{qn('a:minorFont')}/{qn('a:latin')}").get("typeface")
    assert (major, minor) == (theme.fonts.heading, theme.fonts.body)
    for group in ("a:majorFont", "a:minorFont"):
        assert root.find(f".//{qn(group)}/{qn('a:ea')}") is not None
        assert root.find(f".//{qn(group)}/{qn('a:cs')}") is not None


def test_slide_numbers_are_fields_after_the_cover(themed):
    _, _, prs = themed
    for number, slide in enumerate(prs.slides, start=1):
        fields = slide._element.findall(f".//{qn('a:fld')}")
        if number == 1:
            continue
        assert [f.get("type") for f in fields] == ["slidenum"], number
        assert fields[0].findtext(qn("a:t")) == str(number)


def test_bodies_are_placeholders_and_runs_inherit(themed):
    """No multi-paragraph body is a free text box (only big-number stacks, tile grids and
    timelines lay out their own boxes), and text in placeholders leaves out what it
    inherits: most title runs carry no size, colour or face at all."""
    _, _, prs = themed
    own_boxes = {"Stat", "Tile", "Event", "Text", "Chart heading", "Chart note", "Source"}
    bare_titles = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            filled = [p for p in shape.text_frame.paragraphs if p.text.strip()]
            if len(filled) > 1 and not shape.is_placeholder:
                assert shape.name in own_boxes, (slide.slide_id, shape.name)
        title = slide.shapes.title
        run = title._element.find(f".//{qn('a:rPr')}") if title is not None else None
        if run is not None and run.get("sz") is None and run.find(qn("a:solidFill")) is None \
                and run.find(qn("a:latin")) is None:
            bare_titles += 1
    assert bare_titles >= len(prs.slides) * 0.6


def test_empty_shapes_are_decorative_and_read_last(themed):
    _, _, prs = themed
    for slide in prs.slides:
        shapes = list(slide.shapes)
        empty = [i for i, s in enumerate(shapes) if s.shape_type is not None
                 and s._element.tag == qn("p:sp") and not (s.has_text_frame
                                                           and s.text_frame.text.strip())]
        for index in empty:
            marks = shapes[index]._element.iter(DECORATIVE)
            assert [m.get("val") for m in marks] == ["1"], shapes[index].name
            assert all(not (shapes[later].has_text_frame and shapes[later].text_frame.text.strip())
                       for later in range(index, len(shapes))), shapes[index].name


def test_package_metadata_is_honest(themed):
    _, path, prs = themed
    with zipfile.ZipFile(path) as archive:
        app = etree.fromstring(archive.read("docProps/app.xml"))
        presentation = etree.fromstring(archive.read("ppt/presentation.xml"))
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    assert int(app.findtext(f"{ns}Words")) > 1000
    assert int(app.findtext(f"{ns}Paragraphs")) > 100
    parts = [e.text for e in app.iter("{http://schemas.openxmlformats.org/officeDocument/2006/"
                                      "docPropsVTypes}lpstr")]
    titles = parts[-len(prs.slides):]
    assert titles[0] == prs.slides[0].shapes.title.text_frame.text
    assert len(titles) == len(prs.slides) and "Slide Titles" in parts
    size = presentation.find(qn("p:sldSz"))
    assert (size.get("cx"), size.get("cy"), size.get("type")) == ("12192000", "6858000", None)


def test_four_by_three_is_typed_as_powerpoint_types_it(all_kinds_4x3_pptx):
    with zipfile.ZipFile(all_kinds_4x3_pptx) as archive:
        size = etree.fromstring(archive.read("ppt/presentation.xml")).find(qn("p:sldSz"))
    assert (size.get("cx"), size.get("type")) == ("9144000", "screen4x3")
    prs = Presentation(str(all_kinds_4x3_pptx))
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            assert shape.left + shape.width <= prs.slide_width, (layout.name, shape.name)


# ----- what a presenter gets from New Slide ----------------------------------------------------

def _pdf_words(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          check=True, text=True).stdout
    root = etree.fromstring(html.encode(), etree.HTMLParser())
    return [(w.text or "", *(float(w.get(k)) for k in ("xmin", "ymin", "xmax", "ymax")))
            for w in root.iter("word")]


@pytest.mark.skipif(not SOFFICE or not shutil.which("pdftotext"),
                    reason="LibreOffice and poppler are not installed; .ci/run installs them")
@pytest.mark.parametrize("theme", THEMES)
def test_new_slide_from_every_layout_shows_the_theme(theme, tmp_path):
    """Add a slide from each layout of a built deck with python-pptx (PowerPoint's New
    Slide), type into its placeholders, render with LibreOffice: each word sits inside its
    placeholder's box, in the theme's fonts."""
    built = build(ALL_KINDS, tmp_path / "deck.pptx", "--theme", theme)
    prs = Presentation(str(built))
    expected = []
    for number, layout in enumerate(prs.slide_layouts):
        slide = prs.slides.add_slide(layout)
        for shape in slide.placeholders:
            kind = shape.placeholder_format.type
            if shape.has_text_frame and kind not in TEXTLESS:
                word = f"W{number}x{shape.placeholder_format.idx}"
                shape.text_frame.text = word
                expected.append((word, shape.left, shape.top, shape.width, shape.height))
    added = tmp_path / "added.pptx"
    prs.save(str(added))
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(added)],
                   capture_output=True, check=True, timeout=300)
    pdf = tmp_path / "added.pdf"
    words = {w[0]: w for w in _pdf_words(pdf)}
    scale = 72 / 914400
    for word, left, top, width, height in expected:
        assert word in words, word
        _, x0, y0, x1, y1 = words[word]
        slack = 6  # points: a word's box includes its font's ascent and descent
        assert left * scale - slack <= x0 and x1 <= (left + width) * scale + slack, word
        assert top * scale - slack <= y0 and y1 <= (top + height) * scale + slack, word
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    settings = load_theme(theme, None, SourcePos("t"))
    face = settings.fonts.body
    shown = {"Calibri": "Carlito", "Arial": "LiberationSans"}.get(face, face)
    assert shown in fonts.replace(" ", "").replace("-", "")
    _assert_backgrounds(pdf, tmp_path, prs, len(prs.slides) - len(prs.slide_layouts), settings)


def _assert_backgrounds(pdf: Path, folder: Path, prs, first_added: int, settings) -> None:
    """Each added slide shows its layout's background: the section layout the theme's
    primary colour, the others its background colour (read at the bottom right corner)."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-f", str(first_added + 1), "-r", "10", "-png", str(pdf),
                    str(folder / "added")], check=True)
    pages = sorted(folder.glob("added-*.png"))
    assert len(pages) == len(prs.slide_layouts)
    for layout, page in zip(prs.slide_layouts, pages):
        image = Image.open(page).convert("RGB")
        shown = "%02X%02X%02X" % image.getpixel((image.width - 2, image.height - 2))
        wanted = settings.colors.primary if layout.name == "Section Header" \
            else settings.colors.background
        assert _close(shown, wanted), (layout.name, shown, wanted)


def _close(a: str, b: str) -> bool:
    return all(abs(int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) <= 6 for i in (0, 2, 4))


def test_theme_export_writes_a_powerpoint_template(tmp_path):
    potx = tmp_path / "default.potx"
    assert main(["theme", "export", "default", "-o", str(potx)]) == 0
    with zipfile.ZipFile(potx) as archive:
        types = archive.read("[Content_Types].xml").decode()
        core = archive.read("docProps/core.xml").decode()
        app = archive.read("docProps/app.xml").decode()
    assert "python-pptx" not in core and "Steve Canny" not in core and "2013" not in core
    assert "<Slides>0</Slides>" in app and "Widescreen" in app
    from deckbuilder.theme.reader import read_template

    assert [layout.name for layout in read_template(potx).layouts] == \
        list(dict.fromkeys(layout.name for layout in Presentation(
            str(build(SEED_DECK, tmp_path / "seed.pptx"))).slide_layouts))
    assert "presentationml.template.main+xml" in types
    assert "presentationml.presentation.main+xml" not in types
    assert main(["theme", "export", "default", "-o", str(tmp_path / "x.txt")]) == 1


@pytest.mark.parametrize("theme", THEMES)
def test_an_exported_theme_builds_the_same_deck(theme, tmp_path):
    """Export a theme, name the export as the seed deck's template: every slide has the same
    elements in the same boxes (within 0.05 in) as on the theme itself."""
    project = tmp_path / "project"
    shutil.copytree(REPO / "deck", project / "deck")
    shutil.copytree(REPO / "charts", project / "charts")
    (project / "deckbuilder.toml").write_text("")
    potx = project / "deck" / f"{theme}.potx"
    assert main(["theme", "export", theme, "-o", str(potx)]) == 0
    deck = project / "deck" / "us-mexico-partnership.yaml"
    on_template = project / "deck" / "on-template.yaml"
    on_template.write_text(f"template: {potx.name}\n" + deck.read_text(encoding="utf-8"),
                           encoding="utf-8")
    ours = compile_deck(deck, theme).presentation
    theirs = compile_deck(on_template, theme).presentation
    assert ours is not None and theirs is not None
    assert [s.kind for s in ours.slides] == [s.kind for s in theirs.slides]
    tolerance = 914400 * 0.05
    for a, b in zip(ours.slides, theirs.slides):
        assert [type(e).__name__ for e in a.elements] == [type(e).__name__ for e in b.elements]
        for x, y in zip(a.elements, b.elements):
            for side in ("x", "y", "w", "h"):
                assert abs(getattr(x.rect, side) - getattr(y.rect, side)) <= tolerance, \
                    (a.title, getattr(x, "name", ""), side)


def test_theme_export_never_writes_into_a_pipe(tmp_path, capsys):
    pipe = tmp_path / "default.potx"
    os.mkfifo(pipe)
    assert main(["theme", "export", "default", "-o", str(pipe)]) == 1
    assert "is a named pipe, not a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_a_themes_template_is_remembered_exactly(tmp_path, monkeypatch):
    """The theme's written template and its description come back from the project cache
    as they were made; a damaged entry is made again, never trusted."""
    from deckbuilder.theme import plan

    cache = tmp_path / "cache"
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(cache))
    made = []
    original = plan._written
    monkeypatch.setattr(plan, "_written", lambda *a: made.append(1) or original(*a))
    first = compile_deck(SEED_DECK).presentation
    second = compile_deck(SEED_DECK).presentation
    assert len(made) == 1 and first is not None and second is not None
    assert second.template == first.template and second.template.data == first.template.data
    entry, = (cache / "templates").iterdir()
    entry.write_bytes(entry.read_bytes()[:-10] + b"0123456789")   # damaged in place
    third = compile_deck(SEED_DECK).presentation
    assert len(made) == 2 and third.template == first.template


@pytest.mark.skipif(not SOFFICE or not shutil.which("pdftoppm"),
                    reason="LibreOffice and poppler are not installed; .ci/run installs them")
def test_changing_the_theme_colours_restyles_the_titles(seed_pptx, tmp_path):
    """What a presenter does in Design > Variants > Colors: change the colour scheme's Dark 2
    (the default theme's title colour). The titles follow it, as they inherit it."""
    from PIL import Image

    changed = tmp_path / "changed.pptx"
    with zipfile.ZipFile(seed_pptx) as source, zipfile.ZipFile(changed, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "ppt/theme/theme1.xml":
                root = etree.fromstring(data)
                root.find(f".//{qn('a:dk2')}/{qn('a:srgbClr')}").set("val", "FF0000")
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            target.writestr(item, data)
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(changed)], capture_output=True, check=True, timeout=300)
    subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-r", "30", "-png",
                    str(tmp_path / "changed.pdf"), str(tmp_path / "page")], check=True)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    band = page.crop((0, 0, page.width, page.height // 6))   # the title band
    pixels = [band.getpixel((x, y)) for x in range(band.width) for y in range(band.height)]
    reds = sum(1 for r, g, b in pixels if r > 200 and g < 80 and b < 80)
    assert reds > 30


@pytest.mark.skipif(not SOFFICE or not shutil.which("pdftotext"),
                    reason="LibreOffice and poppler are not installed; .ci/run installs them")
def test_slide_numbers_follow_a_reordered_deck(seed_pptx, tmp_path):
    """A presenter moves slide 3 before slide 2: the slide numbers a viewer shows follow the
    new order (they are fields), though each field's stored text is its old number."""
    prs = Presentation(str(seed_pptx))
    ids = prs.slides._sldIdLst
    second, third = list(ids)[1:3]
    ids.remove(third)
    second.addprevious(third)
    moved = tmp_path / "moved.pptx"
    prs.save(str(moved))
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(moved)],
                   capture_output=True, check=True, timeout=300)
    words = _pdf_words(tmp_path / "moved.pdf")
    footers = [text for text, x0, y0, x1, y1 in words if y0 > 7.0 * 72 and x0 > 12.5 * 72]
    assert footers[:2] == ["2", "3"]


def test_a_remembered_theme_template_needs_no_python_pptx(tmp_path):
    """``validate`` and ``lint`` lay a deck out without rendering it: once the theme's
    template is remembered, they do not import python-pptx (design: heavy imports are lazy)."""
    import sys

    script = ("import sys; from pathlib import Path; from deckbuilder.pipeline import "
              f"compile_deck; compile_deck(Path({str(SEED_DECK)!r})); "
              "print('pptx' in sys.modules)")
    env = {**os.environ, "DECKBUILDER_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           env=env, check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]   # the first build writes the template; the next reads it


def test_only_content_bodies_carry_bullets_on_new_slide(themed):
    """Text typed on New Slide into a subtitle, quote, attribution, callout or caption is a
    paragraph, not a bullet: those placeholders say buNone; the content bodies (Title and
    Content, Two Content) keep the master's bullets."""
    _, _, prs = themed
    listed = {("Title and Content", "Content"), ("Two Content", "Left content"),
              ("Two Content", "Right content")}
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            kind = ph.placeholder_format.type
            if kind in TEXTLESS + (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                continue
            level = ph._element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
            no_bullet = level is not None and level.find(qn("a:buNone")) is not None
            assert no_bullet != ((layout.name, ph.name) in listed), (layout.name, ph.name)
