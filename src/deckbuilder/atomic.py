"""Files written whole or not at all.

The bytes go to a temporary file in the target's folder, are flushed and fsynced, then
``os.replace``d over the target: a failed or interrupted build never leaves a half-written
deck (or cache entry) behind, and anyone reading the old file keeps reading all of it.
"""

from __future__ import annotations

import glob
import os
import tempfile
import time
from pathlib import Path
from typing import Iterable

from .paths import check_target

# A write takes well under a second, so a temporary file this old (seconds) is what a killed
# build left behind, never a build in progress.
STALE_AFTER = 600


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual umask-based mode
    (mkstemp would otherwise leave them private to the owner)."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once, or leave it untouched."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            os.chmod(temp_name, _file_mode(path))
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException as exc:  # including KeyboardInterrupt: never leave the temp file
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename in (None, temp_name):
            exc.filename = str(path)  # "out.pptx: No space left on device", not the temp name
        raise


def _remove_leftovers(path: Path) -> None:
    """Delete the temporary files of earlier writes to ``path`` that a hard kill (SIGKILL,
    power loss) left beside it, once they are ``STALE_AFTER`` seconds old."""
    now = time.time()
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_AFTER:
                leftover.unlink()
        except OSError:
            pass  # gone already, or not ours to delete: either way not this build's problem


def write_output(path: Path, data: bytes, inputs: Iterable[Path] = (),
                 example: str = "NAME") -> None:
    """How every command writes what it was asked to: :func:`paths.check_target` (a regular
    file or a new path, never an input of the run), then :func:`write_atomically`."""
    check_target(path, inputs, example)
    write_atomically(path, data)


def write_quietly(path: Path, data: bytes) -> None:
    """:func:`write_atomically` for caches: a file that cannot be written is skipped."""
    try:
        write_atomically(path, data)
    except OSError:
        pass
