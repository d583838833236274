"""Scale: rendering does work linear in the deck's size. Counted, never timed.

python-pptx allocates part names by walking every part of the package (``iter_parts``) on
each new notes page and picture, finds images by walking every relationship, matches a new
slide's relationship against every other slide's, and re-reads every slide id per slide.
``render/parts.py`` avoids all of that during our render. These tests count the parts those
walks visit while rendering generated decks of two sizes: with the fix the count grows
linearly (the final save walks the package once); without it, quadratically — which the
tests also show, so the counter is known to measure the right thing.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest
from pptx.opc.package import OpcPackage, _Relationships
from pptx.opc.serialized import PackageWriter
from pptx.oxml import ns
from pptx.oxml.presentation import CT_SlideIdList
from pptx.package import Package, _ImageParts
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.slide import Slides

import deckbuilder.render.pptx as render_module
from deckbuilder.pipeline import compile_deck, render_pptx
from deckbuilder.render import parts
from helpers import ALL_KINDS, FIXTURES, REPO

sys.path.insert(0, str(REPO / "bench"))
from bench_scale import write_deck  # noqa: E402


class Counts:
    def __init__(self) -> None:
        self.iter_parts_calls = 0
        self.parts_visited = 0
        self.largest_rel_scan = 0
        self.slide_id_reads = 0
        self.image_sha1_scans = 0


@pytest.fixture()
def counts(monkeypatch) -> Counts:
    """Count the package walks python-pptx makes (class-level wrappers, test-scoped)."""
    found = Counts()
    original_iter_parts = OpcPackage.iter_parts
    original_matching = _Relationships._get_matching
    original_next_id = CT_SlideIdList._next_id
    original_find = _ImageParts._find_by_sha1

    def iter_parts(self):
        found.iter_parts_calls += 1
        for part in original_iter_parts(self):
            found.parts_visited += 1
            yield part

    def get_matching(self, reltype, target, is_external=False):
        found.largest_rel_scan = max(found.largest_rel_scan, len(self._rels_by_reltype[reltype]))
        return original_matching(self, reltype, target, is_external)

    def next_id(self):
        found.slide_id_reads += 1
        return original_next_id.fget(self)

    def find_by_sha1(self, sha1):
        found.image_sha1_scans += 1
        return original_find(self, sha1)

    monkeypatch.setattr(OpcPackage, "iter_parts", iter_parts)
    monkeypatch.setattr(_Relationships, "_get_matching", get_matching)
    monkeypatch.setattr(CT_SlideIdList, "_next_id", property(next_id))
    monkeypatch.setattr(_ImageParts, "_find_by_sha1", find_by_sha1)
    return found


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Laid-out generated decks (bullets with notes, sections, repeated pictures)."""
    def make(n: int):
        folder = tmp_path_factory.mktemp(f"scale{n}")
        return compile_deck(write_deck(folder, n)).presentation
    return {n: make(n) for n in (40, 160)}


def render_counting(presentation, counts: Counts) -> Counts:
    before = vars(counts).copy()
    render_module.render(presentation, lambda box: b"")
    return type("Delta", (), {k: v - before[k] if k != "largest_rel_scan" else v
                              for k, v in vars(counts).items()})


def test_part_walks_grow_linearly_with_the_fix(generated, counts):
    small = render_counting(generated[40], counts)
    counts.largest_rel_scan = 0
    large = render_counting(generated[160], counts)
    # a handful of walks in all (one per part-name template, one for images, the save)...
    assert small.iter_parts_calls <= 8 and large.iter_parts_calls <= 8
    # ...each visiting the package once: 4x the slides, about 4x the parts visited
    assert large.parts_visited <= 4.5 * small.parts_visited
    # no relationship scan, slide-id read or image walk grows with the deck
    assert large.largest_rel_scan <= 8
    assert large.slide_id_reads == 0
    assert large.image_sha1_scans == 0


