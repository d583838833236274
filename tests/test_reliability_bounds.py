"""Bounded work on hostile input, second round: every template filter and test, foreign
template packages (zip, XML, values), charts at the row limit and chart workers.

Each case builds its hostile input in ``tmp_path`` and must end in a located error (exit 1)
or a correct result, within the time guard and the memory bound. docs/reliability.md
("Bounded work and foreign templates (second round)") lists what each test shows.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import os
import re
import signal
import struct
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path
from typing import Callable

import pptx
import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from lxml import etree
from jinja2 import filters as jinja_filters
from jinja2 import tests as jinja_tests

from deckbuilder.charts import data as chart_data
from deckbuilder.cli import main
from deckbuilder.errors import DeckError
from deckbuilder.pipeline import load_deck
from deckbuilder.templating import MAX_OUTPUT_CHARS, make_environment

from helpers import time_limit
from test_fuzz import examples  # the fuzzers' shared settings (DECKBUILDER_FUZZ_EXAMPLES)

MB = 1024 * 1024
MEMORY_BOUND = 200 * MB


@contextlib.contextmanager
def memory_bound(limit: int = MEMORY_BOUND):
    """Fail if Python allocates more than ``limit`` bytes at once inside the block."""
    tracemalloc.start()
    try:
        yield
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peak < limit, f"peak {peak / MB:.0f} MB"


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "deckbuilder.toml").write_text("", encoding="utf-8")
    return root


# ----- every filter and test of the sandbox -------------------------------------------------

# Shared references that print (or compare, or hash) as 2^40 items, built in 40 cheap steps.
DAGS = ("{% set ns = namespace(a=[1], b=[1], t=(1,), u=(1,)) %}{% for i in range(40) %}"
        "{% set ns.a = [ns.a, ns.a] %}{% set ns.b = [ns.b, ns.b] %}"
        "{% set ns.t = (ns.t, ns.t) %}{% set ns.u = (ns.u, ns.u) %}{% endfor %}")
VALUES = ("('<a http://x.' * 6000)", "('a' * 90000 ~ ' b')", "{'k': ns.t, 'j': ns.u}",
          "[ns.a, ns.b]", "[ns.t, ns.u]", "10**19000", "(range(100000)|list)")
ARGUMENTS = ("10**9", "-10**9", "('x' * 90000)", "ns.b", "ns.u")
ARGUMENT_VALUES = ("('a b ' * 20000)", "[ns.t, ns.u]")
PASSED = ("environment", "env", "context", "eval_ctx")


def filter_cases(name: str, func) -> list[str]:
    """``name`` applied to every hostile value, then each parameter given each hostile
    argument (by keyword, or by position for ``*args``)."""
    cases = [f"{{{{ {value}|{name} }}}}" for value in VALUES]
    try:
        parameters = [p for p in inspect.signature(func).parameters.values()
                      if p.name not in PASSED][1:]
    except (TypeError, ValueError):
        parameters = []
    for parameter in parameters[:4]:
        for argument in ARGUMENTS:
            given = {parameter.VAR_POSITIONAL: argument, parameter.POSITIONAL_ONLY: argument,
                     parameter.VAR_KEYWORD: f"x={argument}"}.get(
                parameter.kind, f"{parameter.name}={argument}")
            cases += [f"{{{{ {value}|{name}({given}) }}}}" for value in ARGUMENT_VALUES]
    return cases


def jinja_test_cases(name: str) -> list[str]:
    cases = [f"{{{{ {value} is {name} }}}}" for value in VALUES]
    return cases + [f"{{{{ {value} is {name}({argument}) }}}}" for argument in ARGUMENTS
                    for value in ("ns.a", "ns.t", "10**19000", "('x' * 90000)")]


SANDBOX = make_environment()
FILTER_NAMES = sorted(n for n in SANDBOX.filters if not n.startswith("_"))
TEST_NAMES = sorted(SANDBOX.tests)
OPERATORS = [f"{{{{ ns.a {op} ns.b }}}}" for op in ("==", "!=", "<", ">=", "in", "not in")] + [
    "{{ ns.t in [ns.u] }}", "{{ {ns.t: 1} }}", "{{ {}[ns.t] }}", "{{ [ns.a].count(ns.b) }}",
    "{{ [ns.a].index(ns.b) }}", "{% for i in [ns.a, ns.b] %}{{ loop.changed(i) }}{% endfor %}"]


def test_the_sweep_covers_every_builtin_filter_and_test():
    assert set(jinja_filters.FILTERS) <= set(FILTER_NAMES)
    assert set(jinja_tests.TESTS) <= set(TEST_NAMES)


def assert_bounded(source: str) -> None:
    """One template renders within the limits or is refused by a template error."""
    env = make_environment()
    try:
        text = env.render_text(DAGS + source, {}, MAX_OUTPUT_CHARS)
    except MemoryError:
        raise AssertionError(f"{source}: ran out of memory") from None
    except Exception:  # noqa: BLE001 - render_tree reports any of these at the string
        return
    assert len(text) <= MAX_OUTPUT_CHARS, source


@pytest.mark.parametrize("kind,name", [("filter", n) for n in FILTER_NAMES]
                         + [("test", n) for n in TEST_NAMES] + [("operators", "")])
def test_every_filter_and_test_stays_within_the_limits(kind, name):
    cases = (filter_cases(name, jinja_filters.FILTERS.get(name, SANDBOX.filters[name]))
             if kind == "filter" else jinja_test_cases(name) if kind == "test" else OPERATORS)
    with time_limit(60), memory_bound():
        for source in cases:
            assert_bounded(source)


SANDBOX_DECK = """title: Sandbox
slides:
  - kind: section
    title: Safe
    subtitle: >-
      {expression}
