"""Charts in another language (issue 16): a strings file labels a chart's categories and
gives the text a chart takes from its data (source line, series labels, the x column's
name); the picture, the alt text, the notes table and a native chart show it, what it
leaves out is a finding naming it, and ``build --check --language`` checks that build."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from matplotlib.text import Text
from pptx import Presentation

from deckbuilder.charts.job import make_job
from deckbuilder.charts.render import figure, styled
from deckbuilder.cli import main
from deckbuilder.ir import ChartBox, TextBox
from deckbuilder.pipeline import compile_deck
from deckbuilder.preview import PreviewError, find_tools

from helpers import SEED_DECK, alt_texts, footer_texts, notes_text, texts

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

DRUGS = "drug,deaths\nHeroin,15469\nCocaine,10375\nMethadone,3373\n"
META = """\
    unit: deaths
    series: {deaths: {label: Overdose deaths}}
    source_line: "Source: CDC, 2016"
    """
SITES = "site,visits\n" + "".join(f"Site {n},{n * 10}\n" for n in range(1, 32))
ENGLISH = """\
    title: Deaths
    slides:
      - kind: chart
        id: drugs
        title: Drugs
        chart: {type: bar, data: drugs.csv, x: drug, series: deaths, value_labels: all,
                highlight: [{x: Heroin, note: Most deaths}]}
      - kind: chart
        id: native
        title: Native
        source: "Source: CDC"
        chart: {type: column, data: drugs.csv, x: drug, series: [{column: deaths, label: Deaths}],
                render: native}
      - kind: chart
        id: sites
        title: Sites
        source: "Source: logs"
        chart: {type: column, data: sites.csv, x: site, series: [{column: visits, label: Visits}]}
    """
CATEGORIES = "{Heroin: Heroína, Cocaine: Cocaína, Methadone: Metadona}"
SITIOS = "{" + ", ".join(f"Site {n}: Sitio {n}" for n in range(1, 32)) + "}"
SPANISH = f"""\
    title: Muertes
    slides:
      drugs:
        title: Drogas
        source: "Fuente: CDC, 2016"
        chart:
          series: [{{label: Muertes por sobredosis}}]
          unit: muertes
          highlight: [{{note: Más muertes}}]
          categories: {CATEGORIES}
      native:
        title: Nativo
        source: "Fuente: CDC"
        chart: {{series: [{{label: Muertes}}], unit: muertes, x_name: droga,
                 categories: {CATEGORIES}}}
      sites:
        title: Sitios
        source: "Fuente: registros"
        chart: {{series: [{{label: Visitas}}], x_name: sitio, categories: {SITIOS}}}
    """
ENGLISH_WORDS = ("Heroin", "Cocaine", "Methadone", "Overdose deaths", "Site", "Source",
                 "Deaths", "Visits")


def project(tmp_path: Path, spanish: str = SPANISH, english: str = ENGLISH) -> Path:
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "drugs.csv").write_text(DRUGS)
    (tmp_path / "drugs.meta.yaml").write_text(textwrap.dedent(META))
    (tmp_path / "sites.csv").write_text(SITES)
    (tmp_path / "deck.es-MX.yaml").write_text(textwrap.dedent(spanish), encoding="utf-8")
    deck = tmp_path / "deck.yaml"
    deck.write_text(textwrap.dedent(english), encoding="utf-8")
    return deck


def build(deck: Path, name: str, *options: str) -> Path:
    out = deck.with_name(name)
    assert main(["build", str(deck), "-o", str(out), *options]) == 0
    return out


def english_words(text: str) -> list[str]:
    return [w for w in ENGLISH_WORDS if re.search(rf"\b{w}\b", text)]


def drawn_texts(box: ChartBox, theme) -> list[str]:
    """Every text the chart's picture draws (tick labels, value labels, notes, titles)."""
    job = make_job(box, theme)
    with styled(job.style):
        fig = figure(job)
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def test_translated_categories_show_in_the_picture_alt_text_and_notes(tmp_path, capsys):
    deck = project(tmp_path)
    prs = Presentation(str(build(deck, "es.pptx", "--language", "es-MX")))
    assert "[translation-" not in capsys.readouterr().err  # every text is translated
    drugs, _, sites = alt_texts(prs)
    assert drugs == ("Gráfico de barras de Muertes por sobredosis (muertes), 3 categorías: "
                     "Heroína, Cocaína y Metadona. Mínimo 3,373 (Metadona), máximo 15,469 "
                     "(Heroína). Valores: Heroína: 15,469 (destacado: Más muertes); Cocaína: "
                     "10,375; Metadona: 3,373.")
    notes = notes_text(prs.slides[2])  # 31 values: the table is in the notes
    assert notes.startswith("Datos del gráfico: sitio | Visitas\nSitio 1 | 10\n")
    assert "Sitio 31 | 310" in notes and "sitio de Sitio 1 a Sitio 31" not in sites
    assert english_words(drugs + sites + notes) == []
    compiled = compile_deck(deck, language="es-MX")
    box = next(e for e in compiled.presentation.slides[0].elements if isinstance(e, ChartBox))
    drawn = drawn_texts(box, compiled.theme)
    assert {"Heroína", "Cocaína", "Metadona", "muertes"} <= set(drawn), drawn
    assert any(text.endswith("Más muertes") for text in drawn), drawn  # '15,469  Más muertes'
    assert english_words(" ".join(drawn)) == []
    english = compile_deck(deck)  # the deck's own build keeps the data's words
    box = next(e for e in english.presentation.slides[0].elements if isinstance(e, ChartBox))
    drawn = drawn_texts(box, english.theme)
    assert {"Heroin", "deaths"} <= set(drawn) and any("Most deaths" in t for t in drawn)


