"""Bad input through the command line: FILE:LINE:COL messages, exit 1, no traceback, and no
output file written or overwritten. Usage errors exit 2; --help works everywhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from deckbuilder.cli import main

KNOWN_BYTES = b"previous build - must survive a failed build"
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.+)$")

# name -> (deck text, [(line, col, message fragment), ...]); every case is a complete deck
CASES = {
    "yaml-syntax": (
        "title: T\n"
        "slides:\n"
        "  - kind: section\n"
        "    title: a: b\n",
        [(4, 13, "YAML syntax error: mapping values are not allowed")]),
    "yaml-indentation": (
        "title: T\n"
        "slides:\n"
        "  - kind: section\n"
        "    title: A\n"
        " - kind: section\n",
        [(5, 2, "YAML syntax error")]),
    "unknown-kind": (
        "title: T\n"
        "slides:\n"
        "  - kind: section\n"
        "    title: A\n"
        "  - kind: bulets\n"
        "    title: B\n"
        "    items: [x]\n",
        [(5, 11, "unknown slide kind 'bulets' (did you mean 'bullets'?)")]),
    "missing-field": (
        "title: T\n"
        "slides:\n"
        "  - kind: quote\n"
        "    title: Q\n"
        "    quote: Words\n",
        [(3, 5, "missing required field 'attribution'")]),
    "mistyped-field": (
        "title: T\n"
        "slides:\n"
        "  - kind: stat\n"
        "    title: S\n"
        "    stats: 5 million\n",
        [(5, 12, "'stats'")]),
    "unknown-field": (
        "title: T\n"
        "slides:\n"
        "  - kind: section\n"
        "    title: S\n"
        "    subtitel: typo\n",
        [(5, 5, "unknown field 'subtitel'")]),
    "unknown-theme": (
        "title: T\n"
        "theme: fancy\n"
        "slides:\n"
        "  - kind: section\n"
        "    title: S\n",
        [(2, 8, "unknown theme 'fancy'")]),
    "missing-data-file": (
        "title: T\n"
        "data:\n"
        "  homicides: homicides.csv\n"
        "slides:\n"
        "  - kind: section\n"
        "    title: S\n",
        [(3, 14, "data file 'homicides.csv' not found")]),
    "undefined-variable": (
        "title: T\n"
        "data:\n"
        "  known: 1\n"
        "slides:\n"
        "  - kind: section\n"
        "    title: \"{{ unknown | thousands }} killings\"\n",
        [(6, 12, "'unknown' is undefined")]),
    "missing-chart-data": (
        "title: T\n"
        "slides:\n"
        "  - kind: chart\n"
        "    title: C\n"
        "    chart: {type: line, data: nope.csv, x: year, series: [value]}\n",
        [(5, 12, "chart data file 'nope.csv' not found")]),
    "missing-image": (
        "title: T\n"
        "slides:\n"
        "  - kind: image\n"
        "    title: I\n"
        "    image: photo.png\n"
        "    alt: A photo\n",
        [(5, 12, "image 'photo.png' not found")]),
    "three-errors": (
        "title: T\n"
        "slides:\n"
        "  - kind: bulets\n"
        "    title: A\n"
        "    items: [x]\n"
        "  - kind: stat\n"
        "    title: B\n"
        "    stats: 5\n"
        "  - kind: section\n"
        "    title: C\n"
        "    colour: red\n",
        [(3, 11, "did you mean 'bullets'"), (8, 12, "'stats'"), (11, 5, "unknown field 'colour'")]),
    "two-template-errors": (
        "title: \"{{ a }}\"\n"
        "slides:\n"
        "  - kind: section\n"
        "    title: \"{{ b }}\"\n",
        [(1, 8, "'a' is undefined"), (4, 12, "'b' is undefined")]),
}


@pytest.fixture
def workspace(tmp_path):
    """A folder with a pre-existing output file whose bytes must survive a failed build."""
    out = tmp_path / "build" / "deck.pptx"
    out.parent.mkdir()
    out.write_bytes(KNOWN_BYTES)
    return tmp_path, out


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _check_report(err: str, deck: Path, expected: list[tuple[int, int, str]]) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == len(expected), err
    for text, (line, col, fragment) in zip(lines, expected):
        match = LINE.match(text)
        assert match, f"not FILE:LINE:COL: {text!r}"
        assert match["file"] == str(deck)
        assert (int(match["line"]), int(match["col"])) == (line, col), text
        assert fragment in match["message"], text


@pytest.mark.parametrize("command", ["build", "validate"])
@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input(capsys, workspace, case, command):
    folder, out = workspace
    text, expected = CASES[case]
    deck = folder / "deck.yaml"
    deck.write_text(text, encoding="utf-8")
    argv = [command, str(deck)] + (["-o", str(out)] if command == "build" else [])
    code, stdout, stderr = _run(capsys, argv)
    assert code == 1
    assert "Traceback" not in stdout + stderr
    assert stdout == ""
    _check_report(stderr, deck, expected)
    assert out.read_bytes() == KNOWN_BYTES
    assert sorted(p.name for p in out.parent.iterdir()) == ["deck.pptx"]  # no temp files left


def test_failed_build_creates_no_file(capsys, tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_text(CASES["unknown-kind"][0], encoding="utf-8")
    out = tmp_path / "new" / "deck.pptx"
    code, _, _ = _run(capsys, ["build", str(deck), "-o", str(out)])
    assert code == 1
    assert not out.exists()


def test_default_output_not_written_on_failure(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("deck.yaml").write_text(CASES["missing-field"][0], encoding="utf-8")
    code, _, err = _run(capsys, ["build", "deck.yaml"])
    assert code == 1
    assert err.startswith("deck.yaml:3:5: error: ")
    assert not Path("build").exists()


def test_theme_option_unknown(capsys, tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: T\nslides:\n  - kind: section\n    title: S\n", encoding="utf-8")
    code, _, err = _run(capsys, ["validate", str(deck), "--theme", "defualt"])
    assert code == 1
    assert "unknown theme 'defualt' (did you mean 'default'?)" in err


def test_missing_deck_file(capsys, tmp_path):
    deck = tmp_path / "nope.yaml"
    code, _, err = _run(capsys, ["build", str(deck), "-o", str(tmp_path / "out.pptx")])
    assert code == 1
    assert err.strip() == f"{deck}:1:1: error: file not found"


def test_deck_that_is_not_a_mapping(capsys, tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_text("- just\n- a list\n", encoding="utf-8")
    code, _, err = _run(capsys, ["validate", str(deck)])
    assert code == 1
    assert err.startswith(f"{deck}:1:1: error: a deck is a mapping")


def test_text_too_long_for_the_slide_is_an_input_error(capsys, tmp_path):
    deck = tmp_path / "deck.yaml"
    words = " ".join(["overflowing"] * 900)
    deck.write_text(f"title: T\nslides:\n  - kind: bullets\n    title: B\n    items:\n"
                    f"      - {words}\n", encoding="utf-8")
    code, _, err = _run(capsys, ["validate", str(deck)])
    assert code == 1
    assert LINE.match(err.splitlines()[0])
    assert "does not fit" in err


# ----- success paths ------------------------------------------------------------------------

def test_validate_writes_nothing(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("deck.yaml").write_text("title: T\nslides:\n  - kind: section\n    title: S\n",
                                 encoding="utf-8")
    code, out, err = _run(capsys, ["validate", "deck.yaml"])
    assert (code, err) == (0, "")
    assert "ok" in out and "1 slide" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.yaml"]


def test_build_replaces_output_with_normal_permissions(capsys, tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: T\nslides:\n  - kind: section\n    title: S\n", encoding="utf-8")
    out = tmp_path / "out.pptx"
    old = os.umask(0o022)
    try:
        code, stdout, _ = _run(capsys, ["build", str(deck), "-o", str(out)])
    finally:
        os.umask(old)
    assert code == 0 and str(out) in stdout
    assert out.read_bytes()[:2] == b"PK"
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o644


# ----- usage errors and help ----------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    [], ["build"], ["validate"], ["frobnicate", "deck.yaml"], ["build", "d.yaml", "--bogus"],
    ["build", "d.yaml", "-o"],
])
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "usage: deckbuilder" in err and "Traceback" not in err


@pytest.mark.parametrize("command, options", [
    ("build", ["--output", "--theme", "--allow-outside"]),
    ("validate", ["--theme", "--allow-outside"]),
])
def test_help(capsys, command, options):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: deckbuilder {command}")
    for option in options:
        assert option in out


def test_top_level_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "build" in out and "validate" in out


# ----- the real console script --------------------------------------------------------------

def _script() -> str:
    script = Path(sys.executable).parent / "deckbuilder"
    if not script.exists():
        pytest.skip("console script not installed next to this Python")
    return str(script)


def test_console_script_reports_errors_without_traceback(tmp_path):
    text, expected = CASES["three-errors"]
    deck = tmp_path / "deck.yaml"
    deck.write_text(text, encoding="utf-8")
    out = tmp_path / "deck.pptx"
    out.write_bytes(KNOWN_BYTES)
    result = subprocess.run([_script(), "build", str(deck), "-o", str(out)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    _check_report(result.stderr, deck, expected)
    assert out.read_bytes() == KNOWN_BYTES


def test_console_script_usage_error_exits_2():
    result = subprocess.run([_script(), "build"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "usage: deckbuilder build" in result.stderr
    assert "Traceback" not in result.stderr


def test_output_over_an_input_is_refused_and_the_input_kept(tmp_path, capsys):
    (tmp_path / "deckbuilder.toml").write_text("")
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: T\nslides:\n  - kind: section\n    title: S\n")
    before = deck.read_bytes()
    assert main(["build", str(deck), "-o", str(deck)]) == 1
    assert "would overwrite an input" in capsys.readouterr().err
    assert deck.read_bytes() == before


def test_one_shot_commands_run_without_the_cycle_collector_and_restore_it(monkeypatch):
    """A build turns Python's cyclic GC off (it makes almost no cycles) and leaves the
    calling process's setting as it was, whatever the command's outcome; ``watch``, which
    runs for hours, keeps it on."""
    import gc

    import deckbuilder.cli as cli

    seen: dict[str, bool] = {}

    def command(name: str, outcome):
        def run(args):
            seen[name] = gc.isenabled()
            return outcome()
        return run

    def fail():
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "COMMANDS", {**cli.COMMANDS, "build": command("build", lambda: 0),
                                          "lint": command("lint", fail),
                                          "watch": command("watch", lambda: 0)})
    assert gc.isenabled()
    assert main(["build", "deck.yaml"]) == 0
    assert main(["lint", "deck.yaml"]) == cli.EXIT_INTERNAL
    assert main(["watch", "deck.yaml"]) == 0
    assert seen == {"build": False, "lint": False, "watch": True}
    assert gc.isenabled()
    gc.disable()
    try:
        main(["build", "deck.yaml"])
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
