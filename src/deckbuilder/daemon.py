"""A warm build server: one-shot commands answered by a forked copy of a warm process.

Most of a warm one-shot build is start-up: importing python-pptx, Jinja2 and the rest
before any work. After a ``build`` (``lint``,
``validate``, ``outline``, ``preview``, ``diff``) run on a terminal, a server is started in
the background for the project: it imports everything, builds the deck once in memory, and waits on a Unix socket in
the project's cache folder (``daemon-<state>.sock``). The next such command connects, passes
its arguments, working folder, environment, umask and its own stdout and stderr (as file
descriptors), and the server forks: the child takes on the command's folder, environment and
streams, runs it exactly as ``deckbuilder`` would, and exits with its code, which the command
exits with. Each command gets a fresh copy of the warm process; nothing a command does
reaches the server or the next command, so the output is byte for byte what a fresh process
writes (tests/test_daemon.py compares).

- **Which server**: ``<state>`` is a digest of deckbuilder's own files (code, fonts, shipped
  themes), the interpreter and its site-packages folder, so after an upgrade or an edit to
  deckbuilder a command finds no server for its state and starts a new one; an old one stops
  when idle.
- **Lifetime**: a server stops after ``DECKBUILDER_DAEMON_IDLE`` seconds (default 600) with no
  command, when its socket is removed or replaced, or on ``deckbuilder daemon stop``.
- **Off switch**: ``DECKBUILDER_DAEMON=0`` never uses or starts one; ``=1`` starts one without
  a terminal too (what tests and the benchmark use). Without the variable, only commands run
  on a terminal start a server, so CI, scripts and pipes behave exactly as before.
- **Safety**: the socket is the user's only (mode 0600 in the project's cache folder); a
  command whose socket is stale (refused) removes it and runs in its own process. Ctrl-C
  and SIGTERM on the command are passed to its child.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import select
import signal
import socket
import struct
import sys
import time

COMMANDS = frozenset({"build", "lint", "validate", "outline", "preview", "diff"})
SWITCH = "DECKBUILDER_DAEMON"
IDLE_VAR = "DECKBUILDER_DAEMON_IDLE"
IDLE_SECONDS = 600
CONNECT_TIMEOUT_S = 2.0
MAX_MESSAGE = 1 << 20
INTERRUPTED, INTERNAL = 130, 70   # the exit codes cli.py gives these
PACKAGE = os.path.dirname(os.path.abspath(__file__))


# ----- where and which --------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def code_state() -> str:
    """A digest of what a command's outcome depends on besides its inputs: deckbuilder's
    files (names, sizes, times), the interpreter, and its site-packages folder (whose
    entries change when a package is installed, upgraded or removed)."""
    entries = [sys.executable, sys.version]
    for folder, names, files in os.walk(PACKAGE):
        names[:] = sorted(n for n in names if n != "__pycache__")
        for name in sorted(files):
            info = os.stat(os.path.join(folder, name))
            entries.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    for path in sys.path:
        if path.endswith("site-packages") and os.path.isdir(path):
            entries.append(f"{path}:{os.stat(path).st_mtime_ns}")
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()[:16]


def socket_path(state: str) -> str | None:
    """The server socket for the working folder's project, or None when the project has no
    cache folder yet (a build makes it; commands elsewhere never start servers)."""
    from .cache import project_cache
    from .paths import project_root

    folder = project_cache(project_root(_here() / "deck"))
    if folder is None or not folder.is_dir():
        return None
    return str(folder / f"daemon-{state}.sock")


def _here():
    from pathlib import Path

    return Path(os.getcwd())


def wanted(argv: list[str]) -> bool:
    """Whether this command may use a server."""
    return bool(argv) and argv[0] in COMMANDS and os.environ.get(SWITCH) != "0" \
        and "-h" not in argv and "--help" not in argv


# ----- the command's side ------------------------------------------------------------------

def relay(argv: list[str], state: str | None = None) -> int | None:
    """Run ``argv`` in this project's server; its exit code, or None if no server took it
    (none running, a stale socket, another state)."""
    if not wanted(argv):
        return None
    state = state or code_state()
    connection = _connected(state)
    if connection is None:
        return None
    try:
        connection.settimeout(None)
        request = {"state": state, "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ),
                   "umask": _umask(), "encodings": [sys.stdout.encoding, sys.stderr.encoding]}
        sys.stdout.flush()
        sys.stderr.flush()
        socket.send_fds(connection, [_frame(request)], [1, 2])
        started = _receive(connection)
    except (OSError, ValueError):
        connection.close()
        return None  # nothing started: the command runs in its own process
    except KeyboardInterrupt:
        connection.close()
        print("interrupted; no output was written", file=sys.stderr)
        return INTERRUPTED
    if "pid" not in started:
        connection.close()
        return None
    try:
        return _wait(connection, started["pid"])
    except (OSError, ValueError):  # the server went away while its child ran the command
        print("deckbuilder: the build server stopped during the command; run it again "
              "(DECKBUILDER_DAEMON=0 runs it without the server)", file=sys.stderr)
        return INTERNAL
    finally:
        connection.close()


def _connected(state: str) -> socket.socket | None:
    """A connection to this project's server for ``state``, or None if there is none (a
    socket nobody listens on, left by a server that was killed, is removed)."""
    path = socket_path(state)
    if path is None or not os.path.exists(path):
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(CONNECT_TIMEOUT_S)
    try:
        _connect(connection, path)
    except OSError as exc:
        connection.close()
        if isinstance(exc, ConnectionRefusedError):
            _remove(path)
        return None
    return connection


def _wait(connection: socket.socket, child: int) -> int:
    """The child's exit code; Ctrl-C and SIGTERM on this command go to the child."""
    def forward(signum: int, _frame: object) -> None:
        try:
            os.kill(child, signal.SIGINT if signum == signal.SIGINT else signal.SIGTERM)
        except ProcessLookupError:
            pass

    previous = {number: signal.signal(number, forward)
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        return int(_receive(connection)["exit"])
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def start(argv: list[str]) -> None:
    """Start this project's server in the background after a command that succeeded, if
    commands here may use one and none is running for this state."""
    switch = os.environ.get(SWITCH)
    if not wanted(argv) or not (switch == "1" or (switch is None and sys.stderr.isatty())):
        return
    state = code_state()
    path = socket_path(state)
    if path is None or os.path.exists(path):
        return
    import subprocess

    subprocess.Popen([sys.executable, "-m", "deckbuilder.daemon", path, state, *argv],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)


def stop(state: str | None = None) -> bool:
    """Ask this project's server to stop; whether one was running."""
    connection = _connected(state or code_state())
    if connection is None:
        return False
    try:
        connection.sendall(_frame({"stop": True}))
        _receive(connection)
        return True
    except (OSError, ValueError):
        return False
    finally:
        connection.close()


# ----- the server's side -------------------------------------------------------------------

def serve(path: str, state: str, warm_argv: list[str]) -> None:
    """Warm up on the command that started us, then answer commands until idle."""
    _warm_up(warm_argv)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_umask = os.umask(0o177)  # the socket is the user's only
    try:
        _bind(listener, path)
    except OSError:
        return  # another server for this state got there first
    finally:
        os.umask(old_umask)
    listener.listen(16)
    own = os.stat(path).st_ino
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    idle = float(os.environ.get(IDLE_VAR) or IDLE_SECONDS)
    children: dict[int, socket.socket] = {}
    last = time.monotonic()
    try:
        while True:
            ready, _, _ = select.select([listener, wake_read], [], [], 1.0)
            if wake_read in ready:
                os.read(wake_read, 4096)
            if listener in ready:
                connection, _ = listener.accept()
                if not _answer(connection, listener, state, children):
                    break
                last = time.monotonic()
            _reap(children)
            if children:
                last = time.monotonic()
            elif time.monotonic() - last > idle or not _still_ours(path, own):
                break
    finally:
        if _still_ours(path, own):
            _remove(path)


def _warm_up(argv: list[str]) -> None:
    """Import what commands use and build the deck once in memory (nothing written)."""
    import gc

    from . import cli

    try:
        args = cli.make_parser().parse_args(argv)
        from .lint import lint_compiled
        from .pipeline import compile_deck, render_pptx

        compiled = compile_deck(args.deck, getattr(args, "theme", None),
                                getattr(args, "allow_outside", False), strict=False)
        lint_compiled(compiled)
        render_pptx(compiled)
    except (Exception, SystemExit):  # noqa: BLE001 - a deck that fails warms up less
        pass
    gc.collect()
    gc.freeze()  # the children's collections never look at the warm process's objects


def _answer(connection: socket.socket, listener: socket.socket, state: str,
            children: dict[int, socket.socket]) -> bool:
    """Start a child for one command; False when asked to stop."""
    fds: list[int] = []
    try:
        connection.settimeout(CONNECT_TIMEOUT_S)
        data, fds, _flags, _address = socket.recv_fds(connection, MAX_MESSAGE, 2)
        if len(data) >= 4:  # the rest of a message longer than one read
            data += _exactly(connection, struct.unpack("!I", data[:4])[0] + 4 - len(data))
        request = _unframe(data)
        connection.settimeout(None)
    except (OSError, ValueError):
        for fd in fds:
            os.close(fd)
        connection.close()
        return True
    if request.get("stop"):
        connection.sendall(_frame({"stopped": True}))
        connection.close()
        return False
    if request.get("state") != state or len(fds) != 2:
        for fd in fds:
            os.close(fd)
        connection.sendall(_frame({"error": "another deckbuilder"}))
        connection.close()
        return True
    pid = os.fork()
    if pid == 0:
        listener.close()
        for other in children.values():
            other.close()
        _run_child(request, fds)
    for fd in fds:
        os.close(fd)
    children[pid] = connection
    connection.sendall(_frame({"pid": pid}))
    return True


def _run_child(request: dict, fds: list[int]) -> None:
    """Become the command: its streams, folder, environment and umask; never returns."""
    code = 70
    try:
        from .lifetime import die_with_parent

        die_with_parent(os.getppid())  # a command whose server is killed writes nothing
        signal.set_wakeup_fd(-1)
        for number in (signal.SIGCHLD, signal.SIGINT, signal.SIGTERM):
            signal.signal(number, signal.SIG_DFL)
        os.dup2(fds[0], 1)
        os.dup2(fds[1], 2)
        for fd in fds:
            os.close(fd)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        out_encoding, err_encoding = request["encodings"]
        sys.stdout = _stream(1, out_encoding)
        sys.stderr = _stream(2, err_encoding)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.umask(request["umask"])
        sys.argv = ["deckbuilder", *request["argv"]]
        from .cli import main

        code = main(request["argv"])
    except SystemExit as exc:  # argparse: usage errors (2) and --version
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except BaseException:  # noqa: BLE001 - never return into the server's loop
        code = 70
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)


