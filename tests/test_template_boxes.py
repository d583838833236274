"""Templates with small boxes: a section layout whose text box is 0.66 in tall, covers whose
subtitle box is 0.6 in or 0.94 in with and without placeholders of their own for the
presenter and the date, a content layout with a tiny text box that charts, tables and
timelines are mapped to; at 4:3 (python-pptx's default template) and at a custom size.

Every template is python-pptx's default template with its placeholders resized (and one
added) here. The builds must pass their own fit check, byline lines must land in the
layout's own placeholders (read back by placeholder idx and type from the slide XML),
``date: null`` must remove an inherited date, and an overflow must be reported at the field
that overflowed, or where an inherited value was written.
"""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

from conftest import build
from deckbuilder.cli import main
from helpers import norm
from test_viewer_fit import PDFTOTEXT, SOFFICE, misplaced

PRESENTER_IDX = 13   # the placeholder the tests add to the cover for the presenter
CUSTOM = (Inches(11), Inches(6))   # a slide size no PowerPoint preset has
SIZES = {"4:3": None, "custom": CUSTOM}

DECK = """\
title: Small Boxes
subtitle: A short subtitle
presenter: Ana Presenter
date: 2024-05-01
template: template.pptx
{mapping}slides:
  - kind: title
{cover}
  - kind: section
    title: FINDINGS   # the template sets section titles in capitals
    subtitle: Word
    source: "Source: Survey office, 2024"

  - kind: bullets
    title: Points
    items: [One point, Another point]
"""


# ----- templates ------------------------------------------------------------------------------

def layout_named(prs, name: str):
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def placeholder(layout, idx: int):
    return next(p for p in layout.placeholders if p.placeholder_format.idx == idx)


def set_box(shape, **box: int) -> None:
    """Give ``shape`` a box of its own: its current (perhaps inherited) one, changed by ``box``
    (a placeholder without one starts from an empty ``a:xfrm`` once any side is set)."""
    now = dict(left=shape.left, top=shape.top, width=shape.width, height=shape.height)
    for side, value in {**now, **box}.items():
        setattr(shape, side, Emu(value))


def scaled(prs, width: int, height: int) -> None:
    """The slide size set to ``width`` x ``height`` with every master and layout shape that
    has a box of its own moved and sized in proportion, as a designer resizing the template
    would (the others inherit theirs from the master)."""
    fx, fy = width / prs.slide_width, height / prs.slide_height
    prs.slide_width, prs.slide_height = width, height
    for part in [prs.slide_master, *prs.slide_layouts]:
        for shape in part.shapes:
            if shape._element.xpath("./*/a:xfrm"):
                set_box(shape, left=round(shape.left * fx), width=round(shape.width * fx),
                        top=round(shape.top * fy), height=round(shape.height * fy))


def add_placeholder(layout, like, ph_type: str, idx: int, name: str, box: tuple) -> None:
    """A copy of placeholder ``like`` as a new ``ph_type`` placeholder ``idx`` at ``box``."""
    element = copy.deepcopy(like._element)
    layout.shapes._spTree.append(element)
    element.nvSpPr.cNvPr.set("id", str(100 + idx))
    element.nvSpPr.cNvPr.set("name", name)
    ph = element.nvSpPr.nvPr.find(qn("p:ph"))
    ph.set("type", ph_type)
    ph.set("idx", str(idx))
    left, top, width, height = box
    set_box(placeholder(layout, idx), left=left, top=top, width=width, height=height)


