"""Many decks in one command: the targets of an ``each:`` deck built ``jobs`` at a time.

Each deck is built by :func:`deckbuilder.api.build` in a worker process of its own (fresh
interpreters: ``spawn``, so no lock held by a thread of this process is inherited), all
sharing the project's chart cache, whose entries are written atomically and verified when
read. The cores are shared out: a worker draws its charts on ``cores // jobs`` processes
unless ``DECKBUILDER_CHART_WORKERS`` says otherwise. Workers end with the command, even when
it is killed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, TextIO, Union

from .api import BuildError, BuildResult, build
from .charts.batch import WORKERS_VAR, die_with_parent, worker_count
from .each import Target
from .errors import Problem, SourcePos

Outcome = Union[BuildResult, BuildError]


def build_targets(targets: list[Target], jobs: int, theme: str | None = None,
                  allow_outside: bool = False) -> Iterator[tuple[Target, Outcome]]:
    """Each target with its result or its error, in the targets' order."""
    if jobs <= 1 or len(targets) < 2:
        for target in targets:
            yield target, build_target(target, theme, allow_outside)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = min(jobs, len(targets))
    chart_workers = os.environ.get(WORKERS_VAR) or str(max(1, worker_count() // workers))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_worker,
                             initargs=(os.getpid(), chart_workers)) as pool:
        futures = [pool.submit(build_target, target, theme, allow_outside)
                   for target in targets]
        for target, future in zip(targets, futures):
            yield target, future.result()


def build_target(target: Target, theme: str | None, allow_outside: bool) -> Outcome:
    """One deck's result, or its problems (a file that cannot be written is one too)."""
    try:
        return build(target.deck, target.output, data=target.data, theme=theme,
                     allow_outside=allow_outside)
    except BuildError as exc:
        return exc
    except OSError as exc:
        where = SourcePos.whole(Path(exc.filename) if exc.filename else target.output)
        return BuildError([Problem(where, exc.strerror or str(exc))])


def _start_worker(parent: int, chart_workers: str) -> None:
    os.environ[WORKERS_VAR] = chart_workers
    die_with_parent(parent)


def is_each_deck(deck: Path) -> bool:
    """Whether ``deck`` builds one deck per item (has ``each:``). A deck whose text has no
    "each" at all cannot have it, so the common build does not parse its YAML twice."""
    from .each import has_each
    from .load import MAX_FILE_BYTES, load_yaml
    from .paths import Refused, read_bounded

    try:
        if b"each" not in read_bounded(deck, MAX_FILE_BYTES):
            return False
    except (OSError, Refused):
        pass   # load_yaml reports what is wrong with the file
    return has_each(load_yaml(deck))


def report(outcomes: Iterator[tuple[Target, Outcome]], out: TextIO, err: TextIO) -> int:
    """Print each deck's findings and what was written, as the targets finish; returns how
    many decks failed."""
    from .lint import format_text

    failed = 0
    for target, outcome in outcomes:
        shown = SourcePos.whole(target.output)
        if isinstance(outcome, BuildError):
            failed += 1
            err.write("".join(f"{problem.format()}\n" for problem in outcome.problems))
            print(f"{shown}: not written ({target.label})", file=err, flush=True)
        else:
            err.write(format_text(outcome.findings))
            print(f"wrote {shown} ({outcome.slides} slides, {target.label})", file=out,
                  flush=True)
    return failed
