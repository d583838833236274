"""Inline markup and hyperlinks: bold, italic and code runs, links as external relationships
in the theme's hyperlink colour, escapes, fitting that measures the real faces, lint's
warnings and the errors for markup that cannot be meant."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckbuilder.cli import main
from deckbuilder.fonts import font_file
from deckbuilder.ir import Font, TextBox
from deckbuilder.layout.text import WRAP_MARGIN, text_width, wrap
from deckbuilder.outline import outline
from deckbuilder.pipeline import compile_deck
from helpers import REPO, SEED_DECK
from test_viewer_roundtrip import package_problems

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

MARKUP_DECK = r"""title: Markup
slides:
  - kind: bullets
    title: 'Growth at a *record* pace'
    notes: 'Say **this** first; details at <https://example.org/notes>'
    source: 'Source: [IMF](https://www.imf.org/en/Data), 2024'
    items:
      - '**Bold** then *italic* then _also italic_ then `code()` and a [link](https://example.org/a?b=1)'
      - 'Mail <team@example.org> or read <https://example.com/page>'
      - 'Escaped \*stars\*, \_underscores\_, \`ticks\` and \[brackets\](not-a-link)'
      - 'Mérida Initiative Programs & Agency-to-Agency, 2 < 3'
  - kind: table
    title: Formats
    columns: [Format, '**Write**']
    rows:
      - ['`.pptx`', '[yes](https://example.org/pptx)']
"""


def write_project(folder: Path, deck: str, name: str = "deck.yaml") -> Path:
    (folder / "deckbuilder.toml").touch()
    path = folder / name
    path.write_text(deck, encoding="utf-8")
    return path


def build(deck: Path, out: Path) -> Path:
    assert main(["build", str(deck), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("markup")
    return build(write_project(folder, MARKUP_DECK), folder / "deck.pptx")


def shape_named(slide, name: str):
    return next(shape for shape in slide.shapes if shape.name == name)


def runs_of(shape) -> list:
    """(text, rPr) of every run in a shape, in order."""
    return [(r.findtext(A + "t"), r.find(A + "rPr"))
            for r in shape._element.iter(A + "r")]


def run_with(shape, text: str):
    found = [r_pr for t, r_pr in runs_of(shape) if t == text]
    assert len(found) == 1, f"no single run {text!r} in {[t for t, _ in runs_of(shape)]}"
    return found[0]


def hyperlinks(part) -> dict[str, str]:
    """The part's external hyperlink relationships, id -> target."""
    return {rel.rId: rel.target_ref for rel in part.rels.values()
            if rel.reltype == RT.HYPERLINK and rel.is_external}


def link_targets(shape, part) -> dict[str, str]:
    """Text of each hyperlinked run -> the address its relationship points at."""
    rels = hyperlinks(part)
    return {t: rels[r_pr.find(A + "hlinkClick").get(R_ID)]
            for t, r_pr in runs_of(shape) if r_pr.find(A + "hlinkClick") is not None}


# ----- runs -----------------------------------------------------------------------------------

def test_bold_italic_and_code_are_runs_of_their_own(built):
    body = shape_named(Presentation(str(built)).slides[0], "Body")
    assert run_with(body, "Bold").get("b") == "1"
    assert run_with(body, " and a ").get("b") in (None, "0")  # the text around it is not
    assert run_with(body, "italic").get("i") == "1"
    assert run_with(body, "also italic").get("i") == "1"
    code = run_with(body, "code()")
    assert code.find(A + "latin").get("typeface") == "Courier New"  # the theme's code face
    assert body.text_frame.paragraphs[0].text == (
        "Bold then italic then also italic then code() and a link")


def test_escapes_and_plain_text_show_as_written(built):
    body = shape_named(Presentation(str(built)).slides[0], "Body")
    paragraphs = body.text_frame.paragraphs
    assert paragraphs[2].text == "Escaped *stars*, _underscores_, `ticks` and [brackets](not-a-link)"
    assert len(paragraphs[2].runs) == 1 and paragraphs[2].runs[0]._r.rPr.get("b") is None
    plain = paragraphs[3]   # no markup characters: one run, exactly as before
    assert [run.text for run in plain.runs] == ["Mérida Initiative Programs & Agency-to-Agency, 2 < 3"]


def test_table_cells_and_titles_take_markup(built):
    prs = Presentation(str(built))
    title = shape_named(prs.slides[0], "Title")
    assert run_with(title, "record").get("i") == "1"
    assert prs.slides[0].shapes.title.text == "Growth at a record pace"
    table = next(s for s in prs.slides[1].shapes if s.has_table).table
    cell = table.cell(1, 0).text_frame.paragraphs[0]._p
    assert cell.find(f"{A}r/{A}rPr/{A}latin").get("typeface") == "Courier New"
    assert table.cell(1, 0).text == ".pptx" and table.cell(0, 1).text == "Write"
    assert link_targets(next(s for s in prs.slides[1].shapes if s.has_table),
                        prs.slides[1].part) == {"yes": "https://example.org/pptx"}


