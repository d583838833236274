"""Fuzzing the compiler: no input, however broken, may crash it.

Hypothesis feeds ``pipeline.compile_deck`` random YAML text and bytes, random documents,
deck-shaped documents, and mutations of a small deck and of the seed deck (keys dropped,
duplicated, retyped or misspelt, random kinds, junk strings with template syntax, control
characters, huge numbers and strings, deep nesting, line-level edits). A :class:`DeckError`
with positioned problems is the correct outcome for bad input; any other exception is a
bug and fails the test with the example that caused it.

The examples are deterministic (``derandomize=True``). ``DECKBUILDER_FUZZ_EXAMPLES`` sets
the total across the tests (default 200, about half a minute; ``make fuzz`` runs 5000).
``DECKBUILDER_FUZZ_RANDOM=1`` draws new examples on every run instead (exploration; a failure
prints a ``@reproduce_failure`` blob to replay it).
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import random
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from deckbuilder.charts.spec import CHART_TYPES, NUMBER_FORMATS, ChartSpec
from deckbuilder.cli import main
from deckbuilder.errors import DeckError
from deckbuilder.model import SLIDE_MODELS, Deck
from deckbuilder.pipeline import compile_deck

from helpers import time_limit

REPO = Path(__file__).resolve().parents[1]
SEED_DECK = REPO / "deck" / "us-mexico-partnership.yaml"
EXAMPLES = int(os.environ.get("DECKBUILDER_FUZZ_EXAMPLES", "200"))
DERANDOMIZE = not os.environ.get("DECKBUILDER_FUZZ_RANDOM")


def examples(share: float, minimum: int = 2) -> settings:
    """Settings for a test that gets ``share`` of the total number of examples."""
    return settings(max_examples=max(minimum, round(EXAMPLES * share)), deadline=None,
                    derandomize=DERANDOMIZE, database=None, print_blob=True,
                    suppress_health_check=list(HealthCheck))


SMALL_DECK = """title: Fuzz Deck
subtitle: A small deck with every kind, for mutation
author: Test Suite
date: 2020-02-29
footer: Fuzz
data:
  people: 12155
  share: 0.307
  rows: rows.csv
slides:
  - kind: title
    notes: Cover notes.
  - kind: section
    title: Part one
    subtitle: "{{ people | thousands }} people"
  - kind: bullets
    title: Bullets
    source: "Source: Somewhere"
    items:
      - paragraph: "Lead-in with {{ share | percent(1) }}."
      - text: Parent
        items: [Child one, Child two]
      - quote: A quotation,
        by: Someone
      - "{{ rows | length }} rows"
  - kind: quote
    title: A quote
    quote: [First paragraph., Second paragraph.]
    attribution: A. Person
    role: Minister
    date: 2019-05-01
  - kind: stat
    title: Numbers
    stats:
      - {value: "{{ people | thousands }}", label: people}
      - {value: "7", label: days, lead: Every week}
  - kind: comparison
    title: Two sides
    left: {heading: Before, numbered: true, items: [One, Two]}
    right: {heading: After, stats: [{value: "42", label: answer}]}
  - kind: tiles
    title: Tiles
    columns: 2
    tiles: [One, Two, Three]
  - kind: timeline
    title: Events
    events:
      - {date: January, text: First.}
      - {date: 2017-07-04, text: Second.}
  - kind: table
    title: Table
    columns: [Country, "2016"]
    align: [left, right]
    rows: [[Mexico, "1,100"], [Canada, ""]]
  - kind: image
    title: Picture
    image: photo.png
    alt: A small picture
    caption: Caption.
  - kind: chart
    title: Chart from a file
    source: "Source: rows.csv"
    chart:
      type: column
      data: rows.csv
      x: year
      series: [{column: count, label: Count}]
      highlight: ["2017"]
  - kind: chart
    title: Chart with inline data
    source: Inline
    items: [Beside the chart.]
    chart:
      type: line
      data: [{year: 2015, a: 1.5, b: 2}, {year: 2016, a: 2.5, b: 1}]
      x: year
      series: [a, b]
      value_labels: last
