"""Output validity: every deck the tests build opens cleanly in other software.

For the seed deck in each shipped theme and for the test decks:

* python-pptx re-opens the file and sees every slide;
* the package is structurally sound — what PowerPoint's "repair" prompt reacts to and
  LibreOffice silently forgives: shape ids unique on each slide, every internal relationship
  pointing at a part that exists, every ``r:id`` a part uses declared in its relationships,
  every part with a content type, every slide listed once in presentation.xml;
* LibreOffice (headless, with a private profile, under a timeout) converts it to a PDF with
  exactly one page per slide.

The LibreOffice check skips when ``soffice`` is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import shutil
import signal
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckbuilder.cli import main

REPO = Path(__file__).resolve().parents[1]
SEED_DECK = REPO / "deck" / "us-mexico-partnership.yaml"
FIXTURES = Path(__file__).resolve().parent / "decks"
THEMES = sorted(path.parent.name for path in (REPO / "themes").glob("*/theme.yaml"))
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFINFO = shutil.which("pdfinfo")
CONVERT_TIMEOUT = 600

NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
SLIDE_XML = re.compile(r"^ppt/slides/slide\d+\.xml$")


def _build(deck: Path, out: Path, *options: str) -> Path:
    assert main(["build", str(deck), "-o", str(out), *options]) == 0, f"{deck} did not build"
    return out


@pytest.fixture(scope="module")
def decks(tmp_path_factory, all_kinds_pptx, all_kinds_4x3_pptx) -> dict[str, Path]:
    """Every deck under test, by name: the seed deck in each theme, and the test decks."""
    folder = tmp_path_factory.mktemp("roundtrip")
    built = {f"seed-{theme}": _build(SEED_DECK, folder / f"seed-{theme}.pptx", "--theme", theme)
             for theme in THEMES}
    built["all-kinds"] = all_kinds_pptx
    built["all-kinds-4x3-dark"] = all_kinds_4x3_pptx
    for fixture in sorted(FIXTURES.glob("*.yaml")):
        name = f"fixture-{fixture.stem}"
        if fixture.stem != "all-kinds" and main(["build", str(fixture), "-o",
                                                  str(folder / f"{name}.pptx")]) == 0:
            built[name] = folder / f"{name}.pptx"  # (fixtures meant to fail are skipped)
    return built


def test_every_shipped_theme_is_covered(decks):
    assert THEMES and {"default", "dark"} <= set(THEMES)
    assert all(f"seed-{theme}" in decks for theme in THEMES)


# ----- structure ----------------------------------------------------------------------------

def _rels_source(rels_name: str) -> str:
    """'ppt/slides/_rels/slide1.xml.rels' -> 'ppt/slides/slide1.xml' ('' for the package)."""
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name[:-len(".rels")])


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def package_problems(path: Path) -> list[str]:
    """Everything structurally wrong with the .pptx at ``path`` (empty when sound)."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as package:
        if package.testzip() is not None:
            return [f"corrupt zip entry {package.testzip()}"]
        names = set(package.namelist())
        types = ElementTree.fromstring(package.read("[Content_Types].xml"))
        defaults = {e.get("Extension").lower() for e in types.iter(f"{{{NS_CT}}}Default")}
        overrides = {e.get("PartName").lstrip("/") for e in types.iter(f"{{{NS_CT}}}Override")}
        for name in sorted(names - {"[Content_Types].xml"}):
            if name.endswith("/"):
                continue
            if name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
                problems.append(f"{name}: no content type")
        for name in sorted(overrides - names):
            problems.append(f"content type declared for missing part {name}")

        declared: dict[str, set[str]] = {}
        for rels_name in sorted(n for n in names if n.endswith(".rels")):
            source = _rels_source(rels_name)
            ids = declared.setdefault(source, set())
            relationships = ElementTree.fromstring(package.read(rels_name))
            for rel in relationships.iter(f"{{{NS_REL}}}Relationship"):
                if rel.get("Id") in ids:
                    problems.append(f"{rels_name}: duplicate relationship id {rel.get('Id')}")
                ids.add(rel.get("Id"))
                if rel.get("TargetMode") == "External":
                    continue
                target = _resolve(source, rel.get("Target"))
                if target not in names:
                    problems.append(f"{rels_name}: {rel.get('Id')} points at missing {target}")

        for name in sorted(n for n in names if n.endswith(".xml") and not n.startswith("[")):
            root = ElementTree.fromstring(package.read(name))
            used = {value for element in root.iter() for key, value in element.attrib.items()
                    if key.startswith(f"{{{NS_R}}}")}
            missing = used - declared.get(name, set())
            if missing:
                problems.append(f"{name}: undeclared relationship ids {sorted(missing)}")
            if SLIDE_XML.match(name):
                ids = [e.get("id") for e in root.iter(f"{{{NS_P}}}cNvPr")]
                duplicates = sorted({i for i in ids if ids.count(i) > 1})
                if duplicates:
                    problems.append(f"{name}: duplicate shape ids {duplicates}")

        presentation = ElementTree.fromstring(package.read("ppt/presentation.xml"))
        listed = [e.get(f"{{{NS_R}}}id") for e in presentation.iter(f"{{{NS_P}}}sldId")]
        slide_parts = {n for n in names if SLIDE_XML.match(n)}
        rels = ElementTree.fromstring(package.read("ppt/_rels/presentation.xml.rels"))
        targets = {r.get("Id"): _resolve("ppt/presentation.xml", r.get("Target"))
                   for r in rels.iter(f"{{{NS_REL}}}Relationship")}
        if len(listed) != len(set(listed)) or {targets.get(i) for i in listed} != slide_parts:
            problems.append("presentation.xml does not list every slide part exactly once")
    return problems