def _stream(fd: int, encoding: str | None):
    import io

    return io.TextIOWrapper(io.FileIO(fd, "w", closefd=False), encoding=encoding or "utf-8",
                            errors="backslashreplace", line_buffering=os.isatty(fd))


def _reap(children: dict[int, socket.socket]) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        connection = children.pop(pid, None)
        if connection is not None:
            try:
                connection.sendall(_frame({"exit": os.waitstatus_to_exitcode(status)}))
            except OSError:
                pass
            connection.close()


# ----- plumbing ----------------------------------------------------------------------------

def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return struct.pack("!I", len(body)) + body


def _unframe(data: bytes) -> dict:
    if len(data) < 4 or struct.unpack("!I", data[:4])[0] != len(data) - 4:
        raise ValueError("a partial message")
    message = json.loads(data[4:])
    if not isinstance(message, dict):
        raise ValueError("not a message")
    return message


def _receive(connection: socket.socket) -> dict:
    head = _exactly(connection, 4)
    return json.loads(_exactly(connection, struct.unpack("!I", head)[0]))


def _exactly(connection: socket.socket, size: int) -> bytes:
    if size > MAX_MESSAGE:
        raise ValueError("message too long")
    chunks, got = [], 0
    while got < size:
        chunk = connection.recv(size - got)
        if not chunk:
            raise ValueError("the server closed the connection")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _within(path: str, action) -> None:
    """``action(name)`` on a socket path: from its folder when the full path is longer than
    a Unix socket address may be (about 100 bytes)."""
    if len(path.encode()) < 100:
        action(path)
        return
    here = os.getcwd()
    os.chdir(os.path.dirname(path))
    try:
        action(os.path.basename(path))
    finally:
        os.chdir(here)


def _connect(connection: socket.socket, path: str) -> None:
    _within(path, connection.connect)


def _bind(listener: socket.socket, path: str) -> None:
    _within(path, listener.bind)


def _still_ours(path: str, inode: int) -> bool:
    try:
        return os.stat(path).st_ino == inode
    except OSError:
        return False


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2], sys.argv[3:])
