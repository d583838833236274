"""Locale (issue 16): the deck's language writes numbers (CLDR), chart numbers and the tool's
own phrases; a phrase's language is tagged in markup and written as its runs' ``lang``; a
deck's text in another language comes from a strings file with ``--language``."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pptx import Presentation as open_pptx

from deckbuilder.charts.alt import describe, table_text
from deckbuilder.charts.data import ChartData
from deckbuilder.charts.numbers import excel_format, formatter, tick_formatter
from deckbuilder.charts.spec import ChartSpec
from deckbuilder.cli import main
from deckbuilder.formatting import compact, currency, percent, thousands
from deckbuilder.markup import parse

from helpers import NS_A, SEED_DECK, alt_texts, texts

A = f"{{{NS_A}}}"
NBSP = "\xa0"
ROWS = "year,value\n2014,1300000\n2015,1643679\n2016,2600000\n"


def project(tmp_path: Path, deck: str, files: dict[str, str] | None = None) -> Path:
    """A project folder with ``deck.yaml``, a chart CSV and any other ``files``."""
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "data.csv").write_text(ROWS)
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent(deck), encoding="utf-8")
    return path


def built(deck: Path, *options: str) -> open_pptx:
    out = deck.with_suffix(".pptx")
    assert main(["build", str(deck), "-o", str(out), *options]) == 0
    return open_pptx(str(out))


def run_languages(prs) -> dict[str, set[str]]:
    """Each run's text -> the languages it is tagged with, over the whole deck."""
    found: dict[str, set[str]] = {}
    for slide in prs.slides:
        for run in slide._element.iter(f"{A}r"):
            found.setdefault(run.findtext(f"{A}t"), set()).add(run.find(f"{A}rPr").get("lang"))
    return found


# ----- numbers ------------------------------------------------------------------------------

@pytest.mark.parametrize("locale, expected", [
    ("en-US", ["12,155.5", "1.3 million", "1 million", "2.6 billion", "$2,600", "30.7%"]),
    ("es-ES", ["12.155,5", "1,3 millones", "1 millón", "2,6 mil millones", f"2.600{NBSP}$",
               f"30,7{NBSP}%"]),
    ("es-MX", ["12,155.5", "1.3 millones", "1 millón", "2.6 mil millones", "$2,600", "30.7%"]),
    ("de-DE", ["12.155,5", "1,3 Millionen", "1 Million", "2,6 Milliarden", f"2.600{NBSP}$",
               f"30,7{NBSP}%"]),
])
def test_number_filters_write_the_locale(locale, expected):
    assert [thousands(12155.5, 1, locale), compact(1.3e6, locale=locale),
            compact(1e6, locale=locale), compact(2.6e9, locale=locale),
            currency(2600, locale=locale), percent(0.307, 1, locale=locale)] == expected


def test_rounding_is_the_same_in_every_language():
    # half away from zero everywhere (1.25 -> 1.3), not Babel's half-to-even
    assert thousands(1.25, 1, "es-ES") == "1,3" and thousands(1.25, 1, "en-US") == "1.3"
    assert compact(1_250_000, locale="de-DE") == "1,3 Millionen"
    assert currency(-5, locale="es-ES") == f"-5{NBSP}$"


def test_a_deck_in_spanish_writes_its_filters_and_labels_in_spanish(tmp_path):
    deck = project(tmp_path, """\
        title: Prueba
        language: es-ES
        data: {big: 2600000000, share: 0.307}
        slides:
          - kind: bullets
            title: Cifras
            overflow: continue
            items: ["{{ big | compact }}; {{ share | percent(1) }}; {{ 12155 | thousands }}",
                    "{{ big | currency(symbol='€', short=true) }}",
                    Tres, Cuatro, Cinco, Seis, Siete, Ocho, Nueve, Diez, Once, Doce, Trece,
                    Catorce, Quince, Dieciséis]
          - kind: image
            title: Imagen
            image: pic.png
            alt: Un cuadrado
            credit: Equipo
        """)
    from PIL import Image
    Image.new("RGB", (200, 150), "#336699").save(tmp_path / "pic.png")
    shown = texts(built(deck))
    assert f"2,6 mil millones; 30,7{NBSP}%; 12.155" in shown[1]
    assert f"2,6 mil millones{NBSP}€" in shown[1]
    assert "Cifras (cont.)" in shown
    assert any("Crédito: Equipo" in text for text in shown)


