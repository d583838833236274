"""Picture charts as SVG with a PNG fallback, stored as PowerPoint stores SVG pictures
(issue 17): the blip embeds the PNG at print resolution, its extension list names the SVG
part; identical charts share one part; old PNG-only cache entries are redrawn; LibreOffice
shows the deck and draws the SVG."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckbuilder.charts.cache import ChartCache
from deckbuilder.charts.style import DPI
from deckbuilder.pipeline import compile_deck, render_pptx

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"

DECK = """\
title: Vector charts
slides:
  - kind: chart
    title: Columns
    source: Test
    chart: {type: column, data: d.csv, x: year, series: [v], value_labels: all}
  - kind: chart
    title: The same columns again
    source: Test
    chart: {type: column, data: d.csv, x: year, series: [v], value_labels: all}
  - kind: chart
    title: A line
    source: Test
    chart: {type: line, data: d.csv, x: year, series: [v]}
"""


def project(folder: Path, monkeypatch) -> Path:
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(folder / "cache"))
    (folder / "deckbuilder.toml").write_text("")
    (folder / "d.csv").write_text("year,v\n2014,5.8\n2015,6.1\n2016,5.9\n2017,4.9\n")
    (folder / "deck.yaml").write_text(DECK)
    return folder / "deck.yaml"


def pictures(data: bytes):
    prs = Presentation(io.BytesIO(data))
    return [shape for slide in prs.slides for shape in slide.shapes
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def svg_part(shape):
    """The SVG part the picture's blip extension names (and the blip element)."""
    blip = shape._element.find(f".//{{{A}}}blip")
    (ext,) = blip.findall(f"{{{A}}}extLst/{{{A}}}ext")
    assert ext.get("uri") == SVG_URI
    (svg_blip,) = ext.findall(f"{{{ASVG}}}svgBlip")
    return shape.part.related_part(svg_blip.get(f"{{{R}}}embed")), blip


def test_pictures_embed_a_png_fallback_and_an_svg_part(tmp_path, monkeypatch):
    data = render_pptx(compile_deck(project(tmp_path, monkeypatch)))
    shapes = pictures(data)
    assert len(shapes) == 3
    svgs = []
    for shape in shapes:
        part, blip = svg_part(shape)
        png = shape.part.related_part(blip.get(f"{{{R}}}embed"))
        assert png.content_type == "image/png" and part.content_type == "image/svg+xml"
        assert str(part.partname).endswith(".svg")
        width, height = Image.open(io.BytesIO(png.blob)).size  # today's print resolution
        assert width == pytest.approx(shape.width / 914400 * DPI, abs=1)
        assert height == pytest.approx(shape.height / 914400 * DPI, abs=1)
        root = etree.fromstring(part.blob)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert float(root.get("width").removesuffix("pt")) == pytest.approx(
            shape.width / 12700, abs=0.5)
        assert not root.xpath("//*[local-name()='date']")  # no build date in the drawing
        svgs.append(part)
    assert svgs[0] is svgs[1] and svgs[0] is not svgs[2]  # one part per distinct drawing
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = etree.fromstring(package.read("[Content_Types].xml"))
        declared = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{{{CT}}}Override")}
        defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{{{CT}}}Default")}
        for part in {str(p.partname) for p in svgs}:
            assert (declared.get(part) or defaults.get("svg")) == "image/svg+xml"
            assert part.lstrip("/") in package.namelist()


def test_a_png_only_cache_entry_is_redrawn_with_its_svg(tmp_path, monkeypatch):
    deck = project(tmp_path, monkeypatch)
    first = compile_deck(deck)
    cold = render_pptx(first)
    assert first.chart_stats.rendered == 2
    cache = ChartCache(tmp_path / "cache")
    for entry in cache.folder.rglob("*.chart"):  # what an older deckbuilder stored
        key = entry.stem
        picture = cache.get_picture(key)
        assert picture is not None
        cache.put(key, picture.png)
        assert cache.get_picture(key) is None
    again = compile_deck(deck)
    assert render_pptx(again) == cold and again.chart_stats.rendered == 2
    warm = compile_deck(deck)
    assert render_pptx(warm) == cold and warm.chart_stats.cached == 2


def first_page_pixels(document: Path, folder: Path) -> list[tuple[int, int, int]]:
    """LibreOffice's rendering of ``document``'s first page, as RGB pixels."""
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(document)], check=True, capture_output=True, timeout=180)
    pdf = folder / (document.stem + ".pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf),
                    str(folder / document.stem)], check=True, timeout=120)
    (page,) = folder.glob(document.stem + "-*.png")
    raw = Image.open(page).convert("RGB").tobytes()
    return [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]


def navy(pixels) -> int:
    """Pixels in the first series colour (14325C): the columns."""
    return sum(1 for r, g, b in pixels if r < 60 and g < 80 and 60 < b < 130)


def test_libreoffice_renders_the_deck_and_the_svg(tmp_path, monkeypatch):
    """LibreOffice 7.4 shows the PNG fallback of an SVG picture (its import of the SVG
    extension came later); the SVG itself is one LibreOffice draws, columns and all."""
    data = render_pptx(compile_deck(project(tmp_path, monkeypatch)))
    pptx = tmp_path / "deck.pptx"
    pptx.write_bytes(data)
    assert navy(first_page_pixels(pptx, tmp_path)) > 200
    part, _ = svg_part(pictures(data)[0])
    drawing = tmp_path / "chart.svg"
    drawing.write_bytes(part.blob)
    assert navy(first_page_pixels(drawing, tmp_path)) > 200
