"""Bounded work on hostile input, second round: every template filter and test, foreign
template packages (zip, XML, values), charts at the row limit and chart workers.

Each case builds its hostile input in ``tmp_path`` and must end in a located error (exit 1)
or a correct result, within the time guard and the memory bound. docs/reliability.md
("Bounded work and foreign templates (second round)") lists what each test shows.
"""

from __future__ import annotations

import contextlib
import inspect
import tracemalloc
from pathlib import Path

import pytest
from jinja2 import filters as jinja_filters
from jinja2 import tests as jinja_tests

from deckbuilder.errors import DeckError
from deckbuilder.pipeline import load_deck
from deckbuilder.templating import MAX_OUTPUT_CHARS, make_environment

from helpers import time_limit

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
