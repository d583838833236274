"""Tables from CSV or deck data, and long tables split over slides (``overflow: continue``).

Built decks are opened with python-pptx and read back: the cells, each paragraph's
``a:pPr algn``, the ``a:gridCol w`` of every part and the run sizes. One split table is
rendered by LibreOffice and every word must lie inside its table (tests/test_viewer_fit.py).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation
from pptx.oxml.ns import qn

from deckbuilder.cli import main
from deckbuilder.layout.table import split_rows
from deckbuilder.pipeline import compile_deck
from deckbuilder.watch import build_once

from test_viewer_fit import PDFTOTEXT, SOFFICE, misplaced

TRADE = "year,exports,imports,share,region\n" + "".join(
    f"{year},{1000 + 37.25 * i:.2f},{1500.5 + 11 * i},{0.1 + i / 100:.3f},Region {i}\n"
    for i, year in enumerate(range(1990, 2030)))  # 40 rows
COLUMNS = """\
    columns:
      - {column: year, header: Year}
      - {column: exports, header: "Exports ($bn)", format: thousands, decimals: 1}
      - {column: share, header: Share, format: percent, decimals: 1, align: center}
      - {column: region, align: left}
"""


def project(tmp_path: Path, slides: str, csv: str = TRADE, data: str = "") -> Path:
    (tmp_path / "deckbuilder.toml").write_text("")
    (tmp_path / "trade.csv").write_text(csv)
    deck = tmp_path / "deck.yaml"
    deck.write_text(f"title: Tables\n{data}slides:\n{slides}")
    return deck


def build(deck: Path, capsys=None) -> Presentation:
    out = deck.with_suffix(".pptx")
    assert main(["build", str(deck), "-o", str(out)]) == 0, capsys.readouterr().err if capsys else ""
    return Presentation(str(out))


def tables(prs: Presentation) -> list:
    return [shape.table for slide in prs.slides for shape in slide.shapes if shape.has_table]


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def alignments(table) -> list[list[str | None]]:
    return [[cell.text_frame.paragraphs[0]._p.pPr.get("algn") for cell in row.cells]
            for row in table.rows]


def run_sizes(table) -> set[int]:
    return {int(r.get("sz")) for r in table._tbl.iter(qn("a:rPr"))}


def grid_widths(table) -> list[int]:
    return [int(col.get("w")) for col in table._tbl.tblGrid.iter(qn("a:gridCol"))]


def titles(prs: Presentation) -> list[str]:
    return [slide.shapes.title.text for slide in prs.slides]


# ----- a CSV table with chosen columns ------------------------------------------------------

def test_a_csv_table_shows_the_chosen_columns_with_headers_formats_and_alignment(tmp_path):
    csv = TRADE.splitlines(keepends=True)
    deck = project(tmp_path, "  - kind: table\n    title: Trade\n    data: trade.csv\n" + COLUMNS,
                   csv="".join(csv[:4]))
    [table] = tables(build(deck))
    assert cells(table) == [
        ["Year", "Exports ($bn)", "Share", "region"],
        ["1990", "1,000.0", "10.0%", "Region 0"],
        ["1991", "1,037.3", "11.0%", "Region 1"],  # 1037.25 rounds half up, as charts do
        ["1992", "1,074.5", "12.0%", "Region 2"],
    ]
    # the column's align, else the first column left and the others right
    assert alignments(table) == [["l", "r", "ctr", "l"]] * 4


def test_columns_default_to_every_csv_column_and_rows_keep_working(tmp_path):
    deck = project(tmp_path, """\
  - kind: table
    title: All columns
    data: trade.csv
    overflow: continue
  - kind: table
    title: Written out
    columns: [Item, {header: Amount, format: currency}]
    rows:
      - [Widgets, 1200]
      - [Gadgets, "n/a"]
""")
    prs = build(deck)
    *split, written = tables(prs)
    assert cells(split[0])[0] == ["year", "exports", "imports", "share", "region"]
    assert cells(split[0])[1] == TRADE.splitlines()[1].split(",")  # shown as written
    assert cells(written) == [["Item", "Amount"], ["Widgets", "$1,200"], ["Gadgets", "n/a"]]


def test_a_table_takes_rows_from_the_decks_data_through_a_template(tmp_path):
    deck = project(tmp_path, """\
  - kind: table
    title: "Latest {{ trade | length }} years"
    data: "{{ trade[-3:] }}"
    columns: [year, {column: imports, header: Imports, format: thousands, decimals: 1}]
""", data="data:\n  trade: trade.csv\n")
    prs = build(deck)
    assert titles(prs) == ["Latest 40 years"]
    assert cells(tables(prs)[0]) == [["year", "Imports"], ["2027", "1,907.5"],
                                     ["2028", "1,918.5"], ["2029", "1,929.5"]]


def test_only_a_lone_expression_gives_its_list_and_anything_else_stays_text(tmp_path):
    deck = project(tmp_path, """\
  - kind: bullets
    title: "{{ trade | length }}"
    items: ["Years: {{ trade[:2] | map(attribute='year') | list }}", "{{ trade[0].year }}"]
