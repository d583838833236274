"""Render every picture chart of a presentation: reuse cached PNGs, draw the rest in
parallel across cores (this process is one of the workers), and count what happened (tests
count renders, never time them). ``DECKBUILDER_CHART_WORKERS`` caps the cores used.

Workers receive a pickled :class:`ChartJob` and import only the chart modules, so the pool
works the same under the ``fork``, ``spawn`` and ``forkserver`` start methods; the output is
the same bytes whichever process draws a chart.
"""

from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass, field

from ..cores import usable_cores
from ..lifetime import die_with_parent
from ..ir import ChartBox, Presentation
from ..theme import Theme
from .cache import ChartCache, ChartPicture
from .job import ChartJob, make_job

WORKERS_VAR = "DECKBUILDER_CHART_WORKERS"


@dataclass
class RenderStats:
    rendered: int = 0
    cached: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # drawing time per rendered chart


@dataclass
class ChartImages:
    """The picture of each chart box; call it with a box (the pptx renderer's chart
    callback)."""

    keys: dict[int, str]      # id(box) -> job key
    pictures: dict[str, ChartPicture]
    stats: RenderStats

    def __call__(self, box: ChartBox) -> ChartPicture:
        return self.pictures[self.keys[id(box)]]


def picture_charts(presentation: Presentation) -> list[tuple[str, ChartBox]]:
    return [(f"slide {slide.number}", element) for slide in presentation.slides
            for element in slide.elements
            if isinstance(element, ChartBox) and element.spec.render == "image"]


def render_charts(presentation: Presentation, theme: Theme, cache: ChartCache | None,
                  workers: int | None = None, start_method: str | None = None) -> ChartImages:
    """Pictures (PNG and SVG) for every picture chart; identical charts are drawn once."""
    keys: dict[int, str] = {}
    jobs: dict[str, ChartJob] = {}
    for name, box in picture_charts(presentation):
        job = make_job(box, theme, name)
        keys[id(box)] = job.key
        jobs.setdefault(job.key, job)
    images = ChartImages(keys, {}, RenderStats())
    missing = []
    for key, job in jobs.items():
        picture = cache.get_picture(key) if cache else None
        if picture is None:
            missing.append(job)
        else:
            images.pictures[key] = picture
            images.stats.cached += 1
    for job, (picture, seconds) in zip(missing, _render_all(missing, workers, start_method)):
        images.pictures[job.key] = picture
        images.stats.rendered += 1
        images.stats.seconds[job.name] = seconds
        if cache:
            cache.put_picture(job.key, picture)
    return images


def worker_count() -> int:
    """DECKBUILDER_CHART_WORKERS if set (1 turns the pool off), else the usable cores."""
    setting = os.environ.get(WORKERS_VAR, "")
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    return usable_cores()


def _render_all(jobs: list[ChartJob], workers: int | None,
                start_method: str | None) -> list[tuple[bytes, float]]:
    """Draw ``jobs`` on ``workers`` cores: this process is one of them.

    The pool gets every job; this process takes back (cancels) jobs from the end of the
    queue that no worker has started and draws them itself. This process imports
    matplotlib first, so forked workers start warm instead of importing it again.
    """
    count = min(workers or worker_count(), len(jobs))
    if count < 2:
        return [render_timed(job) for job in jobs]
    import multiprocessing  # only when drawing: a warm rebuild never needs a pool
    from concurrent.futures import ProcessPoolExecutor

    from .render import warm_up

    warm_up(jobs[0].style)
    try:
        pool = ProcessPoolExecutor(count - 1, mp_context=multiprocessing.get_context(start_method),
                                   initializer=die_with_parent, initargs=(os.getpid(),))
    except OSError:  # no process pools here (sandbox without /dev/shm): draw everything here
        return [render_timed(job) for job in jobs]
    results: dict[int, tuple[ChartPicture, float]] = {}
    with pool:
        futures = [pool.submit(render_timed, job) for job in jobs]
        for index in reversed(range(len(jobs))):
            if futures[index].cancel():
                results[index] = render_timed(jobs[index])
        for index, future in enumerate(futures):
            if index not in results:
                results[index] = future.result()
    return [results[index] for index in range(len(jobs))]


def render_timed(job: ChartJob) -> tuple[ChartPicture, float]:
    """Draw one chart (in a worker or here) and how long it took."""
    from .render import render_picture

    start = time.perf_counter()
    picture = render_picture(job)
    seconds = time.perf_counter() - start
    _release_figure()
    return picture, seconds


_frozen = False  # whether this process has frozen what it held after its first chart


def _release_figure() -> None:
    """Free the figure just drawn. A one-shot build runs with the cycle collector off
    (``cli.py``), and a figure is a web of cycles (artists and the figure that holds them)
    worth 5 to 50 MB: without this a cold build's memory grows with every chart. The first
    collection is a full one; what survives it (matplotlib, fonts, the deck) is frozen, so
    later ones only look at the last chart's objects."""
    global _frozen
    if gc.isenabled():
        return
    gc.collect()
    if not _frozen:
        gc.freeze()
        _frozen = True
