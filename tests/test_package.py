"""Structural validity of the produced .pptx, checked on the zip and XML directly.

These are the causes of PowerPoint's "found a problem with content" repair prompt that
LibreOffice silently tolerates: duplicate shape ids, relationships pointing nowhere, parts
without a content type, control characters in text, empty table cells without a paragraph.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from deckbuilder.pipeline import compile_deck, render_pptx
from helpers import SEED_DECK

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DECKS = ["seed_pptx", "all_kinds_pptx", "all_kinds_4x3_pptx"]


@pytest.fixture(scope="module", params=DECKS)
def package(request) -> zipfile.ZipFile:
    path: Path = request.getfixturevalue(request.param)
    with zipfile.ZipFile(path) as z:
        yield z


def _xml_parts(z: zipfile.ZipFile):
    for name in z.namelist():
        if name.endswith((".xml", ".rels")):
            yield name, etree.fromstring(z.read(name))


def test_zip_is_sound(package):
    assert package.testzip() is None
    names = package.namelist()
    assert len(names) == len(set(names)), "duplicate zip entries"
    assert names[0] == "[Content_Types].xml"


def test_every_part_has_a_content_type(package):
    types = etree.fromstring(package.read("[Content_Types].xml"))
    defaults = {d.get("Extension").lower() for d in types.findall("ct:Default", NS)}
    overrides = {o.get("PartName") for o in types.findall("ct:Override", NS)}
    missing = [name for name in package.namelist() if name != "[Content_Types].xml"
               and "/" + name not in overrides
               and name.rsplit(".", 1)[-1].lower() not in defaults]
    assert missing == []
    # and no override names a part that is not there
    assert sorted(o for o in overrides if o[1:] not in package.namelist()) == []


def _resolve(rels_name: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    folder = posixpath.dirname(posixpath.dirname(rels_name))  # "ppt/slides/_rels" -> "ppt/slides"
    return posixpath.normpath(posixpath.join(folder, target))


def test_every_relationship_resolves(package):
    names = set(package.namelist())
    dangling = []
    for name in names:
        if not name.endswith(".rels"):
            continue
        source = posixpath.join(posixpath.dirname(posixpath.dirname(name)),
                                posixpath.basename(name)[:-len(".rels")])
        assert name == "_rels/.rels" or source in names, f"{name} describes a missing part"
        ids = []
        for rel in etree.fromstring(package.read(name)).findall("rel:Relationship", NS):
            ids.append(rel.get("Id"))
            if rel.get("TargetMode") == "External":
                continue
            if _resolve(name, rel.get("Target")) not in names:
                dangling.append((name, rel.get("Id"), rel.get("Target")))
        assert len(ids) == len(set(ids)), f"duplicate relationship ids in {name}"
    assert dangling == []


def test_every_r_id_in_a_part_is_declared(package):
    """r:id / r:embed references in XML all name a relationship of that part."""
    names = set(package.namelist())
    undeclared = []
    for name, root in _xml_parts(package):
        if name.endswith(".rels") or name == "[Content_Types].xml":
            continue
        rels_name = posixpath.join(posixpath.dirname(name), "_rels",
                                   posixpath.basename(name) + ".rels")
        declared = set()
        if rels_name in names:
            declared = {r.get("Id") for r in etree.fromstring(package.read(rels_name))
                        .findall("rel:Relationship", NS)}
        for element in root.iter():
            for attr, value in element.attrib.items():
                if attr.startswith(f"{{{NS['r']}}}") and value not in declared:
                    undeclared.append((name, attr, value))
    assert undeclared == []


def test_slides_are_all_listed_and_reachable(package):
    presentation = etree.fromstring(package.read("ppt/presentation.xml"))
    ids = [s.get("id") for s in presentation.findall("p:sldIdLst/p:sldId", NS)]
    slides = [n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    assert len(ids) == len(set(ids)) == len(slides)


def test_shape_ids_unique_per_slide(package):
    for name, root in _xml_parts(package):
        if not re.fullmatch(r"ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml", name):
            continue
        ids = [e.get("id") for e in root.iter(f"{{{NS['p']}}}cNvPr")]
        assert len(ids) == len(set(ids)), f"duplicate shape ids in {name}: {ids}"


def test_no_control_characters_in_text(package):
    bad = []
    for name, root in _xml_parts(package):
        for element in root.iter(f"{{{NS['a']}}}t"):
            if element.text and CONTROL.search(element.text):
                bad.append((name, element.text))
        for element in root.iter(f"{{{NS['p']}}}cNvPr"):
            if CONTROL.search(element.get("descr", "") + element.get("name", "")):
                bad.append((name, element.get("descr")))
    assert bad == []


def test_table_cells_have_a_paragraph(package):
    for name, root in _xml_parts(package):
        for cell in root.iter(f"{{{NS['a']}}}tc"):
            body = cell.find("a:txBody", NS)
            assert body is not None and body.find("a:p", NS) is not None, name


def test_core_properties_are_the_decks_own(package):
    core = package.read("docProps/core.xml").decode("utf-8")
    assert "python-pptx" not in core
    root = etree.fromstring(core.encode())
    assert root.findtext("dc:title", namespaces=NS)


def test_seed_core_properties(seed_pptx):
    if os.environ.get("SOURCE_DATE_EPOCH"):
        pytest.skip("SOURCE_DATE_EPOCH overrides the deck's date")
    with zipfile.ZipFile(seed_pptx) as z:
        root = etree.fromstring(z.read("docProps/core.xml"))
    assert root.findtext("dc:title", namespaces=NS) == "Importance of Partnership with Mexico"
    created = root.findtext("{http://purl.org/dc/terms/}created")
    # the deck's date ("2017", so its first day), never "now"
    assert created.startswith("2017-01-01"), created


def test_zip_timestamps_are_fixed(package):
    stamps = {info.date_time for info in package.infolist()}
    assert len(stamps) == 1


def test_two_builds_give_identical_bytes(seed_pptx):
    """A second build of the seed deck (through the pipeline, not the CLI) is byte-identical,
    and takes its charts from the cache the first build filled."""
    compiled = compile_deck(SEED_DECK)
    assert render_pptx(compiled) == seed_pptx.read_bytes()
    assert compiled.chart_stats.rendered == 0 and compiled.chart_stats.cached == 8


def test_cold_builds_give_identical_bytes(all_kinds_pptx, tmp_path, monkeypatch):
    """With an empty chart cache the charts are drawn again: still the same bytes."""
    from helpers import ALL_KINDS

    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(tmp_path / "empty-cache"))
    compiled = compile_deck(ALL_KINDS)
    assert render_pptx(compiled) == all_kinds_pptx.read_bytes()
    assert compiled.chart_stats.rendered == 2 and compiled.chart_stats.cached == 0


def test_build_is_independent_of_current_directory(all_kinds_pptx, tmp_path, monkeypatch):
    from helpers import ALL_KINDS

    monkeypatch.chdir(tmp_path)
    assert render_pptx(compile_deck(ALL_KINDS)) == all_kinds_pptx.read_bytes()