def test_a_native_chart_writes_its_translated_categories(tmp_path):
    prs = Presentation(str(build(project(tmp_path), "es.pptx", "--language", "es-MX")))
    chart = next(s.chart for s in prs.slides[1].shapes if s.has_chart)
    assert list(chart.plots[0].categories) == ["Heroína", "Cocaína", "Metadona"]
    cat = chart._chartSpace.xpath(".//c:cat//c:v/text()")
    assert cat == ["Heroína", "Cocaína", "Metadona"]
    assert list(chart.plots[0].series[0].values) == [15469, 10375, 3373]  # the same data


def test_a_derived_source_line_is_translated(tmp_path):
    deck = project(tmp_path)
    english, spanish = (Presentation(str(build(deck, name, *options))) for name, options in
                        (("en.pptx", ()), ("es.pptx", ("--language", "es-MX"))))
    assert "Source: CDC, 2016" in footer_texts(english.slides[0], english)  # the .meta.yaml's
    assert "Fuente: CDC, 2016" in footer_texts(spanish.slides[0], spanish)
    assert not any("Source" in text for text in texts(spanish))


@pytest.mark.skipif(not (SOFFICE and PDFTOTEXT),
                    reason="needs LibreOffice (soffice) and poppler (pdftotext)")
def test_libreoffice_shows_the_translated_source_line(tmp_path):
    out = build(project(tmp_path), "es.pptx", "--language", "es-MX")
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(out)], check=True, capture_output=True, timeout=240)
    first = subprocess.run([PDFTOTEXT, "-f", "1", "-l", "1", str(tmp_path / "es.pdf"), "-"],
                           check=True, capture_output=True, text=True, timeout=60).stdout
    assert "Fuente: CDC, 2016" in first and "Source" not in first, first


def test_preview_renders_the_deck_in_its_language(tmp_path, capsys):
    try:
        find_tools()
    except PreviewError as exc:
        pytest.skip(str(exc))
    if PDFTOTEXT is None:
        pytest.skip("needs poppler's pdftotext")
    out = tmp_path / "preview"
    assert main(["preview", str(project(tmp_path)), "-o", str(out), "--language", "es-MX"]) == 0
    shown = subprocess.run([PDFTOTEXT, str(out / "deck.pdf"), "-"], check=True,
                           capture_output=True, text=True, timeout=60).stdout
    assert "Drogas" in shown and "Fuente: CDC, 2016" in shown and "Source" not in shown
    assert len(list(out.glob("slide-*.png"))) == 3


def test_what_the_strings_leave_out_is_a_finding_naming_slide_chart_and_category(
        tmp_path, capsys):
    partial = (SPANISH.replace(" Cocaine: Cocaína,", "", 1)
               .replace('        source: "Fuente: CDC, 2016"\n', "")
               .replace("          series: [{label: Muertes por sobredosis}]\n", ""))
    deck = project(tmp_path, partial)
    prs = Presentation(str(build(deck, "es.pptx", "--language", "es-MX")))
    assert "Cocaine" in alt_texts(prs)[0]  # the data's own text stands in
    err = capsys.readouterr().err
    findings = [line.removeprefix(str(tmp_path) + "/") for line in err.splitlines()
                if "translation-fallback" in line]
    assert findings == [  # at the chart's data, its x column, its series
        "deck.yaml:6:30: warning: slide 'drugs', 'source' has no es-MX text in "
        "deck.es-MX.yaml; the data's own text is shown [translation-fallback]",
        "deck.yaml:6:44: warning: slide 'drugs', 'chart.categories.Cocaine' has no es-MX "
        "text in deck.es-MX.yaml; the data's own text is shown [translation-fallback]",
        "deck.yaml:6:58: warning: slide 'drugs', 'chart.series[0].label' has no es-MX text "
        "in deck.es-MX.yaml; the data's own text is shown [translation-fallback]"], err
    assert "hint: add it to deck.es-MX.yaml as slides: drugs: chart: categories: Cocaine" in err
    strict = "translation: {missing: error}\n" + textwrap.dedent(ENGLISH)
    deck = project(tmp_path, partial, strict)
    assert main(["validate", str(deck), "--language", "es-MX"]) == 1
    err = capsys.readouterr().err
    assert "error: slide 'drugs', 'chart.categories.Cocaine' has no es-MX text" in err, err
    assert main(["build", str(deck), "-o", str(tmp_path / "x.pptx"), "--language",
                 "es-MX"]) == 1
    assert "[translation-missing]" in capsys.readouterr().err
    assert not (tmp_path / "x.pptx").exists()


