"""Layout choice on templates deckbuilder has never seen, made here from python-pptx's default
template (4:3, PowerPoint's layouts): layouts renamed in Chinese and French, with and without
their OOXML layout type, resized to a custom slide, and split over two slide masters. The
fixture deck of every kind must land on the layouts a designer would pick (never a cover for
content, never a small text box for a chart), fit, say when it borrows from another master,
and print nothing of the libraries it uses."""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart

from deckbuilder.cli import main
from helpers import FIXTURES, REPO

DECK = FIXTURES / "on-template.yaml"
KINDS = ["title", "section", "bullets", "comparison", "quote", "stat", "tiles", "timeline",
         "table", "image", "chart"]
# python-pptx's default layouts, in order, as PowerPoint names them in three languages
ENGLISH = ["Title Slide", "Title and Content", "Section Header", "Two Content", "Comparison",
           "Title Only", "Blank", "Content with Caption", "Picture with Caption",
           "Title and Vertical Text", "Vertical Title and Text"]
CHINESE = ["标题幻灯片", "标题和内容", "节标题", "两栏内容", "比较", "仅标题", "空白",
           "内容与标题", "图片与标题", "标题和竖排文字", "竖排标题与文本"]
FRENCH = ["Diapositive de titre", "Titre et contenu", "Titre de section", "Deux contenus",
          "Comparaison", "Titre seul", "Vide", "Contenu avec légende", "Image avec légende",
          "Titre et texte vertical", "Titre vertical et texte"]
# the layout (by position) each kind should land on, whatever the names
EXPECTED = {"title": 0, "section": 2, "bullets": 1, "comparison": 3, "quote": 5, "stat": 5,
            "tiles": 5, "timeline": 5, "table": 5, "image": 8, "chart": 5}
COVER_TYPES = ("ctrTitle", "subTitle")
CLI = "import sys; from deckbuilder.cli import main; sys.exit(main(sys.argv[1:]))"
LIBRARY_NOISE = re.compile(r"Warning\b|Traceback|Error\b|\.py:\d+|site-packages")


# ----- templates made here --------------------------------------------------------------------

def renamed(names: list[str], typed: bool = True, drop: tuple[str, ...] = ()) -> Presentation:
    """The default template with its layouts renamed (and their OOXML type removed unless
    ``typed``); layouts whose English name is in ``drop`` removed."""
    prs = Presentation()
    for layout, name in zip(list(prs.slide_layouts), names):
        if not typed:
            layout._element.attrib.pop("type", None)
        english = ENGLISH[names.index(name)]
        layout._element.cSld.set("name", name)
        if english in drop:
            prs.slide_layouts.remove(layout)
    return prs


def resized(prs: Presentation, width_in: float, height_in: float) -> Presentation:
    """``prs`` with its slide size changed and every master and layout shape scaled to it."""
    sx, sy = width_in * 914400 / prs.slide_width, height_in * 914400 / prs.slide_height
    prs.slide_width, prs.slide_height = round(width_in * 914400), round(height_in * 914400)
    for part in [prs.slide_master, *prs.slide_layouts]:
        for off in part._element.iter(qn("a:off")):
            off.set("x", str(round(int(off.get("x")) * sx)))
            off.set("y", str(round(int(off.get("y")) * sy)))
        for ext in part._element.iter(qn("a:ext")):
            if ext.get("cx") is not None:
                ext.set("cx", str(round(int(ext.get("cx")) * sx)))
                ext.set("cy", str(round(int(ext.get("cy")) * sy)))
    return prs


def with_second_master(prs: Presentation, keep_in_first: tuple[str, ...]) -> Presentation:
    """``prs`` with a copy of its master (all layouts, its own theme) added as master 2, and
    master 1 cut down to the layouts named in ``keep_in_first``."""
    package, master = prs.part.package, prs.slide_master
    theme = master.part.part_related_by(RT.THEME)
    theme2 = Part(PackURI("/ppt/theme/theme2.xml"), CT.OFC_THEME, package, theme.blob)
    element = copy.deepcopy(master._element)
    master2 = SlideMasterPart(PackURI("/ppt/slideMasters/slideMaster2.xml"),
                              CT.PML_SLIDE_MASTER, package, element)
    master2.relate_to(theme2, RT.THEME)
    id_list = element.find(qn("p:sldLayoutIdLst"))
    for entry in list(id_list):
        id_list.remove(entry)
    next_id = 2147483700
    for number, layout in enumerate(master.slide_layouts, start=100):
        part = SlideLayoutPart(PackURI(f"/ppt/slideLayouts/slideLayout{number}.xml"),
                               CT.PML_SLIDE_LAYOUT, package, copy.deepcopy(layout._element))
        part.relate_to(master2, RT.SLIDE_MASTER)
        entry = etree.SubElement(id_list, qn("p:sldLayoutId"))
        entry.set("id", str(next_id))
        entry.set(qn("r:id"), master2.relate_to(part, RT.SLIDE_LAYOUT))
        next_id += 1
    masters = prs.part._element.find(qn("p:sldMasterIdLst"))
    entry = etree.SubElement(masters, qn("p:sldMasterId"))
    entry.set("id", str(next_id))
    entry.set(qn("r:id"), prs.part.relate_to(master2, RT.SLIDE_MASTER))
    for layout in list(master.slide_layouts):
        if layout.name not in keep_in_first:
            master.slide_layouts.remove(layout)
    return prs


