"""Reproducible output: the same inputs and tool version give the same bytes.

Builds run in separate processes with different hash seeds and separate chart caches, so
the chart PNGs are drawn twice, independently; a warm build reuses cached PNGs. Every one
must give identical bytes. ``SOURCE_DATE_EPOCH`` sets the document dates and nothing else.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from deckbuilder.cli import main
from deckbuilder.render.package import FIXED_TIME
from helpers import ALL_KINDS, SEED_DECK
from test_check import make_project

CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DCTERMS = "http://purl.org/dc/terms/"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def build_in_subprocess(deck: Path, out: Path, cache: Path, seed: str) -> bytes:
    env = dict(os.environ, DECKBUILDER_CACHE_DIR=str(cache), PYTHONHASHSEED=seed)
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run([sys.executable, "-m", "deckbuilder.cli", "build", str(deck), "-o",
                             str(out)], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def test_builds_in_separate_processes_are_byte_identical(seed_pptx, tmp_path):
    """Cold (charts drawn) in another process with another hash seed, then warm (charts
    from the cache): both equal the session's in-process build."""
    cache = tmp_path / "cache"
    cold = build_in_subprocess(SEED_DECK, tmp_path / "cold.pptx", cache, "1")
    assert any(cache.rglob("*.chart")), "the cold build drew its charts"
    warm = build_in_subprocess(SEED_DECK, tmp_path / "warm.pptx", cache, "2")
    reference = seed_pptx.read_bytes()
    assert cold == reference
    assert warm == reference
    with zipfile.ZipFile(io.BytesIO(cold)) as package:
        assert sum(name.endswith(".png") for name in package.namelist()) >= 5  # chart PNGs


def test_zip_entries_have_fixed_order_and_timestamps(seed_pptx):
    with zipfile.ZipFile(seed_pptx) as package:
        infos = package.infolist()
    names = [i.filename for i in infos]
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert names[2:] == sorted(names[2:])
    assert {i.date_time for i in infos} == {FIXED_TIME}
    assert len(set(names)) == len(names)


def test_no_default_template_metadata_is_left(seed_pptx):
    """python-pptx's template ships a thumbnail of an empty 4:3 slide and an app.xml that
    claims "Microsoft Macintosh PowerPoint", 4:3 and zero slides."""
    with zipfile.ZipFile(seed_pptx) as package:
        names = package.namelist()
        app = etree.fromstring(package.read("docProps/app.xml"))
        core = package.read("docProps/core.xml")
        rels = package.read("_rels/.rels")
        slides = sum(bool(re.fullmatch(r"ppt/slides/slide\d+\.xml", n)) for n in names)
        notes = sum(bool(re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n)) for n in names)
    assert not any("thumbnail" in name for name in names)
    assert b"thumbnail" not in rels
    assert app.findtext(f"{{{EP}}}Slides") == str(slides)
    assert app.findtext(f"{{{EP}}}Notes") == str(notes)
    assert app.findtext(f"{{{EP}}}Application") == "deckbuilder"
    assert app.findtext(f"{{{EP}}}PresentationFormat") == "Widescreen"  # PowerPoint's name for 13.33 x 7.5 in
    assert app.findtext(f"{{{EP}}}TotalTime") == "0"
    assert b"python-pptx" not in core


def core_dates(data: bytes) -> tuple[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        core = etree.fromstring(package.read("docProps/core.xml"))
    return (core.findtext(f"{{{DCTERMS}}}created"), core.findtext(f"{{{DCTERMS}}}modified"))


def differing_entries(a: bytes, b: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(a)) as first, zipfile.ZipFile(io.BytesIO(b)) as second:
        assert first.namelist() == second.namelist()
        return {n for n in first.namelist() if first.read(n) != second.read(n)}


def test_source_date_epoch_sets_the_dates_and_nothing_else(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plain = tmp_path / "plain.pptx"
    assert main(["build", str(ALL_KINDS), "-o", str(plain)]) == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = tmp_path / "first.pptx", tmp_path / "second.pptx"
    assert main(["build", str(ALL_KINDS), "-o", str(first)]) == 0
    assert main(["build", str(ALL_KINDS), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert core_dates(first.read_bytes()) == ("2023-11-14T22:13:20Z", "2023-11-14T22:13:20Z")
    assert differing_entries(plain.read_bytes(), first.read_bytes()) == {"docProps/core.xml"}


def test_output_does_not_depend_on_where_the_project_lives(tmp_path, monkeypatch):
    """The inputs manifest names files relative to the project, so two clones in different
    folders, built from different working directories, give the same bytes."""
    outputs = []
    for place in ("a", "b/deeper"):
        deck = make_project(tmp_path / place / "project")
        monkeypatch.chdir(deck.parent.parent)
        out = deck.parent / "out.pptx"
        assert main(["build", str(deck.relative_to(deck.parent.parent)), "-o", str(out)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("deck", [ALL_KINDS], ids=["all-kinds"])
def test_rebuilding_in_one_process_gives_the_same_bytes(deck, tmp_path):
    """No state leaks between builds (caches, patched python-pptx internals)."""
    first, second = tmp_path / "1.pptx", tmp_path / "2.pptx"
    assert main(["build", str(deck), "-o", str(first)]) == 0
    assert main(["build", str(deck), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
