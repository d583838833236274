"""No damage: whatever goes wrong during a build — bad input, a crash mid-render, a full disk,
Ctrl-C mid-write, a real SIGINT or SIGTERM — the previous output stays byte-for-byte intact
and no temporary file is left behind.

The output is written to a temporary file in the target folder and renamed over the old one
(atomic.write_atomically), so there is no moment at which a half-written deck exists
under the output's name.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pptx import Presentation

from deckbuilder.cli import main
from deckbuilder import atomic
from deckbuilder.render import pptx as renderer

DECK = """title: No Damage
author: Test Suite
slides:
  - kind: title
    subtitle: A deck that builds
  - kind: bullets
    title: Points
    items: [One, Two, Three]
  - kind: section
    title: A section
  - kind: stat
    title: Numbers
    stats:
      - {value: "42", label: the answer}
"""
BROKEN = DECK.replace("kind: stat", "kind: stats")  # an input error at line 11
PREVIOUS = b"PK\x03\x04 the previous build, which must survive byte for byte"


@pytest.fixture()
def workspace(tmp_path):
    """A project with a deck, and an output folder holding the previous build."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "deckbuilder.toml").write_text("", encoding="utf-8")
    deck = root / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "deck.pptx"
    out.write_bytes(PREVIOUS)
    os.chmod(out, 0o640)
    return deck, out


def assert_untouched(out: Path) -> None:
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name], "temp file left behind"
    assert out.read_bytes() == PREVIOUS
    assert out.stat().st_mode & 0o777 == 0o640


def build(deck: Path, out: Path, capsys) -> tuple[int, str]:
    code = main(["build", str(deck), "-o", str(out)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.err


def fail_on_call(number: int, exception: BaseException, real):
    """A stand-in for ``real`` that raises ``exception`` on its ``number``-th call."""
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == number:
            raise exception
        return real(*args, **kwargs)

    return wrapper


# ----- in-process failures ------------------------------------------------------------------

def test_successful_build_replaces_atomically_and_keeps_permissions(workspace, capsys):
    deck, out = workspace
    with open(out, "rb") as reader:  # someone has the old deck open while we rebuild
        code, _ = build(deck, out, capsys)
        assert reader.read() == PREVIOUS  # they keep reading the complete old file
    assert code == 0
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]
    assert len(Presentation(str(out)).slides) == 4
    assert out.stat().st_mode & 0o777 == 0o640


def test_a_killed_builds_leftover_temp_file_is_removed_by_the_next_build(workspace, capsys):
    """SIGKILL leaves the hidden temp file beside the output; the next build of that output
    deletes it once it is stale, and never touches a fresh one (a build in progress) or
    another file's."""
    deck, out = workspace
    hour_ago = time.time() - 3600
    stale = out.parent / f".{out.name}.k1ll3d.tmp"
    fresh = out.parent / f".{out.name}.wr1t1ng.tmp"
    other = out.parent / ".other.pptx.k1ll3d.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_bytes(b"half a deck")
    for leftover in (stale, other):
        os.utime(leftover, (hour_ago, hour_ago))
    code, _ = build(deck, out, capsys)
    assert code == 0
    assert sorted(p.name for p in out.parent.iterdir()) == sorted([out.name, fresh.name,
                                                                   other.name])


def test_input_error(workspace, capsys):
    deck, out = workspace
    deck.write_text(BROKEN, encoding="utf-8")
    code, err = build(deck, out, capsys)
    assert code == 1 and f"{deck}:11:" in err
    assert_untouched(out)


def test_text_that_does_not_fit_writes_nothing(workspace, capsys):
    deck, out = workspace
    deck.write_text(DECK.replace("[One, Two, Three]", "[" + ", ".join(["word " * 40] * 30) + "]"),
                    encoding="utf-8")
    code, err = build(deck, out, capsys)
    assert code == 1 and "nothing was written" in err
    assert_untouched(out)


@pytest.mark.parametrize("exception", [RuntimeError("injected"), ZeroDivisionError(),
                                       MemoryError(), RecursionError("deep")],
                         ids=lambda e: type(e).__name__)
def test_crash_mid_render_is_reported_in_one_line(workspace, capsys, monkeypatch, exception):
    """A bug (not a DeckError) mid-render: exit 70, one line asking for a report, no damage."""
    deck, out = workspace
    monkeypatch.delenv("DECKBUILDER_DEBUG", raising=False)
    monkeypatch.setattr(renderer, "_render_slide",
                        fail_on_call(3, exception, renderer._render_slide))
    code, err = build(deck, out, capsys)
    assert code == 70
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("deckbuilder: internal error (")
    assert type(exception).__name__ in lines[0] and "please report" in lines[0]
    assert_untouched(out)


def test_debug_setting_shows_the_traceback(workspace, capsys, monkeypatch):
    deck, out = workspace
    monkeypatch.setenv("DECKBUILDER_DEBUG", "1")
    monkeypatch.setattr(renderer, "_render_slide",
                        fail_on_call(2, RuntimeError("injected"), renderer._render_slide))
    with pytest.raises(RuntimeError, match="injected"):
        main(["build", str(deck), "-o", str(out)])
    assert_untouched(out)


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_crash_mid_write(workspace, capsys, monkeypatch, where):
    deck, out = workspace
    target = os.fsync if where == "fsync" else os.replace
    monkeypatch.setattr(atomic.os, where, fail_on_call(1, RuntimeError("injected"), target))
    code, err = build(deck, out, capsys)
    assert code == 70 and "internal error" in err
    assert_untouched(out)


def test_disk_full_mid_write_is_an_input_error(workspace, capsys, monkeypatch):
    deck, out = workspace
    monkeypatch.setattr(atomic.os, "fsync", fail_on_call(
        1, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), os.fsync))
    code, err = build(deck, out, capsys)
    assert code == 1
    assert err.strip() == f"{out}: error: {os.strerror(errno.ENOSPC)}"
    assert_untouched(out)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_standard_output_on_a_full_device_is_an_error_not_a_bug(workspace):
    deck, _ = workspace
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "deckbuilder", "outline", str(deck)],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == f"deckbuilder: error: {os.strerror(errno.ENOSPC)}"


