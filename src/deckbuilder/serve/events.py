"""Server-sent events: every open page is told when a build has finished.

Each ``/events`` request holds its connection and waits on one condition for the build
counter to move; any number of tabs wait at once (one server thread each), and a tab that
reconnects after a pause first hears of the build it missed. Pages fetch the new state
themselves, so an event carries only the build's number.
"""

from __future__ import annotations

import threading
from typing import BinaryIO

KEEPALIVE_SECONDS = 15.0  # a comment line this often keeps proxies and browsers connected


class Broadcaster:
    """The build counter and the condition pages wait on."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._version = 0
        self._closed = False

    @property
    def version(self) -> int:
        return self._version

    def publish(self) -> int:
        """Count a new build and wake every waiting page; returns its number."""
        with self._condition:
            self._version += 1
            self._condition.notify_all()
            return self._version

    def close(self) -> None:
        """Let every waiting page's request end (the server is stopping)."""
        with self._condition:
            self._closed = True
            self._condition.notify_all()

    def wait(self, seen: int, timeout: float) -> int | None:
        """The build number once it differs from ``seen`` (or after ``timeout``, the same
        number); None once closed."""
        with self._condition:
            self._condition.wait_for(lambda: self._closed or self._version != seen, timeout)
            return None if self._closed else self._version

    def stream(self, out: BinaryIO, seen: int) -> None:
        """Write events to one page until it goes away or the server stops."""
        out.write(b"retry: 500\n\n")
        while True:
            version = self.wait(seen, KEEPALIVE_SECONDS)
            if version is None:
                return
            out.write(f"event: build\ndata: {version}\n\n".encode() if version != seen
                      else b": keepalive\n\n")
            out.flush()
            seen = version