def test_chart_numbers_ticks_alt_text_and_excel_codes_follow_the_language(tmp_path):
    spec = ChartSpec(type="column", data="data.csv", x="year", series=["value"],
                     number_format="compact", language="es-ES")
    assert formatter(spec)(1_643_679) == f"1,6{NBSP}M"
    assert formatter(spec)(858_638) == f"859{NBSP}mil"
    assert formatter(spec, words=True)(1_643_679) == "1,6 millones"
    assert tick_formatter(spec)(1_500_000) == f"1,5{NBSP}M"
    assert tick_formatter(spec)(2_000_000) == f"2{NBSP}M"
    assert excel_format(spec, [1_643_679, 858_638]) == \
        f'[>=1000000]#,##0.0,,"{NBSP}M";[>=1000]#,##0,"{NBSP}mil";#,##0'
    english = spec.model_copy(update={"language": "en-US"})
    assert excel_format(english, [1_643_679, 858_638]) == \
        '[>=1000000]#,##0.0,,"M";[>=1000]#,##0,"K";#,##0'
    data = ChartData(x=["2014", "2015"], values={"value": [1_300_000, None]},
                     labels={"value": "Valor"})
    alt = describe(spec, data)
    assert alt.startswith("Gráfico de columnas de Valor, year de 2014 a 2015.")
    assert "Mínimo 1,3 millones (2014)" in alt and "sin valor para 2015" in alt
    assert table_text(spec, data).splitlines() == [
        "Datos del gráfico: year | Valor", f"2014 | 1,3{NBSP}M", "2015 | n. d."]


def test_a_deck_in_german_writes_native_chart_codes_and_alt_text_in_german(tmp_path):
    deck = project(tmp_path, """\
        title: Test
        language: de-DE
        slides:
          - kind: chart
            title: Wert
            source: "Quelle: erfunden"
            chart: {type: column, data: data.csv, x: year, series: [value],
                    number_format: compact, render: native}
        """)
    prs = built(deck)
    chart = next(s.chart for s in prs.slides[0].shapes if s.has_chart)
    codes = set(chart._chartSpace.xpath(".//c:numFmt/@formatCode"))
    assert any(f'"{NBSP}Mio."' in code for code in codes), codes
    assert [v for v in chart.plots[0].series[0].values] == [1300000, 1643679, 2600000]
    assert alt_texts(prs)[0].startswith("Säulendiagramm: value, year 2014 bis 2016.")
    assert "1,6 Millionen" in alt_texts(prs)[0]


# ----- labels -------------------------------------------------------------------------------

def test_a_deck_overrides_any_label(tmp_path):
    deck = project(tmp_path, """\
        title: Test
        language: de-DE
        labels: {continued: "{title} – Fortsetzung"}
        slides:
          - kind: bullets
            title: Punkte
            overflow: continue
            items: [Eins, Zwei, Drei, Vier, Fünf, Sechs, Sieben, Acht, Neun, Zehn, Elf, Zwölf,
                    Dreizehn, Vierzehn, Fünfzehn, Sechzehn, Siebzehn]
        """)
    shown = texts(built(deck))
    assert "Punkte – Fortsetzung" in shown and "Punkte (Forts.)" not in shown