@pytest.mark.parametrize("strings, expected", [
    ("slides: {drugs: {chart: {categories: {Heroine: Heroína}}}}",
     "error: categories: 'Heroine' is not a value of 'drug' (did you mean 'Heroin'?)"),
    ("slides: {drugs: {chart: {xname: año}}}", "the deck has no 'xname' here to translate"),
    ("slides: {drugs: {subtitle: Drogas}}", "the deck has no 'subtitle' here to translate"),
])
def test_strings_for_text_the_chart_does_not_show_are_errors(tmp_path, capsys, strings,
                                                              expected):
    deck = project(tmp_path, strings)
    assert main(["build", str(deck), "-o", str(tmp_path / "x.pptx"), "--language",
                 "es-MX"]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err, err


def test_build_check_language_checks_the_spanish_output(tmp_path, capsys):
    deck = project(tmp_path)
    spanish = build(deck, "es.pptx", "--language", "es-MX")
    check = ["build", str(deck), "-o", str(spanish), "--check"]
    capsys.readouterr()
    assert main(check + ["--language", "es-MX"]) == 0
    assert "es.pptx is up to date" in capsys.readouterr().out
    assert main(check) == 1  # it is not the deck's own build
    assert "language changed (es-MX -> unset)" in capsys.readouterr().err
    strings = tmp_path / "deck.es-MX.yaml"
    strings.write_text(strings.read_text(encoding="utf-8").replace("Drogas", "Fármacos"),
                       encoding="utf-8")
    assert main(check + ["--language", "es-MX"]) == 1
    err = capsys.readouterr().err
    assert "deck.es-MX.yaml: content changed" in err
    assert f"rebuild it with: deckbuilder build {deck} -o {spanish} --language es-MX" in err


def test_an_each_deck_refuses_language(tmp_path, capsys):
    deck = project(tmp_path, english="data: {ns: [1, 2]}\n"
                                     "each: {in: ns, as: n, output: 'n{{ n }}.pptx'}\n"
                                     + textwrap.dedent(ENGLISH))
    assert main(["build", str(deck), "--language", "es-MX"]) == 2
    assert "cannot take --language yet" in capsys.readouterr().err


# ----- the seed deck ------------------------------------------------------------------------

def chart_texts(compiled, named: bool = False) -> dict[int, set[str]]:
    """Per chart slide, the text its charts draw and its source line, from the deck or the
    data (``named``: with the x column's name the alt text and notes may read)."""
    found: dict[int, set[str]] = {}
    for number, slide in enumerate(compiled.presentation.slides, 1):
        for element in slide.elements:
            if isinstance(element, ChartBox):
                spec, data = element.spec, element.data
                found.setdefault(number, set()).update(
                    [x for x in data.x if any(c.isalpha() for c in x)],
                    data.labels.values(), [spec.unit or data.unit or "", spec.x_label or ""],
                    [spec.category_name()] if named else [])
            elif isinstance(element, TextBox) and element.role == "source":
                found.setdefault(number, set()).add(
                    "".join(run.text for p in element.paragraphs for run in p.runs))
    return {n: {t for t in words if t.strip()} for n, words in found.items()
            if any(isinstance(e, ChartBox) for e in compiled.presentation.slides[n - 1].elements)}


def test_the_seed_deck_in_spanish_shows_no_english_chart_or_source_text(tmp_path, capsys):
    out = tmp_path / "es.pptx"
    assert main(["lint", str(SEED_DECK), "--language", "es-MX"]) == 0
    assert "translation-" not in capsys.readouterr().out  # nothing falls back
    assert main(["build", str(SEED_DECK), "--language", "es-MX", "-o", str(out)]) == 0
    prs = Presentation(str(out))
    english = chart_texts(compile_deck(SEED_DECK), named=True)
    spanish = chart_texts(compile_deck(SEED_DECK, language="es-MX"))
    assert set(spanish) == set(english) == {4, 13, 14, 15, 22, 23, 29, 36}
    for number, words in english.items():
        slide = prs.slides[number - 1]
        shown = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        shown += [shape._element.xpath(".//p:cNvPr")[0].get("descr") or ""
                  for shape in slide.shapes] + [notes_text(slide)]
        shown += spanish[number]  # what the picture draws
        left = [w for w in words if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)
                                        for text in shown)]
        assert left == [], f"slide {number} shows English: {left}"
