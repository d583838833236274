"""The progress line: shown on a terminal for builds that take a while, silent otherwise."""

from __future__ import annotations

import io
import time

from deckbuilder.cli import main
from deckbuilder.progress import Progress
from helpers import ALL_KINDS


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_when_not_a_terminal():
    stream = io.StringIO()
    with Progress(stream, delay=0) as progress:
        progress.update("slides", 5, 10)
        progress.status("writing the file")
    assert stream.getvalue() == ""


def test_quiet_for_quick_builds_even_on_a_terminal():
    stream = FakeTerminal()
    with Progress(stream, delay=60) as progress:
        progress.update("slides", 10, 10)
    assert stream.getvalue() == ""


def test_counts_on_one_line_then_erased(monkeypatch):
    monkeypatch.delenv("TERM", raising=False)
    stream = FakeTerminal()
    progress = Progress(stream, delay=0)
    progress.update("charts", 8, 8)
    progress.update("slides", 120, 1000)
    progress.update("slides", 1000, 1000)
    time.sleep(0.3)  # the ticker redraws meanwhile
    shown = stream.getvalue()
    progress.close()
    assert "charts 8/8" in shown and "slides 1000/1000" in shown
    assert "\n" not in stream.getvalue()            # one self-overwriting line
    assert stream.getvalue().endswith("\r")         # erased at the end
    progress.close()                                # closing twice is harmless


def test_dumb_terminal_is_quiet(monkeypatch):
    monkeypatch.setenv("TERM", "dumb")
    stream = FakeTerminal()
    with Progress(stream, delay=0) as progress:
        progress.update("slides", 1, 2)
    assert stream.getvalue() == ""


def test_a_build_into_a_pipe_prints_no_progress(tmp_path, capsys):
    assert main(["build", str(ALL_KINDS), "-o", str(tmp_path / "out.pptx")]) == 0
    captured = capsys.readouterr()
    assert "\r" not in captured.err and "slides " not in captured.err