def project(folder: Path, prs: Presentation, mapping: str = "") -> Path:
    """A project holding ``prs`` as template.pptx and the every-kind fixture deck on it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deckbuilder.toml").write_text("", encoding="utf-8")
    shutil.copy(FIXTURES / "photo.png", folder / "photo.png")
    prs.save(str(folder / "template.pptx"))
    text = DECK.read_text(encoding="utf-8")
    (folder / "deck.yaml").write_text(text.replace("slide_numbers: true\n",
                                                   f"slide_numbers: true\n{mapping}"),
                                      encoding="utf-8")
    return folder / "deck.yaml"


def build(deck: Path) -> tuple[Presentation, str]:
    """Build in a process of its own, as a user would: the built deck and everything the
    build wrote to the terminal (warnings included, which pytest would otherwise catch)."""
    out = deck.parent / "out.pptx"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    run = subprocess.run([sys.executable, "-c", CLI, "build", str(deck), "-o", str(out)],
                         capture_output=True, text=True, env=env, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    return Presentation(str(out)), run.stdout + run.stderr


def layout_types(layout) -> set[str]:
    return {ph.get("type", "obj") for ph in layout._element.iter(qn("p:ph"))}


def assert_on_expected_layouts(prs: Presentation, names: list[str]) -> None:
    assert [slide.slide_layout.name for slide in prs.slides] == \
        [names[EXPECTED[kind]] for kind in KINDS]
    for slide, kind in zip(prs.slides, KINDS):
        if kind not in ("title", "section"):
            assert not layout_types(slide.slide_layout) & set(COVER_TYPES), \
                f"{kind} slide on the cover layout {slide.slide_layout.name}"


def chart_picture(prs: Presentation):
    slide = list(prs.slides)[KINDS.index("chart")]
    return next(shape for shape in slide.shapes if shape.shape_type == 13)   # a picture


# ----- names in another language, with and without the layout type -------------------------------

@pytest.mark.parametrize("names", [CHINESE, FRENCH], ids=["chinese", "french"])
@pytest.mark.parametrize("typed", [True, False], ids=["typed", "untyped"])
def test_kinds_land_on_the_right_layouts_whatever_the_names(tmp_path, names, typed):
    prs, terminal = build(project(tmp_path, renamed(names, typed)))
    assert_on_expected_layouts(prs, names)
    assert not LIBRARY_NOISE.search(terminal), terminal
    assert "[overflow]" not in terminal
    chart = chart_picture(prs)
    assert chart.height > prs.slide_height * 0.4, "the chart has the content area's height"


def test_without_a_title_only_layout_charts_go_to_the_content_layout(tmp_path):
    """Not to the section header's small text box, nor to the cover."""
    names = CHINESE
    prs, terminal = build(project(tmp_path, renamed(names, typed=False, drop=("Title Only",))))
    content = names[EXPECTED["bullets"]]
    for slide, kind in zip(prs.slides, KINDS):
        if kind in ("quote", "stat", "tiles", "timeline", "table", "chart"):
            assert slide.slide_layout.name == content, kind
    assert chart_picture(prs).height > prs.slide_height * 0.4
    assert not LIBRARY_NOISE.search(terminal), terminal


def test_a_custom_slide_size(tmp_path):
    prs, terminal = build(project(tmp_path, resized(renamed(FRENCH, typed=False), 14, 7)))
    assert (prs.slide_width, prs.slide_height) == (14 * 914400, 7 * 914400)
    assert_on_expected_layouts(prs, FRENCH)
    assert not LIBRARY_NOISE.search(terminal), terminal


# ----- several masters ------------------------------------------------------------------------

def two_masters() -> Presentation:
    """Master 1 has only a cover and a title-only layout; master 2 has them all."""
    return with_second_master(renamed(ENGLISH), ("Title Slide", "Title Only"))


def masters(prs: Presentation) -> list[int]:
    parts = [master.part for master in prs.slide_masters]
    return [parts.index(slide.slide_layout.slide_master.part) + 1 for slide in prs.slides]