@pytest.mark.parametrize("where", ["render", "fsync", "replace"])
def test_keyboard_interrupt(workspace, capsys, monkeypatch, where):
    deck, out = workspace
    if where == "render":
        monkeypatch.setattr(renderer, "_render_slide",
                            fail_on_call(2, KeyboardInterrupt(), renderer._render_slide))
    else:
        target = os.fsync if where == "fsync" else os.replace
        monkeypatch.setattr(atomic.os, where, fail_on_call(1, KeyboardInterrupt(), target))
    code, err = build(deck, out, capsys)
    assert code == 130 and "interrupted" in err
    assert_untouched(out)


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_interrupt_that_a_library_turns_into_another_error(workspace, capsys, monkeypatch):
    """A library may turn a KeyboardInterrupt into an error of its own (pydantic-core, which
    deckbuilder once used, made a SchemaError of it): after a real SIGINT, whatever error
    comes out is reported as interrupted (exit 130), not as a bug. (Found by
    test_sigint_at_arbitrary_moments.)"""
    deck, out = workspace
    real = renderer._render_slide

    def converting(*args, **kwargs):
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)  # the handler interrupts this
        except KeyboardInterrupt:
            raise RuntimeError("a library converted the interrupt") from None
        return real(*args, **kwargs)

    monkeypatch.setattr(renderer, "_render_slide", converting)
    code, err = build(deck, out, capsys)
    assert code == 130 and "interrupted" in err and "internal error" not in err
    assert_untouched(out)


def test_output_folder_missing_or_a_file(workspace, capsys, tmp_path):
    deck, _ = workspace
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"a file where a folder should be")
    code, err = build(deck, blocker / "deck.pptx", capsys)
    assert code == 1 and err.startswith(f"{blocker}") and "Traceback" not in err
    assert blocker.read_bytes() == b"a file where a folder should be"


