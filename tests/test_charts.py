"""Charts end to end: decks built in a temporary project, read back with python-pptx.

Pictures keep their box's shape and print resolution, native charts carry the data, alt
text describes the data, the cache is counted (never timed), and bad chart input is
reported at its YAML line with exit 1 and nothing written.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckbuilder.cli import main
from deckbuilder.pipeline import compile_deck, render_pptx

TRADE = "year,exports,imports\n1990,28.3,30.2\n1995,46.3,62.1\n1996,56.8,74.3\n2011,197.5,\n2017,243.0,314.0\n"
SHARES = "part,value\nAutos,0.32\nMachinery,0.21\nOther,0.47\n"
META = ('title: "U.S. goods trade with Mexico"\nunit: "billions of USD"\n'
        'series:\n  exports: {label: "U.S. exports to Mexico"}\n'
        'source_line: "Source: USITC, 2018"\n')

DECK = """\
title: Chart tests
slides:
  - kind: chart
    title: Trade columns
    chart:
      type: grouped_column
      data: trade.csv
      x: year
      series: [exports, imports]
      prefix: "$"
      unit: Billions of USD
  - kind: chart
    title: Trade line
    callout: Gaps stay gaps
    chart: {type: line, data: trade.csv, x: year, series: [exports], value_labels: last}
  - kind: chart
    title: Native columns
    chart: {type: column, data: trade.csv, x: year, series: [imports], render: native,
            highlight: ["2017"], value_labels: all}
  - kind: chart
    title: Native line
    chart: {type: line, data: trade.csv, x: year, series: [exports, imports], render: native}
  - kind: chart
    title: Native pie
    chart: {type: pie, data: shares.csv, x: part, series: [value], render: native,
            number_format: percent}
  - kind: chart
    title: Pie picture
    chart: {type: donut, data: shares.csv, x: part, series: [value], number_format: percent}
"""
PICTURES = 3  # picture charts in DECK


def make_project(folder: Path, patch: pytest.MonkeyPatch) -> Path:
    """A deck project with its own chart cache folder."""
    patch.setenv("DECKBUILDER_CACHE_DIR", str(folder / "cache"))
    (folder / "deckbuilder.toml").write_text("")
    (folder / "trade.csv").write_text(TRADE)
    (folder / "trade.meta.yaml").write_text(META)
    (folder / "shares.csv").write_text(SHARES)
    (folder / "deck.yaml").write_text(DECK)
    return folder


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    return make_project(tmp_path, monkeypatch)


def build(project: Path):
    """Build through the pipeline; the bytes and the chart stats of this build."""
    compiled = compile_deck(project / "deck.yaml")
    data = render_pptx(compiled)
    return data, compiled.chart_stats


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One cold build shared by the read-only tests."""
    with pytest.MonkeyPatch.context() as patch:
        data, stats = build(make_project(tmp_path_factory.mktemp("charts"), patch))
    return Presentation(io.BytesIO(data)), stats


def shapes(prs, kind):
    return [(n, shape) for n, slide in enumerate(prs.slides, start=1) for shape in slide.shapes
            if shape.shape_type == kind]


def descr(shape) -> str:
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or ""


def test_pictures_keep_the_box_aspect_at_print_resolution(built):
    prs, stats = built
    pictures = shapes(prs, MSO_SHAPE_TYPE.PICTURE)
    assert len(pictures) == PICTURES == stats.rendered
    for _, picture in pictures:
        width, height = Image.open(io.BytesIO(picture.image.blob)).size
        box_ratio = picture.width / picture.height
        assert abs(width / height - box_ratio) / box_ratio < 0.01
        assert width / (picture.width / 914_400) >= 200  # dpi at the box's size
        assert picture.crop_left == picture.crop_right == picture.crop_top == 0


def test_native_charts_carry_categories_and_values(built):
    prs, _ = built
    charts = {n: frame.chart for n, frame in shapes(prs, MSO_SHAPE_TYPE.CHART)}
    assert sorted(charts) == [3, 4, 5]
    columns = charts[3].plots[0]
    # skipped years get an empty '//' category, the picture's break mark
    assert list(columns.categories) == ["1990", "//", "1995", "1996", "//", "2011", "//", "2017"]
    assert list(columns.series[0].values) == [30.2, None, 62.1, 74.3, None, None, None, 314.0]
    line = charts[4].plots[0]  # every year present, so PowerPoint breaks the line at gaps
    assert list(line.categories) == [str(y) for y in range(1990, 2018)]
    exports = dict(zip(line.categories, line.series[0].values))
    assert exports["1996"] == 56.8 and exports["1997"] is None and exports["2017"] == 243.0
    assert [s.name for s in line.series] == ["U.S. exports to Mexico", "imports"]
    assert charts[4]._chartSpace.xpath(".//c:dispBlanksAs/@val") == ["gap"]
    assert list(charts[5].plots[0].categories) == ["Autos", "Machinery", "Other"]


