"""Backgrounds as a viewer draws them: pictures, gradients, theme background styles and
full-slide pictures on the master. Templates are made here from python-pptx's default
template; decks of quote, stat, timeline, table and bullet slides are built on them, and
the colour every run shows (its own, else what it inherits from layout and master) must
contrast 4.5:1 with what the test itself knows lies under its box: the picture it drew, the
gradient's stops. One build is rendered by LibreOffice and its pixels are read back."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from pathlib import Path
from typing import Callable

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn

from conftest import build
from deckbuilder.cli import main
from deckbuilder.colors import luminance, ratio
from helpers import REPO

PPTX_DEFAULT = Path(__import__("pptx").__file__).parent / "templates" / "default.pptx"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAVY, NEAR_WHITE = (15, 30, 60), (244, 244, 238)
GRADIENT = ("0B1533", "2A3F6E")               # top, bottom stop of the dark gradient
DARK_2 = "1F497D"                             # the default theme's Dark 2
KINDS = ("bullets", "quote", "stat", "timeline", "table")

DECK = """\
title: Backgrounds
author: Test Suite
date: 2021-06-01
template: template.pptx
footer: Background fixture
slide_numbers: true
{theme}
slides:
  - kind: bullets
    title: Bullets on the background
    source: "Source: Bullet source, 2021"
    items:
      - A first point that is long enough to wrap onto a second line of the body.
      - A second point
  - kind: quote
    title: A quotation
    quote: Templates are data, and so are their layouts.
    attribution: A. Person
    role: Tester
  - kind: stat
    title: Two numbers
    source: "Source: Statistics office"
    stats:
      - {{value: "42", label: answers}}
      - {{value: "7", label: days}}
  - kind: timeline
    title: Milestones
    events:
      - {{date: "2019", text: Started}}
      - {{date: "2021", text: Finished}}
  - kind: table
    title: A table
    columns: [Item, Value]
    rows:
      - [One, "1"]
      - [Two, "2"]
