"""``deckbuilder watch``: rebuild a deck whenever it, or any file it reads, changes.

Each build records what it read (see :mod:`deckbuilder.freshness`); the watcher then
watches the folders holding those files (not recursively, so a deck at a project's root does
not watch ``.venv``) and reacts only to changes of those files — the output, editor backups
and unrelated files are ignored. watchfiles (a Rust ``notify`` backend with polling as a
fallback, ``WATCHFILES_FORCE_POLLING=1``) groups the burst of events an editor's save makes
into one rebuild.

A failed rebuild prints its ``FILE:LINE:COL`` problems and leaves the last good output
untouched (outputs are replaced atomically, and only after a successful build). After a
failure the watcher keeps watching the last good build's inputs plus every file the failed
build tried to read, so creating a missing data file triggers the next build.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, TextIO

from .errors import DeckError, Problem

if TYPE_CHECKING:  # pragma: no cover
    from .render.reuse import RenderedSlides

DEBOUNCE_MS = 1600   # longest a burst of changes is grouped
STEP_MS = 10         # quiet time that ends a burst: an editor's save (a write, or a write to
                     # a temporary file and a rename) is one burst of events within a
                     # millisecond; a save caught half-written is rebuilt by its last event
LIVE_CHECK_MS = 50   # the watcher wakes this often when idle; its first wake-up tells it is
                     # live, and any change saved between the last build and then (which no
                     # event reports) builds again


@dataclass
class Outcome:
    ok: bool
    inputs: set[Path] = field(default_factory=set)
    compiled: Any = None  # pipeline.Compiled when the deck was laid out (lint may have failed)
    problems: list[Problem] = field(default_factory=list)  # what stopped an earlier stage
    message: str = ""     # a file or internal error that is no Problem of the deck


def build_once(deck: Path, output: Path, theme: str | None = None, allow_outside: bool = False,
               out: TextIO | None = None, err: TextIO | None = None,
               reuse: RenderedSlides | None = None, watched: Iterable[Path] = (),
               language: str | None = None) -> Outcome:
    """Build ``deck`` into ``output`` as ``deckbuilder build`` does (in ``language``, from
    its strings file, if given), reporting, never raising for problems in the input;
    ``reuse`` keeps rendered slides from one build to the next
    (the output is the same bytes either way). If one of the ``watched`` files (or the
    deck) changes while it builds, the output is not written: the build may have read a
    save half-written, and the change's own event builds again."""
    from .freshness import tracking_attempts
    from .pipeline import build_file

    out, err = out or sys.stdout, err or sys.stderr
    started = time.monotonic()
    deck_file = _watched(deck)
    kept = f"kept the last good {output}" if output.exists() else "nothing was written"
    files = sorted({deck_file, *watched})
    before = _signature(files)

    def unchanged() -> bool:
        if _signature(files) == before:
            return True
        print(f"an input changed while building; {kept} (building again)", file=err,
              flush=True)
        return False

    with tracking_attempts() as attempts:
        try:
            compiled, written = build_file(deck, output, theme, allow_outside, err, kept,
                                           language=language, reuse=reuse,
                                           still_current=unchanged)
            if not written:
                return Outcome(False, set(compiled.inputs), compiled)
        except DeckError as exc:
            for problem in exc.problems:
                print(problem.format(), file=err)
            print(f"build failed; {kept}", file=err, flush=True)
            named = {Path(p.pos.file).resolve() for p in exc.problems if Path(p.pos.file).is_file()}
            return Outcome(False, {deck_file, *attempts, *named}, problems=list(exc.problems))
        except OSError as exc:
            message = f"{exc.filename or output}: error: {exc.strerror or exc}"
            print(f"{message}; {kept}", file=err, flush=True)
            return Outcome(False, {deck_file, *attempts}, message=message)
        except Exception as exc:  # noqa: BLE001 - a bug; say so and keep watching
            message = f"deckbuilder: internal error ({type(exc).__name__}: {exc})"
            print(f"{message}; {kept}", file=err, flush=True)
            return Outcome(False, {deck_file, *attempts}, message=message)
    count = len(compiled.presentation.slides) if compiled.presentation else 0
    print(f"wrote {output} ({count} slides) in {time.monotonic() - started:.1f}s",
          file=out, flush=True)
    return Outcome(True, set(compiled.inputs), compiled)