def small_boxes(path: Path, *, subtitle: float = 0.94, presenter: bool = True,
                date: bool = True, size: tuple[int, int] | None = None) -> Path:
    """python-pptx's default template with small boxes: the Section Header's text box 0.66 in
    tall, the Title Slide's subtitle ``subtitle`` in tall with a body placeholder for the
    presenter under it (``presenter``) and its date placeholder (``date``), and a "Title and
    Note" layout whose only text box is 0.5 in tall."""
    prs = Presentation()
    if size is not None:
        scaled(prs, *size)
    set_box(placeholder(layout_named(prs, "Section Header"), 1), height=Inches(0.66))
    cover = layout_named(prs, "Title Slide")
    sub = placeholder(cover, 1)
    set_box(sub, height=Inches(subtitle))
    if presenter:
        add_placeholder(cover, sub, "body", PRESENTER_IDX, "Presenter",
                        (sub.left, sub.top + sub.height + Inches(0.1), sub.width, Inches(0.45)))
    if not date:
        dt = placeholder(cover, 10)
        dt._element.getparent().remove(dt._element)
    note = layout_named(prs, "Title and Vertical Text")
    note._element.cSld.set("name", "Title and Note")
    body = placeholder(note, 1)
    body._element.nvSpPr.nvPr.find(qn("p:ph")).attrib.pop("orient", None)
    set_box(body, height=Inches(0.5))
    prs.save(str(path))
    return path


def project(folder: Path, deck: str, **template) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deckbuilder.toml").write_text("", encoding="utf-8")
    small_boxes(folder / "template.pptx", **template)
    path = folder / "deck.yaml"
    path.write_text(deck, encoding="utf-8")
    return path


def deck(cover: str = "", mapping: str = "") -> str:
    return DECK.format(cover=cover, mapping=mapping)


# ----- reading slides back --------------------------------------------------------------------

def placeholders(slide) -> dict[tuple[int, str], str]:
    """(idx, type) -> text of every placeholder on the slide, read from its XML."""
    found = {}
    for sp in slide.shapes._spTree.iter(qn("p:sp")):
        ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is not None:
            text = "\n".join("".join(t.text or "" for t in p.iter(qn("a:t")))
                             for p in sp.iter(qn("a:p")))
            found[(int(ph.get("idx", "0")), ph.get("type", "obj"))] = text
    return found


def shape_with(slide, text: str):
    return next(shape for shape in slide.shapes
                if shape.has_text_frame and norm(shape.text_frame.text) == text)


# ----- small section and cover boxes ----------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
def test_a_one_word_subtitle_fits_a_066_in_section_box(size, tmp_path):
    path = project(tmp_path, deck(), size=SIZES[size])
    prs = Presentation(str(build(path, tmp_path / "out.pptx")))
    section = prs.slides[1]
    box = placeholder(section.slide_layout, 1)
    subtitle, = [s for s in section.placeholders if s.placeholder_format.idx == 1]
    assert subtitle.text_frame.text == "Word"
    assert (subtitle.top, subtitle.height) == (box.top, box.height)
    # The subtitle keeps the box's own padding: no row for the source line is cut out of it.
    padding = subtitle.text_frame._bodyPr.get("bIns")
    assert padding is None or int(padding) <= Inches(0.05)
    source = shape_with(section, "Source: Survey office, 2024")
    assert source.top >= box.top + box.height          # below the small box, not inside it
    assert source.top + source.height <= prs.slide_height
    footer = placeholder(section.slide_layout, 12)      # on the slide number's row
    assert source.top < footer.top + footer.height and footer.top < source.top + source.height


@pytest.mark.parametrize("size", SIZES)
def test_cover_byline_goes_into_the_layouts_own_placeholders(size, tmp_path):
    path = project(tmp_path, deck(), subtitle=0.6, size=SIZES[size])
    cover = Presentation(str(build(path, tmp_path / "out.pptx"))).slides[0]
    texts = placeholders(cover)
    assert texts[(1, "subTitle")] == "A short subtitle"           # a 0.6 in box holds it
    assert texts[(PRESENTER_IDX, "body")] == "Ana Presenter"
    assert texts[(10, "dt")] == "2024-05-01"
    assert len(texts) == 4                                        # and the title: nothing else


def test_cover_byline_without_a_presenter_placeholder(tmp_path):
    path = project(tmp_path, deck(), presenter=False)
    texts = placeholders(Presentation(str(build(path, tmp_path / "out.pptx"))).slides[0])
    assert texts[(1, "subTitle")] == "A short subtitle\nAna Presenter"
    assert texts[(10, "dt")] == "2024-05-01"


