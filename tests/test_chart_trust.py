"""Charts a reviewer can trust (issue 17): alt text that reads every value, highlights that
say why, and native charts that keep the picture's meaning (gaps, zero-based round axes,
formats that tell values apart, colours, the embedded workbook's cells).

Decks are built in a temporary project and read back from the .pptx: python-pptx for
shapes, the chart and workbook XML straight from the package.
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckbuilder.charts.alt import MAX_POINTS
from deckbuilder.charts.spec import NATIVE_TYPES
from deckbuilder.charts.style import chart_style
from deckbuilder.cli import main
from deckbuilder.errors import SourcePos
from deckbuilder.pipeline import compile_deck, render_pptx
from deckbuilder.theme import load_theme

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
STYLE = chart_style(load_theme("default", None, SourcePos("t", 1, 1)))

# years with a skipped stretch (1996 -> 2006) and a gap (2016 has no 'b')
TRADE = "year,a,b\n1995,46.3,62.1\n1996,56.8,74.3\n2006,134.2,198.3\n2016,229.7,\n2017,243.0,314.0\n"
# three different years that a one-scale compact format would all write as 0.3M
BORDER = "year,n\n2000,1643679\n2010,447731\n2015,331333\n2016,308870\n2017,303916\n"
NET = "period,net\n1995–2000,2300\n2005–2010,-20\n2009–2014,-140\n"
SHARES = "part,v\nAutos,0.32\nMachinery,0.21\nOther,0.47\n"


def write_project(folder: Path, charts: list[str], extra: str = "") -> Path:
    """A project whose deck has one chart slide per inline ``chart:`` flow mapping."""
    (folder / "deckbuilder.toml").write_text("")
    for name, text in {"trade": TRADE, "border": BORDER, "net": NET, "shares": SHARES}.items():
        (folder / f"{name}.csv").write_text(text)
    slides = "".join(f"  - kind: chart\n    title: Chart {n}\n    source: Test data\n"
                     f"    chart: {chart}\n" for n, chart in enumerate(charts, start=1))
    (folder / "deck.yaml").write_text(f"title: Trust\n{extra}slides:\n{slides}")
    return folder / "deck.yaml"


def build(deck: Path) -> bytes:
    return render_pptx(compile_deck(deck))


def chart_parts(data: bytes) -> list[tuple[etree._Element, zipfile.ZipFile]]:
    """Each chart's XML (in slide order) with its embedded workbook opened."""
    prs = Presentation(io.BytesIO(data))
    found = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.CHART:
                part = shape.chart.part
                xml = etree.fromstring(part.blob)
                workbook = zipfile.ZipFile(io.BytesIO(part.chart_workbook.xlsx_part.blob))
                found.append((xml, workbook))
    return found


def sheet_cells(workbook: zipfile.ZipFile) -> dict[str, str | None]:
    """Cell reference -> its value as text (shared strings resolved); None for a blank."""
    strings = []
    if "xl/sharedStrings.xml" in workbook.namelist():
        shared = etree.fromstring(workbook.read("xl/sharedStrings.xml"))
        strings = ["".join(si.itertext()) for si in shared.iter(S + "si")]
    sheet = etree.fromstring(workbook.read("xl/worksheets/sheet1.xml"))
    cells: dict[str, str | None] = {}
    for cell in sheet.iter(S + "c"):
        value = cell.find(S + "v")
        text = None if value is None else value.text
        cells[cell.get("r")] = strings[int(text)] if cell.get("t") == "s" and text else text
    return cells