@pytest.mark.parametrize("labels, message", [
    ("{contined: x}", "unknown label 'contined' (did you mean 'continued'?); labels are: "),
    ('{credit: "Foto {author}"}', "label 'credit' names {author}, which it does not have; "
                                  "it may use: {credit}"),
])
def test_a_bad_label_is_an_error_at_its_line(tmp_path, capsys, labels, message):
    deck = project(tmp_path, f"""\
        title: Test
        labels: {labels}
        slides:
          - kind: bullets
            title: Points
            items: [One]
        """)
    assert main(["build", str(deck), "-o", str(tmp_path / "out.pptx")]) == 1
    err = capsys.readouterr().err
    assert f"deck.yaml:2:9: error: 'labels': {message}" in err, err
    assert "Traceback" not in err and not (tmp_path / "out.pptx").exists()


def test_an_unknown_language_is_an_error(tmp_path, capsys):
    deck = project(tmp_path, """\
        title: Test
        language: qq-ZZ
        slides: [{kind: bullets, title: Points, items: [One]}]
        """)
    assert main(["build", str(deck), "-o", str(tmp_path / "out.pptx")]) == 1
    assert "deck.yaml:2:11: error: 'language': no CLDR locale data for 'qq-ZZ'" in \
        capsys.readouterr().err


# ----- a phrase's language ------------------------------------------------------------------

def test_markup_tags_a_phrase_with_its_language():
    spans = parse("President [Peña Nieto]{lang=es-MX} and **[Videgaray]{lang=es}**").spans
    assert [(s.text, s.lang, s.bold) for s in spans] == [
        ("President ", None, False), ("Peña Nieto", "es-MX", False), (" and ", None, False),
        ("Videgaray", "es", True)]
    assert parse("a [plain] bracket").plain == "a [plain] bracket"


@pytest.mark.parametrize("text, message", [
    ("[x]{lang=qq}", "'qq' is not a language tag CLDR knows"),
    ("[x]{ lang=es}", "a phrase's language is written [text]{lang=es}"),
])
def test_a_bad_language_tag_is_an_error(text, message):
    issues = parse(text).issues
    assert [(i.severity, i.message) for i in issues] == [("error", message)]


def test_seed_deck_tags_its_spanish_names(seed_prs):
    languages = run_languages(seed_prs)
    for name in ("Peña Nieto", "Videgaray", "Osorio Chong", "El Financiero",
                 "Secretaria Ejecutiva de Seguridad Nacional", "Unidad de Politica Migratoria"):
        assert languages[name] == {"es-MX"}, name
    english = {lang for text, langs in languages.items() for lang in langs if "Peña" not in text}
    assert english == {"en-US", "es-MX"}
    notes = seed_prs.slides[28].notes_slide.notes_text_frame._txBody
    tagged = {r.findtext(f"{A}t"): r.find(f"{A}rPr").get("lang") for r in notes.iter(f"{A}r")}
    assert tagged["Secretaria Ejecutiva de Seguridad Nacional"] == "es-MX"


def test_seed_deck_source_keeps_its_visible_text():
    """Tags add markup around names, never change what a slide shows."""
    source = SEED_DECK.read_text(encoding="utf-8")
    assert "[Peña Nieto]{lang=es-MX}" in source
    assert "Presidents Peña Nieto and Obama" in parse(
        "In 2016, Presidents [Peña Nieto]{lang=es-MX} and Obama").plain


# ----- decks in several languages -----------------------------------------------------------

ENGLISH = """\
    title: Trade
    data: {big: 2600000000}
    slides:
      - kind: bullets
        id: numbers
        title: Numbers
        items: ["Trade: {{ big | compact }}", Second point]
      - kind: chart
        title: Value
        source: "Source: made up"
        chart: {type: column, data: data.csv, x: year, number_format: compact,
                series: [{column: value, label: Value}], render: native}
    """
SPANISH = """\
    title: Comercio
    slides:
      numbers:
        title: Cifras
        items: ["Comercio: {{ big | compact }}", Segundo punto]
      2:
        title: Valor
        source: "Fuente: inventada"
        chart: {series: [{label: Valor}], x_name: año}
    """