"""
ROWS_CSV = "year,count\n2015,10\n2016,14\n2017,20\n"

KINDS = list(SLIDE_MODELS)
SLIDE_FIELDS = sorted({name for model in SLIDE_MODELS.values() for name in model.model_fields})
DECK_FIELDS = sorted(Deck.model_fields)
CHART_FIELDS = sorted(ChartSpec.model_fields)
FIELDS = sorted(set(SLIDE_FIELDS + DECK_FIELDS + CHART_FIELDS) | {"file", "value", "label",
                                                                   "heading", "column", "x"})

TEMPLATE_JUNK = [
    "{{", "}}", "{%", "%}", "{#", "{{ }}", "{% for %}", "{% endfor %}", "{{ people }}",
    "{{ nobody }}", "{{ people|thousands }}", "{{ share|percent(2) }}", "{{ rows[0].count }}",
    "{{ rows|map(attribute='year')|join(', ') }}", "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}", "{{ self }}", "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}", "{{ 'a' * 10**9 }}", "{{ 10**10**10 }}", "{{ 1/0 }}",
    "{{ range(10**9)|list }}", "{{ 'x'|center(10**9) }}", "{{ people|thousands(10**9) }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{{ lipsum(10**6) }}",
    "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}",
    "{{ '%0999999999d'|format(1) }}", "{{ [1]|batch(0)|list }}", "{{ 'a'|truncate(-1) }}",
    "{{ data }}", "{% raw %}", "{{ people|currency(short=true) }}", "{{ (" * 3, "{{ x.y.z }}",
]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028",
           "\u202e", "\ufeff", "\ufffe", "\U0001F600", "\u0301", "é", "\t", "\r", "\n"]
NUMBERS = [0, -1, 1, 2**31, 2**63, -2**63, 10**30, -10**30, 10**400, 10**4000, 1e308,
           -1e308, 5e-324, float("inf"), float("-inf"), float("nan")]


def deep(depth: int, leaf: object = "x") -> object:
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"items": value}
    return value


scalars = st.one_of(
    st.text(max_size=24),
    st.lists(st.sampled_from(TEMPLATE_JUNK) | st.text(max_size=4), min_size=1,
             max_size=4).map("".join),
    st.lists(st.sampled_from(CONTROL) | st.text(max_size=3), min_size=1, max_size=6).map("".join),
    st.sampled_from(NUMBERS), st.integers(), st.floats(), st.booleans(), st.none(), st.dates(),
    st.sampled_from(KINDS + ["", " ", "bulets", "Title", "chart ", "0"]),
    st.sampled_from([300, 2000, 20_001]).map(lambda n: ("word " * n)[:n]),
    st.sampled_from(["rows.csv", "photo.png", "missing.csv", "../../../../etc/passwd",
                     "/etc/passwd", "/dev/zero", ".", "", "rows.csv\x00", "a" * 300]),
)
junk = st.one_of(
    scalars,
    st.recursive(scalars, lambda kids: st.lists(kids, max_size=4)
                 | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), kids,
                                   max_size=4), max_leaves=8),
    st.integers(60, 150).map(deep),
)


# ----- the projects the decks live in -------------------------------------------------------

def make_project(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "deckbuilder.toml").write_text("", encoding="utf-8")
    (root / "rows.csv").write_text(ROWS_CSV, encoding="utf-8")
    shutil.copy(REPO / "tests" / "decks" / "photo.png", root / "photo.png")
    return root


@pytest.fixture(scope="module")
def small_project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("fuzz") / "project")


@pytest.fixture(scope="module")
def seed_project(tmp_path_factory) -> Path:
    """The seed deck's layout: deck/ and charts/ side by side under a project root."""
    root = make_project(tmp_path_factory.mktemp("fuzz-seed") / "project")
    shutil.copytree(REPO / "charts", root / "charts")
    (root / "deck").mkdir()
    return root / "deck"




def check(folder: Path, content: str | bytes, name: str = "deck.yaml") -> None:
    """Compile ``content``: success or a DeckError with positioned problems, nothing else."""
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    try:
        with time_limit(60):
            compile_deck(path)
        event("compiled")
    except DeckError as exc:
        event("DeckError")
        assert exc.problems, "a DeckError must carry at least one problem"
        for problem in exc.problems:
            assert problem.pos.line >= 1 and problem.pos.col >= 1, problem
            assert problem.message.strip(), problem
            assert re.match(r"^.+:\d+:\d+: (error|warning): ", problem.format()), problem


def dump(document: object) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=1_000)


# ----- mutations ----------------------------------------------------------------------------