def val(element, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else found.get("val")


# ----- alt text, notes and highlights -----------------------------------------------------------

def descriptions(data: bytes) -> list[str]:
    prs = Presentation(io.BytesIO(data))
    return [shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
            for slide in prs.slides for shape in slide.shapes
            if shape.shape_type in (MSO_SHAPE_TYPE.CHART, MSO_SHAPE_TYPE.PICTURE)]


def test_alt_text_reads_every_value_in_order_with_its_format_and_the_highlight_note(tmp_path):
    deck = write_project(tmp_path, [
        '{type: column, data: border.csv, x: year, series: [n], number_format: compact, '
        'unit: Apprehensions, highlight: [{x: "2000", note: Record high}]}',
        '{type: grouped_column, data: trade.csv, x: year, series: [a, b], prefix: "$"}',
        '{type: pie, data: shares.csv, x: part, series: [v], number_format: percent, '
        'render: native}',
    ])
    column, grouped, pie = descriptions(build(deck))
    assert "(Apprehensions)" in column
    assert column.endswith("Values: 2000: 1.6 million (highlighted: Record high); "
                           "2010: 447,731; 2015: 331,333; 2016: 308,870; 2017: 303,916.")
    # several series: category by category, as a grouped bar is read; a gap is said
    assert ("Values: 1995: a $46, b $62; 1996: a $57, b $74; 2006: a $134, b $198; "
            "2016: a $230, b no value; 2017: a $243, b $314.") in grouped
    assert "Shares: Autos 32%, Machinery 21%, Other 47%." in pie


def test_a_chart_too_large_to_read_out_gets_its_table_in_the_speaker_notes(tmp_path):
    rows = MAX_POINTS + 5
    (tmp_path / "long.csv").write_text("year,v\n" + "".join(
        f"{1950 + i},{i * 10 + 3}\n" for i in range(rows)))
    deck = write_project(tmp_path, [
        '{type: line, data: long.csv, x: year, series: [v], highlight: [{x: "1960", '
        'note: Reform}]}'])
    data = build(deck)
    (alt,) = descriptions(data)
    assert "Values:" not in alt and "The full table is in the speaker notes." in alt
    assert "Highlighted: 1960: Reform." in alt and "maximum 343 (1984)" in alt
    notes = Presentation(io.BytesIO(data)).slides[0].notes_slide.notes_text_frame.text
    lines = notes.splitlines()
    assert lines[0] == "Chart data: year | v"
    assert lines[1:] == [f"{1950 + i} | {i * 10 + 3}" for i in range(rows)]


def lint_findings(capsys, deck: Path) -> list[dict]:
    main(["lint", str(deck), "--format", "json"])
    return json.loads(capsys.readouterr().out)["findings"]


def test_a_highlight_without_a_note_is_a_warning_at_its_line(tmp_path, capsys):
    deck = write_project(tmp_path, [
        '{type: column, data: border.csv, x: year, series: [n],\n'
        '            highlight: [{x: "2000", note: Record high},\n'
        '                        "2017"]}'])
    findings = [f for f in lint_findings(capsys, deck) if f["rule"] == "chart-highlight"]
    assert len(findings) == 1
    (finding,) = findings
    lines = deck.read_text().splitlines()
    assert lines[finding["line"] - 1][finding["col"] - 1:].startswith('"2017"')
    assert finding["severity"] == "warning" and "'2017'" in finding["message"]
    assert "note:" in finding["hint"]


def test_lint_says_what_a_native_chart_cannot_show_at_the_charts_line(tmp_path, capsys):
    deck = write_project(tmp_path, [
        '{type: grouped_column, data: trade.csv, x: year, series: [a, b], render: native}',
        '{type: grouped_column, data: trade.csv, x: year, series: [a, b]}',
        '{type: line, data: trade.csv, x: year, series: [a, b], render: native}'])
    findings = [f for f in lint_findings(capsys, deck) if f["rule"] == "chart-native"]
    assert [f["line"] for f in findings] == [6]  # the native bars only: lines break at gaps
    assert "'n/a'" in findings[0]["message"] and "2016" in findings[0]["message"]
    assert deck.read_text().splitlines()[5].lstrip().startswith("chart:")


# ----- native charts keep the picture's meaning ---------------------------------------------

NATIVE = {
    "column": '{type: column, data: trade.csv, x: year, series: [b], value_labels: all, '
              'highlight: [{x: "2006", note: Boom}], render: native}',
    "bar": '{type: bar, data: net.csv, x: period, series: [net], value_labels: all, '
           'render: native}',
    "grouped_column": '{type: grouped_column, data: trade.csv, x: year, series: [a, b], '
                      'render: native}',
    "stacked_column": '{type: stacked_column, data: trade.csv, x: year, series: [a, b], '
                      'render: native}',
    "line": '{type: line, data: trade.csv, x: year, series: [a, b], render: native}',
    "pie": '{type: pie, data: shares.csv, x: part, series: [v], number_format: percent, '
           'highlight: [{x: Autos, note: Largest}], render: native}',
    "donut": '{type: donut, data: shares.csv, x: part, series: [v], number_format: percent, '
             'render: native}',
}


@pytest.fixture(scope="module")
def native(tmp_path_factory) -> dict[str, tuple[etree._Element, zipfile.ZipFile]]:
    assert set(NATIVE) == set(NATIVE_TYPES)
    deck = write_project(tmp_path_factory.mktemp("native"), list(NATIVE.values()))
    return dict(zip(NATIVE, chart_parts(build(deck))))


@pytest.mark.parametrize("kind", NATIVE_TYPES)
def test_native_gaps_are_blank_never_zero(native, kind):
    xml, workbook = native[kind]
    assert xml.find(f".//{C}dispBlanksAs").get("val") == "gap"
    cells = sheet_cells(workbook)
    for series in xml.iter(C + "ser"):
        cache = series.find(f"{C}val/{C}numRef/{C}numCache")
        count = int(val(cache, C + "ptCount"))
        points = {int(pt.get("idx")): float(pt.findtext(C + "v")) for pt in cache.iter(C + "pt")}
        column = series.find(f"{C}val/{C}numRef/{C}f").text.split("!")[1].split(":")[0]
        letter = column.replace("$", "").rstrip("0123456789")
        for idx in range(count):
            cell = cells.get(f"{letter}{idx + 2}")
            if idx in points:
                assert float(cell) == points[idx]
            else:  # no point: the workbook cell is blank too, not 0
                assert cell is None


def test_native_bars_mark_skipped_years_and_lines_get_every_year(native):
    for kind in ("column", "grouped_column", "stacked_column"):
        xml, workbook = native[kind]
        categories = [pt.findtext(C + "v") for pt in xml.find(f".//{C}cat").iter(C + "pt")]
        assert categories == ["1995", "1996", "//", "2006", "//", "2016", "2017"], kind
    line, _ = native["line"]
    years = [pt.findtext(C + "v") for pt in line.find(f".//{C}cat").iter(C + "pt")]
    assert years == [str(y) for y in range(1995, 2018)]


@pytest.mark.parametrize("kind", ["column", "bar", "grouped_column", "stacked_column", "line"])
def test_native_value_axes_start_on_round_ticks_and_cover_the_data(native, kind):
    xml, _ = native[kind]
    axis = xml.find(f".//{C}valAx")
    low = float(val(axis, f"{C}scaling/{C}min"))
    high = float(val(axis, f"{C}scaling/{C}max"))
    step = float(val(axis, C + "majorUnit"))
    values = [float(v.text) for v in xml.findall(f".//{C}val//{C}v")]
    largest = 243.0 + 314.0 if kind == "stacked_column" else max(values)
    assert low <= min(0.0, *values) and high >= largest
    assert low <= 0 <= high  # bars and lines stand on zero, as in the pictures
    for limit in (low, high):
        assert abs(limit / step - round(limit / step)) < 1e-9, (limit, step)
    assert (high - low) / step <= 10  # round, readable steps
    if kind == "bar":  # -140 .. 2,300: no more ticks at 360, 860 …
        assert low == -500 and step == 500
        assert xml.find(f".//{C}catAx/{C}tickLblPos").get("val") == "low"  # clear of the bars
    # ticks in the picture's format: whole numbers need no decimals
    assert "." not in xml.find(f".//{C}valAx/{C}numFmt").get("formatCode")


def test_native_compact_format_tells_close_values_apart(tmp_path):
    deck = write_project(tmp_path, [
        '{type: column, data: border.csv, x: year, series: [n], number_format: compact, '
        'value_labels: all, render: native}'])
    ((xml, workbook),) = chart_parts(build(deck))
    code = xml.findtext(f".//{C}numCache/{C}formatCode")  # what the value labels show
    assert code.startswith('[>=1000000]#,##0.0,,"M";[>=1000]#,##0,"K"'), code
    styles = etree.fromstring(workbook.read("xl/styles.xml"))
    assert code in [f.get("formatCode") for f in styles.iter(S + "numFmt")]


def test_native_compact_labels_as_a_viewer_draws_them(tmp_path):
    """LibreOffice draws the native labels: three different years never read alike."""
    deck = write_project(tmp_path, [
        '{type: column, data: border.csv, x: year, series: [n], number_format: compact, '
        'value_labels: all, render: native}'])
    pptx = tmp_path / "out.pptx"
    pptx.write_bytes(build(deck))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(pptx)], check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "out.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    for label in ("1.6M", "448K", "331K", "309K", "304K"):
        assert label in text, (label, text)
    assert "0.3M" not in text


