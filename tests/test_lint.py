"""Lint rules on small hand-made slides (each rule fires, and stays quiet when it should), the
``lint`` and ``build`` commands, and the accessibility of built decks (reading order,
language of every run)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from pptx import Presentation as open_pptx
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckbuilder.charts.data import ChartData
from deckbuilder.charts.spec import ChartSpec
from deckbuilder.cli import main
from deckbuilder.errors import SourcePos
from deckbuilder.ir import (ChartBox, Font, Insets, Paragraph, Picture, Presentation, Rect, Run,
                            Shape, Slide, TableBox, TextBox, inches)
from deckbuilder.lint import lint_presentation
from deckbuilder.colors import ratio
from deckbuilder.theme import available_themes, load_theme

from helpers import FIXTURES, REPO, SEED_DECK, box, is_title

THEME = load_theme("default", None, SourcePos("test", 1, 1))
COLORS = THEME.colors
WIDTH, HEIGHT = inches(13.333), inches(7.5)
OVERFULL = FIXTURES / "overfull.yaml"


# ----- building blocks -----------------------------------------------------------------------

def rect(x: float, y: float, w: float, h: float) -> Rect:
    return Rect(inches(x), inches(y), inches(w), inches(h))


def text(x: float, y: float, w: float, h: float, words: str = "Some words", *,
         role: str = "body", size: float = 20, color: str | None = None, bold: bool = False,
         fill: str | None = None, name: str = "Text", fitted: bool = False) -> TextBox:
    font = Font("Calibri", size, color or COLORS.text, bold)
    return TextBox(rect(x, y, w, h), [Paragraph((Run(words, font),))], role=role, fill=fill,
                   name=name, insets=Insets(0, 0, 0, 0), min_size=size if fitted else None)


def title(words: str = "A title") -> TextBox:
    return text(0.6, 0.4, 12, 0.9, words, role="title", size=32, color=COLORS.title,
                bold=True, name="Title", fitted=True)


def footer(source: str | None = "Source: somewhere") -> list[TextBox]:
    boxes = [text(10.5, 7.0, 2.2, 0.3, "3", role="number", size=11, name="Slide number")]
    if source:
        boxes.insert(0, text(0.6, 7.0, 8, 0.3, source, role="source", size=11, name="Source"))
    return boxes


def body(words: str = "A point worth making.") -> TextBox:
    return text(0.6, 1.7, 12, 4.5, words, name="Body", fitted=True)


def chart(alt: str = "Column chart of widgets by year, 2015 to 2017.") -> ChartBox:
    spec = ChartSpec(type="column", data="widgets.csv", x="year", series=[{"column": "widgets"}])
    data = ChartData(x=["2015", "2016", "2017"], values={"widgets": [1.0, 2.0, 3.0]})
    return ChartBox(rect(0.6, 1.7, 7, 4.5), spec=spec, data=data, alt=alt)


def slide(*elements, kind: str = "bullets", heading: str = "A title", number: int = 1) -> Slide:
    return Slide(kind, heading, list(elements), background=COLORS.background,
                 pos=SourcePos("deck.yaml", number * 10, 5), number=number)


def content_slide(*elements, heading: str = "A title", number: int = 1, **options) -> Slide:
    return slide(title(heading), *elements, *footer(**options), heading=heading, number=number)


def rules(*slides: Slide) -> list[str]:
    presentation = Presentation(WIDTH, HEIGHT, list(slides), "Deck")
    return [finding.rule for finding in lint_presentation(presentation, THEME)]


def test_a_well_made_slide_has_no_findings():
    assert rules(content_slide(body())) == []


# ----- one test pair per rule ----------------------------------------------------------------

def test_overflow_fires_for_an_unfitted_box_taller_than_its_text_area():
    assert "overflow" in rules(content_slide(text(0.6, 1.7, 3, 0.3, "word " * 40)))


def test_overflow_trusts_boxes_the_layout_fitted_and_short_text():
    fitted = text(0.6, 1.7, 3, 0.3, "word " * 40, fitted=True)  # layout reported it already
    assert "overflow" not in rules(content_slide(fitted, text(0.6, 2.5, 3, 0.5, "Short")))


def test_off_slide_fires_past_any_edge():
    assert "off-slide" in rules(content_slide(text(12.5, 3, 2, 1, "Too far right")))
    assert "off-slide" in rules(content_slide(Shape(rect(-0.1, 0, 1, 1), COLORS.primary)))


def test_off_slide_accepts_full_bleed():
    assert "off-slide" not in rules(content_slide(Shape(Rect(0, 0, WIDTH, HEIGHT),
                                                        COLORS.background), body()))


def test_overlap_fires_for_text_on_text_and_text_half_on_a_shape():
    assert "overlap" in rules(content_slide(body(), text(3, 3, 3, 1, "On top")))
    half_on = [Shape(rect(1, 2, 2, 2), COLORS.surface), text(2, 2.5, 3, 1, "Half on")]
    assert "overlap" in rules(content_slide(*half_on))
    assert "overlap" in rules(content_slide(chart(), text(6, 3, 3, 1, "Over the chart")))
    assert "overlap" in rules(content_slide(body(), Shape(rect(1, 2, 1, 1), COLORS.accent)))


def test_overlap_allows_text_inside_a_filled_shape_and_touching_boxes():
    inside = [Shape(rect(1, 2, 4, 2), COLORS.surface), text(1.2, 2.2, 3, 1, "Inside")]
    touching = [text(6, 2, 3, 1, "Left"), text(9, 2, 3, 1, "Right")]
    framed = [Shape(rect(0.5, 4.4, 4.2, 2.2), COLORS.surface), Picture(rect(0.6, 4.5, 4, 2), b"",
                                                                       alt="A map")]
    assert "overlap" not in rules(content_slide(*inside, *touching, *framed))


def test_reading_order_fires_when_a_lower_box_is_read_first():
    note = text(0.6, 6.3, 7, 0.3, "A note under the chart", role="label", size=11)
    assert "reading-order" in rules(content_slide(note, chart()))
    source_first = slide(title(), *footer(), body())
    assert "reading-order" in rules(source_first)


def test_reading_order_accepts_rows_then_columns():
    note = text(0.6, 6.3, 7, 0.3, "A note under the chart", role="label", size=11)
    side = text(8, 1.7, 4.6, 4.9, "Beside the chart and its note", fitted=True)
    assert "reading-order" not in rules(content_slide(chart(), note, side))


def test_font_min_fires_below_the_roles_floor():
    assert "font-min" in rules(content_slide(text(0.6, 1.7, 12, 4, "Tiny body text", size=10)))
    assert "font-min" in rules(slide(title(), body(), *footer(), text(
        0.6, 6.6, 5, 0.3, "Tiny source", role="source", size=7)))


def test_font_min_accepts_text_at_its_floor():
    assert "font-min" not in rules(content_slide(text(0.6, 1.7, 12, 4, "Secondary", size=13)))


def test_contrast_fires_below_aa():
    grey = "999999"  # 2.8:1 on white
    assert ratio(grey, "FFFFFF") < 3
    assert "contrast" in rules(content_slide(text(0.6, 1.7, 12, 1, "Grey", color=grey)))
    # white text whose shape covers only part of it sits partly on the white slide
    partly = [Shape(rect(0.6, 1.7, 2, 1), COLORS.primary),
              text(0.6, 1.7, 4, 1, "White", color="FFFFFF")]
    assert "contrast" in rules(content_slide(*partly))


def test_contrast_uses_the_box_fill_or_the_shape_under_it_and_large_text_needs_less():
    on_band = [Shape(rect(0.6, 1.7, 12, 2), COLORS.primary),
               text(1, 2, 8, 1, "White on navy", color="FFFFFF")]
    on_fill = text(1, 4, 8, 1, "White on its own fill", color="FFFFFF", fill=COLORS.primary)
    large = text(1, 5.2, 8, 1, "Large bold", color="8A8A8A", size=20, bold=True)  # 3.4:1
    assert ratio("8A8A8A", "FFFFFF") > 3
    assert "contrast" not in rules(content_slide(*on_band, on_fill, large))


def test_alt_text_fires_when_missing_or_a_file_name():
    assert "alt-text" in rules(content_slide(Picture(rect(1, 2, 4, 3), b"", alt=" ")))
    assert "alt-text" in rules(content_slide(Picture(rect(1, 2, 4, 3), b"", alt="photo.PNG")))
    assert "alt-text" in rules(content_slide(chart(alt="")))


def test_alt_text_accepts_a_description():
    assert "alt-text" not in rules(content_slide(
        Picture(rect(1, 2, 4, 3), b"", alt="A red circle in a navy frame"), chart()))


def test_chart_source_fires_without_a_source_line():
    assert "chart-source" in rules(content_slide(chart(), source=None))


def test_chart_source_is_quiet_with_a_source_or_without_a_chart():
    assert "chart-source" not in rules(content_slide(chart()), content_slide(body(), source=None))


def test_title_missing_fires_without_a_title_box_or_text():
    assert "title-missing" in rules(slide(body(), *footer()))
    assert "title-missing" in rules(content_slide(body(), heading=" "))


def test_title_duplicate_fires_for_a_title_used_twice_apart():
    found = rules(content_slide(body(), heading="Same", number=1),
                  content_slide(body(), heading="Other", number=2),
                  content_slide(body(), heading="same ", number=3))
    assert found.count("title-duplicate") == 1


def test_title_duplicate_exempts_continuations_covers_and_sections():
    cover = slide(title("Deck"), kind="title", heading="Deck")
    section = slide(title("Part one"), kind="section", heading="Part one", number=2)
    found = rules(cover, content_slide(body(), heading="Deck", number=2), section,
                  content_slide(body(), heading="Part one", number=3),
                  content_slide(body(), heading="Part one (cont.)", number=4),
                  content_slide(body(), heading="Part one (cont.)", number=5))
    assert "title-duplicate" not in found


def test_empty_slide_fires_for_a_title_and_footer_only():
    assert "empty-slide" in rules(content_slide())


def test_empty_slide_exempts_sections_and_counts_pictures_and_tables():
    cell_font = Font("Calibri", 18, COLORS.text)
    table = TableBox(rect(0.6, 1.7, 12, 3), ["Year"], [["2017"]],
                     [[(Run("Year", cell_font),)], [(Run("2017", cell_font),)]], cell_font,
                     cell_font, COLORS.primary, None, COLORS.rule,
                     ["left"], [inches(12)], [inches(0.5), inches(0.5)])
    assert "empty-slide" not in rules(slide(title("Part"), kind="section", heading="Part"),
                                      content_slide(table),
                                      content_slide(Picture(rect(1, 2, 4, 3), b"", alt="A map")))


# ----- the commands --------------------------------------------------------------------------

def lint_json(capsys, *args: str) -> tuple[int, dict]:
    code = main(["lint", *map(str, args), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("theme", sorted(available_themes()))
def test_the_seed_deck_lints_clean_in_every_shipped_theme(theme, capsys):
    code, report = lint_json(capsys, SEED_DECK, "--theme", theme)
    assert report["findings"] == [] and code == 0


def test_lint_exits_1_on_errors_with_each_at_its_line(capsys):
    code, report = lint_json(capsys, OVERFULL)
    assert code == 1 and report["errors"] == 7
    lines = OVERFULL.read_text(encoding="utf-8").splitlines()
    for finding in report["findings"]:
        assert finding.keys() == {"file", "line", "col", "severity", "rule", "message", "hint"}
        assert "expect: overflow" in lines[finding["line"] - 1]


def write_deck(folder: Path, slides: str) -> Path:
    deck = folder / "deck.yaml"
    deck.write_text("title: Tiny\nslides:\n" + textwrap.indent(textwrap.dedent(slides), "  "),
                    encoding="utf-8")
    return deck


DUPLICATES = """\
- kind: bullets
  title: Same
  items: [One]