def watch(deck: Path, output: Path, theme: str | None = None, allow_outside: bool = False,
          max_builds: int | None = None, out: TextIO | None = None, err: TextIO | None = None,
          stop: threading.Event | None = None, debounce_ms: int = DEBOUNCE_MS,
          step_ms: int = STEP_MS, on_build: Callable[[Outcome], None] | None = None,
          language: str | None = None) -> int:
    """Build, then rebuild on every relevant change until interrupted (or ``stop`` is set, or
    ``max_builds`` builds ran). Returns 0, or 1 if the last build failed and it stopped on
    ``max_builds``. ``on_build`` is told each build's outcome (``deckbuilder serve``);
    ``language``: see :func:`build_once` (its strings file is one of the watched inputs)."""
    import watchfiles

    from .render.reuse import RenderedSlides

    out, err = out or sys.stdout, err or sys.stderr
    stop = stop or threading.Event()
    deck_file = _watched(deck)
    report = on_build or (lambda _outcome: None)
    rendered = RenderedSlides()
    began = time.time_ns()
    outcome = _rebuild(deck, output, theme, allow_outside, out, err, rendered, (), language)
    gc.freeze()  # what the first build imported and made stays: later collections skip it
    report(outcome)
    builds = 1
    watched = outcome.inputs | {deck_file}
    good_inputs = outcome.inputs if outcome.ok else set()
    try:
        while not (max_builds and builds >= max_builds) and not stop.is_set():
            folders = sorted({p.parent for p in watched if p.parent.is_dir()})
            current = frozenset(watched)
            files = sorted(current)
            settled = _signature(files)
            live = False
            changed_set = False
            for changes in watchfiles.watch(
                    *folders, watch_filter=lambda _change, path: Path(path) in current,
                    debounce=debounce_ms, step=step_ms, recursive=False, stop_event=stop,
                    rust_timeout=LIVE_CHECK_MS, yield_on_timeout=True, raise_interrupt=True):
                if not changes:  # a quiet interval: the first one says the watcher is live
                    if live:
                        continue
                    live = True
                    print(f"watching {len(watched)} files in {len(folders)} folders; "
                          "Ctrl-C stops", file=out, flush=True)
                    changes = _changed_since(files, settled, began)
                    if not changes:
                        continue
                names = sorted({_display(Path(p), deck_file) for _, p in changes})
                print(f"changed: {', '.join(names)}; rebuilding", file=out, flush=True)
                began = time.time_ns()
                outcome = _rebuild(deck, output, theme, allow_outside, out, err, rendered,
                                   watched, language)
                report(outcome)
                builds += 1
                if outcome.ok:
                    good_inputs = outcome.inputs
                    new_watched = good_inputs | {deck_file}
                else:
                    new_watched = good_inputs | outcome.inputs | {deck_file}
                if max_builds and builds >= max_builds:
                    break
                if new_watched != watched:  # the deck now reads other files: re-aim
                    watched = new_watched
                    changed_set = True
                    break
            if not changed_set:
                break
    except KeyboardInterrupt:
        print("stopped watching", file=out, flush=True)
        return 0
    return 0 if outcome.ok or not max_builds else 1


def _rebuild(deck: Path, output: Path, theme: str | None, allow_outside: bool,
             out: TextIO, err: TextIO, rendered: RenderedSlides,
             watched: Iterable[Path] = (), language: str | None = None) -> Outcome:
    """:func:`build_once` with the cycle collector paused until the output is written (a
    rebuild makes few cycles; a collection in the middle of one only delays the output),
    then run once over what the build left behind."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return build_once(deck, output, theme, allow_outside, out, err, rendered, watched,
                          language)
    finally:
        if collecting:
            gc.enable()
            gc.collect()


def _signature(files: list[Path]) -> list[tuple[int, int] | None]:
    """Each file's modification time and size (None: missing), to tell a change."""
    found: list[tuple[int, int] | None] = []
    for path in files:
        try:
            info = os.stat(path)
            found.append((info.st_mtime_ns, info.st_size))
        except OSError:
            found.append(None)
    return found


def _changed_since(files: list[Path], seen: list[tuple[int, int] | None],
                   began: int) -> set[tuple[Any, str]]:
    """The files changed since the build that began at ``began`` (ns since the epoch) and
    left them ``seen``, as watchfiles reports changes: a save made while that build ran, or
    before the watcher started, makes no event of its own."""
    from watchfiles import Change

    return {(Change.modified, str(path))
            for path, before, now in zip(files, seen, _signature(files))
            if before != now or (before is not None and before[0] >= began)}


def _watched(path: Path) -> Path:
    """The file to watch for ``path``: links resolved as far as they go (``Path.resolve``
    raises on a loop of links, which the build reports as a problem of the deck)."""
    return Path(os.path.realpath(path))


def _display(path: Path, deck_file: Path) -> str:
    """A changed file's name relative to the deck's folder when possible."""
    try:
        return path.relative_to(deck_file.parent).as_posix()
    except ValueError:
        return str(path)
