"""The project's cache folder: chart PNGs, measured text widths and template
descriptions, never sources.

The default folder is ``.deckbuilder-cache/`` in the deck's project root; the environment
variable ``DECKBUILDER_CACHE_DIR`` moves it (CI caches, read-only checkouts). Files are
written atomically, so parallel builds sharing a cache never read half a file, and a cache
that cannot be written only costs speed, never the build.

The cache is an optimisation only, and a project folder is something people clone from
strangers, so nothing in it is trusted:

- Every entry is bound to its content and its name by a keyed digest (HMAC-SHA256) stored at
  its start. The key is a random secret made once per machine and kept where a project
  cannot ship it: the user's cache folder (``$XDG_CACHE_HOME/deckbuilder`` or
  ``~/.cache/deckbuilder``), or the ``DECKBUILDER_CACHE_DIR`` folder when that is set (so a
  CI cache carries its key). An entry that does not verify — forged, damaged, another
  chart's — is ignored and replaced; where no key can be kept, one per process is used.
- Entries are read only as regular files (never through a link, never a device or pipe) of
  bounded size, so a bad entry can neither hang a build nor fill its memory.
- The cache folder, its ``charts/``, ``widths/`` and ``templates/`` subfolders and the folders under them
  are used only when they are real folders (or not there yet): a symbolic link a cloned
  repository ships (``.deckbuilder-cache/charts -> ~``) turns that part of the cache off,
  so it is never read, written or pruned through.

Entries a build uses are touched; :func:`prune` deletes the ones no build has used for
``KEEP_DAYS`` days, scanning the folder at most once a day.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
import tempfile
import time
from pathlib import Path

from .atomic import write_quietly
from .paths import Refused, read_bounded

ENV_VAR = "DECKBUILDER_CACHE_DIR"
DEFAULT_FOLDER = ".deckbuilder-cache"
KEEP_DAYS = 30
DAY = 86_400
PRUNED_STAMP = ".pruned"  # its modification time is the last scan
# subfolders: chart PNGs, measured text widths (and stored answers), template descriptions,
# preview pages
CHARTS, WIDTHS, TEMPLATES, PAGES = "charts", "widths", "templates", "pages"
# The only subfolders pruning looks into: DECKBUILDER_CACHE_DIR may name a folder that
# holds other programs' files too, and those are never ours to delete.
OWN_FOLDERS = (CHARTS, WIDTHS, TEMPLATES, PAGES)
KEY_FILE = ".deckbuilder-cache-key"
KEY_BYTES = TAG_BYTES = 32

_keys: dict[Path | None, bytes] = {}  # key file -> key, once per process


def subfolder(folder: Path | None, name: str) -> Path | None:
    """``folder/name`` if the cache may use it: a real folder, or nothing there yet. None
    for a symbolic link, a file or anything else (and when ``folder`` is None)."""
    if folder is None:
        return None
    path = folder / name
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    except OSError:
        return None
    return path if stat.S_ISDIR(mode) else None


def project_cache(root: Path) -> Path | None:
    """The cache folder of the project at ``root``; None when the project's own is not a
    real folder (see the module docstring)."""
    override = os.environ.get(ENV_VAR)
    return Path(override) if override else subfolder(root, DEFAULT_FOLDER)


def touch(path: Path) -> None:
    """Mark a cache entry as used now, so pruning keeps it."""
    try:
        os.utime(path, follow_symlinks=False)
    except OSError:
        pass  # a read-only cache: it is never pruned by us either


def read_entry(path: Path | None, limit: int) -> bytes | None:
    """The content stored at ``path`` if it verifies (see the module docstring) and is at
    most ``limit`` bytes; None otherwise, never an error."""
    if path is None:
        return None
    try:
        data = read_bounded(path, limit + TAG_BYTES, follow_links=False)
    except (OSError, Refused):
        return None
    tag, content = data[:TAG_BYTES], data[TAG_BYTES:]
    if not hmac.compare_digest(tag, _tag(path.name, content)):
        return None
    touch(path)
    return content


def write_entry(path: Path | None, content: bytes, limit: int) -> None:
    """Store ``content`` at ``path`` with its digest; content over ``limit`` bytes (which
    :func:`read_entry` would refuse) is not stored."""
    if path is not None and len(content) <= limit:
        write_quietly(path, _tag(path.name, content) + content)


def _tag(name: str, content: bytes) -> bytes:
    return hmac.new(_key(), name.encode() + b"\0" + content, hashlib.sha256).digest()


def _key_file() -> Path | None:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override) / KEY_FILE
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        return Path(base or Path.home() / ".cache") / "deckbuilder" / KEY_FILE
    except RuntimeError:  # no home folder
        return None


def _key() -> bytes:
    """This machine's cache key: read from its file, or made and stored there by whichever
    build gets there first (a hard link publishes a complete file atomically)."""
    file = _key_file()
    if file not in _keys:
        _keys[file] = _stored_key(file) or os.urandom(KEY_BYTES)
    return _keys[file]


def _stored_key(file: Path | None) -> bytes | None:
    if file is None:
        return None
    for _attempt in range(2):
        try:
            key = read_bounded(file, KEY_BYTES, follow_links=False)
            return key if len(key) == KEY_BYTES else None
        except FileNotFoundError:
            pass
        except (OSError, Refused):
            return None
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".key.", dir=file.parent)  # owner-only
            with os.fdopen(handle, "wb") as out:
                out.write(os.urandom(KEY_BYTES))
            try:
                os.link(temp, file)
            except FileExistsError:
                pass  # another build made it first: read theirs
            finally:
                os.unlink(temp)
        except OSError:
            return None
    return None


def prune(folder: Path | None, now: float | None = None) -> int:
    """Delete cache files unused for ``KEEP_DAYS`` days (and killed writes' temp files);
    at most one scan a day. Returns how many files were deleted.

    Only regular files inside the real ``charts/``, ``widths/``, ``templates/`` and
    ``pages/`` folders are deleted;
    links are neither followed nor entered."""
    if folder is None:
        return 0
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
    for own in (subfolder(folder, name) for name in OWN_FOLDERS):
        if own is None or not own.is_dir():
            continue
        for top, _dirs, files in os.walk(own):  # does not enter links to folders
            for name in files:
                path = Path(top) / name
                try:
                    info = os.lstat(path)
                    if stat.S_ISREG(info.st_mode) and now - info.st_mtime > KEEP_DAYS * DAY:
                        path.unlink()
                        deleted += 1
                except OSError:
                    continue
    write_quietly(stamp, b"")
    return deleted
