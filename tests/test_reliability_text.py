"""Issue 12, text, data and numbers: characters XML cannot hold, CSV files that trip the csv
module, labels that would be formulas in a native chart's workbook, numbers outside the
file format's ranges, and messages that blamed deckbuilder for input the user can fix.

Every case builds a hostile project in ``tmp_path`` and runs the real CLI in-process (under
a time limit): the outcome is exit 0 with a well-formed output, or exit 1 with located
errors that say what to do, never an internal error (exit 70) or a "report it" hint.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from deckbuilder.cli import main

from helpers import time_limit

# Characters XML 1.0 cannot hold, as YAML double-quoted escapes (a lone surrogate only a
# template can make), and those a UTF-8 file can hold.
YAML_ESCAPES = [r"\uFFFE", r"\uFFFF", r"\x01", r"\x1F", r"{{ '\\ud800' }}", r"\x0B"]
FILE_CHARS = ["\ufffe", "\uffff", "\x01", "\x1f", "\x0c"]
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def project(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A project folder with ``files``; returns the deck (``deck.yaml``)."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "deckbuilder.toml").write_text("", encoding="utf-8")
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root / "deck.yaml"


def build(deck: Path, capsys) -> tuple[int, str, Path]:
    """Run ``deckbuilder build``; returns the exit code, stderr and the output path."""
    out = deck.parent.parent / "out.pptx"
    with time_limit(120):
        code = main(["build", str(deck), "-o", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    assert "report it" not in err, err
    assert code in (0, 1), err
    assert (code == 0) == out.exists(), err
    return code, err, out


def parts(out: Path) -> dict[str, bytes]:
    """Every part of the package, and of each embedded workbook, by name."""
    found = {}
    with zipfile.ZipFile(out) as package:
        for name in package.namelist():
            data = package.read(name)
            found[name] = data
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(data)) as workbook:
                    found.update({f"{name}!{inner}": workbook.read(inner)
                                  for inner in workbook.namelist()})
    return found


def well_formed(out: Path) -> dict[str, str]:
    """Parse every XML part strictly; returns their text. The package must reopen too."""
    Presentation(str(out))
    texts = {}
    for name, data in parts(out).items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(data, etree.XMLParser(resolve_entities=False))
            texts[name] = data.decode("utf-8")
    return texts


def succeeds(deck: Path, capsys) -> dict[str, str]:
    code, err, out = build(deck, capsys)
    assert code == 0, err
    return well_formed(out)


def fails(deck: Path, capsys, *expected: str) -> str:
    code, err, out = build(deck, capsys)
    assert code == 1, err
    for fragment in expected:
        assert fragment in err, err
    assert all(re.match(r"^\S+:\d+:\d+: error: |^    hint: |^\S+: \d+ error", line)
               for line in err.splitlines() if line), err
    return err


def png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


# ----- 1. text XML cannot hold, from every source, reaching every part ---------------------

def hostile_deck(escape: str) -> str:
    bad = f"A{escape}B"
    return f'''title: "T {bad}"
author: "Au {bad}"
subtitle: "Sub {bad}"
footer: "Foot {bad}"
data:
  rows: rows.csv
slides:
  - kind: title
  - kind: bullets
    title: "Bullets {bad}"
    notes: "Notes {bad} {{{{ rows[0].name }}}}"
    items: ["Item {bad}", "From data {{{{ rows[0].name }}}}"]
  - kind: table
    title: Table
    columns: ["Col {bad}", "Data"]
    rows: [["Cell {bad}", "{{{{ rows[0].name }}}}"]]
  - kind: image
    title: Image
    image: photo.png
    alt: "Alt {bad}"
    caption: "Caption {bad}"
  - kind: chart
    title: Picture chart
    chart: {{type: line, data: charts/series.csv, x: year, series: [{{column: value}}]}}
  - kind: chart
    title: Native chart
    chart:
      type: column
      render: native
      data: charts/series.csv
      x: year
      series: [{{column: value}}]
  - kind: chart
    title: Inline chart
    chart:
      type: bar
      render: native
      title: "Chart {bad}"
      unit: "Unit {bad}"
      data: [{{x: "Cat {bad}", v: 1}}, {{x: b, v: 2}}]
      x: x
      series: [{{column: v, label: "Series {bad}"}}]
'''


def hostile_files(char: str) -> dict[str, str | bytes]:
    bad = f"A{char}B"
    return {
        "rows.csv": f"name,n\nRow {bad},3\n",
        "photo.png": png(40, 30),
        "charts/series.csv": f"year,value\n2020 {bad},1\n2021,2\n2022,3\n",
        "charts/series.meta.yaml": ('source_line: "Source \\uFFFE\\x01"\nunit: "Unit \\x02"\n'
                                    'title: "Title \\uFFFF"\nseries: {value: {label: "L\\x03"}}\n'),
    }


@pytest.mark.parametrize("escape, char", list(zip(YAML_ESCAPES, FILE_CHARS + ["\x0b"])))
def test_text_xml_cannot_hold_is_cleaned_before_any_part(escape, char, tmp_path, capsys):
    """Deck text (slides, notes, alt text, table cells, chart titles and labels, document
    properties), data CSV cells put into text by templates, chart CSV cells and .meta.yaml
    text: the build writes well-formed parts (workbooks included) with the text kept."""
    deck = project(tmp_path, {"deck.yaml": hostile_deck(escape), **hostile_files(char)})
    texts = succeeds(deck, capsys)
    for name, text in texts.items():
        assert not NOT_XML.search(text), name
    everything = "".join(texts.values())
    joined = "A B" if escape == r"\x0B" else "AB"  # a line-separating control is a space
    for kept in ("Bullets", "Item", "Cell", "Col", "Alt", "Caption", "Notes", "Cat"):
        assert f"{kept} {joined}" in everything, kept
    core = texts["docProps/core.xml"]
    assert f"T {joined}" in core and f"Au {joined}" in core
    assert "Row A" in everything and "Source " in everything


def test_theme_text_is_cleaned(tmp_path, capsys):
    theme = (Path(__file__).resolve().parents[1] / "themes" / "default" / "theme.yaml").read_text()
    theme = theme.replace("heading: Calibri", 'heading: "Cal\\x01ibri\\uFFFE"')
    deck = project(tmp_path, {"themes/t/theme.yaml": theme,
                              "deck.yaml": "title: T\ntheme: t\nslides:\n  - kind: section\n"
                                           "    title: S\n"})
    texts = succeeds(deck, capsys)
    assert 'typeface="Calibri"' in "".join(texts.values())


# ----- 3. native chart workbooks hold values, never formulas --------------------------------

@pytest.mark.parametrize("label", ["=1+2", '=HYPERLINK("http://example.com","x")',
                                   "=cmd|' /C calc'!A0", "{=A1}", "http://example.com/"])
def test_native_chart_workbook_cells_are_values(label, tmp_path, capsys):
    """XlsxWriter's write() makes formulas of '=' and '{=' and links of URLs; a text cell
    beginning with '+', '-' or '@' is inert, and stays text."""
    deck = project(tmp_path, {
        "charts/c.csv": f'x,v\n"{label.replace(chr(34), chr(34) * 2)}",1\nb,2\n',
        "deck.yaml": ("title: T\nslides:\n  - kind: chart\n    title: C\n    chart:\n"
                      "      type: column\n      render: native\n      data: charts/c.csv\n"
                      "      x: x\n      series: [{column: v, label: '" + label.replace("'", "''")
                      + "'}]\n")})
    texts = succeeds(deck, capsys)
    sheets = {name: text for name, text in texts.items() if "!xl/worksheets/" in name}
    assert sheets
    for text in sheets.values():
        assert "<f>" not in text and "<f " not in text and "hyperlink" not in text.lower()
    strings = next(t for n, t in texts.items() if n.endswith("!xl/sharedStrings.xml"))
    assert f"<t>{label}</t>" in strings  # the category and the series name, as text


# ----- 2. CSV files ---------------------------------------------------------------------------

CHART_DECK = ("title: T\nslides:\n  - kind: chart\n    title: C\n    chart: {type: column, "
              "data: charts/c.csv, x: year, series: [{column: value}]}\n")
DATA_DECK = ("title: T\ndata:\n  rows: charts/c.csv\nslides:\n  - kind: bullets\n"
             "    title: \"{{ rows | length }} rows, last {{ rows[-1].year }}\"\n"
             "    items: [\"{{ rows[0].value }}\"]\n")
BOTH = pytest.mark.parametrize("deck_text", [CHART_DECK, DATA_DECK], ids=["chart", "data"])


@BOTH
def test_csv_row_longer_than_its_header(deck_text, tmp_path, capsys):
    deck = project(tmp_path, {"deck.yaml": deck_text,
                              "charts/c.csv": "year,value\n2020,1\n2021,2,3\n"})
    fails(deck, capsys, "c.csv:3:1: error: row has 3 fields but the header names 2 columns; "
                        "quote fields that contain commas")


def test_csv_empty_trailing_fields_are_harmless(tmp_path, capsys):
    deck = project(tmp_path, {"deck.yaml": CHART_DECK,
                              "charts/c.csv": "year,value\n2020,1,\n2021,2,,\n"})
    succeeds(deck, capsys)


@BOTH
@pytest.mark.parametrize("quote", ['"', ""], ids=["unclosed-quote", "long-field"])
def test_csv_field_over_the_size_limit(deck_text, quote, tmp_path, capsys):
    big = "x" * 200_000 + ("" if quote else ",2")
    deck = project(tmp_path, {"deck.yaml": deck_text,
                              "charts/c.csv": f"year,value\n2020,1\n\n{quote}{big}\n2022,3\n"})
    fails(deck, capsys, "c.csv:4:1: error: a field starting on this line is longer than "
                        "131,072 characters; close the quote opened here, or shorten the field")


NATIVE_DECK = CHART_DECK.replace("type: column,", "type: column, render: native,")


@pytest.mark.parametrize("deck_text", [NATIVE_DECK, DATA_DECK], ids=["chart", "data"])
def test_csv_with_cr_only_line_endings(deck_text, tmp_path, capsys):
    rows = "\r".join(["year,value", "2020,7", "2021,8", '"2022",9']) + "\r"
    deck = project(tmp_path, {"deck.yaml": deck_text, "charts/c.csv": rows})
    text = "".join(succeeds(deck, capsys).values())
    if deck_text is DATA_DECK:
        assert "3 rows, last 2022" in text and ">7<" in text
    else:
        assert all(f"<c:v>{value}</c:v>" in text for value in ("2020", "2022", "7.0", "9.0"))


@pytest.mark.parametrize("value, expected", [
    ("[a, b]", "c.meta.yaml:1:14: error: 'source_line' must be text; quote it or remove it"),
    ("{a: 1}", "c.meta.yaml:1:14: error: 'source_line' must be text"),
    ("true", "c.meta.yaml:1:14: error: 'source_line' must be text"),
    ("2020-01-01", "c.meta.yaml:1:14: error: 'source_line' must be text"),
])
def test_meta_source_line_that_is_not_text(value, expected, tmp_path, capsys):
    deck = project(tmp_path, {"deck.yaml": CHART_DECK, "charts/c.csv": "year,value\n2020,1\n",
                              "charts/c.meta.yaml": f"source_line: {value}\n"})
    fails(deck, capsys, expected)


def test_meta_numbers_are_text(tmp_path, capsys):
    deck = project(tmp_path, {"deck.yaml": CHART_DECK, "charts/c.csv": "year,value\n2020,1\n",
                              "charts/c.meta.yaml": "source_line: 2020\nunit: 1000\n"
                                                    "series: {value: {label: 5}}\n"})
    assert "2020" in "".join(succeeds(deck, capsys).values())


def test_meta_series_label_that_is_not_text(tmp_path, capsys):
    deck = project(tmp_path, {"deck.yaml": CHART_DECK, "charts/c.csv": "year,value\n2020,1\n",
                              "charts/c.meta.yaml": "series:\n  value:\n    label: [x]\n"})
    fails(deck, capsys, "c.meta.yaml:3:12: error: 'label' must be text")


# ----- 4. numbers within the file format's ranges ------------------------------------------

def theme_project(tmp_path: Path, change: tuple[str, str]) -> Path:
    theme = (Path(__file__).resolve().parents[1] / "themes" / "default" / "theme.yaml").read_text()
    old, new = change
    assert old in theme
    return project(tmp_path, {
        "themes/t/theme.yaml": theme.replace(old, new),
        "deck.yaml": "title: T\ntheme: t\nslides:\n  - kind: bullets\n    title: B\n"
                     "    items: [one, two]\n"})


THEME_NUMBERS = [
    ("  title: 32", "  title: 0", "sizes.title: Input should be greater than or equal to 1"),
    ("  title: 32", "  title: -5", "sizes.title: Input should be greater than or equal to 1"),
    ("  body: 22", "  body: .nan", "sizes.body: Input should be a finite number"),
    ("  body: 22", "  body: .inf", "sizes.body: Input should be a finite number"),
    ("  source: 11", "  source: 5000", "sizes.source: Input should be less than or equal to 4000"),
    ("  gutter: 0.4", "  gutter: -0.1", "grid.gutter: Input should be greater than or equal"),
    ("  gutter: 0.4", "  gutter: .nan", "grid.gutter: Input should be a finite number"),
    ("  rule_height: 0.055", "  rule_height: 0", "grid.rule_height: Input should be greater "
                                                 "than 0"),
    ("  margin_left: 0.65", "  margin_left: 1e308", "grid.margin_left: Input should be less"),
    ("line_spacing: 1.1", "line_spacing: .nan", "line_spacing: Input should be a finite"),
    ("paragraph_space: 10", "paragraph_space: .inf", "paragraph_space: Input should be a finite"),
    ("line_spacing: 1.1", 'line_spacing: 1.1\nbullet: "\\0"', "bullet: the bullet is one "
                                                             "visible character"),
    ("line_spacing: 1.1", 'line_spacing: 1.1\nbullet: ""', "bullet: the bullet is one"),
    ("line_spacing: 1.1", 'line_spacing: 1.1\nbullet: " "', "bullet: the bullet is one"),
]


@pytest.mark.parametrize("old, new, expected", THEME_NUMBERS,
                         ids=[n.strip().replace("\n", " ") for _, n, _ in THEME_NUMBERS])
def test_theme_numbers_outside_the_format_are_refused_at_their_line(old, new, expected,
                                                                      tmp_path, capsys):
    deck = theme_project(tmp_path, (old, new))
    theme_text = (deck.parent / "themes" / "t" / "theme.yaml").read_text()
    line = theme_text[:theme_text.index(new)].count("\n") + new.count("\n") + 1
    fails(deck, capsys, f"theme.yaml:{line}:", expected)


@pytest.mark.parametrize("start, expected", [
    ("0", "'start': Input should be greater than or equal to 1; or Input should be 'continue'"),
    ("-3", "'start': Input should be greater than or equal to 1"),
    ("32768", "'start': Input should be less than or equal to 32767; or Input should be"),
])
def test_list_start_outside_startat_range(start, expected, tmp_path, capsys):
    deck = project(tmp_path, {"deck.yaml": "title: T\nslides:\n  - kind: bullets\n    title: B\n"
                                           f"    numbered: true\n    start: {start}\n"
                                           "    items: [one, two]\n"})
    fails(deck, capsys, "deck.yaml:6:12: error: " + expected)


# ----- 5. messages that say what to do -----------------------------------------------------

@pytest.mark.parametrize("width, height, shape", [(30_000_000, 1, "wider than tall"),
                                                  (1, 30_000_000, "taller than wide"),
                                                  (1010, 10, "wider than tall")])
def test_extreme_aspect_image(width, height, shape, tmp_path, capsys):
    deck = project(tmp_path, {"line.png": png(width, height),
                              "deck.yaml": "title: T\nslides:\n  - kind: image\n    title: I\n"
                                           "    image: line.png\n    alt: a line\n"})
    fails(deck, capsys, f"deck.yaml:5:12: error: image is {width}x{height} pixels, more than "
                        f"100 times {shape}, too thin to show on a slide; crop or pad it")


@pytest.mark.parametrize("old, new, what", [
    ("  margin_left: 0.65", "  margin_left: 20", "margin_left + margin_right take 20.65 in"),
    ("  margin_top: 0.45", "  margin_top: 6", "the margins, title and footer bands and gaps "
                                              "take 8.05 in"),
])
def test_margins_that_fill_the_slide(old, new, what, tmp_path, capsys):
    deck = theme_project(tmp_path, (old, new))
    fails(deck, capsys, "theme.yaml:34:3: error: invalid theme: grid: " + what,
          "leaving less than 1 in for content on a 10 x 7.5 in (4:3) slide; make them smaller")


def test_template_slide_of_size_zero(tmp_path, capsys):
    prs = Presentation()
    size = prs.part._element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz")
    size.set("cx", "0")
    size.set("cy", "0")
    buffer = io.BytesIO()
    prs.save(buffer)
    deck = project(tmp_path, {"t.pptx": buffer.getvalue(),
                              "deck.yaml": "title: T\ntemplate: t.pptx\nslides:\n"
                                           "  - kind: bullets\n    title: B\n    items: [a]\n"})
    fails(deck, capsys, "deck.yaml:2:11: error: template 't.pptx': its slides are 0 x 0 in, "
                        "outside the 1 to 56 in a side the format allows; set its slide size "
                        "in PowerPoint")


@pytest.mark.parametrize("key", ["on", "yes", "No", "null", "~", "0x1F"])
def test_keys_are_reported_as_written(key, tmp_path, capsys):
    deck = project(tmp_path, {"deck.yaml": f"title: T\n{key}: 1\nslides:\n  - kind: section\n"
                                           "    title: S\n"})
    fails(deck, capsys, f"deck.yaml:2:1: error: unknown field '{key}'; remove it or check its "
                        "spelling")