- kind: bullets
  title: Other
  items: [Two]
- kind: bullets
  title: Same
  items: [Three]
"""


def test_warnings_alone_exit_0_and_point_at_the_field(tmp_path, capsys):
    code, report = lint_json(capsys, write_deck(tmp_path, DUPLICATES))
    assert code == 0 and report["warnings"] == 1
    assert report["findings"][0]["rule"] == "title-duplicate"
    assert report["findings"][0]["line"] == 10  # the second "title: Same"


def test_text_format_and_unreadable_decks(tmp_path, capsys):
    deck = write_deck(tmp_path, DUPLICATES)
    assert main(["lint", str(deck)]) == 0
    out = capsys.readouterr().out
    assert f"{deck}:10:12: warning: " in out and "[title-duplicate]" in out and "hint: " in out
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    code, report = lint_json(capsys, broken)
    assert code == 1 and report["findings"][0]["rule"] == "invalid"


def test_build_prints_warnings_and_still_builds(tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    assert main(["build", str(write_deck(tmp_path, DUPLICATES)), "-o", str(out)]) == 0
    assert out.is_file()
    assert "[title-duplicate]" in capsys.readouterr().err


# ----- accessibility of built decks ----------------------------------------------------------

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
FOOTER_NAMES = ("Source", "Footer", "Slide number")


def read_before(a, b) -> bool:
    """Whether a sighted reader meets ``a`` before ``b``: wholly above it, or beside it and
    to its left."""
    if a.bottom <= b.y:
        return True
    return a.y < b.bottom and b.y < a.bottom and a.right <= b.x


def reading_problems(prs) -> list[str]:
    """Title first, content in visual order, footer last, per slide, in spTree order."""
    problems = []
    for number, s in enumerate(prs.slides, start=1):
        shapes = [sh for sh in s.shapes if sh.has_text_frame and sh.text_frame.text.strip()
                  or sh.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.TABLE)]
        if not is_title(shapes[0], s):
            problems.append(f"slide {number}: {shapes[0].name} comes before the title")
        names = [sh.name for sh in shapes]
        first_footer = next((i for i, n in enumerate(names) if n in FOOTER_NAMES), len(names))
        if any(n not in FOOTER_NAMES for n in names[first_footer:]):
            problems.append(f"slide {number}: content after the footer: {names}")
        for i, earlier in enumerate(shapes[1:], start=1):
            for later in shapes[i + 1:]:
                if read_before(box(later), box(earlier)):
                    problems.append(f"slide {number}: {later.name} is seen before "
                                    f"{earlier.name} but read after it")
    return problems


@pytest.mark.parametrize("deck", ["seed_prs", "all_kinds_prs"])
def test_reading_order_follows_the_visual_order(deck, request):
    assert reading_problems(request.getfixturevalue(deck)) == []


SPANISH_NAMES = {"Videgaray", "Unidad de Politica Migratoria", "Mérida", "Peña Nieto",
                 "Osorio Chong", "Secretaria Ejecutiva de Seguridad Nacional", "El Financiero",
                 "Contralínea", "El Economista", "El Punto Crítico"}


def test_every_run_carries_the_deck_language(seed_prs, tmp_path):
    shrunk = tmp_path / "shrunk.pptx"
    assert main(["build", str(FIXTURES / "overfull-fits.yaml"), "-o", str(shrunk)]) == 0
    for prs, language in ((seed_prs, "en-US"), (open_pptx(str(shrunk)), "en-GB")):
        for s in prs.slides:
            runs = list(s._element.iter(f"{A}r"))
            assert runs
            # Spanish names in the seed deck are tagged es-MX (tests/test_locale.py)
            assert {r.find(f"{A}rPr").get("lang") for r in runs
                    if r.findtext(f"{A}t") not in SPANISH_NAMES} == {language}


def test_speaker_notes_carry_the_deck_language(seed_prs):
    noted = [s for s in seed_prs.slides if s.has_notes_slide and s.notes_slide.notes_text_frame.text]
    assert noted
    for s in noted:
        runs = list(s.notes_slide.notes_text_frame._txBody.iter(f"{A}r"))
        assert runs and {r.find(f"{A}rPr").get("lang") for r in runs
                         if r.findtext(f"{A}t") not in SPANISH_NAMES} == {"en-US"}


GLYPH_DECK = """\
title: Glyphs
slides:
  - kind: chart
    title: Symbols
    source: "Source: the test suite"
    chart:
      type: column
      title: "{title}"
      data: [{{year: "2015", n: 10}}, {{year: "2016", n: 12}}]
      x: year
      series: [n]