# ----- hyperlinks -----------------------------------------------------------------------------

def test_links_are_external_relationships_to_their_targets(built):
    slide = Presentation(str(built)).slides[0]
    body = shape_named(slide, "Body")
    assert link_targets(body, slide.part) == {
        "link": "https://example.org/a?b=1",
        "team@example.org": "mailto:team@example.org",
        "https://example.com/page": "https://example.com/page",
    }
    assert link_targets(shape_named(slide, "Source"), slide.part) == {
        "IMF": "https://www.imf.org/en/Data"}
    with zipfile.ZipFile(built) as package:
        rels = etree.fromstring(package.read("ppt/slides/_rels/slide1.xml.rels"))
    external = [r for r in rels if r.get("Type") == RT.HYPERLINK]
    assert external and all(r.get("TargetMode") == "External" for r in external)
    assert package_problems(built) == []


def test_links_take_the_theme_hyperlink_colour_not_a_fixed_one(built):
    body = shape_named(Presentation(str(built)).slides[0], "Body")
    link = run_with(body, "link")
    assert link.get("u") == "sng"
    assert link.find(f"{A}solidFill/{A}schemeClr").get("val") == "hlink"
    assert link.find(f"{A}solidFill/{A}srgbClr") is None


def test_a_theme_link_colour_goes_into_the_theme_part(tmp_path):
    theme = tmp_path / "themes" / "linked"
    theme.mkdir(parents=True)
    text = (REPO / "themes" / "default" / "theme.yaml").read_text(encoding="utf-8")
    theme.joinpath("theme.yaml").write_text(
        text.replace('  surface: "EEF2F7"', '  surface: "EEF2F7"\n  link: "0B5CAD"'),
        encoding="utf-8")
    deck = write_project(tmp_path, MARKUP_DECK.replace("title: Markup", "title: Markup\ntheme: linked"))
    compiled = compile_deck(deck)
    body = next(e for e in compiled.presentation.slides[0].elements
                if isinstance(e, TextBox) and e.name == "Body")
    link = next(r for p in body.paragraphs for r in p.runs if r.text == "link")
    assert link.font.color == "0B5CAD"    # lint's contrast rule sees what viewers show
    out = build(deck, tmp_path / "deck.pptx")
    with zipfile.ZipFile(out) as package:
        theme_xml = package.read("ppt/theme/theme1.xml").decode()
    assert re.search(r'<a:hlink><a:srgbClr val="0B5CAD"/></a:hlink>', theme_xml)


def test_notes_keep_their_markup_and_links(built):
    slide = Presentation(str(built)).slides[0]
    notes = slide.notes_slide
    text_frame = notes.notes_text_frame
    assert text_frame.text == "Say this first; details at https://example.org/notes"
    shape = next(s for s in notes.placeholders if s.text_frame is text_frame or
                 s.text_frame.text == text_frame.text)
    assert run_with(shape, "this").get("b") == "1"
    assert link_targets(shape, notes.part) == {
        "https://example.org/notes": "https://example.org/notes"}


# ----- chart source lines ---------------------------------------------------------------------

CHART_DECK = """title: Charts
slides:
  - kind: chart
    title: From the dataset
    chart: {type: column, data: sales.csv, x: year, series: [units]}
  - kind: chart
    title: With a source of its own
    source: "Source: our own count"
    chart: {type: column, data: sales.csv, x: year, series: [units]}
"""


def chart_project(folder: Path, where: str) -> Path:
    (folder / "sales.csv").write_text("year,units\n2022,3\n2023,5\n", encoding="utf-8")
    (folder / "sales.meta.yaml").write_text(
        f'source_line: "Source: Sales *office*, 2024"\n'
        f'sources:\n  office:\n    publisher: Sales office\n    where: "{where}"\n',
        encoding="utf-8")
    return write_project(folder, CHART_DECK)


def test_a_dataset_source_line_links_to_where_it_was_read(tmp_path):
    out = build(chart_project(tmp_path, "https://example.org/sales"), tmp_path / "c.pptx")
    prs = Presentation(str(out))
    source = shape_named(prs.slides[0], "Source")
    assert source.text_frame.text == "Source: Sales *office*, 2024"  # data, shown as written
    assert link_targets(source, prs.slides[0].part) == {
        "Source: Sales *office*, 2024": "https://example.org/sales"}
    own = shape_named(prs.slides[1], "Source")   # the slide's own source line: not linked
    assert own.text_frame.text == "Source: our own count"
    assert link_targets(own, prs.slides[1].part) == {}


