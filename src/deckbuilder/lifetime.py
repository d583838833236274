"""Processes that end with the process that started them: chart workers with their build,
a build server's child with the server (a command whose server is gone writes nothing)."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Run in a worker or child: end it when the process that started it ends, even by
    ``kill -9`` (which leaves that process no chance to stop it). Linux sends SIGKILL on the
    parent's death; elsewhere a thread checks every second whether the parent is gone."""
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:  # it died before the request took effect
                os._exit(1)
            return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="deckbuilder-parent-watch").start()
