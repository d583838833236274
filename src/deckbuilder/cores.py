"""How many cores this process may use (its CPU affinity, as a container or ``taskset``
limits it, not the machine's count): chart drawing and page rasterising split work by it."""

from __future__ import annotations

import os


def usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