def test_language_builds_the_deck_from_its_strings_file(tmp_path, capsys):
    deck = project(tmp_path, ENGLISH, {"deck.es-MX.yaml": SPANISH})
    english, spanish = built(deck), built(deck, "--language", "es-MX")
    assert "translation" not in capsys.readouterr().err  # every field is translated
    assert texts(spanish)[:2] == ["Cifras", "Comercio: 2.6 mil millones\nSegundo punto"]
    assert "Fuente: inventada" in texts(spanish)
    assert spanish.core_properties.language == "es-MX" and spanish.core_properties.title == \
        "Comercio"
    assert {lang for langs in run_languages(spanish).values() for lang in langs} == {"es-MX"}
    assert alt_texts(spanish)[0].startswith("Gráfico de columnas de Valor")
    charts = [next(s.chart for s in prs.slides[1].shapes if s.has_chart)
              for prs in (english, spanish)]
    assert [list(c.plots[0].series[0].values) for c in charts] == [[1300000, 1643679, 2600000]] * 2
    assert [c.plots[0].series[0].name for c in charts] == ["Value", "Valor"]
    assert texts(english)[:1] == ["Numbers"]


def test_a_build_in_another_language_is_written_beside_the_decks_own(tmp_path, monkeypatch,
                                                                      capsys):
    """Without -o, ``--language es-MX`` writes build/deck.es-MX.pptx: building the Spanish
    deck never replaces the English one, and --check finds each where it was written."""
    project(tmp_path, ENGLISH, {"deck.es-MX.yaml": SPANISH})
    monkeypatch.chdir(tmp_path)
    assert main(["build", "deck.yaml"]) == 0
    assert main(["build", "deck.yaml", "--language", "es-MX"]) == 0
    assert texts(open_pptx("build/deck.pptx"))[0] == "Numbers"
    assert texts(open_pptx("build/deck.es-MX.pptx"))[0] == "Cifras"
    assert main(["build", "deck.yaml", "--check", "--language", "es-MX"]) == 0
    assert main(["build", "deck.yaml", "--check"]) == 0


@pytest.mark.parametrize("command", ["build", "watch", "serve", "lint"])
def test_a_language_that_is_no_tag_is_a_usage_error(tmp_path, monkeypatch, capsys, command):
    project(tmp_path, ENGLISH)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        main([command, "deck.yaml", "--language", "../../x"])
    assert stopped.value.code == 2
    assert "'../../x' is not a language tag; write one such as es-MX" in capsys.readouterr().err
    assert not (tmp_path / "build").exists()


def test_watch_in_another_language_rebuilds_when_its_strings_change(tmp_path):
    """``watch --language``: the strings file is one of the inputs it watches."""
    import io
    import threading

    from deckbuilder.watch import watch

    deck = project(tmp_path, ENGLISH, {"deck.es-MX.yaml": SPANISH})
    strings = tmp_path / "deck.es-MX.yaml"
    out = tmp_path / "build" / "deck.es-MX.pptx"
    built: list[bool] = []

    def edit_the_strings(outcome) -> None:
        built.append(outcome.ok)
        if len(built) == 1:
            strings.write_text(strings.read_text().replace("Cifras", "Cifras nuevas"))

    stop = threading.Event()
    timer = threading.Timer(90, stop.set)  # the test's own deadline, never reached
    timer.start()
    try:
        code = watch(deck, out, max_builds=2, out=io.StringIO(), err=io.StringIO(),
                     stop=stop, on_build=edit_the_strings, language="es-MX")
    finally:
        timer.cancel()
    assert code == 0 and built == [True, True]
    assert texts(open_pptx(str(out)))[0] == "Cifras nuevas"