def test_a_date_with_room_under_the_subtitle_stays_there(tmp_path):
    """The date placeholder sits in the footer corner: a date goes there only when the
    subtitle box has no room for it."""
    path = project(tmp_path, deck(), subtitle=1.9, presenter=False)
    texts = placeholders(Presentation(str(build(path, tmp_path / "out.pptx"))).slides[0])
    assert texts[(1, "subTitle")] == "A short subtitle\nAna Presenter\n2024-05-01"
    assert (10, "dt") not in texts


def test_cover_byline_is_stacked_in_the_subtitle_without_placeholders(tmp_path):
    path = project(tmp_path, deck(), subtitle=1.9, presenter=False, date=False)
    texts = placeholders(Presentation(str(build(path, tmp_path / "out.pptx"))).slides[0])
    assert texts == {(0, "ctrTitle"): "Small Boxes",
                     (1, "subTitle"): "A short subtitle\nAna Presenter\n2024-05-01"}


@pytest.mark.parametrize("removed", ["null", '""'])
def test_date_null_removes_the_inherited_date(removed, tmp_path):
    path = project(tmp_path, deck(cover=f"    date: {removed}\n"), presenter=False, date=False,
                   subtitle=1.9)
    texts = placeholders(Presentation(str(build(path, tmp_path / "out.pptx"))).slides[0])
    assert texts[(1, "subTitle")] == "A short subtitle\nAna Presenter"
    assert "2024" not in "".join(texts.values())


def test_a_removed_date_leaves_the_date_placeholder_out(tmp_path):
    path = project(tmp_path, deck(cover="    date: null\n    presenter: null\n"))
    texts = placeholders(Presentation(str(build(path, tmp_path / "out.pptx"))).slides[0])
    assert set(texts) == {(0, "ctrTitle"), (1, "subTitle")}


def test_the_cover_and_section_text_sits_inside_its_boxes_in_libreoffice(tmp_path):
    if not (SOFFICE and PDFTOTEXT):
        pytest.skip("needs LibreOffice (soffice) and poppler (pdftotext)")
    path = project(tmp_path, deck(), subtitle=0.6, size=CUSTOM)
    pptx = build(path, tmp_path / "out.pptx")
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(pptx)],
                   check=True, capture_output=True, timeout=300)
    problems, checked = misplaced(pptx, pptx.with_suffix(".pdf"))
    assert checked >= 15   # title, subtitle, presenter, date, section, source, bullets…
    assert problems == [], "\n".join(problems)


# ----- kinds that need a large area -----------------------------------------------------------

LARGE = """\
title: Large Kinds
template: template.pptx
layouts: {table: Title and Note, timeline: Title and Note, chart: Title and Note}
slides:
  - kind: table
    title: A table
    columns: [Country, "2020", "2021"]
    rows: [[Mexico, "1,000", "1,100"], [Canada, "900", "950"], [Chile, "80", "90"]]
  - kind: timeline
    title: A timeline
    events: [{date: January, text: First.}, {date: March, text: Second.},
             {date: May, text: Third.}, {date: July, text: Fourth.}]
  - kind: chart
    title: A chart
    source: "Source: Inline data"
    chart:
      type: column
      data:
        - {year: 2019, value: 10}
        - {year: 2020, value: 12}
      x: year
      series: [{column: value, label: Value}]
"""


