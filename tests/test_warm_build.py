"""What a warm build takes from the project cache instead of asking again: Babel's answers
(locales.py) and the templated strings an earlier build rendered (templating.py), so a
build whose strings and data did not change imports neither Babel, Jinja2 nor markdown-it
(the deck's only markup being a phrase's language) and writes the same bytes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from pptx import Presentation

from conftest import build
from deckbuilder.cache import read_entry
from helpers import texts

DECK = """\
    title: Prueba
    language: es-MX
    data: {day: 2018-03-01, big: 1300000, place: Monterrey}
    slides:
      - kind: bullets
        title: "{{ day | date }} en [Ciudad de México]{lang=es-MX}"
        items: ["{{ big | compact }}", "{{ 0.307 | percent }}", "{{ 1234.5 | currency('$') }}",
                "{{ place }}"]
      - kind: chart
        title: Cruces
        chart: {type: column, data: data.csv, x: year, series: [value]}
    """
ROWS = "year,value\n2014,1300000\n2015,1643679\n2016,2600000\n"
IMPORTED = ("import sys\nfrom deckbuilder.cli import main\ncode = main(sys.argv[1:])\n"
            "print(sorted(m for m in ('babel', 'jinja2', 'markdown_it') if m in sys.modules))\n"
            "sys.exit(code)")


def project(folder: Path, deck: str = DECK) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text("")
    (folder / "data.csv").write_text(ROWS)
    path = folder / "deck.yaml"
    path.write_text(textwrap.dedent(deck), encoding="utf-8")
    return path


def build_alone(deck: Path, out: Path, cache: Path) -> str:
    """Build in a fresh process; the optional modules it imported."""
    env = {**os.environ, "DECKBUILDER_CACHE_DIR": str(cache), "DECKBUILDER_DAEMON": "0"}
    run = subprocess.run([sys.executable, "-c", IMPORTED, "build", str(deck), "-o", str(out)],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip().splitlines()[-1]


def test_a_warm_build_asks_nothing_again_and_writes_the_same_bytes(tmp_path):
    deck, cache = project(tmp_path / "p"), tmp_path / "cache"
    first = build_alone(deck, tmp_path / "first.pptx", cache)
    second = build_alone(deck, tmp_path / "second.pptx", cache)
    assert (first, second) == ("['babel', 'jinja2']", "[]")
    assert (tmp_path / "first.pptx").read_bytes() == (tmp_path / "second.pptx").read_bytes()
    assert list((cache / "widths").glob("*.cldr")) and list((cache / "widths").glob("*.rendered"))


def test_an_edit_outside_the_templated_strings_renders_none_of_them(tmp_path):
    deck, cache = project(tmp_path / "p"), tmp_path / "cache"
    build_alone(deck, tmp_path / "first.pptx", cache)
    deck.write_text(deck.read_text().replace("title: Cruces", "title: Cruces fronterizos"))
    assert build_alone(deck, tmp_path / "edited.pptx", cache) == "[]"


def test_changed_data_renders_its_strings_again(tmp_path):
    deck = project(tmp_path / "p")
    first = "\n".join(texts(Presentation(str(build(deck, tmp_path / "a.pptx")))))
    deck.write_text(deck.read_text().replace("place: Monterrey", "place: Tijuana"))
    second = "\n".join(texts(Presentation(str(build(deck, tmp_path / "b.pptx")))))
    assert "Monterrey" in first and "Tijuana" in second and "Monterrey" not in second


def test_each_repeated_slide_renders_with_its_own_item(tmp_path):
    deck = project(tmp_path / "p", """\
        title: Regions
        data: {regions: [{name: North}, {name: South}]}
        slides:
          - repeat: {for: region, in: regions}
            slides:
              - {kind: section, title: "{{ region.name }} ({{ loop.index }})"}
        """)
    for name in ("a.pptx", "b.pptx"):  # the second from the kept strings
        built = Presentation(str(build(deck, tmp_path / name)))
        assert [slide.shapes.title.text for slide in built.slides] == ["North (1)", "South (2)"]


def test_only_the_strings_the_last_build_rendered_are_kept(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(cache))
    deck = project(tmp_path / "p", """\
        title: Kept
        data: {a: one, b: two}
        slides:
          - {kind: section, title: "{{ a }}", subtitle: "{{ b }}"}
        """)
    build(deck, tmp_path / "a.pptx")
    deck.write_text(deck.read_text().replace(', subtitle: "{{ b }}"', ""))
    build(deck, tmp_path / "b.pptx")
    stored, = (cache / "widths").glob("*.rendered")
    assert list(json.loads(read_entry(stored, 1 << 20)).values()) == ["one"]


COUNTED = textwrap.dedent("""\
    import sys
    from deckbuilder import templating
    from deckbuilder.cli import main
    made, rendered = templating.make_environment, []
    def counting(*args, **kwargs):
        environment = made(*args, **kwargs)  # one per language, kept: wrapped once
        if "render_value" not in vars(environment):
            render_value = environment.render_value
            environment.render_value = lambda *a, **k: (rendered.append(a[0])
                                                        or render_value(*a, **k))
        return environment
    templating.make_environment = counting
    code = main(sys.argv[1:])
    print(len(rendered))
    sys.exit(code)
    """)


def strings_rendered(cache: Path, *argv: str) -> int:
    """How many templated strings a fresh process's command rendered with Jinja2."""
    env = {**os.environ, "DECKBUILDER_CACHE_DIR": str(cache), "DECKBUILDER_DAEMON": "0"}
    run = subprocess.run([sys.executable, "-c", COUNTED, *argv], env=env, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return int(run.stdout.strip().splitlines()[-1])


def test_the_decks_of_an_each_keep_their_strings_apart(tmp_path, monkeypatch):
    """Building one deck per row stores each deck's strings beside the others' (not the
    last deck's alone), so building them all again renders none."""
    deck, cache = project(tmp_path / "p", """\
        title: "{{ region }} briefing"
        data: {regions: [North, South, East]}
        each: {in: regions, as: region, output: "out/{{ region | lower }}.pptx"}
        slides:
          - {kind: section, title: "{{ region }} in numbers", subtitle: "{{ 0.125 | percent }}"}
        """), tmp_path / "cache"
    assert strings_rendered(cache, "build", str(deck)) == 9
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(cache))  # the key that signed them
    stored = [json.loads(read_entry(file, 1 << 20))
              for file in (cache / "widths").glob("*.rendered")]
    assert sorted(sorted(strings.values()) for strings in stored) == [
        ["13%", f"{region} briefing", f"{region} in numbers"]
        for region in ("East", "North", "South")]
    assert strings_rendered(cache, "build", str(deck)) == 0