def test_a_where_that_is_not_an_address_links_nothing(tmp_path):
    out = build(chart_project(tmp_path, "news.example.org/poll/1"), tmp_path / "c.pptx")
    slide = Presentation(str(out)).slides[0]
    assert link_targets(shape_named(slide, "Source"), slide.part) == {}
    assert hyperlinks(slide.part) == {}


# ----- fitting measures the real faces --------------------------------------------------------

def test_code_is_measured_in_a_monospace_face():
    code = Font("Courier New", 20, "000000")
    assert font_file("Courier New").name == "LiberationMono-Regular.ttf"
    assert text_width("iiiiii", code) == text_width("MMMMMM", code)
    body = Font("Calibri", 20, "000000")
    assert text_width("iiiiii", body) < text_width("MMMMMM", body)


def _body(deck: Path) -> TextBox:
    compiled = compile_deck(deck)
    return next(e for e in compiled.presentation.slides[0].elements
                if isinstance(e, TextBox) and e.name == "Body")


def bullets_deck(items: list[str]) -> str:
    return "title: Fit\nslides:\n  - kind: bullets\n    title: Fit\n    items:\n" + \
        "".join(f"      - '{item}'\n" for item in items)


def test_bold_text_is_measured_wider_and_fits_differently(tmp_path):
    """A sentence that just fits on one line in the body face wraps when set in bold, so a
    list of them that fits at full size as plain text has to shrink as bold text."""
    probe = _body(write_project(tmp_path, bullets_deck(["x"])))
    paragraph = probe.paragraphs[0]
    font = paragraph.runs[0].font
    available = (probe.rect.w - probe.insets.left - probe.insets.right - paragraph.indent) \
        * WRAP_MARGIN
    sentence = ""
    for word in "Revenue grew in every region while costs held steady across all".split() * 4:
        if text_width(f"{sentence} {word}", font) > available:
            break
        sentence = f"{sentence} {word}".strip()
    while text_width(sentence + "s", font) <= available:  # to within a letter of the edge
        sentence += "s"
    bold_font = Font(font.name, font.size, font.color, bold=True)
    assert text_width(sentence, bold_font) > available > text_width(sentence, font)
    count = 1
    while True:   # the most sentences that still fit at full size as plain text
        plain = _body(write_project(tmp_path, bullets_deck([sentence] * (count + 1))))
        if plain.paragraphs[0].runs[0].font.size < font.size:
            break
        count += 1
    assert count >= 2
    plain = _body(write_project(tmp_path, bullets_deck([sentence] * count)))
    bold = _body(write_project(tmp_path, bullets_deck([f"**{sentence}**"] * count)))
    width = plain.rect.w - plain.insets.left - plain.insets.right
    assert plain.paragraphs[0].runs[0].font.size == font.size
    assert all(len(wrap(p, width)) == 1 for p in plain.paragraphs)
    assert all(r.font.bold for p in bold.paragraphs for r in p.runs)
    assert bold.paragraphs[0].runs[0].font.size < font.size   # shrunk to fit its wider lines


# ----- lint and bad input ---------------------------------------------------------------------