class Chooser:
    """Random choices from hypothesis (``data.draw``) or from a seeded ``random.Random``."""

    def __init__(self, draw=None, rng: random.Random | None = None):
        self.draw, self.rng = draw, rng

    def choice(self, options):
        options = list(options)
        return self.draw(st.sampled_from(options)) if self.draw else self.rng.choice(options)

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high)) if self.draw else self.rng.randint(low, high)

    def junk(self):
        if self.draw:
            return self.draw(junk)
        return self.rng.choice(TEMPLATE_JUNK + CONTROL + NUMBERS + KINDS + [
            None, True, [], {}, "x" * 20_001, deep(100), {"file": "/etc/passwd"}])


def locations(value: object, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += locations(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += locations(child, path + (index,))
    return found


def get(document: object, path: tuple) -> object:
    for part in path:
        document = document[part]
    return document


def mutate(document: object, chooser: Chooser, rounds: int) -> object:
    document = copy.deepcopy(document)
    for _ in range(rounds):
        path = chooser.choice(locations(document))
        operation = chooser.choice(["drop", "duplicate", "retype", "retype", "kind", "rename",
                                    "add", "nest", "huge"])
        if not path:
            if operation in ("retype", "nest"):
                document = chooser.junk()
            continue
        parent, key = get(document, path[:-1]), path[-1]
        if operation == "drop":
            del parent[key]
        elif operation == "duplicate":
            if isinstance(parent, list):
                parent.insert(key, copy.deepcopy(parent[key]))
            else:
                parent[chooser.choice(FIELDS)] = copy.deepcopy(parent[key])
        elif operation == "retype":
            parent[key] = chooser.junk()
        elif operation == "kind":
            target = parent if isinstance(parent, dict) else parent[key]
            if isinstance(target, dict):
                target["kind"] = chooser.choice(KINDS + ["bulets", "", 3, None, ["bullets"]])
        elif operation == "rename" and isinstance(parent, dict):
            parent[chooser.choice(FIELDS + [f"{key}s", str(key).upper(), f" {key}"])] = \
                parent.pop(key)
        elif operation == "add":
            target = parent[key] if isinstance(parent[key], dict) else parent
            if isinstance(target, dict):
                target[chooser.choice(FIELDS)] = chooser.junk()
        elif operation == "nest":
            parent[key] = deep(chooser.integer(30, 120), parent[key])
        elif operation == "huge":
            parent[key] = chooser.choice([10**4000, -10**30, 1e308, "W" * 20_001,
                                          " ".join(["word"] * 2_500), float("nan")])
    return document


def mutate_text(text: str, chooser: Chooser, rounds: int) -> str:
    """Edits a person might make by accident: lines deleted, repeated (duplicate keys),
    swapped, re-indented with tabs, truncated, or characters inserted."""
    for _ in range(rounds):
        lines = text.split("\n")
        index = chooser.integer(0, max(0, len(lines) - 1))
        operation = chooser.choice(["delete", "repeat", "swap", "tab", "truncate", "insert",
                                    "indent", "dedent"])
        if operation == "delete":
            del lines[index]
        elif operation == "repeat":
            lines.insert(index, lines[index])
        elif operation == "swap" and len(lines) > 1:
            other = chooser.integer(0, len(lines) - 1)
            lines[index], lines[other] = lines[other], lines[index]
        elif operation == "tab":
            lines[index] = "\t" + lines[index].lstrip(" ")
        elif operation == "indent":
            lines[index] = "  " + lines[index]
        elif operation == "dedent":
            lines[index] = lines[index][2:]
        elif operation == "truncate":
            return "\n".join(lines)[:chooser.integer(0, len(text))]
        else:
            column = chooser.integer(0, len(lines[index]))
            piece = chooser.choice([":", "- ", "[", "]", "{", "}", "'", '"', "&a ", "*a", "!!",
                                    "#", "|", ">", "%", "@", "`", "? ", "<<: *a", "{{", "}}",
                                    "\x07", "\ufeff", "\t"])
            lines[index] = lines[index][:column] + piece + lines[index][column:]
        text = "\n".join(lines)
    return text


SMALL = yaml.safe_load(SMALL_DECK)


# ----- the fuzz tests -----------------------------------------------------------------------

def test_the_unmutated_decks_compile(small_project, seed_project):
    """The starting points are valid, so mutations start from a deck that gets far."""
    (small_project / "deck.yaml").write_text(SMALL_DECK, encoding="utf-8")
    compile_deck(small_project / "deck.yaml")
    shutil.copy(SEED_DECK, seed_project / "deck.yaml")
    compile_deck(seed_project / "deck.yaml")


YAML_PIECES = ["title: ", "slides:", "\n", "  ", "    ", "- ", "kind: ", "bullets", "section",
               "items:", "[", "]", "{", "}", ": ", "&a ", "*a", "!!python/object/apply:os.system",
               "!!str ", "!!binary ", "!!set ", "!foo ", "'", '"', "# ", "|", ">", "---",
               "...", "? ", "<<: ", "\t", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "@", "`", "{{ ",
               " }}", "\x00", "\ufeff", "é", "1e999", "0x1F", "0o17", "~", "null", "yes", ",",
               "data:", "file: ", "../../etc/passwd", "2017-13-45", "12:30:00", ".inf", ".nan"]


@examples(0.15)
@given(text=st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=6), max_size=80)
       .map("".join))