"""


@pytest.mark.parametrize("chart_title, missing", [
    ("Growth in Mérida – “2016” … €", None),        # every shipped font has these
    ("Δ growth → ✓ ☃", None),                         # DejaVu Sans, the fallback, has these
    ("Growth 中文 \U000F0000", "\U000F0000")])      # an installed CJK face has 中文; no
                                                     # font has a private-use character
def test_chart_glyphs_names_characters_no_chart_font_has(chart_title, missing, tmp_path,
                                                          capsys, monkeypatch):
    """The characters a chart picture would draw as empty boxes are an error at the
    chart's line, and matplotlib's own per-glyph warnings never reach the terminal."""
    import warnings

    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DECKBUILDER_CHART_WORKERS", "1")  # draw here, where warnings show
    (tmp_path / "deckbuilder.toml").write_text("")
    deck = tmp_path / "deck.yaml"
    deck.write_text(GLYPH_DECK.format(title=chart_title))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = main(["build", str(deck), "-o", str(tmp_path / "out.pptx")])
    assert code == (0 if missing is None else 1)
    assert not [w for w in caught if "Glyph" in str(w.message)]
    err = capsys.readouterr().err
    found = [line for line in err.splitlines() if "[chart-glyphs]" in line]
    if missing is None:
        assert found == []
    else:
        assert found == [f"{deck}:7:7: error: the chart's text has characters its fonts "
                         f"lack, drawn as empty boxes: {missing} [chart-glyphs]"]


def test_every_shipped_font_has_the_characters_lint_takes_for_granted():
    """lint_rules/glyphs.py reads no font for text made only of EVERY_FONT_HAS."""
    from fontTools.ttLib import TTFont

    from deckbuilder.fonts import FONT_DIR
    from deckbuilder.lint_rules.glyphs import EVERY_FONT_HAS

    files = sorted(FONT_DIR.glob("*.ttf"))
    assert len(files) == 12   # Carlito, Liberation Sans and Mono, four styles each
    for path in files:
        with TTFont(str(path), lazy=True) as font:
            cmap = font.getBestCmap()
        assert not [c for c in EVERY_FONT_HAS if ord(c) not in cmap], path.name


def test_fonts_without_a_metric_stand_in_are_named_once_at_the_theme_line(tmp_path, capsys):
    """A theme in Segoe UI is measured with Arial's widths: one warning per such font at the
    deck's 'theme:' line, none for Calibri or Arial."""
    theme = (REPO / "themes" / "dark" / "theme.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "themes" / "corporate"
    folder.mkdir(parents=True)
    (folder / "theme.yaml").write_text(theme.replace("heading: Arial", "heading: Segoe UI"),
                                       encoding="utf-8")
    (tmp_path / "deckbuilder.toml").write_text("")
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: T\ntheme: corporate\nslides:\n  - kind: bullets\n    title: One\n"
                    "    items: [A point]\n  - kind: bullets\n    title: Two\n"
                    "    items: [Another point]\n")
    assert main(["lint", str(deck), "--format", "json"]) == 0
    findings = [f for f in json.loads(capsys.readouterr().out)["findings"]
                if f["rule"] == "font-unmeasured"]
    assert [(f["line"], f["col"]) for f in findings] == [(2, 8)]
    assert "'Segoe UI'" in findings[0]["message"]
    assert main(["lint", str(SEED_DECK), "--format", "json"]) == 0
    assert "font-unmeasured" not in capsys.readouterr().out