def test_a_missing_translation_is_a_finding_naming_the_field(tmp_path, capsys):
    partial = "\n".join(line for line in SPANISH.replace(", Segundo punto", "").splitlines()
                        if "Fuente" not in line)
    deck = project(tmp_path, ENGLISH, {"deck.es-MX.yaml": partial})
    shown = texts(built(deck, "--language", "es-MX"))
    assert "Comercio: 2.6 mil millones\nSecond point" in shown  # the deck's own text stands in
    err = capsys.readouterr().err
    assert ("deck.yaml:7:43: warning: slide 'numbers', 'items[1]' has no es-MX text in "
            "deck.es-MX.yaml; the deck's own text is shown [translation-fallback]") in err, err
    assert "hint: add it to deck.es-MX.yaml as slides: numbers: items: [1]" in err
    assert "deck.yaml:10:13: warning: slide 2, 'source' has no es-MX text" in err


def test_a_deck_can_make_a_missing_translation_an_error(tmp_path, capsys):
    strict = "translation: {missing: error}\n" + textwrap.dedent(ENGLISH)
    deck = project(tmp_path, strict, {"deck.es-MX.yaml": "title: Comercio\n"})
    out = tmp_path / "es.pptx"
    assert main(["build", str(deck), "-o", str(out), "--language", "es-MX"]) == 1
    err = capsys.readouterr().err
    assert "error: slide 'numbers', 'title' has no es-MX text in deck.es-MX.yaml" in err
    assert "[translation-missing]" in err and not out.exists()


@pytest.mark.parametrize("strings, expected", [
    ("slides: {nope: {title: X}}", "deck.es-MX.yaml:1:10: error: the deck has no slide with "
                                   "id 'nope'; key a slide by its id or by its number (1 to 2)"),
    ("slides: {numbers: {titel: X}}", "deck.es-MX.yaml:1:20: error: the deck has no 'titel' "
                                      "here to translate"),
    ("slides: {numbers: {items: [a, b, c]}}", "deck.es-MX.yaml:1:27: error: 3 entries for the "
                                              "deck's 2"),
    (None, "--language:1:1: error: there is no deck.es-MX.yaml next to the deck for 'es-MX'"),
])
def test_a_strings_file_that_does_not_fit_is_an_error_at_its_line(tmp_path, capsys, strings,
                                                                  expected):
    deck = project(tmp_path, ENGLISH, None if strings is None else {"deck.es-MX.yaml": strings})
    assert main(["build", str(deck), "-o", str(tmp_path / "o.pptx"), "--language", "es-MX"]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err, err


def test_the_date_filter_writes_the_deck_language(tmp_path):
    deck = project(tmp_path, """\
        title: Prueba
        language: es-MX
        data: {day: 2018-03-01}
        slides:
          - kind: bullets
            title: "{{ day | date }}"
            items: ["{{ '2018-03-01' | date('MMMM y') }}"]
        """)
    assert texts(built(deck))[:2] == ["1 de marzo de 2018", "marzo 2018"]


def test_seed_deck_builds_in_spanish_with_the_same_charts(tmp_path, capsys):
    out = tmp_path / "es.pptx"
    assert main(["build", str(SEED_DECK), "--language", "es-MX", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert " error: " not in err and "[translation-fallback]" not in err  # all translated
    prs = open_pptx(str(out))
    assert prs.core_properties.language == "es-MX"
    assert prs.slides[0].shapes.title.text == "Importancia de la asociación con México"
    shown = texts(prs)
    assert any("$2.6 mil millones" in text for text in shown)  # a filter, in es-MX
    assert any("Más de 10×" in text for text in shown)
    apprehensions = next(t for t in alt_texts(prs) if "frontera suroeste" in t)
    assert "máximo 1.6 millones (2000)" in apprehensions  # the same data, in Spanish words
    assert len(prs.slides) == 39
    english = open_pptx(str(tmp_path / "en.pptx")) if main(
        ["build", str(SEED_DECK), "-o", str(tmp_path / "en.pptx")]) == 0 else None
    assert english is not None
    same = [n for n, (es, en) in enumerate(zip(prs.slides, english.slides), 1)
            if es.shapes.title.text == en.shapes.title.text]
    assert same == [], f"slides with an untranslated title: {same}"