def fills(element) -> list[str]:
    return [c.get("val") for c in element.iterfind(f"./{C}spPr/*/{{*}}srgbClr")]


def test_native_series_take_the_palette_and_highlights_the_accent(native):
    column, _ = native["column"]
    (series,) = column.iter(C + "ser")
    assert fills(series) == [STYLE.color(0)]
    points = {int(val(p, C + "idx")): fills(p) for p in series.iter(C + "dPt")}
    assert points == {3: [STYLE.accent]}  # 2006 sits after the '//' category
    label = [d for d in series.iter(C + "dLbl") if val(d, C + "idx") == "3"][0]
    assert "Boom" in "".join(label.itertext())
    grouped, _ = native["grouped_column"]
    assert [fills(s) for s in grouped.iter(C + "ser")] == [[STYLE.color(0)], [STYLE.color(1)]]
    pie, _ = native["pie"]
    wedges = {int(val(p, C + "idx")): fills(p) for p in pie.iter(C + "dPt")}
    assert wedges[0] == [STYLE.accent] and wedges[1] == [STYLE.color(1)]
    line, _ = native["line"]
    assert [s.find(f"{C}spPr/{{*}}ln/{{*}}solidFill/{{*}}srgbClr").get("val")
            for s in line.iter(C + "ser")] == [STYLE.color(0), STYLE.color(1)]


