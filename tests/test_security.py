"""Hostile and broken input: the malformed-deck corpus, safe YAML loading, the template
sandbox, files outside the project folder, and oversized inputs.

Every case must end in a clear ``FILE:LINE:COL: message`` (a :class:`DeckError`, exit 1),
quickly and without large memory use, and must never run, read or write anything the deck
was not allowed to. docs/reliability.md lists the cases and their outcomes.
"""

from __future__ import annotations

import contextlib
import os
import re
import struct
import subprocess
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from deckbuilder import assets
from deckbuilder.charts import data as chart_data
from deckbuilder.cli import main
from deckbuilder.errors import DeckError
from deckbuilder.load import MAX_FILE_BYTES
from deckbuilder.pipeline import compile_deck

from helpers import time_limit

MALFORMED = Path(__file__).resolve().parent / "malformed"
CORPUS = sorted(MALFORMED.glob("*.yaml"))
EXPECT = re.compile(r'^# Expect: line (\d+), "(.*)"$', re.M)
MB = 1024 * 1024
MEMORY_BOUND = 200 * MB




@contextlib.contextmanager
def memory_peak():
    """Peak Python memory allocated inside the block, in bytes (tracemalloc)."""
    result = {}
    tracemalloc.start()
    try:
        yield result
    finally:
        result["peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def project(tmp_path: Path) -> Path:
    """A deck project folder (the marker file makes it the root files must stay inside)."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "deckbuilder.toml").write_text("", encoding="utf-8")
    return root


def write_deck(folder: Path, text: str, name: str = "deck.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def deck_error(path: Path, **options) -> DeckError:
    with time_limit(60), pytest.raises(DeckError) as info:
        compile_deck(path, **options)
    assert info.value.problems
    return info.value


def png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels (enough for size checks)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress((b"\0" + b"\0" * width) * height) if width * height <= 10_000 \
        else zlib.compress(b"\0" * 64)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows)
            + chunk(b"IEND", b""))


# ----- the malformed-deck corpus ------------------------------------------------------------

def expectation(deck: Path) -> tuple[int, str]:
    match = EXPECT.search(deck.read_bytes().decode("latin-1"))
    assert match, f"{deck.name} needs a '# Expect: line N, \"message\"' comment"
    return int(match.group(1)), match.group(2)


def test_corpus_is_large_and_documented():
    assert len(CORPUS) >= 15
    for deck in CORPUS:
        text = deck.read_bytes().decode("latin-1")
        assert text.startswith("# Tests: "), f"{deck.name} must say what it tests"
        expectation(deck)


@pytest.mark.parametrize("deck", CORPUS, ids=lambda p: p.stem)
def test_malformed_deck_fails_at_its_line(deck, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a payload that ran would leave files here
    out = tmp_path / "out.pptx"
    with time_limit(60):
        code = main(["build", str(deck), "-o", str(out)])
    captured = capsys.readouterr()
    line, fragment = expectation(deck)
    assert code == 1, captured.err
    assert "Traceback" not in captured.out + captured.err
    assert "internal error" not in captured.err
    reported = [int(m.group(1)) for m in
                re.finditer(rf"^{re.escape(str(deck))}:(\d+):(\d+): error: ", captured.err, re.M)]
    assert line in reported, f"expected an error at line {line}, got:\n{captured.err}"
    assert fragment in captured.err
    assert sorted(tmp_path.iterdir()) == [], "a failed build must write nothing"


def test_zero_byte_deck(tmp_path, capsys):
    deck = tmp_path / "empty.yaml"
    deck.write_bytes(b"")
    assert main(["validate", str(deck)]) == 1
    assert capsys.readouterr().err.startswith(f"{deck}:1:1: error: a deck is a mapping")


def _console_script() -> str:
    script = Path(sys.executable).parent / "deckbuilder"
    if not script.exists():
        pytest.skip("console script not installed next to this Python")
    return str(script)


def test_console_script_reports_malformed_decks_without_traceback(tmp_path):
    """The real entry point (a subprocess each), on a sample of the corpus, all at once."""
    script = _console_script()
    sample = [MALFORMED / f"{name}.yaml" for name in (
        "non-utf8", "billion-laughs", "python-tag", "template-memory-bomb", "tab-indentation",
        "recursive-alias", "path-escape", "deep-nesting")]
    runs = [(deck, subprocess.Popen([script, "build", str(deck), "-o", str(tmp_path / "o.pptx")],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    cwd=tmp_path))
            for deck in sample]
    for deck, process in runs:
        out, err = process.communicate(timeout=120)
        line, fragment = expectation(deck)
        assert process.returncode == 1, err
        assert "Traceback" not in out + err
        assert f"{deck}:{line}:" in err and fragment in err
    assert sorted(tmp_path.iterdir()) == []


# ----- safe YAML loading --------------------------------------------------------------------

def laughs(levels: int, width: int) -> str:
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    return ("title: Laughs\ndata:\n" + "".join(f"  {line}\n" for line in lines)
            + f"slides:\n  - kind: section\n    title: \"{{{{ a{levels - 1} }}}}\"\n")


@pytest.mark.parametrize("levels, width", [(10, 9), (30, 30)], ids=["9^10", "30^30"])
def test_alias_bomb_rejected_fast_with_little_memory(tmp_path, levels, width):
    deck = write_deck(project(tmp_path), laughs(levels, width))
    start = time.perf_counter()
    with memory_peak() as memory:
        error = deck_error(deck)
    elapsed = time.perf_counter() - start
    assert "expands to more than" in error.problems[0].message
    assert error.problems[0].pos.line > 1
    assert memory["peak"] < MEMORY_BOUND, f"peak {memory['peak'] / MB:.0f} MB"
    assert elapsed < 10, "generous: it takes well under a second; this only catches a hang"


def test_recursive_alias_rejected(tmp_path):
    deck = write_deck(project(tmp_path), "title: &t [*t]\nslides: []\n")
    error = deck_error(deck)
    assert "nesting deeper" in error.problems[0].message


@pytest.mark.parametrize("tag", [
    '!!python/object/apply:os.system ["touch {marker}"]',
    '!!python/object/apply:subprocess.call [["touch", "{marker}"]]',
    '!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:builtins.object {{}}",
    "!!python/tuple [1, 2]",
    "!!set {{a, b}}",
    "!custom thing",
])
def test_yaml_object_tags_are_refused_not_run(tmp_path, monkeypatch, tag):
    root = project(tmp_path)
    monkeypatch.chdir(root)
    marker = root / "pwned"
    deck = write_deck(root, f"title: {tag.format(marker=marker)}\nslides:\n"
                            "  - kind: section\n    title: Hello\n")
    error = deck_error(deck)
    assert error.problems[0].pos.line == 1
    assert not marker.exists()


# ----- the template sandbox -----------------------------------------------------------------

SANDBOX_DECK = """title: Sandbox
data:
  rows: [{{year: 2016, count: 5}}]
slides:
  - kind: section
    title: Safe
    subtitle: >-
      {expression}
"""
SANDBOX_LINE = 7

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__ }}",
    "{{ self }}",
    "{{ self._TemplateReference__context }}",
    "{% import 'os' as os %}{{ os }}",
    "{% from 'os' import path %}{{ path }}",
    "{% include '/etc/passwd' %}",
    "{% extends '/etc/passwd' %}",
    "{{ ''|attr('__class__') }}",
    "{{ rows|map(attribute='__class__')|list }}",
    "{{ '{0.__class__}'.format('') }}",
    "{{ rows.append(1) }}",
    "{{ rows[0].update({'year': 1}) }}",
    "{{ config }}",
    "{{ environ }}",
    "{{ request }}",
    "{{ range(10**9)|list }}",
]
MEMORY_BOMBS = [
    "{{ 'x' * 10**10 }}",
    "{{ [0] * 10**10 }}",
    "{{ 10**(10**10) }}",
    "{{ 'x'|center(10**9) }}",
    "{{ 'x'.ljust(10**9) }}",
    "{{ ('x' ~ '\\n')|indent(10**9) }}",
    "{{ '%0999999999d'|format(1) }}",
    "{{ '%0999999999d' % 1 }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ 1|thousands(10**9) }}",
    "{{ 'aaaa'" + "|replace('a', 'aaaa')" * 20 + " }}",
    "{{ ([('x' * 100000)] * 100000)|join }}",
    "{{ ''.join([('x' * 100000)] * 100000) }}",
    "{% set a = [1, 1, 1, 1] %}" + "{% set a = [a, a, a, a] %}" * 20 + "{{ a }}",
    "{% set s = 'xx' %}" + "{% set s = s ~ s %}" * 40 + "{{ s|length }}",
    "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "{{ ([[1] * 100000] * 100000)|sum(start=[])|length }}",
    "{{ range(1000)|list|tojson(10000) }}",
    "{{ [1, 2, 3]|tojson(10**8) }}",
    "{{ ('a' * 100000).translate({97: 'x' * 100000}) }}",
]
CPU_BOMBS = [  # (tracemalloc would slow these tenfold; they allocate little anyway)
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
    "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "{{ " + "(" * 500 + "1" + ")" * 500 + " }}",
]
REFUSALS = ("not allowed", "not available", "is undefined", "Range too big", "too much work",
            "too large", "too long", "too deeply", "too complex", "has no attribute")


@pytest.mark.parametrize("expression", ESCAPES + MEMORY_BOMBS + CPU_BOMBS)
def test_template_cannot_escape_hang_or_exhaust_memory(tmp_path, expression):
    deck = write_deck(project(tmp_path), SANDBOX_DECK.format(expression=expression))
    with memory_peak() if expression not in CPU_BOMBS else contextlib.nullcontext({}) as memory:
        error = deck_error(deck)
    problem = error.problems[0]
    assert problem.pos.line == SANDBOX_LINE
    assert problem.message.startswith("template")
    assert any(word in problem.message for word in REFUSALS), problem.message
    assert memory.get("peak", 0) < MEMORY_BOUND, f"peak {memory['peak'] / MB:.0f} MB"


def test_environment_is_not_reachable(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKBUILDER_SECRET", "hunter2")
    root = project(tmp_path)
    for expression in ("{{ cycler.__init__.__globals__.os.environ.DECKBUILDER_SECRET }}",
                       "{{ DECKBUILDER_SECRET }}", "{{ environ.DECKBUILDER_SECRET }}"):
        deck = write_deck(root, SANDBOX_DECK.format(expression=expression))
        error = deck_error(deck)
        assert "hunter2" not in str(error)


def test_ordinary_templates_still_work(tmp_path):
    expression = ("{% for r in rows %}{{ r.year }}: {{ r.count|thousands }}{% endfor %}; "
                  "{{ '%05.1f'|format(3.14159) }}; {{ '{:,}'.format(2600000000) }}; "
                  "{{ 2600000000|currency(short=true) }}; {{ (rows|first).year * 2 }}; "
                  "{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}{{ twice('ab') }}")
    deck = write_deck(project(tmp_path), SANDBOX_DECK.format(expression=expression))
    compiled = compile_deck(deck)
    assert compiled.deck.slides[0].subtitle == (
        "2016: 5; 003.1; 2,600,000,000; $2.6 billion; 4032; abab")


# ----- files outside the project folder -----------------------------------------------------

@pytest.fixture()
def outside(tmp_path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.csv").write_text("year,value\n2016,1\n2017,2\n", encoding="utf-8")
    (folder / "secret.png").write_bytes(png(20, 10))
    return folder


def referencing(kind: str, reference: str) -> str:
    if kind == "data":
        return (f"title: T\ndata:\n  rows: {{file: '{reference}'}}\nslides:\n"
                "  - kind: section\n    title: \"{{ rows|length }} rows\"\n")
    if kind == "chart":
        return ("title: T\nslides:\n  - kind: chart\n    title: C\n    source: S\n    chart:\n"
                f"      type: column\n      data: '{reference}'\n      x: year\n"
                "      series: [value]\n")
    return ("title: T\nslides:\n  - kind: image\n    title: I\n"
            f"    image: '{reference}'\n    alt: A picture\n")


@pytest.mark.parametrize("kind, name", [("data", "secret.csv"), ("chart", "secret.csv"),
                                        ("image", "secret.png")])
@pytest.mark.parametrize("how", ["relative", "absolute", "symlink"])
def test_files_outside_the_project_refused_unless_allowed(tmp_path, outside, kind, name, how,
                                                          capsys):
    root = project(tmp_path)
    if how == "relative":
        reference = f"../outside/{name}"
    elif how == "absolute":
        reference = str(outside / name)
    else:
        (root / f"link-{name}").symlink_to(outside / name)
        reference = f"link-{name}"
    deck = write_deck(root, referencing(kind, reference))
    error = deck_error(deck)
    assert "outside the project folder" in error.problems[0].message
    assert "--allow-outside" in error.problems[0].message
    assert error.problems[0].pos.line > 1
    compile_deck(deck, allow_outside=True)  # the explicit opt-in works
    assert main(["validate", str(deck)]) == 1
    assert main(["validate", str(deck), "--allow-outside"]) == 0
    capsys.readouterr()


def test_parent_escape_to_etc_passwd_refused(tmp_path):
    root = project(tmp_path)
    for kind in ("data", "chart", "image"):
        error = deck_error(write_deck(root, referencing(kind, "../../../../../../../etc/passwd")))
        assert "outside the project folder" in error.problems[0].message


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "fifo"])
def test_devices_and_pipes_are_not_read_even_when_allowed(tmp_path, special):
    """A device or named pipe would hang or never end: it is 'not found', not read."""
    root = project(tmp_path)
    if special == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes here")
        os.mkfifo(root / "pipe.csv")
        special = "pipe.csv"
    for kind in ("data", "chart", "image"):
        deck = write_deck(root, referencing(kind, special))
        error = deck_error(deck, allow_outside=True)
        assert "not found" in error.problems[0].message


def test_nul_byte_in_a_path(tmp_path):
    deck = write_deck(project(tmp_path), referencing("data", "a\\0b.csv").replace("'", '"'))
    assert "NUL" in deck_error(deck).problems[0].message


def test_deck_that_is_a_pipe_is_not_read(tmp_path, capsys):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    deck = tmp_path / "deck.yaml"
    os.mkfifo(deck)
    with time_limit(30):
        assert main(["validate", str(deck)]) == 1
    assert "file not found" in capsys.readouterr().err


# ----- oversized inputs ---------------------------------------------------------------------

def sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk space."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def test_oversized_image_file_refused(tmp_path):
    root = project(tmp_path)
    sparse(root / "huge.png", assets.MAX_IMAGE_BYTES + 1)
    error = deck_error(write_deck(root, referencing("image", "huge.png")))
    assert "limit" in error.problems[0].message and error.problems[0].pos.line == 5


@pytest.mark.parametrize("width, height, words", [
    (8000, 6000, "pixel limit"),        # 48 megapixels: over deckbuilder's limit
    (30000, 30000, "decompression bomb"),  # 900 megapixels: PIL itself refuses to open it
])
def test_image_with_too_many_pixels_refused(tmp_path, width, height, words):
    root = project(tmp_path)
    (root / "big.png").write_bytes(png(width, height))
    error = deck_error(write_deck(root, referencing("image", "big.png")))
    assert words in error.problems[0].message and error.problems[0].pos.line == 5


def test_pixel_limit_applies(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "MAX_IMAGE_PIXELS", 100)
    root = project(tmp_path)
    (root / "small.png").write_bytes(png(20, 10))
    deck = write_deck(root, referencing("image", "small.png"))
    assert "20x10 pixels" in deck_error(deck).problems[0].message


def test_unreadable_image_refused(tmp_path):
    root = project(tmp_path)
    (root / "broken.png").write_bytes(png(20, 10)[:30])
    (root / "text.png").write_text("not a picture", encoding="utf-8")
    for name in ("broken.png", "text.png"):
        error = deck_error(write_deck(root, referencing("image", name)))
        assert "not a readable image" in error.problems[0].message


@pytest.mark.parametrize("kind, name", [("data", "big.csv"), ("data", "big.yaml"),
                                        ("chart", "big.csv")])
def test_oversized_data_file_refused(tmp_path, kind, name):
    root = project(tmp_path)
    sparse(root / name, MAX_FILE_BYTES + 1)
    error = deck_error(write_deck(root, referencing(kind, name)))
    assert any("limit" in p.message for p in error.problems)


def test_oversized_deck_refused(tmp_path, capsys):
    deck = sparse(tmp_path / "deck.yaml", MAX_FILE_BYTES + 1)
    assert main(["validate", str(deck)]) == 1
    assert capsys.readouterr().err.startswith(f"{deck}:1:1: error: file is ")


def test_too_many_chart_rows_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(chart_data, "MAX_ROWS", 5)
    root = project(tmp_path)
    (root / "rows.csv").write_text("year,value\n" + "".join(f"{y},{y}\n" for y in range(10)),
                                   encoding="utf-8")
    error = deck_error(write_deck(root, referencing("chart", "rows.csv")))
    assert "the limit is 5" in error.problems[0].message


def test_huge_numbers_in_chart_data_refused(tmp_path):
    root = project(tmp_path)
    (root / "huge.csv").write_text("year,value\n2016,1e300\n2017,1\n", encoding="utf-8")
    error = deck_error(write_deck(root, referencing("chart", "huge.csv")))
    assert "larger unit" in error.problems[0].message
