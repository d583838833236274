"""The project's cache folder: chart PNGs and measured text widths, never sources.

The default folder is ``.deckbuilder-cache/`` in the deck's project root; the environment
variable ``DECKBUILDER_CACHE_DIR`` moves it (CI caches, read-only checkouts). Files are
written atomically, so parallel builds sharing a cache never read half a file, and a cache
that cannot be written only costs speed, never the build.

Entries a build uses are touched; :func:`prune` deletes the ones no build has used for
``KEEP_DAYS`` days, scanning the folder at most once a day.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from .atomic import write_quietly

ENV_VAR = "DECKBUILDER_CACHE_DIR"
DEFAULT_FOLDER = ".deckbuilder-cache"
KEEP_DAYS = 30
DAY = 86_400
PRUNED_STAMP = ".pruned"  # its modification time is the last scan
CHARTS, WIDTHS = "charts", "widths"  # subfolders: chart PNGs, measured text widths
# The only subfolders pruning looks into: DECKBUILDER_CACHE_DIR may name a folder that
# holds other programs' files too, and those are never ours to delete.
OWN_FOLDERS = (CHARTS, WIDTHS)


def project_cache(root: Path) -> Path:
    override = os.environ.get(ENV_VAR)
    return Path(override) if override else root / DEFAULT_FOLDER


def touch(path: Path) -> None:
    """Mark a cache entry as used now, so pruning keeps it."""
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only cache: it is never pruned by us either


def prune(folder: Path, now: float | None = None) -> int:
    """Delete cache files unused for ``KEEP_DAYS`` days (and killed writes' temp files);
    at most one scan a day. Returns how many files were deleted."""
    now = time.time() if now is None else now
    stamp = folder / PRUNED_STAMP
    try:
        if now - stamp.stat().st_mtime < DAY:
            return 0
    except OSError:
        pass  # never scanned (or no cache yet)
    if not folder.is_dir():
        return 0
    deleted = 0
    for path in (p for name in OWN_FOLDERS for p in (folder / name).rglob("*")):
        try:
            if path.is_file() and now - path.stat().st_mtime > KEEP_DAYS * DAY:
                path.unlink()
                deleted += 1
        except OSError:
            continue
    write_quietly(stamp, b"")
    return deleted
