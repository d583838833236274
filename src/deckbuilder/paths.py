"""The one path policy: which files deckbuilder may read, and which it may replace.

Reading. A deck may only read files under its project root (the nearest ancestor folder of
the deck holding ``.git``, ``pyproject.toml`` or ``deckbuilder.toml``, else the deck's own
folder), unless the user explicitly allows outside paths; the check is made after resolving
symbolic links, so a link cannot lead out. Only regular files are read (a device or named
pipe would never end or never start), through :func:`read_bounded`, which refuses a file over
its caller's size limit before reading it and never reads more than that limit.

Writing. :func:`check_target` is the one check every command makes before it replaces a
file: the target must be a regular file or a new path (never a folder, device, named pipe or
link), and never a file the same run read.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import DeckError, SourcePos

ROOT_MARKERS = (".git", "pyproject.toml", "deckbuilder.toml")
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISLNK, "a symbolic link"))


class Refused(Exception):
    """A file the policy will not read; ``str()`` is the reason, as a phrase."""


class TooLarge(Refused):
    def __init__(self, size: int, limit: int):
        super().__init__(f"is {size:,} bytes, over the {limit:,}-byte limit")
        self.size, self.limit = size, limit


def kind(mode: int) -> str | None:
    """What a file of this ``st_mode`` is, if not a regular file ("a named pipe"...)."""
    return next((name for test, name in _KINDS if test(mode)), None)


def real_path(path: Path) -> Path:
    """``path`` absolute with every symbolic link resolved; a loop of links is refused
    (``Path.resolve`` raises RuntimeError for one, which would be an internal error)."""
    resolved = Path(os.path.realpath(path))
    try:
        os.stat(resolved)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused("is a loop of symbolic links; point the link at a real file") from None
    return resolved


def read_bounded(path: Path, limit: int, follow_links: bool = True) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    What is not a regular file (a device, a named pipe, a folder; with
    ``follow_links=False`` a link too) or is over the limit is refused from its metadata,
    never opened; the file is then opened without blocking and checked again through the
    open descriptor, so what is read is what was checked, and a file that grows meanwhile
    still yields no more than ``limit + 1`` bytes before it is refused. Missing files raise
    FileNotFoundError; other OSErrors pass through.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        _check_regular(os.stat(path, follow_symlinks=follow_links), limit)
        handle = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused("is a symbolic link, not a regular file" if not follow_links else
                          "is a loop of symbolic links; point the link at a real file") from None
        raise
    with os.fdopen(handle, "rb") as file:
        _check_regular(os.fstat(file.fileno()), limit)
        data = file.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(len(data), limit)
    return data


def _check_regular(info: os.stat_result, limit: int) -> None:
    what = kind(info.st_mode)
    if what is not None:
        raise Refused(f"is {what}, not a regular file")
    if info.st_size > limit:
        raise TooLarge(info.st_size, limit)


def project_root(deck_file: Path) -> Path:
    folder = real_path(deck_file).parent
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return folder


@dataclass(frozen=True)
class PathPolicy:
    """Where a deck's referenced files are resolved from and allowed to live."""

    deck_file: Path
    root: Path
    allow_outside: bool = False

    @classmethod
    def for_deck(cls, deck_file: Path, allow_outside: bool = False) -> "PathPolicy":
        try:
            return cls(real_path(deck_file), project_root(deck_file), allow_outside)
        except Refused as exc:
            raise DeckError.at(SourcePos.start_of(deck_file), f"the deck {exc}") from None

    def resolve(self, reference: str, pos: SourcePos, what: str = "file") -> Path:
        """Resolve ``reference`` relative to the deck, checking it exists and is allowed."""
        if not isinstance(reference, str) or not reference.strip():
            raise DeckError.at(pos, f"{what} path must be a non-empty string")
        if "\0" in reference:
            raise DeckError.at(pos, f"{what} path contains a NUL character; fix the path")
        return self.check(self.deck_file.parent / reference, pos, what, reference)

    def optional(self, path: Path, pos: SourcePos, what: str) -> Path | None:
        """:meth:`check` for a file a deck may have but need not (``NAME.meta.yaml``):
        None if nothing is there."""
        if not os.path.lexists(path):
            return None
        return self.check(path, pos, what, path.name)

    def check(self, path: Path, pos: SourcePos, what: str, shown: str,
              root: Path | None = None) -> Path:
        """The real path of ``path`` if the policy allows reading it: a regular file inside
        ``root`` (the project's, unless given), or anywhere with ``--allow-outside``."""
        root = root or self.root
        try:
            real = real_path(path)
            if not self.allow_outside and not real.is_relative_to(root):
                raise DeckError.at(pos, f"{what} '{shown}' lies outside the project folder "
                                        f"{root}; move it inside or pass --allow-outside")
            other = kind(real.stat().st_mode)
            if other is not None:
                raise DeckError.at(pos, f"{what} '{shown}' not found (looked for {real}, which "
                                        f"is {other}, not a file)")
        except FileNotFoundError:
            raise DeckError.at(pos, f"{what} '{shown}' not found (looked for {real})") from None
        except Refused as exc:
            raise DeckError.at(pos, f"{what} '{shown}' {exc}") from None
        except OSError as exc:  # a name too long, a folder we may not read...
            raise DeckError.at(pos, f"cannot use {what} '{shown}': "
                                    f"{exc.strerror or exc}") from None
        return real


def check_target(path: Path, inputs: Iterable[Path] = (), example: str = "NAME") -> None:
    """Refuse to replace ``path`` unless it is a regular file or a new path, and not one of
    ``inputs`` (the files this run read: ``-o deck.yaml`` would replace the deck). ``example``
    is a file name to suggest when ``path`` is a folder (``-o .``)."""
    check_targets([path], inputs, example)


def check_targets(paths: Iterable[Path], inputs: Iterable[Path] = (),
                  example: str = "NAME") -> None:
    """:func:`check_target` for each of ``paths`` (a preview replaces a page per slide),
    the inputs resolved once rather than once a target."""
    sources = list(inputs)
    real = {os.path.realpath(source) for source in sources}
    identities = set()
    for source in sources:
        with contextlib.suppress(OSError):
            other = os.stat(source)
            identities.add((other.st_dev, other.st_ino))
    for path in paths:
        _check_one(path, real, identities, example)


def _check_one(path: Path, real: set[str], identities: set[tuple[int, int]],
               example: str) -> None:
    pos = SourcePos.whole(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError:
        return  # e.g. a parent that is a file: the write itself reports it, naming the path
    if info is not None:
        what = kind(info.st_mode)
        if what == "a folder":
            raise DeckError.at(pos, f"is a folder, not a file; name a file in it, e.g. "
                                    f"-o {os.path.join(path, example)}")
        if what is not None:
            raise DeckError.at(pos, f"is {what}, not a regular file; deckbuilder only "
                                    "replaces regular files: choose another path")
    if os.path.realpath(path) in real or (
            info is not None and (info.st_dev, info.st_ino) in identities):
        raise DeckError.at(pos, "the output would overwrite an input of this build; "
                                "choose another -o path")