"""


@pytest.mark.parametrize("expression", [
    "{{ ('a b ' * 20000)|slice(10**9)|list|length }}",   # slice: its context was its value
    "{{ [1]|slice(10**9, fill_with=0)|list|length }}",
    DAGS + "{{ ns.a == ns.b }}",                           # comparisons walk shared lists
    DAGS + "{{ [ns.t, ns.u]|unique|list|length }}",        # hashing walks shared tuples
    DAGS + "{{ [ns.a, ns.b]|sort|length }}",
    DAGS + "{{ 'x'|attr(ns.u) }}",                         # attr prints its name
    DAGS + "{{ ns.a is eq(ns.b) }}",
])
def test_hostile_filter_arguments_are_refused_at_their_line(tmp_path, expression):
    deck = project(tmp_path) / "deck.yaml"
    deck.write_text(SANDBOX_DECK.format(expression=expression), encoding="utf-8")
    with time_limit(60), memory_bound(), pytest.raises(DeckError) as info:
        load_deck(deck)
    problem = info.value.problems[0]
    assert (problem.pos.line, problem.message[:8]) == (5, "template"), problem.format()
    assert "too" in problem.message, problem.message


# ----- foreign template packages ------------------------------------------------------------

PPTX_DEFAULT = Path(pptx.__file__).parent / "templates" / "default.pptx"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"
MASTER = "ppt/slideMasters/slideMaster1.xml"
TEMPLATE_DECK = """title: On a template
template: template.pptx
slides:
  - kind: bullets
    title: Points
    items: [One, Two]