""", data="data:\n  trade: trade.csv\n")
    [slide] = build(deck).slides
    assert [p.text for s in slide.shapes if s.has_text_frame and s != slide.shapes.title
            for p in s.text_frame.paragraphs][:2] == ["Years: [1990, 1991]", "1990"]


@pytest.mark.parametrize("expression, message", [
    ("{{ [{'year': nope}] }}", r"template error: 'nope' is undefined; define it under 'data:'"),
    ("{{ [{'year': range}] }}", r"template error: the value holds a function, not data"),
    ("{{ trade[0] }}", r"'data': Input should be a valid string; or Input should be a valid list"),
])
def test_templated_rows_that_are_not_rows_are_errors_at_their_line(tmp_path, capsys,
                                                                    expression, message):
    deck = project(tmp_path, f'  - kind: table\n    title: T\n    data: "{expression}"\n',
                   data="data:\n  trade: trade.csv\n")
    err = error_of(deck, capsys)
    line = line_of(deck, "    data: ")
    assert re.search(rf"deck\.yaml:{line}:\d+: error: {message}", err), err


# ----- overflow: continue -------------------------------------------------------------------

LONG = """\
  - kind: table
    title: Forty years of trade
    source: "Source: test data"
    notes: Only on the first part.
    data: trade.csv
    overflow: continue