"""


# ----- pictures and templates made here ------------------------------------------------------

def picture(draw: Callable[[float], tuple[int, int, int]], size=(400, 300), seed=1) -> Image.Image:
    """A noisy picture whose colour at height fraction ``y`` is ``draw(y)``."""
    rng = random.Random(seed)
    image = Image.new("RGB", size)
    pixels = image.load()
    for y in range(size[1]):
        base = draw(y / size[1])
        for x in range(size[0]):
            jitter = rng.randint(-8, 8)
            pixels[x, y] = tuple(max(0, min(255, c + jitter)) for c in base)
    return image


def dark_picture() -> Image.Image:
    return picture(lambda y: tuple(round(c + 25 * y) for c in NAVY))


def banded_picture() -> Image.Image:
    """Light, with a dark band across the top quarter: the title sits on dark, the body on
    light."""
    return picture(lambda y: NAVY if y < 0.23 else NEAR_WHITE)


def png(image: Image.Image) -> io.BytesIO:
    data = io.BytesIO()
    image.save(data, "PNG")
    data.seek(0)
    return data


def element(xml: str):
    return etree.fromstring(f'<root xmlns:a="{A}" xmlns:p="{P}" xmlns:r="{R}">{xml}</root>')[0]


def set_background(master, xml: str) -> None:
    """Give the master (so every layout that has none of its own) the background ``xml``."""
    c_sld = master._element.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    c_sld.insert(0, element(xml))


def picture_background(prs, image: Image.Image) -> None:
    master = prs.slide_master
    _, rid = master.part.get_or_add_image_part(png(image))
    set_background(master, f'<p:bg><p:bgPr><a:blipFill><a:blip r:embed="{rid}"/><a:stretch>'
                           '<a:fillRect/></a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>')


def gradient_background(prs) -> None:
    top, bottom = GRADIENT
    set_background(prs.slide_master, f'<p:bg><p:bgPr><a:gradFill><a:gsLst>'
                   f'<a:gs pos="0"><a:srgbClr val="{top}"/></a:gs>'
                   f'<a:gs pos="100000"><a:srgbClr val="{bottom}"/></a:gs></a:gsLst>'
                   '<a:lin ang="5400000" scaled="0"/></a:gradFill><a:effectLst/></p:bgPr></p:bg>')


def style_background(prs) -> None:
    """The theme's first background fill style (a solid fill of the placeholder colour) in
    Text 2, which the master's colour map makes the theme's Dark 2."""
    set_background(prs.slide_master,
                   '<p:bg><p:bgRef idx="1001"><a:schemeClr val="tx2"/></p:bgRef></p:bg>')


def picture_shape_background(prs) -> None:
    """A full-slide picture drawn as the master's first shape, behind its placeholders."""
    master = prs.slide_master
    _, rid = master.part.get_or_add_image_part(png(dark_picture()))
    pic = element(f'<p:pic><p:nvPicPr><p:cNvPr id="99" name="Background picture"/>'
                  '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
                  f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
                  '</p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/>'
                  f'<a:ext cx="{prs.slide_width}" cy="{prs.slide_height}"/></a:xfrm>'
                  '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
    tree = master._element.find(qn("p:cSld")).find(qn("p:spTree"))
    tree.insert(2, pic)   # after nvGrpSpPr and grpSpPr: the bottom of the z-order


TEMPLATES: dict[str, Callable] = {
    "dark-picture": lambda prs: picture_background(prs, dark_picture()),
    "banded-picture": lambda prs: picture_background(prs, banded_picture()),
    "dark-gradient": gradient_background,
    "style-background": style_background,
    "picture-shape": picture_shape_background,
}


def make_template(name: str, path: Path) -> Path:
    prs = Presentation(str(PPTX_DEFAULT))
    TEMPLATES[name](prs)
    prs.save(str(path))
    return path


def project(folder: Path, template: str, theme: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deckbuilder.toml").write_text("", encoding="utf-8")
    make_template(template, folder / "template.pptx")
    deck = folder / "deck.yaml"
    deck.write_text(DECK.format(theme=theme), encoding="utf-8")
    return deck


# ----- what the test knows lies under a box ---------------------------------------------------

def _grey(image: Image.Image) -> Image.Image:
    """The picture averaged over 4 x 4 pixels: its noise is not what text is read against."""
    return image.reduce(4)


def picture_under(image: Image.Image) -> Callable:
    small = _grey(image)

    def under(box: tuple[float, float, float, float]) -> list[str]:
        w, h = small.size
        x0, y0, x1, y1 = box
        region = small.crop((int(x0 * w), int(y0 * h), max(int(x0 * w) + 1, round(x1 * w)),
                             max(int(y0 * h) + 1, round(y1 * h))))
        colours = {"%02X%02X%02X" % pixel[:3] for pixel in region.get_flattened_data()}
        ordered = sorted(colours, key=luminance)
        return [ordered[0], ordered[-1]]

    return under


def gradient_under(box) -> list[str]:
    top, bottom = ([int(c[i:i + 2], 16) for i in (0, 2, 4)] for c in GRADIENT)
    return ["%02X%02X%02X" % tuple(round(a + (b - a) * y) for a, b in zip(top, bottom))
            for y in (box[1], box[3])]


TRUTH: dict[str, Callable] = {
    "dark-picture": picture_under(dark_picture()),
    "banded-picture": picture_under(banded_picture()),
    "dark-gradient": gradient_under,
    "style-background": lambda box: [DARK_2],
    "picture-shape": picture_under(dark_picture()),
}


# ----- the colour a run shows ------------------------------------------------------------------

NS = {"a": A, "p": P}


def scheme_colour(master, name: str) -> str:
    """A scheme colour name (tx1, bg2, accent1, dk1…) as hex, through the master's colour map."""
    mapped = master._element.find(qn("p:clrMap")).get(name, name)
    theme = etree.fromstring(master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob)
    slot = theme.find(f".//a:clrScheme/a:{mapped}", NS)
    colour = slot[0]
    return (colour.get("val") if colour.tag == qn("a:srgbClr") else colour.get("lastClr")).upper()


def fill_colour(parent, master) -> str | None:
    fill = parent.find("a:solidFill", NS) if parent is not None else None
    if fill is None or not len(fill):
        return None
    colour = fill[0]
    if colour.tag == qn("a:srgbClr"):
        return colour.get("val").upper()
    assert colour.tag == qn("a:schemeClr") and not len(colour), "no transforms in these runs"
    return scheme_colour(master, colour.get("val"))


def shown_colour(run, paragraph, shape, slide) -> str:
    """What a viewer colours a run with: its own colour, else its placeholder's on the
    layout and master, else the master's text style, else Text 1."""
    master = slide.slide_layout.slide_master
    own = fill_colour(run.find("a:rPr", NS), master)
    if own:
        return own
    level = int((paragraph.find("a:pPr", NS).get("lvl", "0")
                 if paragraph.find("a:pPr", NS) is not None else "0")) + 1
    chain = []
    if shape.is_placeholder:
        current = shape
        while (current := getattr(current, "_base_placeholder", None)) is not None:
            chain.append(current._element.find(f"p:txBody/a:lstStyle/a:lvl{level}pPr/a:defRPr",
                                                NS))
        kind = shape.placeholder_format.type
        style = "titleStyle" if "TITLE" in str(kind) else "otherStyle" if any(
            k in str(kind) for k in ("FOOTER", "SLIDE_NUMBER", "DATE")) else "bodyStyle"
        chain.append(master._element.find(f"p:txStyles/p:{style}/a:lvl{level}pPr/a:defRPr", NS))
    for source in chain:
        if (colour := fill_colour(source, master)) is not None:
            return colour
    return scheme_colour(master, "tx1")


def text_runs(shape):
    """(paragraph, run) for every run and field with text in a shape."""
    body = shape._element.find("p:txBody", NS)
    for paragraph in body.findall("a:p", NS) if body is not None else []:
        for run in paragraph:
            if run.tag in (qn("a:r"), qn("a:fld")) and (run.findtext("a:t", "", NS)).strip():
                yield paragraph, run


def relative(shape, prs) -> tuple[float, float, float, float]:
    w, h = prs.slide_width, prs.slide_height
    return (shape.left / w, shape.top / h, (shape.left + shape.width) / w,
            (shape.top + shape.height) / h)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    cache: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in cache:
            folder = tmp_path_factory.mktemp(name)
            cache[name] = build(project(folder / "project", name), folder / "out.pptx")
        return cache[name]

    return get


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_every_run_reads_on_what_lies_under_its_box(name, built):
    prs = Presentation(str(built(name)))
    under, checked = TRUTH[name], set()
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                own = shape._element.find("p:spPr/a:solidFill/a:srgbClr", NS)
                behind = [own.get("val")] if own is not None else under(relative(shape, prs))
                for paragraph, run in text_runs(shape):
                    colour = shown_colour(run, paragraph, shape, slide)
                    worst = min(ratio(colour, b) for b in behind)
                    assert worst >= 4.5, (name, run.findtext("a:t", "", NS), colour, behind)
                    checked.add(shape.name)
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        fill = cell._tc.find("a:tcPr/a:solidFill/a:srgbClr", NS)
                        behind = [fill.get("val")] if fill is not None else \
                            under(relative(shape, prs))
                        for paragraph in cell._tc.findall("a:txBody/a:p", NS):
                            for run in paragraph.findall("a:r", NS):
                                colour = run.find("a:rPr/a:solidFill/a:srgbClr", NS).get("val")
                                assert min(ratio(colour, b) for b in behind) >= 4.5
                checked.add("table")
    assert {"Title", "table"} <= checked and len(checked) >= 6, checked


def test_title_and_body_take_the_colours_of_their_own_band(built):
    """On the banded picture the title sits on the dark band and the body on the light
    picture: each gets the template's own colour that reads there."""
    prs = Presentation(str(built("banded-picture")))
    slide = prs.slides[0]
    title = slide.shapes.title
    body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    (tp, tr), (bp, br) = next(text_runs(title)), next(text_runs(body))
    assert shown_colour(tr, tp, title, slide) == "FFFFFF"   # Light 1, on the navy band
    assert shown_colour(br, bp, body, slide) == "000000"    # Dark 1, on the light picture


def test_template_inspect_shows_each_layouts_background(tmp_path, capsys):
    for name, shown in (("dark-picture", "picture, dark"), ("dark-gradient", "gradient, dark"),
                        ("style-background", f"solid #{DARK_2}"),
                        ("picture-shape", "solid with artwork, dark"),
                        ("banded-picture", "picture, mixed")):
        path = make_template(name, tmp_path / f"{name}.pptx")
        assert main(["template", "inspect", str(path)]) == 0
        out = capsys.readouterr().out
        assert out.count(f"    background: {shown}\n") == 11, (name, out)


def test_libreoffice_draws_the_text_readable_on_the_dark_picture(built, tmp_path):
    """The viewer's own pixels: inside the bullets' body box, the text's pixels stand out
    from the picture's by at least 4.5:1."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice and pdftoppm are needed to render")
    pptx = built("dark-picture")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(pptx)], capture_output=True,
                   timeout=300, check=False)
    pdf = tmp_path / "out.pdf"
    if not pdf.is_file():
        pytest.skip("LibreOffice did not convert the deck")
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=120)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    prs = Presentation(str(pptx))
    body = next(s for s in prs.slides[0].placeholders if s.placeholder_format.idx == 1)
    x0, y0, x1, y1 = relative(body, prs)
    region = page.crop((round(x0 * page.width), round(y0 * page.height),
                        round(x1 * page.width), round(y1 * page.height)))
    pixels = sorted(("%02X%02X%02X" % p for p in region.get_flattened_data()), key=luminance)
    background, text = pixels[len(pixels) // 2], pixels[-len(pixels) // 200]
    assert luminance(background) < 0.05, "the picture is dark where the body text is"
    assert ratio(text, background) >= 4.5, (text, background)


# ----- lint ----------------------------------------------------------------------------------

def test_lint_reports_a_forced_colour_at_the_slides_line(tmp_path, capsys):
    """A project theme whose muted grey is too dark for its own dark background: the stat
    source line on the stat slide fails, reported at that slide's YAML line."""
    folder = tmp_path / "project"
    theme = folder / "themes" / "murky"
    theme.mkdir(parents=True)
    (folder / "deckbuilder.toml").write_text("", encoding="utf-8")
    text = (REPO / "themes" / "dark" / "theme.yaml").read_text(encoding="utf-8")
    muted = next(line for line in text.splitlines() if line.strip().startswith("muted:"))
    (theme / "theme.yaml").write_text(text.replace(muted, muted.split(":")[0] + ': "2A2F3A"'),
                                      encoding="utf-8")
    deck = folder / "deck.yaml"
    deck.write_text(DECK.format(theme="theme: murky").replace("template: template.pptx\n", ""),
                    encoding="utf-8")
    assert main(["lint", str(deck)]) == 1
    err = capsys.readouterr()
    out = err.out + err.err
    stat_line = DECK.format(theme="theme: murky").replace("template: template.pptx\n", "") \
        .splitlines().index("  - kind: stat") + 1
    assert f"deck.yaml:{stat_line}:5: error: text 'Source: Statistics office' in 2A2F3A" in out, out
    assert "[contrast]" in out and "colors.muted" in out
