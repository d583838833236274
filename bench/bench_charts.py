"""Chart benchmark: what the chart cache buys on the seed deck, and what each chart costs.

Measured in one run, on a copy of the project in a temporary folder (with its own cache):

1. a cold build (every chart drawn, in parallel across cores), and the same cold build
   drawing in one process (``DECKBUILDER_CHART_WORKERS=1``) to show what the pool buys,
2. a rebuild with every chart cached,
3. a rebuild after changing one value in one data file (exactly one chart drawn),

each in a fresh Python process, as a user runs ``deckbuilder build``; then the drawing cost
of every chart, one after the other in this process (matplotlib already imported).

``run()`` returns (label, value) rows for ``bench/run.py``; run this file to print them:
``.venv/bin/python bench/bench_charts.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DECK = Path("deck/us-mexico-partnership.yaml")
CHANGED = Path("charts/gallup-mexico-favorable.csv")  # the data file edited for run 3

BUILD = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from deckbuilder.pipeline import compile_deck, render_pptx
from deckbuilder.atomic import write_atomically
compiled = compile_deck(Path(sys.argv[1]))
write_atomically(Path(sys.argv[2]), render_pptx(compiled))
stats = compiled.chart_stats
print(json.dumps({"seconds": time.perf_counter() - start, "rendered": stats.rendered,
                  "cached": stats.cached}))
"""


def copy_project(folder: Path) -> Path:
    """The deck and its chart data under ``folder``, marked as a project root."""
    for part in ("deck", "charts"):
        shutil.copytree(REPO / part, folder / part)
    (folder / "deckbuilder.toml").write_text("# project root for the chart benchmark\n")
    return folder


def build(project: Path, cache: str = ".deckbuilder-cache", **env_vars: str) -> dict:
    """One build in a fresh interpreter: wall seconds (imports included) and chart counts."""
    env = {**os.environ, "DECKBUILDER_CACHE_DIR": str(project / cache), **env_vars}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", BUILD, str(project / DECK),
                           str(project / "out.pptx")], env=env, check=True,
                          capture_output=True, text=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - start
    return result


def change_one_value(csv_file: Path) -> None:
    """Nudge the last number of the file's first data row (only ever in the copy)."""
    lines = csv_file.read_text().splitlines()
    cells = lines[1].split(",")
    number = next(i for i in range(len(cells) - 1, 0, -1) if cells[i].replace(".", "").isdigit())
    cells[number] = str(float(cells[number]) + 1)
    lines[1] = ",".join(cells)
    csv_file.write_text("\n".join(lines) + "\n")


def chart_costs(project: Path) -> list[tuple[str, float]]:
    """Seconds to draw each picture chart of the deck, warm, one at a time."""
    from deckbuilder.charts.batch import picture_charts
    from deckbuilder.charts.job import make_job
    from deckbuilder.charts.render import render_png
    from deckbuilder.pipeline import compile_deck

    compiled = compile_deck(project / DECK)
    assert compiled.presentation is not None
    jobs = [make_job(box, compiled.theme, name)
            for name, box in picture_charts(compiled.presentation)]
    render_png(jobs[0])  # imports and font registration are not a chart's cost
    costs = []
    for job in jobs:
        start = time.perf_counter()
        render_png(job)
        costs.append((job.name, time.perf_counter() - start))
    return costs


def run() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="bench-charts-") as temp:
        project = copy_project(Path(temp))
        cold = build(project)
        serial = build(project, cache="serial-cache", DECKBUILDER_CHART_WORKERS="1")
        cached = build(project)
        change_one_value(project / CHANGED)
        one = build(project)
        costs = chart_costs(project)

    def row(label: str, result: dict) -> tuple[str, str]:
        ratio = result["wall"] / cold["wall"]
        return (f"charts: {label}", f"{result['wall']:.2f} s ({ratio:.2f}x cold; "
                                    f"{result['rendered']} drawn, {result['cached']} cached)")

    rows = [row("cold build, seed deck", cold), row("cold build, charts in one process", serial),
            row("rebuild, every chart cached", cached),
            row(f"rebuild after editing {CHANGED.name}", one),
            ("charts: cores available", str(len(os.sched_getaffinity(0))
                                            if hasattr(os, "sched_getaffinity")
                                            else os.cpu_count()))]
    rows += [(f"charts: draw {name}", f"{seconds * 1000:.0f} ms") for name, seconds in costs]
    total = sum(seconds for _, seconds in costs)
    rows.append(("charts: draw all, one after the other", f"{total:.2f} s"))
    return rows


if __name__ == "__main__":
    for label, value in run():
        print(f"{label:<50} {value}")