def test_random_yaml_text(small_project, text):
    check(small_project, text)


@examples(0.05)
@given(content=st.binary(max_size=400))
def test_random_bytes(small_project, content):
    check(small_project, content)


@examples(0.1)
@given(document=st.recursive(scalars, lambda kids: st.lists(kids, max_size=5)
                             | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8),
                                               kids, max_size=6), max_leaves=30))
def test_random_documents(small_project, document):
    check(small_project, dump(document))


slides = st.fixed_dictionaries(
    {"kind": st.sampled_from(KINDS) | scalars},
    optional={field: junk for field in SLIDE_FIELDS if field != "kind"})
decks = st.fixed_dictionaries(
    {"title": scalars, "slides": st.lists(slides, max_size=4)},
    optional={"data": st.dictionaries(st.from_regex(r"[a-z_][a-z0-9_]{0,6}", fullmatch=True)
                                      | st.text(max_size=4), junk, max_size=3),
              **{field: junk for field in DECK_FIELDS if field not in ("title", "slides", "data")}})


@examples(0.15)
@given(document=decks)
def test_random_deck_shaped_documents(small_project, document):
    check(small_project, dump(document))


@examples(0.3)
@given(data=st.data())
def test_small_deck_mutations(small_project, data):
    chooser = Chooser(draw=data.draw)
    check(small_project, dump(mutate(SMALL, chooser, chooser.integer(1, 3))))


@examples(0.12)
@given(data=st.data())
def test_small_deck_text_edits(small_project, data):
    chooser = Chooser(draw=data.draw)
    check(small_project, mutate_text(SMALL_DECK, chooser, chooser.integer(1, 3)))


@examples(0.04, minimum=4)
@given(data=st.data())
def test_seed_deck_mutations(seed_project, data):
    """The 39-slide seed deck takes a while to lay out: a few examples in `make test`."""
    chooser = Chooser(draw=data.draw)
    seed_text = SEED_DECK.read_text(encoding="utf-8")
    if chooser.integer(0, 2) == 0:
        check(seed_project, mutate_text(seed_text, chooser, chooser.integer(1, 3)))
    else:
        seed = yaml.safe_load(seed_text)
        check(seed_project, dump(mutate(seed, chooser, chooser.integer(1, 3))))


# ----- through the command line -------------------------------------------------------------

