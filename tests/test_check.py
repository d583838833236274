"""``deckbuilder build --check``: the inputs manifest and the up-to-date check.

The check compares content hashes (never modification times), names what changed, and fails
(exit 1) when the output is missing or stale with respect to the deck, its data files, chart
data and provenance, images, theme or deckbuilder's version.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from deckbuilder import freshness
from deckbuilder.cli import main
from helpers import FIXTURES

DECK = """\
title: Freshness test
date: 2024-05-01
data:
  facts: data/facts.csv
slides:
  - kind: title
  - kind: bullets
    title: "Visitors in {{ facts[0].year }}"
    items:
      - "{{ facts[0].visitors }} visitors came"
    notes: Speaker notes for the bullets.
  - kind: chart
    title: Widgets shipped
    source: "Source: test data"
    chart:
      type: line
      data: charts/widgets.csv
      x: year
      series: [shipped]
  - kind: image
    title: A picture
    image: images/photo.png
    alt: A small test photograph
"""

WIDGETS = "year,shipped\n2020,1200\n2021,1850\n2022,2400\n"
WIDGETS_META = "title: Widgets\nsource_line: 'Source: test data'\n"
FACTS = "year,visitors\n2023,4100\n"


def make_project(folder: Path) -> Path:
    """A small project exercising every kind of input; returns the deck file."""
    (folder / "data").mkdir(parents=True)
    (folder / "charts").mkdir()
    (folder / "images").mkdir()
    (folder / "deckbuilder.toml").write_text("# project root\n")
    (folder / "data" / "facts.csv").write_text(FACTS)
    (folder / "charts" / "widgets.csv").write_text(WIDGETS)
    (folder / "charts" / "widgets.meta.yaml").write_text(WIDGETS_META)
    shutil.copy(FIXTURES / "photo.png", folder / "images" / "photo.png")
    deck = folder / "deck.yaml"
    deck.write_text(DECK)
    return deck


@pytest.fixture()
def project(tmp_path) -> tuple[Path, Path]:
    deck = make_project(tmp_path / "project")
    out = tmp_path / "project" / "build" / "deck.pptx"
    assert main(["build", str(deck), "-o", str(out)]) == 0
    return deck, out


def run_check(deck: Path, out: Path, capsys, *options: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["build", str(deck), "-o", str(out), "--check", *options])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_check_passes_right_after_a_build(project, capsys):
    deck, out = project
    before = out.read_bytes()
    code, text = run_check(deck, out, capsys)
    assert code == 0, text
    assert "up to date" in text
    assert out.read_bytes() == before  # --check writes nothing


def test_check_fails_naming_a_changed_data_file(project, capsys):
    deck, out = project
    (deck.parent / "data" / "facts.csv").write_text("year,visitors\n2023,4200\n")
    code, text = run_check(deck, out, capsys)
    assert code == 1
    assert "data/facts.csv: content changed" in text
    assert "deckbuilder build" in text  # says how to fix it


@pytest.mark.parametrize("relative, content", [
    ("charts/widgets.csv", WIDGETS + "2023,3150\n"),
    ("charts/widgets.meta.yaml", WIDGETS_META + "unit: widgets\n"),
    ("deck.yaml", DECK.replace("A picture", "Another picture")),
])
def test_check_names_each_kind_of_text_input(project, capsys, relative, content):
    deck, out = project
    (deck.parent / relative).write_text(content)
    code, text = run_check(deck, out, capsys)
    assert code == 1
    assert f"{relative}: content changed" in text


def test_check_notices_a_changed_image(project, capsys):
    deck, out = project
    picture = deck.parent / "images" / "photo.png"
    picture.write_bytes(picture.read_bytes() + b"\0")  # trailing bytes: still a PNG
    code, text = run_check(deck, out, capsys)
    assert code == 1 and "images/photo.png: content changed" in text


def test_check_ignores_modification_times_and_line_endings(project, capsys):
    deck, out = project
    data = deck.parent / "data" / "facts.csv"
    os.utime(data, (1, 1))                    # an old mtime: a fresh clone has new ones
    os.utime(out, (0, 0))
    data.write_bytes(FACTS.replace("\n", "\r\n").encode())  # core.autocrlf on a checkout
    code, text = run_check(deck, out, capsys)
    assert code == 0, text


def test_check_passes_in_a_fresh_clone_elsewhere(project, tmp_path, capsys):
    deck, out = project
    clone = tmp_path / "elsewhere" / "clone"
    shutil.copytree(deck.parent, clone)       # every file gets a new mtime and a new path
    code, text = run_check(clone / "deck.yaml", clone / "build" / "deck.pptx", capsys)
    assert code == 0, text


def test_check_fails_when_the_output_is_missing(project, capsys):
    deck, out = project
    out.unlink()
    code, text = run_check(deck, out, capsys)
    assert code == 1 and "does not exist" in text


def test_check_fails_on_a_file_without_a_manifest(project, capsys):
    deck, out = project
    out.write_bytes(b"not a pptx")
    code, text = run_check(deck, out, capsys)
    assert code == 1 and "no inputs manifest" in text


def test_check_notices_a_new_input_and_a_created_provenance_file(project, capsys):
    deck, out = project
    meta = deck.parent / "charts" / "widgets.meta.yaml"
    meta.unlink()
    assert main(["build", str(deck), "-o", str(out)]) == 0
    meta.write_text(WIDGETS_META)
    code, text = run_check(deck, out, capsys)
    assert code == 1 and "charts/widgets.meta.yaml: created" in text


def test_check_notices_another_theme_and_a_new_tool_version(project, capsys, monkeypatch):
    deck, out = project
    code, text = run_check(deck, out, capsys, "--theme", "dark")
    assert code == 1 and "theme changed (default -> dark)" in text
    monkeypatch.setattr(freshness, "__version__", "99.0.0")
    code, text = run_check(deck, out, capsys)
    assert code == 1 and "deckbuilder version changed" in text and "99.0.0" in text


def test_manifest_lists_every_input_by_project_relative_name(project):
    deck, out = project
    manifest = freshness.read_manifest(out)
    assert manifest is not None
    names = {f.name: f.role for f in manifest.files}
    assert names["deck.yaml"] == "deck"
    assert names["data/facts.csv"] == "data file"
    assert names["charts/widgets.csv"] == "chart data file"
    assert names["charts/widgets.meta.yaml"] == "chart metadata"
    assert names["images/photo.png"] == "image"
    assert any(role == "theme" and name.endswith("default/theme.yaml")
               for name, role in names.items())
    assert not any(Path(name).is_absolute() for name in names)
    assert dict(manifest.options) == {"theme": "default"}


def test_manifest_is_a_well_formed_custom_xml_part(project):
    """Stored as customXml/itemN.xml with its itemProps part, related from the
    presentation, every relationship resolving and every part having a content type."""
    _, out = project
    with zipfile.ZipFile(out) as package:
        names = set(package.namelist())
        assert {"customXml/item1.xml", "customXml/itemProps1.xml",
                "customXml/_rels/item1.xml.rels"} <= names
        content_types = etree.fromstring(package.read("[Content_Types].xml"))
        rels = etree.fromstring(package.read("ppt/_rels/presentation.xml.rels"))
        targets = [r.get("Target") for r in rels if r.get("Type").endswith("/customXml")]
        assert targets == ["../customXml/item1.xml", "../customXml/item2.xml"]  # + the points
        overrides = {o.get("PartName") for o in content_types
                     if o.tag.endswith("Override")}
        defaults = {d.get("Extension") for d in content_types if d.tag.endswith("Default")}
        assert "/customXml/itemProps1.xml" in overrides and "xml" in defaults
        props = etree.fromstring(package.read("customXml/itemProps1.xml"))
        assert props.get(f"{{{freshness_ds()}}}itemID").startswith("{")


def freshness_ds() -> str:
    return "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


def test_manifest_round_trips():
    manifest = freshness.Manifest("1.2.3", (("theme", "dark"),), (
        freshness.InputFile("deck.yaml", "deck", "ab" * 32),
        freshness.InputFile("charts/x.meta.yaml", "chart metadata", None),
        freshness.InputFile("odd <name> & \"quotes\".csv", "data file", "cd" * 32),
    ))
    data = etree.tostring(manifest.to_element())
    assert freshness.Manifest.from_xml(data) == manifest
    assert freshness.Manifest.from_xml(b"<other/>") is None
    assert freshness.Manifest.from_xml(b"<not xml") is None