def test_package_checker_catches_damage(decks, tmp_path):
    """The checker itself: a duplicated shape id and a dangling relationship are found."""
    source = decks["all-kinds"]
    damaged = tmp_path / "damaged.pptx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(damaged, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "ppt/slides/slide2.xml":
                ids = re.findall(rb'<p:cNvPr id="(\d+)"', data)
                data = data.replace(b'<p:cNvPr id="%s"' % ids[-1], b'<p:cNvPr id="%s"' % ids[0])
            if item.filename == "ppt/slides/_rels/slide2.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="x" '
                                                           b'Target="../media/nothing.png"/>'
                                    b"</Relationships>")
            copy.writestr(item, data)
    found = package_problems(damaged)
    assert any("duplicate shape ids" in p for p in found), found
    assert any("missing ppt/media/nothing.png" in p for p in found), found


@pytest.mark.parametrize("name", [f"seed-{t}" for t in THEMES] + ["all-kinds",
                                                                   "all-kinds-4x3-dark"])
def test_reopens_in_python_pptx_and_is_structurally_sound(decks, name):
    path = decks[name]
    prs = Presentation(str(path))
    assert len(prs.slides) > 0
    for slide in prs.slides:
        ids = [shape.shape_id for shape in slide.shapes]
        assert len(ids) == len(set(ids)), f"slide {slide.slide_id}: duplicate shape ids"
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                assert shape.image.blob  # its image part resolves
    assert package_problems(path) == []


def test_other_fixture_decks_are_sound(decks):
    for name, path in decks.items():
        if name.startswith("fixture-"):
            assert len(Presentation(str(path)).slides) > 0
            assert package_problems(path) == [], name


# ----- LibreOffice ----------------------------------------------------------------------------

def page_count(pdf: Path) -> int:
    if PDFINFO:
        result = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, timeout=60)
        match = re.search(r"^Pages:\s+(\d+)", result.stdout, re.M)
        if match:
            return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


@pytest.fixture(scope="module")
def pdfs(decks, tmp_path_factory) -> dict[str, Path]:
    """All decks converted in one LibreOffice run (one start-up), private profile, timeout."""
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    folder = tmp_path_factory.mktemp("pdf")
    inputs = folder / "in"
    inputs.mkdir()
    for name, path in decks.items():
        shutil.copy(path, inputs / f"{name}.pptx")
    command = [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
               "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(folder),
               *sorted(str(p) for p in inputs.iterdir())]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        _, err = process.communicate(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"LibreOffice did not finish converting within {CONVERT_TIMEOUT} s")
    assert process.returncode == 0, err.decode(errors="replace")
    return {name: folder / f"{name}.pdf" for name in decks}


def test_libreoffice_converts_every_deck_with_one_page_per_slide(decks, pdfs):
    assert len(decks) >= 4
    for name, path in decks.items():
        pdf = pdfs[name]
        assert pdf.is_file() and pdf.stat().st_size > 0, f"{name}: LibreOffice wrote no PDF"
        assert page_count(pdf) == len(Presentation(str(path)).slides), name