def test_a_kind_missing_from_the_decks_master_borrows_and_says_so(tmp_path):
    prs, terminal = build(project(tmp_path, two_masters()))
    on = dict(zip(KINDS, zip(masters(prs), (s.slide_layout.name for s in prs.slides))))
    assert on["bullets"] == (2, "Title and Content") and on["comparison"] == (2, "Two Content")
    assert {on[kind] for kind in KINDS if kind not in ("bullets", "comparison")} <= \
        {(1, "Title Slide"), (1, "Title Only")}, "the rest stay on master 1"
    warnings = [line for line in terminal.splitlines() if "[layout-borrowed]" in line]
    assert len(warnings) == 2, terminal
    bullets, comparison = warnings
    line = DECK.read_text(encoding="utf-8").splitlines().index("  - kind: bullets") + 1  # unmapped
    assert f"deck.yaml:{line}:" in bullets and "'bullets'" in bullets and \
        "'Title and Content' of slide master 2" in bullets and "slide master 1" in bullets
    assert "'comparison'" in comparison and "'Two Content' of slide master 2" in comparison
    assert not LIBRARY_NOISE.search(terminal), terminal


def test_a_mapping_to_another_master_moves_the_deck_there_silently(tmp_path):
    mapping = "layouts:\n  bullets: {layout: Title and Content, master: 2}\n"
    prs, terminal = build(project(tmp_path, two_masters(), mapping))
    content = [m for m, kind in zip(masters(prs), KINDS) if kind not in ("title", "section")]
    assert set(content) == {2}
    assert "layout-borrowed" not in terminal


def test_samples_choose_the_master_but_not_a_closing_page_without_a_title(tmp_path):
    """The template's last sample is a title-less closing page on master 2; its content
    samples are on master 1, so the deck's content stays there."""
    prs = with_second_master(renamed(ENGLISH), tuple(ENGLISH))
    first, second = prs.slide_masters
    prs.slides.add_slide(first.slide_layouts.get_by_name("Title Slide"))
    prs.slides.add_slide(first.slide_layouts.get_by_name("Title and Content"))
    prs.slides.add_slide(second.slide_layouts.get_by_name("Blank"))
    built, terminal = build(project(tmp_path, prs))
    assert set(masters(built)) == {1}
    assert "layout-borrowed" not in terminal


def test_inspect_shows_type_master_default_kinds_borrowing_and_samples(tmp_path, capsys):
    prs = two_masters()
    for layout in prs.slide_masters[0].slide_layouts:   # samples, on master 1
        prs.slides.add_slide(layout)
    path = tmp_path / "two-masters.pptx"
    prs.save(str(path))
    assert main(["template", "inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 slide masters" in out
    assert "sample slides: 2, dropped from every deck built on it" in out
    assert "no layout for 'bullets' slides in slide master 1: they borrow 'Title and " \
           "Content' from slide master 2" in out
    blocks = dict(re.findall(r'^  layout "([^"]+)"([^\n]*\n    [^\n]+)', out, re.M))
    first_title_only = re.search(r'  layout "Title Only"(.*)\n    (.*)', out)
    assert first_title_only.group(2) == "type titleOnly; master 1"
    assert "quote" in first_title_only.group(1) and "chart" in first_title_only.group(1)
    assert re.search(r'layout "Title and Content"  \(default for: bullets\)\n'
                     r'    type obj; master 2', out)
    assert "Vertical Title and Text" in blocks


def test_inspect_of_untyped_layouts(tmp_path, capsys):
    path = tmp_path / "untyped.pptx"
    renamed(CHINESE, typed=False).save(str(path))
    assert main(["template", "inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("type - (custom); master 1") == len(CHINESE)
    assert "sample slides: none" in out
    assert re.search(r'layout "标题和内容"  \(default for: bullets\)', out)


# ----- nothing from the libraries on the terminal --------------------------------------------------

def test_a_chart_squeezed_into_a_small_box_is_reported_by_lint_not_matplotlib(tmp_path):
    """A chart mapped to a section header whose text box is 0.5 in tall: matplotlib cannot
    lay its axes out in what is left and warns; lint says so at the slide instead."""
    prs = renamed(CHINESE, typed=False)
    section = prs.slide_layouts[EXPECTED["section"]]
    section.placeholders[1].height = int(0.5 * 914400)
    deck = project(tmp_path, prs, f"layouts:\n  chart: {CHINESE[2]}\n")
    built, terminal = build(deck)
    line = deck.read_text(encoding="utf-8").splitlines().index("    chart:") + 2   # its value
    warning, = [text for text in terminal.splitlines() if "[chart-size]" in text]
    assert f"deck.yaml:{line}:" in warning and "too small to read" in warning, terminal
    assert not LIBRARY_NOISE.search(terminal), terminal
    assert chart_picture(built).height <= 0.5 * 914400