"""


def template_project(tmp_path: Path, edits: dict[str, Callable[[bytes], bytes]] | None = None,
                     source: Path = PPTX_DEFAULT) -> Path:
    """A project whose deck builds on python-pptx's default template with ``edits`` applied
    to the named members (each a function of the member's bytes)."""
    root = project(tmp_path)
    with zipfile.ZipFile(source) as original, \
            zipfile.ZipFile(root / "template.pptx", "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            blob = original.read(info)
            out.writestr(info.filename, (edits or {}).get(info.filename, lambda b: b)(blob))
    (root / "deck.yaml").write_text(TEMPLATE_DECK, encoding="utf-8")
    return root


def build_project(root: Path, capsys) -> tuple[int, str]:
    out = root / "deck.pptx"
    with time_limit(60), memory_bound():
        code = main(["build", str(root / "deck.yaml"), "-o", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    if code == 0:
        assert_well_formed(out)
    else:
        assert not out.exists()
    return code, err


def assert_well_formed(pptx_path: Path) -> None:
    """Every XML part of the output parses with a strict parser and declares no DTD."""
    with zipfile.ZipFile(pptx_path) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(archive.read(name),
                                        etree.XMLParser(resolve_entities=False))
                assert root.getroottree().docinfo.internalDTD is None, name


def replacing(old: bytes, new: bytes, count: int = 1) -> Callable[[bytes], bytes]:
    def edit(blob: bytes) -> bytes:
        assert old in blob, old
        return blob.replace(old, new, count)
    return edit


def with_doctype(blob: bytes) -> bytes:
    declaration, rest = blob.split(b"?>", 1)
    rest = rest.replace(b'name="Title 1"', b'name="&xxe;"', 1)
    return declaration + b'?>\n<!DOCTYPE p:sldLayout [<!ENTITY xxe "pwned">]>' + rest


def nested(depth: int) -> Callable[[bytes], bytes]:
    return replacing(b"<p:spPr/>", b"<p:spPr>" + b"<a:extLst>" * depth
                     + b"</a:extLst>" * depth + b"</p:spPr>")


def duplicate_layout_ids(count: int) -> Callable[[bytes], bytes]:
    def edit(blob: bytes) -> bytes:
        first = re.search(rb"<p:sldLayoutId [^>]*/>", blob).group(0)
        entries = b"".join(first.replace(b'id="', b'id="9' + str(i).encode(), 1)
                           for i in range(count))
        return blob.replace(first, first + entries, 1)
    return edit


BAD_TEMPLATES = {
    "entity": ({LAYOUT: with_doctype}, "declares a DTD"),
    "deep": ({LAYOUT: nested(300)}, "not well-formed XML"),
    "duplicate layout ids": ({MASTER: duplicate_layout_ids(500)}, "lists layout rId1 twice"),
    "thousands of layout ids": ({MASTER: duplicate_layout_ids(5000)}, "over 1,000 slide layouts"),
    "colour": ({"ppt/theme/theme1.xml": replacing(b'srgbClr val="1F497D"',
                                                  b'srgbClr val="ZZZZZZ"')},
               "'ZZZZZZ', which is not a hex colour"),
    "idx": ({LAYOUT: replacing(b'<p:ph idx="1"/>', b'<p:ph idx="99999999999"/>')},
            "not a whole number"),
    "negative idx": ({LAYOUT: replacing(b'<p:ph idx="1"/>', b'<p:ph idx="-1"/>')},
                     "not a whole number"),
    "placeholder size": ({LAYOUT: replacing(b'sz="quarter"', b'sz=""')},  # found by fuzzing
                         "placeholder with an invalid size ('' is not one"),
    "zero-size placeholder": ({LAYOUT: replacing(
        b"<p:spPr/>", b'<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
                      b"</p:spPr>")}, "has no area"),
    "zero slide size": ({"ppt/presentation.xml": replacing(b'<p:sldSz cx="9144000"',
                                                           b'<p:sldSz cx="0"')},
                        "its slides are 0 x"),
}


@pytest.mark.parametrize("case", BAD_TEMPLATES)
def test_unsafe_or_invalid_template_is_refused_naming_it(tmp_path, capsys, case):
    edits, words = BAD_TEMPLATES[case]
    code, err = build_project(template_project(tmp_path, edits), capsys)
    assert code == 1, err
    assert "deck.yaml:2:" in err and "template 'template.pptx'" in err and words in err, err


def test_untouched_template_builds_well_formed(tmp_path, capsys):
    assert build_project(template_project(tmp_path), capsys)[0] == 0


def write_streamed(archive: zipfile.ZipFile, name: str, piece: bytes, times: int) -> None:
    with archive.open(name, "w") as member:
        for _ in range(times):
            member.write(piece)


def test_layout_of_400_mb_of_elements_is_refused_fast(tmp_path, capsys):
    root = template_project(tmp_path)
    path = root / "template.pptx"
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        # an XML member python-pptx would parse: 400 MB of empty elements, about 1 MB packed
        write_streamed(archive, "customXml/item1.xml", b"<a/>" * 262_144, 400)
    code, err = build_project(root, capsys)
    assert code == 1 and "XML elements" in err, err


def under_declared(path: Path, name: str, declared: int) -> None:
    """Patch ``name``'s uncompressed size in the central directory and local header."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    local = info.header_offset
    struct.pack_into("<I", data, local + 22, declared)
    central = data.rfind(name.encode()) - 46  # the name follows the central entry's header
    assert data[central:central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, central + 24, declared)
    path.write_bytes(bytes(data))


def test_zip_that_under_declares_a_member_is_read_within_bounds(tmp_path, capsys):
    root = template_project(tmp_path)
    path = root / "template.pptx"
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        write_streamed(archive, "docProps/zeros.bin", bytes(1 << 20), 300)  # 300 MB, 300 KB packed
    under_declared(path, "docProps/zeros.bin", 100)
    code, err = build_project(root, capsys)
    assert code == 1 and "docProps/zeros.bin" in err, err


def test_template_inspect_refuses_a_fifo_without_blocking(tmp_path, capsys):
    fifo = tmp_path / "template.pptx"
    os.mkfifo(fifo)
    with time_limit(10):
        code = main(["template", "inspect", str(fifo)])
    err = capsys.readouterr().err
    assert code == 1 and "named pipe, not a file" in err, err


# ----- charts at the row limit, and their workers -------------------------------------------

def rows_project(tmp_path: Path, kinds: tuple[str, ...]) -> Path:
    """A deck of one chart per type, each over a CSV of the documented row limit."""
    root = project(tmp_path)
    lines = ["year,a,b"] + [f"{1000 + i},{(i * 37) % 101 + 1},{(i * 53) % 89 + 1}"
                            for i in range(chart_data.MAX_ROWS)]
    (root / "rows.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    series = {"pie": "[{column: a}]"}
    slides = "".join(f"  - kind: chart\n    title: {kind}\n    source: Test\n"
                     f"    chart: {{type: {kind}, data: rows.csv, x: year, series: "
                     f"{series.get(kind, '[{column: a}, {column: b}]')}}}\n" for kind in kinds)
    (root / "deck.yaml").write_text(f"title: Rows\nslides:\n{slides}", encoding="utf-8")
    return root


@pytest.mark.filterwarnings("ignore")
def test_charts_at_the_row_limit_draw_in_seconds(tmp_path, monkeypatch, capsys):
    """Every category label and every value label was laid out (~100 s a chart, 300 s for
    these three); the limit catches that, with room for a loaded machine (~50 s here)."""
    monkeypatch.setenv("DECKBUILDER_CHART_WORKERS", "1")
    root = rows_project(tmp_path, ("column", "line", "pie"))
    with time_limit(240):
        code = main(["build", str(root / "deck.yaml"), "-o", str(root / "deck.pptx")])
    assert code == 0, capsys.readouterr().err
    assert_well_formed(root / "deck.pptx")


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def alive(pid: int) -> bool:
    """Running (not gone, not a zombie nobody reaped yet)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_chart_workers_die_with_a_killed_build(tmp_path):
    root = rows_project(tmp_path, ("pie", "column", "line", "area"))
    env = dict(os.environ, DECKBUILDER_CHART_WORKERS="3", DECKBUILDER_CACHE_DIR=str(tmp_path),
               PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    build = subprocess.Popen([sys.executable, "-c", "import sys; from deckbuilder.cli import main; "
                              "sys.exit(main(sys.argv[1:]))", "build", str(root / "deck.yaml"),
                              "-o", str(root / "deck.pptx")], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        with time_limit(120):
            while len(workers := children(build.pid)) < 2 and build.poll() is None:
                time.sleep(0.05)
        assert build.poll() is None, "the build ended before its workers started"
        time.sleep(0.5)  # drawing
        build.send_signal(signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 15
        while any(map(alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(alive, workers)), f"orphaned workers {workers}"
    finally:
        build.kill()
        for pid in filter(alive, workers):  # only what this test started
            os.kill(pid, signal.SIGKILL)
    assert not (root / "deck.pptx").exists()


# ----- fuzzing the template reader ----------------------------------------------------------

ELEMENTS = [b"<a:extLst>" * 300 + b"</a:extLst>" * 300, b'<a:srgbClr val="ZZZZZZ"/>',
            b'<p:sldLayoutId id="2147483649" r:id="rId1"/>' * 50, b"&e;", b"&amp;", b"<x/>" * 5000,
            b'<p:sp><p:nvSpPr><p:cNvPr id="9" name="x"/><p:cNvSpPr/><p:nvPr><p:ph idx="1"/>'
            b'</p:nvPr></p:nvSpPr><p:spPr/></p:sp>', b"<![CDATA[x]]>", b"<!-- c -->"]
VALUES_ = [b"", b"-1", b"0", b"ZZZZZZ", b"99999999999", b"4294967296", b"1e400", b"\xff", b"&#0;",
           b"rId999", b"../../../etc/passwd", b"x" * 5000]


def mutate(blob: bytes, choose) -> bytes:
    """One edit of a member, mostly keeping it well-formed so later checks are reached: an
    element inserted after a tag, a DTD, an attribute value replaced, bytes flipped, cut or
    repeated."""
    how = choose(["element", "element", "attribute", "attribute", "attribute", "doctype",
                  "flip", "truncate", "repeat"])
    ends = [m.end() for m in re.finditer(rb">", blob)] or [0]
    at = choose(ends)
    if how == "element":
        return blob[:at] + choose(ELEMENTS) + blob[at:]
    if how == "doctype":
        head, _, rest = blob.partition(b"?>")
        return head + b'?><!DOCTYPE x [<!ENTITY e "pwned">]>' + rest if rest else blob
    if how == "attribute":
        values = list(re.finditer(rb'="[^"]*"', blob))
        if not values:
            return blob
        hit = choose(values)
        return blob[:hit.start()] + b'="' + choose(VALUES_) + b'"' + blob[hit.end():]
    if how == "flip" and blob:
        at = min(at, len(blob) - 1)
        return blob[:at] + bytes([blob[at] ^ choose([1, 32, 128, 255])]) + blob[at + 1:]
    if how == "truncate":
        return blob[:at]
    return blob[:at] + blob[at:at + 200] * choose([2, 50]) + blob[at:]


@examples(0.05, minimum=6)
@given(data=st.data())
def test_mutated_templates_never_crash_hang_or_damage_the_output(tmp_path_factory, data):
    """A mutated package builds well-formed or is refused (exit 1), never exit 70 or a hang."""
    def choose(options):
        return data.draw(st.sampled_from(options))

    with zipfile.ZipFile(PPTX_DEFAULT) as original:
        blobs = {name: original.read(name) for name in original.namelist()}
    for _ in range(data.draw(st.integers(1, 3))):
        name = choose(sorted(blobs))
        blobs[name] = mutate(blobs[name], choose)
    root = template_project(tmp_path_factory.mktemp("fuzz"),
                            {name: (lambda _, new=blob: new) for name, blob in blobs.items()})
    out = root / "deck.pptx"
    err = io.StringIO()
    with time_limit(60), contextlib.redirect_stderr(err):
        code = main(["build", str(root / "deck.yaml"), "-o", str(out)])
    event(f"exit {code}: " + re.sub(r"^.*?error: |\d+", "", err.getvalue().splitlines()[0] if code else "")[:90])
    assert code in (0, 1), err.getvalue()
    assert "Traceback" not in err.getvalue()
    if code == 0:
        assert_well_formed(out)
    else:
        assert not out.exists()