def test_native_direct_labels_name_each_line_at_its_end(native):
    line, _ = native["line"]
    for series, name in zip(line.iter(C + "ser"), ("a", "b")):
        labels = list(series.iter(C + "dLbl"))
        assert len(labels) == 1 and "".join(labels[0].itertext()).strip() == name
        assert val(labels[0], C + "dLblPos") == "r"
    assert line.find(f".//{C}legend") is None


def test_native_workbook_has_the_headers_edit_data_shows(native):
    _, workbook = native["grouped_column"]
    cells = sheet_cells(workbook)
    assert (cells["A1"], cells["B1"], cells["C1"]) == ("year", "a", "b")
    assert [cells[f"A{r}"] for r in range(2, 9)] == ["1995", "1996", "//", "2006", "//",
                                                     "2016", "2017"]
    _, bar = native["bar"]
    assert sheet_cells(bar)["A1"] == "period"


def test_native_direct_labels_of_close_lines_are_nudged_apart(tmp_path):
    (tmp_path / "close.csv").write_text("year,a,b\n2014,131,129\n2015,140,137\n")
    deck = write_project(tmp_path, [
        '{type: line, data: close.csv, x: year, series: [a, b], value_labels: last, '
        'render: native}'])
    ((xml, _),) = chart_parts(build(deck))
    moved = {}
    for series in xml.iter(C + "ser"):
        (label,) = series.iter(C + "dLbl")
        manual = label.find(f"{C}layout/{C}manualLayout")
        moved["".join(label.itertext()).split()[0]] = (
            None if manual is None else float(val(manual, C + "y")))
        runs = label.findall(".//{*}r/{*}rPr")
        assert runs and runs[0].get("b") == "1"  # the run itself is styled
    assert moved["b"] is None and moved["a"] < 0  # the upper label moves up, clear of b's


def test_close_values_get_the_decimals_that_tell_them_apart(tmp_path):
    (tmp_path / "close.csv").write_text("year,v\n2014,5.8\n2015,6.1\n2016,5.9\n2017,6\n")
    deck = write_project(tmp_path, [
        '{type: column, data: close.csv, x: year, series: [v], value_labels: all, '
        'render: native}',
        '{type: column, data: close.csv, x: year, series: [v], value_labels: all, '
        'decimals: 0, render: native}'])
    data = build(deck)
    (xml, _), (fixed, _) = chart_parts(data)
    assert xml.findtext(f".//{C}numCache/{C}formatCode") == "#,##0.0"
    assert fixed.findtext(f".//{C}numCache/{C}formatCode") == "#,##0"  # as asked
    alt, _ = descriptions(data)
    assert "Values: 2014: 5.8; 2015: 6.1; 2016: 5.9; 2017: 6.0." in alt


def test_native_highlight_note_sits_above_its_value_and_quieter(native):
    """On a column the note is its own line(s) above the value, not bold and smaller, so
    it stays over its bar instead of spreading over the next bar's label (as in the
    picture); beside a horizontal bar it stays on the value's line."""
    column, _ = native["column"]
    (series,) = column.iter(C + "ser")
    label = [d for d in series.iter(C + "dLbl") if val(d, C + "idx") == "3"][0]
    A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    paragraphs = ["".join(p.itertext()) for p in label.iter(A + "p")]
    assert len(paragraphs) >= 2 and "Boom" in paragraphs[0] and "Boom" not in paragraphs[-1]
    note_run, value_run = (p.find(f"{A}r/{A}rPr") for p in list(label.iter(A + "p"))[::len(
        paragraphs) - 1])
    assert note_run.get("b") == "0" and value_run.get("b") == "1"
    assert int(note_run.get("sz")) < int(value_run.get("sz"))
