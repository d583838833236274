"""The warm build server (``daemon.py``), driven as a user runs it: real processes, a real
socket, real signals, bounded waits. A command it answers must behave exactly as one run in
its own process: the same bytes, messages, exit codes, and Ctrl-C.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deckbuilder import daemon as server
from helpers import ALL_KINDS, FIXTURES

DEADLINE = 60


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project whose commands may use a server (it is stopped afterwards)."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ALL_KINDS, root / "deck.yaml")
    shutil.copy(FIXTURES / "photo.png", root / "photo.png")
    (root / "deckbuilder.toml").write_text("")
    monkeypatch.chdir(root)
    monkeypatch.delenv("DECKBUILDER_CACHE_DIR", raising=False)
    monkeypatch.setenv(server.SWITCH, "1")
    yield root
    server.stop()


def deckbuilder(root: Path, *args: str, importtime: bool = False, **env: str):
    command = [sys.executable, *(["-X", "importtime"] if importtime else []), "-m",
               "deckbuilder", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=DEADLINE)


def wait_for(condition, what: str) -> None:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def socket_file() -> Path | None:
    path = server.socket_path(server.code_state())
    return Path(path) if path else None


def started(root: Path) -> Path:
    """Build once (in its own process), which starts the server; the server's socket."""
    first = deckbuilder(root, "build", "deck.yaml", "-o", "first.pptx")
    assert first.returncode == 0, first.stderr
    wait_for(lambda: socket_file() is not None and socket_file().exists(), "the server")
    return socket_file()


def answered_by_server(result) -> bool:
    """A relayed command never imports what only a build needs (the server had): the deck
    model and its checks, for one."""
    return "deckbuilder.validation" not in result.stderr


def test_the_next_build_is_the_servers_and_writes_the_same_bytes(project):
    sock = started(project)
    assert sock.stat().st_mode & 0o077 == 0  # the user's only
    relayed = deckbuilder(project, "build", "deck.yaml", "-o", "served.pptx", importtime=True)
    assert relayed.returncode == 0, relayed.stderr
    assert answered_by_server(relayed)
    assert relayed.stdout.startswith("wrote served.pptx (")
    alone = deckbuilder(project, "build", "deck.yaml", "-o", "alone.pptx", importtime=True,
                        DECKBUILDER_DAEMON="0")
    assert not answered_by_server(alone)
    assert (project / "served.pptx").read_bytes() == (project / "alone.pptx").read_bytes()


def test_errors_and_exit_codes_are_the_commands_own(project):
    started(project)
    good = (project / "served.pptx")
    deckbuilder(project, "build", "deck.yaml", "-o", str(good))
    before = good.read_bytes()
    text = (project / "deck.yaml").read_text(encoding="utf-8")
    (project / "deck.yaml").write_text(text.replace("kind: quote", "kind: quot", 1),
                                       encoding="utf-8")
    broken = deckbuilder(project, "build", "deck.yaml", "-o", str(good), importtime=True)
    assert broken.returncode == 1 and answered_by_server(broken)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "kind: quote" in row)
    assert f"deck.yaml:{line}:" in broken.stderr and "'quot'" in broken.stderr
    assert good.read_bytes() == before
    usage = deckbuilder(project, "build", "deck.yaml", "--no-such-option")
    assert usage.returncode == 2 and "unrecognized arguments" in usage.stderr
    lint = deckbuilder(project, "lint", "deck.yaml", "--format", "json", importtime=True)
    assert answered_by_server(lint) and lint.returncode == 1
    assert [(f["line"], f["severity"]) for f in json.loads(lint.stdout)["findings"]] == \
        [(line, "error")]


def test_a_request_from_another_deckbuilder_is_refused_and_run_in_its_own_process(project):
    started(project)
    assert server.relay(["build", "deck.yaml", "-o", "x.pptx"], state="0" * 16) is None
    assert not (project / "x.pptx").exists()


def slow_build(project: Path) -> subprocess.Popen:
    """A build of 3,000 slides (seconds of work), started as a user starts it."""
    slides = "".join(f"  - kind: bullets\n    title: Slide {i}\n    items: [One point, "
                     f"Another point that wraps onto a second line of the slide]\n"
                     for i in range(3000))
    (project / "big.yaml").write_text(f"title: Big\nslides:\n{slides}", encoding="utf-8")
    return subprocess.Popen([sys.executable, "-m", "deckbuilder", "build", "big.yaml", "-o",
                             "big.pptx"], cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_ctrl_c_stops_the_servers_child_and_writes_nothing(project):
    sock = started(project)
    client = slow_build(project)
    time.sleep(1.5)
    client.send_signal(signal.SIGINT)
    _, err = client.communicate(timeout=DEADLINE)
    assert client.returncode == 130, err
    assert "interrupted; no output was written" in err
    assert not (project / "big.pptx").exists()
    assert sock.exists()  # the server itself goes on


def test_server_stop_and_idle_time_end_it(project, monkeypatch):
    sock = started(project)
    stopped = deckbuilder(project, "daemon", "stop")
    assert stopped.stdout.strip() == "stopped the build server"
    wait_for(lambda: not sock.exists(), "the socket to go")
    monkeypatch.setenv(server.IDLE_VAR, "1")
    sock = started(project)
    wait_for(lambda: not sock.exists(), "the idle server to stop")
    assert deckbuilder(project, "daemon", "status").stdout.strip() == \
        "no build server is running"


def test_without_a_terminal_or_the_switch_no_server_starts(project, monkeypatch):
    monkeypatch.delenv(server.SWITCH)
    built = deckbuilder(project, "build", "deck.yaml", "-o", "plain.pptx")
    assert built.returncode == 0
    time.sleep(1.0)
    assert socket_file() is None or not socket_file().exists()
    off = deckbuilder(project, "build", "deck.yaml", "-o", "off.pptx", DECKBUILDER_DAEMON="0")
    assert off.returncode == 0
    time.sleep(1.0)
    assert socket_file() is None or not socket_file().exists()


def test_a_stale_socket_is_removed_and_the_command_runs_alone(project):
    deckbuilder(project, "build", "deck.yaml", "-o", "first.pptx", DECKBUILDER_DAEMON="0")
    stale = socket_file()
    import socket as sockets

    listener = sockets.socket(sockets.AF_UNIX, sockets.SOCK_STREAM)
    server._bind(listener, str(stale))  # (the long-path way the server binds)
    listener.close()  # a socket file nobody listens on: a server killed with -9
    result = deckbuilder(project, "build", "deck.yaml", "-o", "after.pptx",
                         DECKBUILDER_DAEMON_IDLE="1")
    assert result.returncode == 0, result.stderr
    assert (project / "after.pptx").exists()


def _command_line(process: Path) -> bytes:
    try:
        return (process / "cmdline").read_bytes()
    except OSError:  # gone meanwhile
        return b""


def _started_at(pid: int) -> int:
    """When a process started (clock ticks since boot): a server before its child."""
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_a_killed_server_takes_its_child_along_and_the_command_says_so(project):
    sock = started(project)
    client = slow_build(project)
    time.sleep(1.5)
    found = [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()
             and f"deckbuilder.daemon\0{sock}\0".encode() in _command_line(entry)]
    assert len(found) == 2, found  # the server, and the child it forked for the command
    os.kill(min(found, key=_started_at), signal.SIGKILL)
    _, err = client.communicate(timeout=DEADLINE)
    assert client.returncode == 70 and "the build server stopped during the command" in err
    time.sleep(1.0)
    assert not (project / "big.pptx").exists()