def test_a_deck_can_ignore_warnings_but_not_errors(tmp_path, capsys):
    (tmp_path / "deckbuilder.toml").write_text("")
    deck = tmp_path / "deck.yaml"
    slides = ("slides:\n  - kind: bullets\n    title: Same\n    items: [One]\n"
              "  - kind: bullets\n    title: Other\n    items: [Two]\n"
              "  - kind: bullets\n    title: Same\n    items: [Three]\n")

    def lint(settings: str) -> tuple[int, list[dict]]:
        deck.write_text("title: T\n" + settings + slides)
        code = main(["lint", str(deck), "--format", "json"])
        return code, json.loads(capsys.readouterr().out)["findings"]

    code, findings = lint("")
    assert code == 0 and [f["rule"] for f in findings] == ["title-duplicate"]
    code, findings = lint("lint:\n  ignore: [title-duplicate]\n")
    assert code == 0 and findings == []
    code, findings = lint("lint:\n  ignore: [title-duplicate, contrast, titel-missing]\n")
    assert code == 1
    assert [(f["line"], f["col"], f["rule"], f["severity"]) for f in findings] == [
        (3, 29, "invalid", "error"), (3, 39, "invalid", "error")]
    assert "'contrast' is an error and cannot be ignored" in findings[0]["message"]
    assert "did you mean 'title-missing'" in findings[1]["message"]
    assert main(["build", str(deck), "-o", str(tmp_path / "out.pptx")]) == 1  # nor built
    assert not (tmp_path / "out.pptx").exists()