def test_lint_warns_on_markup_shown_as_written(tmp_path, capsys):
    deck = write_project(tmp_path, bullets_deck(["GDP grew 3%*", "costs ** prices",
                                                 "snake_case_names are fine"]))
    assert main(["lint", str(deck)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"deck\.yaml:6:9: warning: '\*' is not markup here .*\[markup\]", out)
    assert re.search(r"deck\.yaml:7:9: warning: '\*\*' is not markup here .*\[markup\]", out)
    assert ":8:" not in out and "1 error" not in out
    out_file = tmp_path / "deck.pptx"
    assert main(["build", str(deck), "-o", str(out_file)]) == 0   # warnings do not stop it
    body = shape_named(Presentation(str(out_file)).slides[0], "Body")
    assert [p.text for p in body.text_frame.paragraphs][:2] == ["GDP grew 3%*", "costs ** prices"]


def test_a_markup_warning_can_be_ignored(tmp_path, capsys):
    deck = write_project(tmp_path, "title: Lint\nlint: {ignore: [markup]}\nslides:\n"
                                   "  - kind: bullets\n    title: Lint\n    items: [GDP*]\n")
    assert main(["lint", str(deck)]) == 0
    assert "[markup]" not in capsys.readouterr().out


BAD = [
    ("Record **growth", "unbalanced '**'"),
    ("a [link]()", "a link has no target"),
    ("click [here](javascript:alert(1))", "links to 'javascript:' addresses are not allowed"),
    ("<javascript:alert(1)>", "links to 'javascript:' addresses are not allowed"),
    ("see [the page](page.html)", "the link target 'page.html' is not a full address"),
    ("see [the page](https://example.org/a b)", "a link's target is not closed"),
    ("[](https://example.org)", "has no visible text"),
]


@pytest.mark.parametrize("text,message", BAD, ids=[m for _, m in BAD])
def test_broken_markup_is_an_error_at_its_line(tmp_path, capsys, text, message):
    deck = write_project(tmp_path, bullets_deck(["fine", text]))
    out = tmp_path / "deck.pptx"
    out.write_bytes(b"previous build")
    assert main(["build", str(deck), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    located = [line for line in err.splitlines() if "deck.yaml:7:9: error: " in line]
    assert len(located) == 1 and message in located[0]
    assert "Traceback" not in err and "Error:" not in err and "Exception" not in err
    assert out.read_bytes() == b"previous build"   # nothing written


def test_every_broken_field_is_reported_in_one_run(tmp_path, capsys):
    deck = write_project(tmp_path, "title: 'Bad **title'\nfooter: '[x](ftp://example.org)'\n"
                                   "slides:\n  - kind: stat\n    title: Stats\n    stats:\n"
                                   "      - {value: '**3', label: '[l]()'}\n")
    assert main(["validate", str(deck)]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0].rsplit(":", 2)[-2:] for line in lines] == [
        ["1", "8"], ["2", "9"], ["7", "17"], ["7", "31"]]


# ----- outline and the example ----------------------------------------------------------------

def test_outline_shows_the_markup_as_markdown(tmp_path):
    compiled = compile_deck(write_project(tmp_path, MARKUP_DECK))
    text = outline(compiled.presentation)
    assert "## 1. Growth at a record pace" in text
    assert "- **Bold** then *italic* then *also italic* then code() and a " \
           "[link](<https://example.org/a?b=1>)" in text
    assert "Escaped \\*stars\\*, \\_underscores\\_" in text
    assert "**Notes:** Say **this** first" in text
    assert "| \\.pptx |" not in text and "| .pptx | [yes](<https://example.org/pptx>) |" in text


def test_the_documented_example_builds_without_findings(tmp_path, capsys):
    example = REPO / "docs" / "examples" / "markup" / "markup.yaml"
    assert main(["lint", str(example)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out
    out = build(example, tmp_path / "example.pptx")
    assert package_problems(out) == []


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_shows_the_links_as_links(built, tmp_path):
    """LibreOffice reads the hyperlinks as links: its PDF has a link annotation to each."""
    command = [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
               "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path),
               str(built)]
    subprocess.run(command, capture_output=True, timeout=180, check=True)
    pdf = (tmp_path / "deck.pdf").read_bytes()
    uris = set(re.findall(rb"/URI\s*\(([^)]*)\)", pdf))
    assert {b"https://example.org/a?b=1", b"mailto:team@example.org",
            b"https://www.imf.org/en/Data", b"https://example.org/pptx"} <= uris


# ----- language spans without the parser ----------------------------------------------------

phrases = st.text(alphabet=st.sampled_from(list("ab Ñé,.;:!?()-{}=]\n/&#1")), max_size=8)
tags = st.sampled_from(["es", "es-MX", "fr", "xx-YY", "", "es MX", "zz"])
markup_texts = st.lists(st.one_of(
    phrases,
    st.builds(lambda phrase, tag: f"[{phrase}]{{lang={tag}}}", phrases, tags),
    st.sampled_from(["*", "**", "_", "`", "[", "\\", "<", "](", "]{", "\r", "[x](https://a.b)"]),
), max_size=6).map("".join)


@settings(max_examples=400, deadline=None)
@given(markup_texts)
def test_language_spans_without_the_parser_are_what_the_parser_gives(text):
    from deckbuilder.markup import _language_spans_only, _parsed

    quick = _language_spans_only(text)
    if quick is not None:
        assert quick == _parsed(text)


def test_the_seed_decks_markup_needs_no_parser():
    """Its only markup is names in Spanish: every such text is split without markdown-it."""
    from deckbuilder.markup import _language_spans_only, has_markup

    texts = re.findall(r"(?m)^\s*(?:- |\w+: )?(.*\]\{lang=.*)$", SEED_DECK.read_text("utf-8"))
    assert len(texts) > 10
    for text in texts:
        text = text.strip().strip("\"'")
        assert has_markup(text) and _language_spans_only(text) is not None, text
