"""``deckbuilder watch``, driven for real: a subprocess, real file edits, bounded waits.

The watcher must rebuild after a change to the deck or to a file the deck reads, and
survive a broken edit: print the FILE:LINE:COL error, keep the last good output byte for
byte, and rebuild once the deck is fixed. Every wait has a deadline, the process is always
terminated, and ``--max-builds`` makes it stop on its own even if the test went wrong.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from test_check import DECK, make_project

DEADLINE = 90  # seconds for any one step; a step normally takes a second or two


class Watcher:
    """A ``deckbuilder watch`` subprocess whose output lines are collected as they come."""

    def __init__(self, deck: Path, out: Path, max_builds: int) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "deckbuilder.cli", "watch", str(deck), "-o", str(out),
             "--max-builds", str(max_builds)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
            text=True, env=env, cwd=deck.parent)
        self.lines: dict[str, list[str]] = {"out": [], "err": []}
        self._lock = threading.Lock()
        for name, stream in (("out", self.proc.stdout), ("err", self.proc.stderr)):
            threading.Thread(target=self._read, args=(name, stream), daemon=True).start()

    def _read(self, name: str, stream) -> None:
        for line in stream:
            with self._lock:
                self.lines[name].append(line.rstrip("\n"))

    def text(self, name: str) -> str:
        with self._lock:
            return "\n".join(self.lines[name])

    def count(self, name: str, pattern: str) -> int:
        return len(re.findall(pattern, self.text(name)))

    def wait_for(self, condition, what: str, timeout: float = DEADLINE) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if condition():
                return
            if self.proc.poll() is not None:
                time.sleep(0.2)  # let the readers drain
                if condition():
                    return
                break
            time.sleep(0.1)
        pytest.fail(f"timed out waiting for {what}\n--- stdout\n{self.text('out')}\n"
                    f"--- stderr\n{self.text('err')}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def test_watch_rebuilds_on_changes_and_survives_a_broken_edit(tmp_path):
    deck = make_project(tmp_path / "project")
    out = tmp_path / "project" / "build" / "deck.pptx"
    watcher = Watcher(deck, out, max_builds=8)
    try:
        watcher.wait_for(lambda: watcher.count("out", r"(?m)^watching ") >= 1 and out.is_file(),
                         "the first build")
        assert watcher.count("out", r"(?m)^wrote ") == 1
        first = out.read_bytes()

        # 1. an edit of the deck itself
        deck.write_text(DECK.replace("A picture", "A picture, retitled"))
        watcher.wait_for(lambda: out.read_bytes() != first, "a rebuild after editing the deck")
        watcher.wait_for(lambda: watcher.count("out", r"(?m)^wrote ") == 2, "its report")
        second = out.read_bytes()

        # 2. an edit of a data file the deck reads
        (deck.parent / "data" / "facts.csv").write_text("year,visitors\n2023,9999\n")
        watcher.wait_for(lambda: out.read_bytes() != second,
                         "a rebuild after editing a data file")
        watcher.wait_for(lambda: watcher.count("out", r"(?m)^wrote ") == 3, "its report")
        assert "data/facts.csv" in watcher.text("out")
        good = out.read_bytes()

        # 3. a broken edit: the error is printed at its position, the output kept
        deck.write_text(DECK + "  - kind: bullets\n    title: [unclosed\n")
        watcher.wait_for(lambda: re.search(r"deck\.yaml:\d+:\d+: error: ", watcher.text("err")),
                         "the FILE:LINE:COL error of the broken deck")
        watcher.wait_for(lambda: "kept the last good" in watcher.text("err"), "'kept' notice")
        assert out.read_bytes() == good
        assert watcher.proc.poll() is None, "a failed rebuild must not stop the watcher"
        assert not list(out.parent.glob(".*.tmp")), "no temporary file left behind"

        # 4. fixing the deck rebuilds again
        deck.write_text(DECK.replace("A picture", "A picture, fixed"))
        watcher.wait_for(lambda: watcher.count("out", r"(?m)^wrote ") == 4,
                         "a rebuild after fixing the deck")
        assert out.read_bytes() != good
    finally:
        watcher.stop()


def test_watch_ignores_unrelated_files(tmp_path):
    deck = make_project(tmp_path / "project")
    out = tmp_path / "project" / "build" / "deck.pptx"
    watcher = Watcher(deck, out, max_builds=3)
    try:
        watcher.wait_for(lambda: watcher.count("out", r"(?m)^watching ") >= 1, "the first build")
        (deck.parent / "notes.txt").write_text("not an input")
        (deck.parent / "data" / "other.csv").write_text("a,b\n1,2\n")
        time.sleep(2.0)  # well past the debounce: nothing may have been rebuilt
        assert watcher.count("out", r"(?m)^wrote ") == 1, watcher.text("out")
        (deck.parent / "charts" / "widgets.csv").write_text("year,shipped\n2020,1\n2021,2\n")
        watcher.wait_for(lambda: watcher.count("out", r"(?m)^wrote ") == 2,
                         "a rebuild after editing chart data")
    finally:
        watcher.stop()


def test_watch_stops_after_max_builds_with_the_build_status(tmp_path):
    deck = make_project(tmp_path / "project")
    out = tmp_path / "out.pptx"
    ok = subprocess.run([sys.executable, "-m", "deckbuilder.cli", "watch", str(deck), "-o",
                         str(out), "--max-builds", "1"], capture_output=True, text=True,
                        timeout=DEADLINE)
    assert ok.returncode == 0, ok.stderr
    assert out.is_file() and "wrote" in ok.stdout
    deck.write_text("title: [broken\n")
    broken = subprocess.run([sys.executable, "-m", "deckbuilder.cli", "watch", str(deck), "-o",
                             str(out), "--max-builds", "1"], capture_output=True, text=True,
                            timeout=DEADLINE)
    assert broken.returncode == 1
    assert re.search(r"deck\.yaml:\d+:\d+: error: ", broken.stderr)
    assert "Traceback" not in broken.stderr


def test_a_watch_build_refuses_to_write_over_its_own_deck(tmp_path):
    """watch builds exactly as build does (one shared function), so it too refuses an
    output path that is one of the build's inputs."""
    import io

    from deckbuilder.watch import build_once

    deck = make_project(tmp_path)
    before = deck.read_bytes()
    err = io.StringIO()
    outcome = build_once(deck, deck, out=io.StringIO(), err=err)
    assert not outcome.ok
    assert "the output would overwrite an input of this build" in err.getvalue()
    assert deck.read_bytes() == before


def test_a_save_before_the_watcher_is_live_is_built(tmp_path):
    """A save between the first build and the watcher starting makes no event; it must
    still be built (the editor saved while the first build ran, and waits for it)."""
    import io

    from deckbuilder.watch import watch

    deck = make_project(tmp_path / "project")
    out = tmp_path / "project" / "build" / "deck.pptx"
    built: list[bool] = []

    def save_in_the_gap(outcome) -> None:
        built.append(outcome.ok)
        if len(built) == 1:  # after the first build, before any watcher exists
            deck.write_text(DECK.replace("A picture", "A picture, saved early"))

    stop = threading.Event()
    timer = threading.Timer(DEADLINE, stop.set)  # the test's own deadline, never reached
    timer.start()
    try:
        code = watch(deck, out, max_builds=2, out=io.StringIO(), err=io.StringIO(),
                     stop=stop, on_build=save_in_the_gap)
    finally:
        timer.cancel()
    assert code == 0 and built == [True, True]
    from pptx import Presentation
    texts = [shape.text_frame.text for slide in Presentation(str(out)).slides
             for shape in slide.shapes if shape.has_text_frame]
    assert any("A picture, saved early" in text for text in texts)