def test_native_charts_use_positive_axis_ids_and_the_theme_font(built):
    prs, _ = built
    for _, frame in shapes(prs, MSO_SHAPE_TYPE.CHART):
        ids = frame.chart._chartSpace.xpath(".//c:axId/@val | .//c:crossAx/@val")
        assert all(int(v) > 0 for v in ids)
        assert frame.chart.font.name == "Calibri"


def test_every_chart_has_alt_text_from_its_data(built):
    prs, _ = built
    charts = shapes(prs, MSO_SHAPE_TYPE.PICTURE) + shapes(prs, MSO_SHAPE_TYPE.CHART)
    assert len(charts) == 6
    for _, shape in charts:
        alt = descr(shape)
        assert alt and not re.search(r"\.(csv|png|yaml)|/", alt), alt
    alts = {n: descr(shape) for n, shape in charts}
    assert "1990 to 2017" in alts[1] and "$243" in alts[1] and "no value for 2011" in alts[1]
    assert "Minimum 28 (1990), maximum 243 (2017), latest 243 (2017)" in alts[2]
    assert "No data for 1991-1994, 1997-2010 and 2012-2016." in alts[2]
    assert "Autos 32%" in alts[6]


def test_a_second_build_renders_no_chart(project):
    first, stats = build(project)
    assert (stats.rendered, stats.cached) == (PICTURES, 0)
    second, stats = build(project)
    assert (stats.rendered, stats.cached) == (0, PICTURES)
    assert second == first


def test_changing_one_csv_renders_exactly_the_chart_that_reads_it(project):
    build(project)
    (project / "shares.csv").write_text(SHARES.replace("0.47", "0.46"))
    _, stats = build(project)
    assert (stats.rendered, stats.cached) == (1, PICTURES - 1)


def test_spec_alt_and_source_never_invalidate_the_picture(project):
    build(project)
    deck = project / "deck.yaml"
    deck.write_text(DECK.replace("value_labels: last}", "value_labels: last,\n"
                                 "            alt: A custom description}"))
    data, stats = build(project)
    assert stats.rendered == 0
    prs = Presentation(io.BytesIO(data))
    assert descr(dict(shapes(prs, MSO_SHAPE_TYPE.PICTURE))[2]) == "A custom description"


# ----- bad input: reported at the chart's YAML line, exit 1, nothing written ----------------

BAD = """\
title: Bad charts
slides:
  - kind: section
    title: First
  - kind: chart
    title: Broken
    chart:
      type: {type}
      data: {data}
      x: year
      series: [{column}]
"""


@pytest.mark.parametrize("fields, line, col, message", [
    ({"data": "missing.csv"}, 8, 7, "chart data file 'missing.csv' not found"),
    ({"column": "export"}, 8, 7, "column 'export' not in 'trade.csv' (did you mean 'exports'?); "
                                 "available: year, exports, imports"),
    ({"data": "bad.csv"}, 8, 7, "'bad.csv' row 3, column 'exports': 'n/a' is not a number"),
    ({"data": "empty.csv"}, 8, 7, "chart data 'empty.csv' has no rows"),
    ({"type": "colunm"}, 8, 13, "'type': unknown chart type 'colunm' (did you mean 'column'?)"),
], ids=["missing-file", "missing-column", "not-a-number", "empty", "unknown-type"])
def test_bad_chart_input_is_reported_at_its_line(project, capsys, fields, line, col, message):
    (project / "bad.csv").write_text("year,exports\n2016,1.5\n2017,n/a\n")
    (project / "empty.csv").write_text("year,exports\n")
    values = {"type": "column", "data": "trade.csv", "column": "exports", **fields}
    deck = project / "deck.yaml"
    deck.write_text(BAD.format(**values))
    out = project / "out.pptx"
    assert main(["build", str(deck), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"deck.yaml:{line}:{col}: error: {message}" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_control_characters_never_reach_native_chart_text(project):
    """A BEL in a series label or a note is dropped, not written as python-pptx's escape
    ('_x0007_'), in direct labels and annotations as in titles."""
    (project / "deck.yaml").write_text("""\
title: Control characters
slides:
  - kind: chart
    title: Native line with direct labels
    chart:
      type: line
      data: trade.csv
      x: year
      series: [{column: exports, label: "Ex\\aports"}, {column: imports, label: "Im\\aports"}]
      highlight: [{x: "1996", series: exports, note: "record\\a year"}]
      render: native
""")
    data, _ = build(project)
    prs = Presentation(io.BytesIO(data))
    chart = next(frame.chart for _, frame in shapes(prs, MSO_SHAPE_TYPE.CHART))
    xml = chart.part.blob.decode("utf-8")
    assert "Exports" in xml and "record year" in xml
    assert "_x0007_" not in xml and "\a" not in xml