def run_cli(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        with time_limit(120):
            code = main(argv)
    return code, err.getvalue()


def assert_clean_report(code: int, err: str, out: Path) -> None:
    assert "Traceback" not in err and "internal error" not in err, err
    assert code in (0, 1), err
    if code == 0:
        with zipfile.ZipFile(out) as package:
            assert package.testzip() is None
    else:
        assert not out.exists()
        errors = [line for line in err.splitlines() if ": error: " in line]
        assert errors, err
        for line in errors:
            assert re.match(r"^.+:\d+:\d+: error: ", line), line
    assert sorted(p.name for p in out.parent.glob(".*.tmp")) == []


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
@examples(0.03, minimum=4)
@given(data=st.data())
def test_cli_build_never_prints_a_traceback(small_project, data):
    """The whole build (lint, charts, render, write) on mutated decks, in-process."""
    chooser = Chooser(draw=data.draw)
    text = (mutate_text(SMALL_DECK, chooser, 1) if chooser.integer(0, 2) == 0
            else dump(mutate(SMALL, chooser, chooser.integer(1, 2))))
    deck = small_project / "cli.yaml"
    deck.write_text(text, encoding="utf-8")
    out = small_project / "out" / "cli.pptx"
    out.unlink(missing_ok=True)
    code, err = run_cli(["build", str(deck), "-o", str(out)])
    event(f"exit {code}")
    assert_clean_report(code, err, out)


numbers = st.integers(-10**6, 10**6) | st.floats(-1e6, 1e6) | st.sampled_from(
    [0, 0.5, 1e15, -1e15, 1e16, 1e308, 5e-324, float("nan"), float("inf")])
cell = st.one_of(numbers, numbers, numbers, st.none(), st.just(""),
                 st.sampled_from(["1,234", "n/a", "inf", "12%"]))
label = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="{}%#"), max_size=12)
chart_specs = st.fixed_dictionaries(
    {"type": st.sampled_from(CHART_TYPES),
     "data": st.lists(st.fixed_dictionaries(
         {"x": st.integers(1990, 2030) | label
          | st.sampled_from(["$x$", "$$", "a\x07b", "\u202e", "L" * 300]),
          "a": cell, "b": cell}), min_size=1, max_size=12),
     "x": st.sampled_from(["x", "x", "x", "a", "missing"]),
     "series": st.sampled_from([["a"], ["a"], ["a", "b"], ["b"], ["a", "a"],
                                [{"column": "a", "label": "$A$ and $B$"}]])},
    optional={"number_format": st.sampled_from(NUMBER_FORMATS),
              "decimals": st.integers(0, 4), "prefix": st.sampled_from(["$", "", "€", "$$"]),
              "suffix": st.sampled_from(["%", "", " bn", "$"]),
              "unit": label | st.just("$$"), "x_label": label, "title": label,
              "y_min": numbers, "y_max": numbers,
              "value_labels": st.sampled_from(["none", "all", "last", "max"]),
              "highlight": st.lists(st.integers(1990, 2030).map(str), max_size=2),
              "legend": st.sampled_from(["auto", "none", "top", "bottom", "right", "direct"]),
              "sort": st.sampled_from(["none", "ascending", "descending"]),
              "render": st.sampled_from(["image", "image", "native"]), "alt": label})
chart_slides = st.fixed_dictionaries(
    {"kind": st.just("chart"), "title": st.just("Chart"), "source": st.just("Fuzz"),
     "chart": chart_specs},
    optional={"items": st.lists(label.filter(str.strip), max_size=3),
              "callout": label.filter(str.strip), "subtitle": label.filter(str.strip)})


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # exotic code points
@examples(0.04, minimum=4)
@given(slide=chart_slides)
def test_cli_build_of_random_charts(small_project, slide):
    """Charts are drawn only in a full build: random specs and data, through the CLI."""
    deck = small_project / "chart.yaml"
    deck.write_text(dump({"title": "Charts", "slides": [slide]}), encoding="utf-8")
    out = small_project / "out" / "chart.pptx"
    out.unlink(missing_ok=True)
    code, err = run_cli(["build", str(deck), "-o", str(out)])
    event(f"exit {code}")
    assert_clean_report(code, err, out)


def test_console_script_never_prints_a_traceback(tmp_path):
    """A fixed sample of mutated decks through the real console script, in parallel."""
    script = Path(sys.executable).parent / "deckbuilder"
    if not script.exists():
        pytest.skip("console script not installed next to this Python")
    runs = []
    for seed in range(6):
        chooser = Chooser(rng=random.Random(seed))
        folder = make_project(tmp_path / f"run{seed}")
        text = (mutate_text(SMALL_DECK, chooser, 2) if seed % 2
                else dump(mutate(SMALL, chooser, 3)))
        (folder / "deck.yaml").write_text(text, encoding="utf-8")
        out = folder / "out.pptx"
        runs.append((out, subprocess.Popen([str(script), "build", str(folder / "deck.yaml"),
                                            "-o", str(out)], stdout=subprocess.PIPE,
                                           stderr=subprocess.PIPE, text=True, cwd=folder)))
    for out, process in runs:
        _, err = process.communicate(timeout=300)
        assert_clean_report(process.returncode, err, out)
