"""Provenance follows the data: a chart row without its source is a lint error at the CSV's
line, and a source line's range comes from the plotted rows (or, written by hand, is
flagged when it misses plotted years). Checked through the real CLI and the built file."""

from __future__ import annotations

import json
from pathlib import Path

from pptx import Presentation

from conftest import build
from deckbuilder.cli import main

DECK = """\
title: Apprehensions
slides:
  - kind: chart
    title: Apprehensions by Year
    chart:
      type: column
      data: counts.csv
      x: fiscal_year
      series: apprehensions
"""
CSV = "fiscal_year,apprehensions,source\n2015,331333,cbp-2016\n2016,408870,cbp-2016\n"
META = """\
sources:
  cbp-2016: {publisher: CBP, title: FY2016 statistics}
source_line: "Source: CBP, FY{first}–FY{last}"
"""


def project(folder: Path, csv: str = CSV, meta: str = META) -> Path:
    (folder / "deckbuilder.toml").write_text("", encoding="utf-8")
    (folder / "deck.yaml").write_text(DECK, encoding="utf-8")
    (folder / "counts.csv").write_text(csv, encoding="utf-8")
    (folder / "counts.meta.yaml").write_text(meta, encoding="utf-8")
    return folder / "deck.yaml"


def lint(capsys, deck: Path) -> tuple[int, list[dict]]:
    code = main(["lint", str(deck), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["findings"]


def source_text(pptx: Path) -> str:
    [slide] = Presentation(str(pptx)).slides
    return next(shape.text_frame.text for shape in slide.shapes if shape.name == "Source")


def test_a_row_added_without_its_source_is_an_error_at_its_csv_line(capsys, tmp_path):
    deck = project(tmp_path, CSV + "2017,303916,\n")
    code, findings = lint(capsys, deck)
    assert code == 1
    [finding] = findings
    assert (finding["rule"], finding["severity"]) == ("chart-row-source", "error")
    assert (Path(finding["file"]).resolve(), finding["line"], finding["col"]) == (
        (tmp_path / "counts.csv").resolve(), 4, 1)
    assert "no source" in finding["message"] and "counts.meta.yaml" in finding["hint"]
    assert main(["build", str(deck), "-o", str(tmp_path / "out.pptx")]) == 1
    assert not (tmp_path / "out.pptx").exists()  # never built with an unsourced value


def test_a_source_id_the_meta_file_does_not_know_is_an_error(capsys, tmp_path):
    code, findings = lint(capsys, project(tmp_path, CSV + "2017,303916,cbp-2017\n"))
    assert code == 1
    assert [(f["rule"], f["line"]) for f in findings] == [("chart-row-source", 4)]
    assert "'cbp-2017' is not one of counts.meta.yaml's sources" in findings[0]["message"]


def test_gap_rows_and_datasets_without_row_sources_need_none(capsys, tmp_path):
    assert lint(capsys, project(tmp_path, CSV + "2017,,\n")) == (0, [])
    other = tmp_path / "plain"
    other.mkdir()
    plain = "fiscal_year,apprehensions\n2015,331333\n2016,408870\n"
    assert lint(capsys, project(other, plain, 'source_line: "Source: CBP"\n')) == (0, [])


def test_the_source_range_follows_the_plotted_rows(capsys, tmp_path):
    deck = project(tmp_path)
    assert source_text(build(deck, tmp_path / "before.pptx")) == "Source: CBP, FY2015–FY2016"
    (tmp_path / "counts.csv").write_text(CSV + "2017,303916,cbp-2016\n2018,,\n",
                                         encoding="utf-8")
    after = build(deck, tmp_path / "after.pptx")  # (the empty 2018 row plots nothing)
    assert source_text(after) == "Source: CBP, FY2015–FY2017"


def test_a_written_range_that_misses_plotted_years_is_flagged(capsys, tmp_path):
    stale = META.replace("FY{first}–FY{last}", "FY2015–FY2016")
    deck = project(tmp_path, CSV + "2017,303916,cbp-2016\n", stale)
    code, findings = lint(capsys, deck)
    assert code == 0  # a warning: the line may name its years on purpose
    [finding] = findings
    assert finding["rule"] == "chart-source-range"
    assert "does not cover 2017" in finding["message"] and "{first}" in finding["hint"]
    (tmp_path / "counts.csv").write_text(CSV, encoding="utf-8")
    assert lint(capsys, deck) == (0, [])
