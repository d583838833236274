"""The load stage: safe YAML with a source position for every value and key."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from deckbuilder.errors import DeckError, SourcePos
from deckbuilder.load import MAX_DEPTH, load_yaml, parse_yaml, read_text

F = Path("deck.yaml")


def parse(text: str):
    return parse_yaml(text, F)


def error(text: str) -> DeckError:
    with pytest.raises(DeckError) as info:
        parse(text)
    return info.value


def only(err: DeckError):
    assert len(err.problems) == 1, err.problems
    return err.problems[0]


# ----- positions ----------------------------------------------------------------------------

DECK = """\
title: Hello
slides:
  - kind: section
    title:   World
  - {kind: bullets, title: Flow, items: [one, two]}
  - kind: bullets
    items:
      - text: nested
        items:
          - deeper
"""


def test_plain_values():
    tree = parse(DECK)
    assert tree.data == {
        "title": "Hello",
        "slides": [
            {"kind": "section", "title": "World"},
            {"kind": "bullets", "title": "Flow", "items": ["one", "two"]},
            {"kind": "bullets", "items": [{"text": "nested", "items": ["deeper"]}]},
        ],
    }
    assert tree.file == F


def test_value_positions():
    tree = parse(DECK)
    assert tree.positions[()] == SourcePos("deck.yaml", 1, 1)
    assert tree.positions[("title",)] == SourcePos("deck.yaml", 1, 8)
    assert tree.positions[("slides", 0)] == SourcePos("deck.yaml", 3, 5)
    assert tree.positions[("slides", 0, "title")] == SourcePos("deck.yaml", 4, 14)
    assert tree.positions[("slides", 1, "title")] == SourcePos("deck.yaml", 5, 28)
    assert tree.positions[("slides", 1, "items", 1)] == SourcePos("deck.yaml", 5, 47)
    assert tree.positions[("slides", 2, "items", 0, "items", 0)] == SourcePos("deck.yaml", 10, 13)


def test_key_positions():
    tree = parse(DECK)
    assert tree.key_positions[("title",)] == SourcePos("deck.yaml", 1, 1)
    assert tree.key_positions[("slides", 0, "title")] == SourcePos("deck.yaml", 4, 5)
    assert tree.key_positions[("slides", 1, "items")] == SourcePos("deck.yaml", 5, 34)


def test_pos_prefers_key_when_asked_and_falls_back_to_ancestor():
    tree = parse(DECK)
    assert tree.pos(("slides", 0, "title")) == SourcePos("deck.yaml", 4, 14)
    assert tree.pos(("slides", 0, "title"), prefer_key=True) == SourcePos("deck.yaml", 4, 5)
    # a missing field is reported at the nearest thing that exists: the slide
    assert tree.pos(("slides", 2, "title")) == SourcePos("deck.yaml", 6, 5)
    assert tree.pos(("nope", 3)) == SourcePos("deck.yaml", 1, 1)
    assert str(tree.pos(("slides", 0, "title"))) == "deck.yaml:4:14"


def test_block_scalar_position_and_value():
    tree = parse("notes: |\n  line one\n  line two\ntitle: >-\n  folded\n  text\n")
    assert tree.data == {"notes": "line one\nline two\n", "title": "folded text"}
    assert tree.positions[("notes",)] == SourcePos("deck.yaml", 1, 8)


def test_scalar_types_are_yaml_1_1_safe_types():
    tree = parse("a: 12155\nb: 30.7\nc: true\nd: 2017-10-01\ne: null\nf: '007'\n")
    assert tree.data == {"a": 12155, "b": 30.7, "c": True, "d": dt.date(2017, 10, 1),
                         "e": None, "f": "007"}


def test_merge_keys_work_and_keep_positions():
    tree = parse("base: &b {kind: section, title: A}\nslide:\n  <<: *b\n  subtitle: B\n")
    assert tree.data["slide"] == {"kind": "section", "title": "A", "subtitle": "B"}
    assert tree.positions[("slide", "subtitle")] == SourcePos("deck.yaml", 4, 13)
    # merged values point at where they were written (the anchor)
    assert tree.positions[("slide", "title")] == SourcePos("deck.yaml", 1, 33)


def test_merge_key_can_be_overridden_and_points_at_the_override():
    tree = parse("base: &b {kind: section, title: A}\nslide:\n  <<: *b\n  title: B\n")
    assert tree.data["slide"] == {"kind": "section", "title": "B"}
    assert tree.positions[("slide", "title")] == SourcePos("deck.yaml", 4, 10)


def test_key_written_twice_next_to_a_merge_is_still_a_duplicate():
    problem = only(error("base: &b {kind: section}\nslide:\n  <<: *b\n  title: A\n  title: B\n"))
    assert problem.pos == SourcePos("deck.yaml", 5, 3)
    assert "duplicate key 'title'" in problem.message


def test_empty_document():
    assert parse("").data is None
    assert parse("# only a comment\n").data is None


def test_non_string_keys_become_text():
    assert parse("2017: x\ntrue: y\n").data == {"2017": "x", "true": "y"}


# ----- errors -------------------------------------------------------------------------------

def test_duplicate_key_reported_at_second_key():
    problem = only(error("title: A\nslides: []\ntitle: B\n"))
    assert problem.pos == SourcePos("deck.yaml", 3, 1)
    assert "duplicate key 'title'" in problem.message


def test_duplicate_key_in_nested_mapping():
    problem = only(error("slides:\n  - kind: section\n    title: A\n    title: B\n"))
    assert (problem.pos.line, problem.pos.col) == (4, 5)


@pytest.mark.parametrize("text, line, col", [
    ("title: a: b\n", 1, 9),                              # mapping values not allowed here
    ("slides:\n  - x\n - y\n", 3, 2),                      # bad indentation
    ("title: A\n\tslides: []\n", 2, 1),                   # tab indentation
    ("title: 'unterminated\nslides: []\n", 3, 1),         # runs to the end of the file
    ("slides: [a, b\ntitle: x\n", 2, 6),                  # unclosed flow sequence
    ("title: \"bad \\q escape\"\n", 1, 13),               # unknown escape (at its backslash)
])
def test_syntax_error_line_and_column(text, line, col):
    problem = only(error(text))
    assert (problem.pos.line, problem.pos.col) == (line, col), problem
    assert problem.message.startswith("YAML syntax error:")
    assert problem.pos.file == "deck.yaml"


def _billion_laughs(levels: int = 9) -> str:
    text = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, levels + 1):
        text += f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n"
    return text


def test_alias_bomb_rejected_fast():
    start = time.perf_counter()
    problem = only(error(_billion_laughs()))
    assert time.perf_counter() - start < 8  # bounded at MAX_NODES, not 9**9 values
    assert "expands to more than" in problem.message


def test_modest_aliases_are_fine():
    tree = parse("s: &s {kind: section, title: A}\nslides: [*s, *s, *s]\n")
    assert tree.data["slides"] == [{"kind": "section", "title": "A"}] * 3


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n"])
def test_recursive_alias_rejected(text):
    problem = only(error(text))
    assert f"deeper than {MAX_DEPTH}" in problem.message


def test_deep_nesting_rejected():
    problem = only(error("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"))
    assert "deeper than" in problem.message


@pytest.mark.parametrize("text", [
    "title: !!python/object:os.system {a: 1}\n",
    "title: !!python/object/apply:os.system [echo hi]\n",
    "title: !!python/name:os.system ''\n",
    "title: !!python/tuple [1, 2]\n",
    "title: !custom x\n",
    "title: !custom [1]\n",
    "title: !!set {a, b}\n",
    "title: !!omap [a: 1]\n",
])
def test_unknown_tags_rejected(text):
    problem = only(error(text))
    assert (problem.pos.line, problem.pos.col) == (1, 8)
    assert "unsupported YAML" in problem.message


def test_non_scalar_key_rejected():
    problem = only(error("? [a, b]\n: value\n"))
    assert "keys must be plain text" in problem.message


# ----- files --------------------------------------------------------------------------------

def test_load_yaml_reads_utf8_with_bom(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_bytes("\ufefftitle: Mérida\n".encode("utf-8"))
    tree = load_yaml(path)
    assert tree.data == {"title": "Mérida"}
    assert tree.positions[("title",)] == SourcePos(str(path), 1, 8)


def test_missing_file(tmp_path):
    with pytest.raises(DeckError) as info:
        load_yaml(tmp_path / "nope.yaml")
    problem = only(info.value)
    assert problem.pos == SourcePos(str(tmp_path / "nope.yaml"), 1, 1)
    assert "not found" in problem.message


def test_binary_file_rejected(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_bytes(b"title: \xff\xfe\x00\n")
    with pytest.raises(DeckError) as info:
        load_yaml(path)
    assert "UTF-8" in only(info.value).message


def test_oversized_file_rejected(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 200 + "\n")
    with pytest.raises(DeckError) as info:
        read_text(path, limit=100)
    assert "limit" in only(info.value).message
