"""The template stage: number filters, strict and sandboxed Jinja2, and the deck's data files."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from deckbuilder.data import load_data, parse_number, read_csv
from deckbuilder.errors import DeckError, SourcePos
from deckbuilder.formatting import compact, currency, percent, thousands
from deckbuilder.load import parse_yaml
from deckbuilder.paths import PathPolicy
from deckbuilder.templating import render_tree

F = Path("deck.yaml")


# ----- number filters -----------------------------------------------------------------------

@pytest.mark.parametrize("call, expected", [
    (lambda: thousands(12155), "12,155"),
    (lambda: thousands(175136), "175,136"),
    (lambda: thousands(1234.5, 1), "1,234.5"),
    (lambda: thousands("12,155"), "12,155"),
    (lambda: thousands(-3201), "-3,201"),
    (lambda: thousands(0), "0"),
    (lambda: compact(1_300_000), "1.3 million"),
    (lambda: compact(2_600_000_000), "2.6 billion"),
    (lambda: compact(1e12), "1 trillion"),
    (lambda: compact(5_000_000), "5 million"),
    (lambda: compact(-2_500_000), "-2.5 million"),
    (lambda: compact(999_999), "999,999"),
    (lambda: compact(12155), "12,155"),
    (lambda: currency(2_600_000_000, short=True), "$2.6 billion"),
    (lambda: currency(460_000_000, short=True), "$460 million"),
    (lambda: currency(53_000_000, short=True), "$53 million"),
    (lambda: currency(1234), "$1,234"),
    (lambda: currency(-5), "-$5"),
    (lambda: currency(18, decimals=2), "$18.00"),
    (lambda: currency(1000, symbol="€"), "€1,000"),
    (lambda: percent(0.307), "31%"),
    (lambda: percent(0.307, 1), "30.7%"),
    (lambda: percent(0.68), "68%"),
    (lambda: percent(30.7, 1, fraction=False), "30.7%"),
    # halves round away from zero, on the decimal value written (not its binary float)
    (lambda: compact(1_250_000), "1.3 million"),
    (lambda: thousands(2.5), "3"),
    (lambda: thousands(-2.5), "-3"),
    (lambda: thousands(2.675, 2), "2.68"),
    (lambda: percent(0.125), "13%"),
])
def test_filters(call, expected):
    assert call() == expected


@pytest.mark.parametrize("bad", ["abc", True, None, [1], math.inf])
def test_filters_reject_non_numbers(bad):
    with pytest.raises((TypeError, ValueError)):
        thousands(bad)


# ----- rendering a tree ---------------------------------------------------------------------

def render(text: str, context: dict | None = None):
    tree = parse_yaml(text, F)
    return render_tree(tree, context or {})


def render_error(text: str, context: dict | None = None) -> DeckError:
    with pytest.raises(DeckError) as info:
        render(text, context)
    return info.value


CONTEXT = {
    "homicides": 12155,
    "change": 30.7,
    "cartel": {"low": 18, "high": 30},
    "merida": {"appropriated": 2_600_000_000},
    "share": 0.68,
    "rows": [{"year": 2016, "count": 24559}],
}


def test_filters_through_templates():
    out = render(
        "a: 'January-June 2017: {{ homicides | thousands }} killings: up {{ change }}%'\n"
        "b: 'from ${{ cartel.low }} to ${{ cartel.high }} billion'\n"
        "c: '{{ merida.appropriated | currency(short=true) }} appropriated'\n"
        "d: '{{ share | percent }} of homicides'\n"
        "e: '{{ merida.appropriated | compact }}'\n"
        "f: '{{ rows[0].count | thousands }} in {{ rows[0].year }}'\n", CONTEXT)
    assert out == {
        "a": "January-June 2017: 12,155 killings: up 30.7%",
        "b": "from $18 to $30 billion",
        "c": "$2.6 billion appropriated",
        "d": "68% of homicides",
        "e": "2.6 billion",
        "f": "24,559 in 2016",
    }


def test_untemplated_values_are_untouched():
    out = render("n: 5\nt: plain text with } and {\nl: [1, '{{ homicides }}']\n", CONTEXT)
    assert out == {"n": 5, "t": "plain text with } and {", "l": [1, "12155"]}


def test_data_section_is_not_templated():
    out = render("data:\n  literal: '{{ not_rendered }}'\ntitle: x\n")
    assert out["data"] == {"literal": "{{ not_rendered }}"}


def test_undefined_variable_error_at_its_position():
    err = render_error("title: ok\nslides:\n  - kind: section\n    title: 'Up {{ nope }}%'\n")
    assert len(err.problems) == 1
    problem = err.problems[0]
    assert problem.pos == SourcePos("deck.yaml", 4, 12)
    assert "'nope' is undefined" in problem.message
    assert "data:" in problem.message  # says what to do


def test_undefined_attribute_is_an_error_not_empty_text():
    err = render_error("t: '{{ cartel.medium }} billion'\n", CONTEXT)
    assert err.problems[0].pos == SourcePos("deck.yaml", 1, 4)
    assert "medium" in err.problems[0].message


@pytest.mark.parametrize("expression", ["[nope]", "(nope, 1)", "[1, [2, nope]]",
                                        '{"a": nope}', "{nope: 1}"])
def test_an_undefined_name_inside_a_printed_list_or_mapping_is_an_error(expression):
    """Printed as it is, ``[nope]`` would put "[Undefined]" on the slide."""
    err = render_error(f"title: ok\nslides:\n  - kind: section\n    title: 'x {{{{ {expression} }}}}'\n")
    assert [p.pos for p in err.problems] == [SourcePos("deck.yaml", 4, 12)]
    assert "'nope' is undefined" in err.problems[0].message


@pytest.mark.parametrize("expression", ['[1, 2] | map("string")', '[1, 2] | select("odd")',
                                        '[1, 2] | reject("odd")'])
def test_a_printed_sequence_still_to_be_computed_is_an_error_that_says_what_to_add(expression):
    """Printed as it is, it would put '<generator object … at 0x…>' on the slide (a
    different address each build)."""
    err = render_error(f"title: ok\nslides:\n  - kind: section\n    title: 'x {{{{ {expression} }}}}'\n")
    assert [p.pos for p in err.problems] == [SourcePos("deck.yaml", 4, 12)]
    assert "'| join(\", \")'" in err.problems[0].message and "'| list'" in err.problems[0].message


def test_a_computed_sequence_ended_with_join_or_list_prints_its_items():
    out = render("t: \"{{ [1, 2] | map('string') | join(', ') }}; {{ [1, 2, 3] | select('odd') | list }}\"\n")
    assert out["t"] == "1, 2; [1, 3]"


def test_printed_lists_and_mappings_of_defined_values_still_print():
    out = render("t: '{{ [1, (2, 3)] }} {{ {\"a\": 1} }}'\n")
    assert out["t"] == "[1, (2, 3)] {'a': 1}"


def test_all_template_errors_reported_together_in_order():
    err = render_error("a: '{{ one }}'\nb: ok\nc:\n  - '{{ two }}'\n  - '{{ x | nofilter }}'\n")
    assert [(p.pos.line, p.pos.col) for p in err.problems] == [(1, 4), (4, 5), (5, 5)]
    assert "one" in err.problems[0].message and "two" in err.problems[1].message
    assert "nofilter" in err.problems[2].message


def test_template_syntax_error():
    err = render_error("t: '{{ oops'\n")
    assert err.problems[0].pos == SourcePos("deck.yaml", 1, 4)
    assert err.problems[0].message.startswith("template syntax error")


def test_filter_on_text_is_an_error():
    err = render_error("t: \"{{ 'abc' | thousands }}\"\n")
    assert err.problems[0].pos == SourcePos("deck.yaml", 1, 4)
    assert err.problems[0].message.startswith("template error")


@pytest.mark.parametrize("expression", [
    "''.__class__",
    "''.__class__.__mro__[1].__subclasses__()",
    "rows.__class__.__base__",
    "cycler.__init__.__globals__",
    "lipsum.__globals__['os']",
    "rows.append(1)",
    "cartel.update({'low': 1})",
    "rows.pop()",
])
def test_sandbox_blocks_escapes(expression):
    err = render_error(f't: "{{{{ {expression} }}}}"\n', CONTEXT)
    assert len(err.problems) == 1
    assert err.problems[0].pos == SourcePos("deck.yaml", 1, 4)
    assert CONTEXT["rows"] == [{"year": 2016, "count": 24559}]
    assert CONTEXT["cartel"] == {"low": 18, "high": 30}


def test_sandbox_message_for_dunder():
    err = render_error("t: \"{{ ''.__class__ }}\"\n")
    assert "not allowed" in err.problems[0].message


def test_huge_output_rejected():
    err = render_error("t: \"{{ 'x' * 200000 }}\"\n")
    assert "too long" in err.problems[0].message


def test_huge_range_rejected():
    err = render_error("t: '{% for i in range(10**9) %}x{% endfor %}'\n")
    assert err.problems[0].pos == SourcePos("deck.yaml", 1, 4)


def test_no_file_access_from_templates():
    for text in ("t: \"{% include '/etc/passwd' %}\"\n", "t: \"{% import 'x' as y %}\"\n"):
        err = render_error(text)
        assert err.problems[0].pos == SourcePos("deck.yaml", 1, 4)


# ----- data files ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("12,155", 12155), ("2.6", 2.6), (" 42 ", 42), ("-7", -7), ("n/a", "n/a"), ("", ""),
    ("2016-17", "2016-17"),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.fixture
def project(tmp_path) -> Path:
    """A project folder (marked by deckbuilder.toml) with a deck folder and data files."""
    root = tmp_path / "project"
    (root / "deck").mkdir(parents=True)
    (root / "charts").mkdir()
    (root / "deckbuilder.toml").write_text("")
    (root / "charts" / "homicides.csv").write_text(
        "\ufeffyear , count,note\n2016,\"24,559\",preliminary\n2017,31174,\n", encoding="utf-8")
    (root / "deck" / "facts.yaml").write_text("border:\n  miles: 1990\n  km: 3201\n")
    (tmp_path / "outside.csv").write_text("a\n1\n")
    return root


def _deck(project: Path, body: str) -> Path:
    path = project / "deck" / "deck.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def _load(path: Path, allow_outside: bool = False):
    return load_data(parse_yaml(path.read_text(), path), PathPolicy.for_deck(path, allow_outside))


def test_read_csv_parses_numbers_and_strips_headers(project):
    rows = read_csv(project / "charts" / "homicides.csv")
    assert rows == [{"year": 2016, "count": 24559, "note": "preliminary"},
                    {"year": 2017, "count": 31174, "note": ""}]


def test_load_data_inline_csv_and_yaml(project):
    deck = _deck(project, "data:\n  inline: {a: 1}\n  homicides: ../charts/homicides.csv\n"
                          "  facts: {file: facts.yaml}\n  label: plain text\n")
    context = _load(deck)
    assert context["inline"] == {"a": 1}
    assert context["homicides"][1]["count"] == 31174
    assert context["facts"] == {"border": {"miles": 1990, "km": 3201}}
    assert context["label"] == "plain text"


def test_templating_over_loaded_data(project):
    deck = _deck(project, "data:\n  h: ../charts/homicides.csv\n  f: facts.yaml\n"
                          "t: '{{ h[1].count | thousands }} / {{ f.border.km | thousands }} km'\n")
    tree = parse_yaml(deck.read_text(), deck)
    context = load_data(tree, PathPolicy.for_deck(deck))
    assert render_tree(tree, context)["t"] == "31,174 / 3,201 km"


def test_missing_data_file_reported_at_value(project):
    deck = _deck(project, "title: x\ndata:\n  h: missing.csv\n  g: {file: gone.yaml}\n")
    with pytest.raises(DeckError) as info:
        _load(deck)
    assert [(p.pos.line, p.pos.col) for p in info.value.problems] == [(3, 6), (4, 6)]
    assert all("not found" in p.message for p in info.value.problems)
    assert info.value.problems[0].pos.file == str(deck)


@pytest.mark.parametrize("reference", ["../../outside.csv", "/etc/hostname.csv",
                                       "../../../../../../etc/passwd.yaml"])
def test_paths_outside_the_project_refused(project, reference):
    deck = _deck(project, f"data:\n  x: {{file: '{reference}'}}\n")
    with pytest.raises(DeckError) as info:
        _load(deck)
    problem = info.value.problems[0]
    assert (problem.pos.line, problem.pos.col) == (2, 6)
    assert "outside the project folder" in problem.message
    assert "--allow-outside" in problem.message


def test_allow_outside_lets_the_user_opt_in(project):
    deck = _deck(project, "data:\n  x: ../../outside.csv\n")
    assert _load(deck, allow_outside=True)["x"] == [{"a": 1}]


def test_symlink_out_of_the_project_refused(project, tmp_path):
    (project / "deck" / "link.csv").symlink_to(tmp_path / "outside.csv")
    deck = _deck(project, "data:\n  x: link.csv\n")
    with pytest.raises(DeckError) as info:
        _load(deck)
    assert "outside the project folder" in info.value.problems[0].message


def test_bad_data_names_and_types(project):
    deck = _deck(project, "data:\n  not-an-identifier: 1\n  ok: 2\n")
    with pytest.raises(DeckError) as info:
        _load(deck)
    problem = info.value.problems[0]
    assert (problem.pos.line, problem.pos.col) == (2, 3)  # at the key
    assert "valid identifier" in problem.message

    deck = _deck(project, "data: [1, 2]\n")
    with pytest.raises(DeckError) as info:
        _load(deck)
    assert "must be a mapping" in info.value.problems[0].message

    (project / "deck" / "notes.txt").write_text("x")
    deck = _deck(project, "data:\n  n: {file: notes.txt}\n")
    with pytest.raises(DeckError) as info:
        _load(deck)
    assert ".csv, .yaml or .yml" in info.value.problems[0].message


def test_yaml_data_file_errors_point_into_that_file(project):
    (project / "deck" / "broken.yaml").write_text("a: 1\na: 2\n")
    deck = _deck(project, "data:\n  b: broken.yaml\n")
    with pytest.raises(DeckError) as info:
        _load(deck)
    problem = info.value.problems[0]
    assert problem.pos == SourcePos(str(project / "deck" / "broken.yaml"), 2, 1)


@pytest.mark.parametrize("expression, name", [
    ("nope | thousands", "'nope' is undefined"),
    ("nope | currency(short=true)", "'nope' is undefined"),
    ("cartel.medium | percent", "medium"),
])
def test_undefined_input_to_a_filter_names_the_variable(expression, name):
    err = render_error(f't: "{{{{ {expression} }}}}"\n', CONTEXT)
    assert err.problems[0].pos == SourcePos("deck.yaml", 1, 4)
    assert name in err.problems[0].message
    assert "StrictUndefined" not in err.problems[0].message
