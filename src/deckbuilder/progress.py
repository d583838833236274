"""A one-line progress display on stderr for builds that take more than a moment.

It shows what a build is doing (charts drawn, slides written) on a single self-overwriting
line, only when stderr is a terminal, and only once the build has run for ``delay`` seconds,
so quick builds, pipes, CI logs and tests see nothing at all. The line is erased when the
build ends, leaving the terminal as it was. A small background thread redraws the line
while a long step (drawing charts in worker processes) gives no updates of its own, so the
elapsed time keeps moving. No dependency beyond the standard library.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TextIO

DELAY = 0.5       # seconds before anything is shown
INTERVAL = 0.1    # seconds between redraws
SPINNER = "|/-\\"


class Progress:
    """Counters such as ``charts 3/8`` and ``slides 120/1000`` on one stderr line."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None,
                 delay: float = DELAY, label: str = "deckbuilder") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.delay = delay
        self.label = label
        self._start = time.monotonic()
        self._counts: dict[str, tuple[int, int]] = {}
        self._status = ""
        self._shown = False
        self._last_draw = 0.0
        self._width = 0
        self._frame = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        if self.enabled:
            self._ticker = threading.Thread(target=self._tick, name="deckbuilder-progress",
                                            daemon=True)
            self._ticker.start()

    # ----- what the build reports --------------------------------------------------------

    def update(self, what: str, done: int, total: int) -> None:
        """``done`` of ``total`` ``what`` (e.g. slides) are finished."""
        if not self.enabled:
            return
        with self._lock:
            self._counts[what] = (done, total)
            self._draw(force=done >= total)

    def status(self, text: str) -> None:
        """What is happening now, e.g. ``drawing 8 charts``; '' clears it."""
        if not self.enabled:
            return
        with self._lock:
            self._status = text
            self._draw(force=True)

    def close(self) -> None:
        """Stop and erase the line (safe to call twice)."""
        self._stop.set()
        if self._ticker is not None and self._ticker is not threading.current_thread():
            self._ticker.join(timeout=1)
        with self._lock:
            if self._shown:
                self.stream.write("\r" + " " * self._width + "\r")
                self.stream.flush()
                self._shown = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- drawing -----------------------------------------------------------------------

    def line(self) -> str:
        """The text the display shows now (for tests and the drawing code)."""
        elapsed = time.monotonic() - self._start
        parts = [f"{what} {done}/{total}" for what, (done, total) in self._counts.items()]
        if self._status:
            parts.append(self._status)
        spin = SPINNER[self._frame % len(SPINNER)]
        return f"{self.label} {spin} " + ", ".join(parts) + f"  {elapsed:.1f}s"

    def _draw(self, force: bool = False) -> None:
        if self._stop.is_set():
            return
        now = time.monotonic()
        if now - self._start < self.delay:
            return
        if not force and now - self._last_draw < INTERVAL:
            return
        self._last_draw = now
        self._frame += 1
        text = self.line()
        columns = _columns(self.stream) - 1
        text = text[:columns] if columns > 10 else text
        pad = max(0, self._width - len(text))
        self._width = max(self._width, len(text))
        try:
            self.stream.write("\r" + text + " " * pad)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken terminal: stop drawing
            self._stop.set()
            return
        self._shown = True

    def _tick(self) -> None:
        while not self._stop.wait(INTERVAL * 2):
            with self._lock:
                self._draw()


def _is_terminal(stream: TextIO) -> bool:
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80