def test_without_the_fix_the_same_counts_grow_quadratically(generated, counts, monkeypatch):
    """The counter measures the real thing: python-pptx alone walks O(n²) parts."""
    monkeypatch.setattr(render_module, "fast_part_names", lambda prs: contextlib.nullcontext())
    small = render_counting(generated[40], counts)
    counts.largest_rel_scan = 0
    large = render_counting(generated[160], counts)
    assert large.iter_parts_calls > 3 * small.iter_parts_calls
    assert large.parts_visited > 10 * small.parts_visited
    assert large.largest_rel_scan >= 150  # every slide matched against every other
    assert large.slide_id_reads == 160


@pytest.fixture(scope="module")
def native_deck(tmp_path_factory) -> Path:
    """The every-kind fixture deck plus a native chart (chart part + embedded workbook)."""
    folder = tmp_path_factory.mktemp("native")
    text = ALL_KINDS.read_text(encoding="utf-8") + """
  - kind: chart
    title: A native chart
    notes: Native chart notes.
    chart:
      type: grouped_column
      render: native
      data:
        - {year: 2015, a: 1, b: 2}
        - {year: 2016, a: 3, b: 1}
      x: year
      series: [a, b]
"""
    (folder / "deck.yaml").write_text(text, encoding="utf-8")
    (folder / "photo.png").write_bytes((FIXTURES / "photo.png").read_bytes())
    return folder / "deck.yaml"


def test_the_fix_changes_no_byte(native_deck, generated, monkeypatch):
    """Same part names, ids and relationships as python-pptx alone would give."""
    compiled = compile_deck(native_deck)
    fast = render_pptx(compiled)
    fast_generated = render_module.render(generated[40], lambda box: b"")
    monkeypatch.setattr(render_module, "fast_part_names", lambda prs: contextlib.nullcontext())
    assert render_pptx(compiled) == fast
    assert render_module.render(generated[40], lambda box: b"") == fast_generated


def test_the_fix_is_removed_after_the_render(generated):
    from pptx import Presentation

    prs = Presentation()
    original_qn = ns.qn
    with parts.fast_part_names(prs):
        package = prs.part.package
        assert "next_partname" in vars(package)
        assert ns.qn is not original_qn
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.notes_slide.notes_text_frame.text = "notes"
    assert ns.qn is original_qn
    for obj, names in ((package, ("next_partname", "next_image_partname")),
                       (prs.part.rels, ("_get_matching", "_add_relationship", "pop")),
                       (prs.slides, ("add_slide",)),
                       (slide.part, ("_add_notes_slide_part",))):
        for name in names:
            assert name not in vars(obj), f"{name} still shadowed on {type(obj).__name__}"
    assert "_image_parts" not in vars(package) or isinstance(vars(package)["_image_parts"],
                                                             _ImageParts)
    # the package still works normally afterwards
    prs.slides.add_slide(prs.slide_layouts[5]).notes_slide.notes_text_frame.text = "more"
    assert [s.slide_id for s in prs.slides] == [256, 257]


def test_the_private_names_the_fix_relies_on_exist():
    """python-pptx is pinned below 2.0; if a minor release renames one of these, the fix
    would silently stop working — fail here instead."""
    for owner, name in ((OpcPackage, "next_partname"), (OpcPackage, "iter_parts"),
                        (Package, "next_image_partname"), (Package, "_image_parts"),
                        (_Relationships, "_get_matching"), (_Relationships, "_add_relationship"),
                        (_Relationships, "pop"), (CT_SlideIdList, "_add_sldId"),
                        (SlidePart, "_add_notes_slide_part"), (NotesSlidePart, "new"),
                        (Slides, "add_slide"), (ns, "qn"),
                        (PackageWriter, "_write_content_types_stream"),
                        (PackageWriter, "_write_pkg_rels"), (PackageWriter, "_write_parts")):
        assert hasattr(owner, name), f"python-pptx no longer has {owner.__name__}.{name}"


def test_package_parts_are_exactly_what_python_pptx_saves(native_deck):
    """The parts handed to the re-pack are python-pptx's own entries, in its order."""
    import io
    import zipfile

    from pptx import Presentation

    prs = Presentation(io.BytesIO(render_pptx(compile_deck(native_deck))))
    saved = io.BytesIO()
    prs.save(saved)
    entries = parts.package_parts(prs)
    with zipfile.ZipFile(saved) as package:
        assert package.namelist() == list(entries)
        assert all(package.read(name) == blob for name, blob in entries.items())