@pytest.mark.parametrize("size", SIZES)
def test_charts_tables_and_timelines_use_the_area_below_the_title(size, tmp_path):
    path = project(tmp_path, LARGE, size=SIZES[size])
    prs = Presentation(str(build(path, tmp_path / "out.pptx")))
    layout = layout_named(prs, "Title and Note")
    title, note = placeholder(layout, 0), placeholder(layout, 1)
    free = prs.slide_height - (title.top + title.height)
    table_slide, timeline, chart = prs.slides
    table, = [s for s in table_slide.shapes if s.has_table]
    picture, = [s for s in chart.shapes if s.shape_type == 13]
    events = [s for s in timeline.shapes if s.has_text_frame and s.text_frame.text == "Fourth."]
    for shape in (table, picture):
        assert shape.top >= title.top + title.height
        assert shape.width >= title.width * 0.95
    assert picture.height > free / 2 > note.height * 2
    assert events and events[0].top > note.top + note.height   # spread below the small box
    numbers = [s for slide in prs.slides for s in slide.placeholders
               if s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
    for number, slide in zip(numbers, prs.slides):   # clear of the footer row, but the source
        content = [s for s in slide.shapes if not s.is_placeholder and s.name != "Source"]
        assert content and all(s.top + s.height <= number.top for s in content)
    assert shape_with(chart, "Source: Inline data").top == numbers[2].top


# ----- errors at the field --------------------------------------------------------------------

def errors(path: Path, capsys) -> list[str]:
    assert main(["build", str(path), "-o", str(path.with_suffix(".pptx"))]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Error(" not in err
    return [line for line in err.splitlines() if ": error: " in line or "hint:" in line]


def line_of(text: str, key: str, value: str) -> tuple[int, int]:
    """1-based line and column of the first ``key: value`` in the deck (of the value)."""
    for number, line in enumerate(text.splitlines(), 1):
        if f"{key}: {value}" in line:
            return number, line.index(f"{key}: {value}") + len(key) + 3
    raise AssertionError(f"{key}: {value} is not in the deck")


def test_an_inherited_subtitle_that_overflows_is_reported_where_the_deck_wrote_it(tmp_path,
                                                                                  capsys):
    text = deck().replace("subtitle: A short subtitle", "subtitle: " + "A far too long subtitle "
                          * 6)
    path = project(tmp_path, text, subtitle=0.6)
    found = errors(path, capsys)
    line, col = line_of(text, "subtitle", "A far")
    assert found[0].startswith(f"{path}:{line}:{col}: error: text does not fit")
    assert "deck's 'subtitle', shown on the cover" in found[1]
    assert "'subtitle: null' on the title slide" in found[1] and "map 'title'" in found[1]
    assert len(found) == 2


def test_the_stacked_line_that_overflows_is_reported_at_its_field(tmp_path, capsys):
    """Subtitle, presenter and date stacked in a 0.94 in box: the subtitle fits, the
    presenter and date (the slide's own) overflow it."""
    text = deck(cover="    presenter: Ana Presenter, Office of the Chief Economist\n"
                      "    date: May 2024\n")
    path = project(tmp_path, text, presenter=False, date=False)
    found = errors(path, capsys)
    positions = {line_of(text, "presenter", "Ana Presenter, Office"),
                 line_of(text, "date", "May")}
    reported = {tuple(map(int, line.removeprefix(f"{path}:").split(":")[:2]))
                for line in found if ": error: " in line}
    assert reported and reported <= positions
    assert all("map 'title' to a layout with more room" in line
               for line in found if "hint:" in line)


def test_a_section_subtitle_that_overflows_is_reported_at_it(tmp_path, capsys):
    text = deck().replace("subtitle: Word", "subtitle: " + "Many words here " * 8)
    path = project(tmp_path, text)
    found = errors(path, capsys)
    line, col = line_of(text, "subtitle", "Many")
    assert found[0].startswith(f"{path}:{line}:{col}: error: text does not fit")
    assert "map 'section' to a layout with more room" in found[1]


def test_an_inherited_cover_title_that_overflows_is_reported_at_the_decks_title(tmp_path,
                                                                                 capsys):
    long_title = "A Title Much Too Long " * 12
    text = deck().replace("title: Small Boxes", f"title: {long_title}")
    path = project(tmp_path, text)
    found = errors(path, capsys)
    assert found[0].startswith(f"{path}:1:8: error: text does not fit")
    assert "deck's 'title', shown on the cover" in found[1]
    assert "give the title slide a shorter 'title'" in found[1]