""" + COLUMNS


def test_a_long_table_splits_with_the_header_repeated_and_one_size_and_grid(tmp_path):
    deck = project(tmp_path, LONG, csv=TRADE + "2030,2500.00,1940.5,0.500,Region 40\n")
    prs = build(deck)
    parts = tables(prs)
    assert len(parts) >= 2 and len(prs.slides) == len(parts)
    assert titles(prs) == ["Forty years of trade"] + ["Forty years of trade (cont.)"] * (
        len(parts) - 1)
    header = cells(parts[0])[0]
    assert all(cells(part)[0] == header for part in parts)
    body = [row for part in parts for row in cells(part)[1:]]
    assert [row[0] for row in body] == [str(year) for year in range(1990, 2031)]  # all, in order
    theme_size = compile_deck(deck).theme.sizes.secondary  # measured once, never shrunk
    assert all(run_sizes(part) == {round(theme_size * 100)} for part in parts)
    assert len({tuple(grid_widths(part)) for part in parts}) == 1     # the same column widths
    counts = [len(part.rows) - 1 for part in parts]
    assert max(counts) - min(counts) <= 1  # filled evenly, not one full part and a stub
    notes = [slide.has_notes_slide and slide.notes_slide.notes_text_frame.text
             for slide in prs.slides]
    assert notes[0] == "Only on the first part." and not any(notes[1:])
    for slide in prs.slides:  # every part keeps its source line, inside the slide
        [frame] = [s for s in slide.shapes if s.has_table]
        assert frame.top + frame.height <= prs.slide_height
        assert any(s.has_text_frame and s.text_frame.text == "Source: test data"
                   for s in slide.shapes)


def test_the_outline_lists_every_part_with_its_header_row(tmp_path, capsys):
    deck = project(tmp_path, LONG)
    parts = len(tables(build(deck)))
    capsys.readouterr()
    assert main(["outline", str(deck)]) == 0
    text = capsys.readouterr().out
    assert text.count("| Year | Exports ($bn) | Share | region |\n| :-- | --: | :-: | :-- |") == parts
    assert re.findall(r"^## \d+\. (.*)$", text, re.M) == titles(Presentation(
        str(deck.with_suffix(".pptx"))))
    assert "| 2029 | 2,452.8 | 49.0% | Region 39 |" in text


def test_a_table_that_fits_one_slide_is_not_split(tmp_path):
    short = "".join(TRADE.splitlines(keepends=True)[:6])
    prs = build(project(tmp_path, LONG, csv=short))
    assert titles(prs) == ["Forty years of trade"] and len(cells(tables(prs)[0])) == 6


@given(st.lists(st.integers(1, 900), min_size=1, max_size=60), st.integers(1_000, 3_000))
def test_split_rows_keeps_order_fits_each_part_and_uses_as_few_parts_as_greedy(heights, room):
    parts = split_rows(heights, room)
    assert [i for part in parts for i in part] == list(range(len(heights)))
    assert all(sum(heights[i] for i in part) <= room for part in parts)  # every row < room
    greedy, used = 1, 0
    for height in heights:
        if used and used + height > room:
            greedy, used = greedy + 1, 0
        used += height
    assert len(parts) == greedy


# ----- bad input ----------------------------------------------------------------------------

def error_of(deck: Path, capsys) -> str:
    out = deck.with_suffix(".pptx")
    out.write_bytes(b"previous build")
    assert main(["build", str(deck), "-o", str(out)]) == 1
    assert out.read_bytes() == b"previous build"  # no output damaged
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Error:" not in err
    return err


def line_of(deck: Path, text: str) -> int:
    return next(n for n, line in enumerate(deck.read_text().splitlines(), 1) if text in line)


@pytest.mark.parametrize("mistake, found, at, message", [
    ("{column: exports, header: \"Exports ($bn)\", format: thousands, decimals: 1}",
     "{column: exprots, header: X}", "exprots",
     r"column 'exprots' is not in 'trade.csv' \(did you mean 'exports'\?\); its columns: year,"),
    ("format: percent", "format: percnt", "percnt",
     r"'format': unknown number format 'percnt' \(did you mean 'percent'\?\); use one of: "),
    ("data: trade.csv", "data: missing.csv", "missing.csv",
     r"table data file 'missing.csv' not found"),
    ("data: trade.csv", "data: trade.xlsx", "trade.xlsx",
     r"table data 'trade.xlsx' must be a .csv file, or rows from the deck's 'data:'"),
    ("{column: year, header: Year}", "{column: year, header: Year, decimals: 1}", "decimals",
     r"'columns': 'decimals', 'prefix' and 'suffix' apply to a number 'format'; add one"),
    ("overflow: continue", "overflow: fit", "data:",
     r"the table has 40 rows, more than the 20 one slide holds; set 'overflow: continue'"),
])
def test_bad_table_input_is_an_error_at_its_line(tmp_path, capsys, mistake, found, at, message):
    deck = project(tmp_path, LONG.replace(mistake, found))
    err = error_of(deck, capsys)
    assert re.search(rf"deck\.yaml:{line_of(deck, at)}:\d+: error: {message}", err), err


def test_a_split_table_holds_at_most_a_thousand_rows(tmp_path, capsys):
    many = "year,n\n" + "".join(f"{i},{i}\n" for i in range(1001))
    deck = project(tmp_path, LONG.split("    columns:")[0], csv=many)
    assert re.search(rf"deck\.yaml:{line_of(deck, 'data:')}:\d+: error: the table has 1,001 "
                     r"rows, over the limit of 1,000 for a table split over slides",
                     error_of(deck, capsys))


def test_a_table_too_long_without_continue_says_to_use_it(tmp_path, capsys):
    wide = "year,text\n" + "".join(f"{y},{'a long cell that wraps in its column ' * 4}\n"
                                   for y in range(2000, 2016))
    deck = project(tmp_path, "  - kind: table\n    title: Long\n    data: trade.csv\n", csv=wide)
    err = error_of(deck, capsys)
    assert re.search(rf"deck\.yaml:{line_of(deck, 'data:')}:\d+: error: the table has too many "
                     r"rows for one slide even at \d+ pt \[overflow\]\n\s+hint: set 'overflow: continue'", err), err


# ----- the CSV is an input of the build -----------------------------------------------------

def test_the_csv_is_an_input_of_build_check_and_watch(tmp_path, capsys):
    deck = project(tmp_path, LONG)
    out = tmp_path / "deck.pptx"
    outcome = build_once(deck, out)
    assert outcome.ok and (tmp_path / "trade.csv").resolve() in outcome.inputs
    assert main(["build", str(deck), "-o", str(out), "--check"]) == 0
    (tmp_path / "trade.csv").write_text(TRADE + "2030,1,2,0.5,Region 40\n")
    capsys.readouterr()
    assert main(["build", str(deck), "-o", str(out), "--check"]) == 1
    assert "trade.csv: content changed" in capsys.readouterr().err


# ----- what a viewer shows ------------------------------------------------------------------

@pytest.mark.skipif(not (SOFFICE and PDFTOTEXT), reason="needs LibreOffice and poppler")
def test_every_part_of_a_split_table_shows_every_word_inside_its_table(tmp_path):
    wrapping = "year,exports,share,region\n" + "".join(
        f"{y},{y * 1.5},{(y % 7) / 10},{'Region with a long name that wraps ' * (y % 3 + 1)}\n"
        for y in range(1990, 2020))
    deck = project(tmp_path, LONG.replace("- {column: region, align: left}",
                                          "- {column: region, header: Where, align: left}"),
                   csv=wrapping)
    prs = build(deck)
    assert len(tables(prs)) >= 3
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(deck.with_suffix(".pptx"))], check=True, capture_output=True, timeout=300)
    problems, checked = misplaced(deck.with_suffix(".pptx"), deck.with_suffix(".pdf"))
    assert checked > 300
    assert problems == [], "\n".join(problems[:20])