def test_output_is_a_folder(workspace, capsys, tmp_path):
    deck, _ = workspace
    folder = tmp_path / "folder.pptx"
    folder.mkdir()
    code, err = build(deck, folder, capsys)
    assert code == 1 and err.startswith(f"{folder}: error: ")
    assert list(folder.iterdir()) == [] and sorted(tmp_path.glob(".folder.pptx*")) == []


# ----- real signals to a real process -------------------------------------------------------

RUNNER = r"""
import os, sys, time
from pathlib import Path

stage, marker = sys.argv[1], Path(sys.argv[2])

def signal_ready():
    temp = marker.with_suffix(".part")
    temp.write_text("ready")
    temp.replace(marker)  # appears all at once

def pause(real):
    def wrapper(*args, **kwargs):
        signal_ready()
        time.sleep(60)  # the test signals us long before this ends
        return real(*args, **kwargs)
    return wrapper

if stage == "write":      # the temporary file exists and holds the new deck
    os.fsync = pause(os.fsync)
elif stage == "relay":    # the command looks for this project's warm build server
    import deckbuilder.daemon as daemon
    daemon.code_state = pause(daemon.code_state)
elif stage == "render":   # slides are being rendered
    import deckbuilder.render.pptx as renderer
    renderer._render_slide = pause(renderer._render_slide)

from deckbuilder.cli import entry

if stage == "none":       # no pause: say when main() starts (Python's own start-up is done)
    signal_ready()
sys.argv[1:] = sys.argv[3:]
entry()                   # as the deckbuilder command runs it
"""


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("stage", ["relay", "render", "write"])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_real_signal_mid_build(workspace, tmp_path, stage, signum):
    deck, out = workspace
    marker = tmp_path / "ready"
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(runner), stage, str(marker), "build", str(deck), "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the build never reached the pause"
            time.sleep(0.05)
        if stage == "write":
            assert len(list(out.parent.iterdir())) == 2  # the temp file is there right now
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stdout + stderr
    assert_untouched(out)


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_sigint_at_arbitrary_moments(tmp_path):
    """Unmodified builds interrupted at several moments after main() starts: each ends
    either interrupted with the old file intact, or finished with a complete new deck."""
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    runs = []
    for index, delay in enumerate((0.05, 0.2, 0.4, 0.7, 1.0, 3.0)):
        folder = tmp_path / f"run{index}"
        folder.mkdir()
        (folder / "deckbuilder.toml").write_text("", encoding="utf-8")
        (folder / "deck.yaml").write_text(DECK, encoding="utf-8")
        out = folder / "out" / "deck.pptx"
        out.parent.mkdir()
        out.write_bytes(PREVIOUS)
        marker = folder / "started"
        process = subprocess.Popen(
            [sys.executable, str(runner), "none", str(marker), "build",
             str(folder / "deck.yaml"), "-o", str(out)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        runs.append((delay, process, out, marker))
    try:
        for delay, process, out, marker in runs:
            deadline = time.monotonic() + 60
            while not marker.exists() and process.poll() is None:
                assert time.monotonic() < deadline, "the build never started"
                time.sleep(0.01)
            time.sleep(delay)
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for delay, process, out, marker in runs:
            _, stderr = process.communicate(timeout=120)
            assert "Traceback" not in stderr
            assert sorted(p.name for p in out.parent.iterdir()) == ["deck.pptx"]
            outcome = (delay, process.returncode, stderr)
            if out.read_bytes() == PREVIOUS:
                assert process.returncode == 130 and "interrupted" in stderr, outcome
            else:  # it finished before the signal came (or was exiting): a complete deck
                assert process.returncode in (0, 130, -signal.SIGINT), outcome
                assert len(Presentation(str(out)).slides) == 4
    finally:
        for _, process, _, _ in runs:
            if process.poll() is None:
                process.kill()
                process.wait()
