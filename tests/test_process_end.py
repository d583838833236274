"""How the ``deckbuilder`` command ends: it skips tearing the interpreter down object by
object (``cli._QuickEnd``), but still exits with its code, delivers all its output, waits for
its threads and runs every atexit handler."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RUNNER = r"""
import atexit, sys, threading, time
from pathlib import Path

import deckbuilder.cli as cli

folder = Path(sys.argv[1])

def command(argv=None):
    def late():
        time.sleep(0.3)
        (folder / "thread").write_text("done")
    threading.Thread(target=late).start()  # not a daemon: the end waits for it
    atexit.register(lambda: (folder / "atexit").write_text("ran"))
    sys.stdout.write("x" * 1_000_000)  # more than a pipe holds: read while it is written
    sys.stdout.write("end")  # still in the buffer when the command returns
    sys.stderr.write("problem")  # so is this (stderr's buffer flushes at line ends)
    return 3

cli.main = command
sys.argv[1:] = ["build", "deck.yaml"]
cli.entry()
"""


def run_runner(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    return subprocess.run([sys.executable, str(runner), str(tmp_path)], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "DECKBUILDER_DAEMON": "0"})


def test_the_command_ends_with_its_code_its_output_its_threads_and_atexit(tmp_path):
    result = run_runner(tmp_path)
    assert result.returncode == 3, result.stderr
    assert result.stdout == "x" * 1_000_000 + "end"
    assert result.stderr == "problem"
    assert (tmp_path / "thread").read_text() == "done"
    assert (tmp_path / "atexit").read_text() == "ran"


def test_a_failed_build_still_says_why_and_exits_1(tmp_path):
    (tmp_path / "deckbuilder.toml").write_text("")
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: T\nslides:\n  - kind: section\n    title: '{{ nope }}'\n")
    result = subprocess.run([sys.executable, "-m", "deckbuilder", "build", str(deck)],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 1
    assert "deck.yaml:4:12: error: template error: 'nope' is undefined" in result.stderr
