"""``make bench``: how fast deckbuilder builds, against a floor and against pandoc.

Every measurement is a fresh process, as a user runs it, timed from start to exit: wall
seconds, CPU seconds (user + system, including worker processes it waited for) and peak
resident memory (``ru_maxrss``, the largest of the process and its workers). Each is the
median of a few runs; a ratio between two contenders is the median of their per-round
ratios (paired runs, one of each per round), computed within this one run, on this
machine, so it holds even where absolute times do not.

Rows:

- the seed deck: a cold build (empty chart cache, every chart drawn), a warm rebuild (no
  chart changed), the *floor* (``bench/floor.py``: a plain python-pptx script writing the
  same slides, text and pictures, with no layout logic) and pandoc on an equivalent
  Markdown deck (when ``pandoc`` is on PATH); ``watch``: from saving the deck to the
  replaced output, in a warm watching process;
- generated decks of 100 and 1,000 slides (``bench/bench_scale.py``): deckbuilder, the same
  naive floor script, pandoc; the scaling exponent log(t1000 / t100) / log(10);
- the chart engine's own rows (``bench/bench_charts.py``), when present.

Targets: warm rebuild of the seed deck <= 1.5x pandoc and <= 1.5x the floor; a watch
rebuild <= 0.5x pandoc (issue 19); 1,000 slides at least 2x faster than the floor script;
scaling exponent <= 1.1 (issue 6).

    python bench/run.py [--repeat N] [--sizes 100,1000] [--no-charts]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
SEED_DECK = Path("deck/us-mexico-partnership.yaml")
sys.path.insert(0, str(BENCH))


# ----- measuring ---------------------------------------------------------------------------

@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float


def measure(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run ``cmd`` to completion; fail loudly (with its stderr) if it fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})},
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n"
                             + errors.read().decode(errors="replace")[-3000:])
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def typical(runs: list[Run]) -> Run:
    """The median wall and CPU time (a typical run, not the luckiest), the largest peak
    memory."""
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               max(r.rss_mb for r in runs))


def median_of(repeat: int, run, prepare=None) -> Run:
    runs = []
    for _ in range(repeat):
        if prepare is not None:
            prepare()
        runs.append(run())
    return typical(runs)


def interleaved(repeat: int, contenders: dict) -> dict[str, list[Run]]:
    """Each contender's ``repeat`` runs, taken in rounds (one run of each per round), so a
    machine that speeds up or slows down during the benchmark affects all of them alike and
    their paired ratios stay fair."""
    runs: dict[str, list[Run]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, run in contenders.items():
            runs[name].append(run())
    return runs


def paired(ours: list[Run], theirs: list[Run], field: str = "wall") -> float:
    """The median of the per-round ratios ours / theirs."""
    return statistics.median(getattr(a, field) / getattr(b, field) for a, b in zip(ours, theirs))


def deckbuilder(deck: Path, out: Path, cache: Path, served: bool = False) -> Run:
    """``deckbuilder build`` as a user runs it: alone (as in CI, where no build server
    starts), or answered by the project's warm build server (``served``)."""
    return measure([sys.executable, "-m", "deckbuilder", "build", str(deck), "-o", str(out)],
                   cwd=deck.parent, env={"DECKBUILDER_CACHE_DIR": str(cache),
                                         "DECKBUILDER_DAEMON": "1" if served else "0"})


def start_server(deck: Path, cache: Path) -> None:
    """Build once with the server allowed, and wait until the server listens."""
    deckbuilder(deck, deck.with_suffix(".first.pptx"), cache, served=True)
    deadline = time.perf_counter() + 60
    while not list(cache.glob("daemon-*.sock")):
        if time.perf_counter() > deadline:
            raise SystemExit("bench: the build server did not start within 60 s")
        time.sleep(0.05)


def stop_server(deck: Path, cache: Path) -> None:
    subprocess.run([sys.executable, "-m", "deckbuilder", "daemon", "stop"], cwd=deck.parent,
                   env={**os.environ, "DECKBUILDER_CACHE_DIR": str(cache)},
                   stdout=subprocess.DEVNULL, check=True)


def edited_rebuild(deck: Path, out: Path, cache: Path) -> Run:
    """A warm one-shot build after an editor's change: one slide's title differs from the
    last build's (so nothing about the output can be taken from the last one)."""
    text = deck.read_text(encoding="utf-8")
    marker = "title: Crime Threats"
    count = text.count(marker + " (")
    deck.write_text(text.replace(marker, f"{marker} ({count + 1})", 1), encoding="utf-8")
    return deckbuilder(deck, out, cache)


SERIAL_CHARTS = """
import sys
from pathlib import Path
from deckbuilder.charts.batch import picture_charts
from deckbuilder.charts.job import make_job
from deckbuilder.charts.render import render_picture
from deckbuilder.pipeline import compile_deck
compiled = compile_deck(Path(sys.argv[1]))
for name, box in picture_charts(compiled.presentation):
    render_picture(make_job(box, compiled.theme, name))
"""


def serial_charts(deck: Path) -> Run:
    """The serial chart anchor's drawing half: one process drawing every chart of the deck
    one after the other (matplotlib imported once), as a plain script would."""
    return measure([sys.executable, "-c", SERIAL_CHARTS, str(deck)], cwd=deck.parent)


def timed_soffice(folder: Path) -> Path:
    """A folder holding a stand-in ``soffice`` (a shell script: a few milliseconds of its
    own) that runs the real one and writes to ``seconds`` beside it how long LibreOffice
    ran: from the start of the first soffice a preview started (the instance it starts
    before building, ``preview.libreoffice_starting``; see :func:`preview`) to the end of
    the conversion. Made once for the whole run: preview keys its pages by the
    converter's file too."""
    real = shutil.which("soffice") or "soffice"
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    started = folder / "started"
    script.write_text(f'#!/bin/sh\n[ -e "{started}" ] || date +%s%N > "{started}"\n'
                      f'"{real}" "$@"\ncode=$?\n'
                      f'echo $(( $(date +%s%N) - $(cat "{started}") )) > "{folder / "seconds"}"\n'
                      'exit $code\n')
    script.chmod(0o755)
    return folder


def preview(deck: Path, folder: Path, cache: Path, stand_in: Path) -> tuple[Run, float]:
    """``preview`` as a user runs it, and the seconds its own LibreOffice run took (timed by
    the stand-in first on PATH), so what preview adds beyond LibreOffice is measured on the
    same run, not against a separate run whose time varies by more than what is measured."""
    (stand_in / "started").unlink(missing_ok=True)
    run = measure([sys.executable, "-m", "deckbuilder.cli", "preview", str(deck), "-o",
                   str(folder)], cwd=deck.parent,
                  env={"DECKBUILDER_CACHE_DIR": str(cache),
                       "PATH": f"{stand_in}{os.pathsep}{os.environ.get('PATH', '')}"})
    return run, int((stand_in / "seconds").read_text()) / 1e9


def edited_preview(deck: Path, folder: Path, cache: Path,
                   stand_in: Path) -> tuple[Run, float]:
    """``preview`` after an editor changed one slide's title (a title no preview has seen),
    the deck put back afterwards: that slide's page is drawn, the others are kept."""
    text = deck.read_text(encoding="utf-8")
    marker = "title: Crime Threats"
    deck.write_text(text.replace(marker, f"{marker} ({time.time_ns()})", 1), encoding="utf-8")
    try:
        return preview(deck, folder, cache, stand_in)
    finally:
        deck.write_text(text, encoding="utf-8")


def libreoffice(pptx: Path, folder: Path) -> Run:
    """LibreOffice alone converting the built deck, as preview runs it (a fresh profile)."""
    with tempfile.TemporaryDirectory(prefix="bench-lo-") as profile:
        return measure([shutil.which("soffice") or "soffice",
                        f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
                        str(pptx)])


def floor(spec: Path, out: Path, plain: bool = False) -> Run:
    return measure([sys.executable, str(BENCH / "floor.py"), str(spec), str(out)]
                   + (["--plain"] if plain else []))


def watch_rebuilds(deck: Path, out: Path, cache: Path, repeat: int) -> list[Run]:
    """``deckbuilder watch``: from saving the deck (an edit that changes one bullet's text)
    to the replaced output file, ``repeat`` times in one warm watching process. CPU and
    memory are not separable per rebuild here, so only wall time is reported."""
    original = deck.read_text(encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "deckbuilder.cli", "watch", str(deck),
                             "-o", str(out)], cwd=deck.parent, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "DECKBUILDER_CACHE_DIR": str(cache)})
    runs = []
    try:
        _wait_for_output(out, None)
        for round_ in range(repeat):
            time.sleep(0.5)   # the watcher is idle again
            before = out.stat().st_mtime_ns
            edited = original.replace("Crime Threats", f"Crime Threats {round_ + 1}", 1)
            start = time.perf_counter()
            deck.write_text(edited, encoding="utf-8")
            _wait_for_output(out, before)
            runs.append(Run(time.perf_counter() - start, float("nan"), float("nan")))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        deck.write_text(original, encoding="utf-8")
    return runs


def _wait_for_output(out: Path, before: int | None, limit: float = 60.0) -> None:
    """Until ``out`` exists with a modification time other than ``before``."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        try:
            if out.stat().st_mtime_ns != before:
                return
        except FileNotFoundError:
            pass
        time.sleep(0.002)
    raise SystemExit(f"bench: watch did not write {out} within {limit:.0f} s")


def pandoc(markdown: Path, out: Path) -> Run:
    return measure(["pandoc", "-f", "markdown", "-t", "pptx", "-o", str(out), markdown.name],
                   cwd=markdown.parent)


# ----- the same slides for the floor and for pandoc ----------------------------------------

def export(deck: Path, cache: Path, folder: Path) -> tuple[Path, Path]:
    """The slides deckbuilder lays out for ``deck``, as floor.py's JSON and as Markdown.

    Text boxes keep their paragraphs, levels, size, weight and colour; pictures and charts
    become PNG files (charts from the chart cache or drawn now); tables keep their cells.
    """
    os.environ["DECKBUILDER_CACHE_DIR"] = str(cache)
    from deckbuilder.charts.batch import render_charts
    from deckbuilder.charts.cache import ChartCache
    from deckbuilder.ir import ChartBox, Picture, Shape, TableBox, TextBox
    from deckbuilder.pipeline import compile_deck

    compiled = compile_deck(deck)
    presentation = compiled.presentation
    assert presentation is not None
    charts = render_charts(presentation, compiled.theme, ChartCache(cache))
    folder.mkdir(parents=True, exist_ok=True)

    def png(data: bytes) -> str:
        path = folder / f"{hashlib.sha1(data).hexdigest()[:16]}.png"
        if not path.exists():
            path.write_bytes(data)
        return path.name

    slides, markdown = [], [f"% {presentation.title}", ""]
    for slide in presentation.slides:
        boxes: list[dict] = []
        lines = [f"## {slide.title or ' '}", ""]
        for element in slide.elements:
            rect = [element.rect.x, element.rect.y, element.rect.w, element.rect.h]
            if isinstance(element, TextBox):
                paragraphs = [{"text": p.text, "level": min(p.level, 8), "align": p.align,
                               "line_spacing": p.line_spacing,
                               "space_before": p.space_before,
                               "bullet": p.bullet or ("#" if p.number is not None else None),
                               "runs": [{"text": r.text, "font": r.font.name,
                                         "size": r.font.size, "bold": r.font.bold,
                                         "italic": r.font.italic, "color": r.font.color}
                                        for r in p.runs]}
                              for p in element.paragraphs]
                insets = element.insets
                boxes.append({"type": "text", "rect": rect, "paragraphs": paragraphs,
                              "anchor": element.anchor, "fill": element.fill,
                              "insets": [insets.left, insets.top, insets.right,
                                         insets.bottom]})
                if element.role != "title":
                    lines += [f"{'  ' * p['level']}- {p['text']}" for p in paragraphs
                              if p["text"].strip()]
            elif isinstance(element, Shape):
                boxes.append({"type": "rect", "rect": rect, "fill": element.fill})
            elif isinstance(element, (Picture, ChartBox)):
                data = element.image if isinstance(element, Picture) else charts(element).png
                name = png(data)
                boxes.append({"type": "picture", "rect": rect, "path": str(folder / name),
                              "alt": element.alt})
                lines += ["", f"![{element.alt}]({name})", ""]
            elif isinstance(element, TableBox):
                rows = [element.header] + element.rows
                boxes.append({"type": "table", "rect": rect, "rows": rows})
                lines += ["", "| " + " | ".join(element.header) + " |",
                          "|" + "---|" * len(element.header)]
                lines += ["| " + " | ".join(row) + " |" for row in element.rows] + [""]
        notes = "\n".join(p.text for p in slide.notes or [])
        if notes.strip():
            lines += ["", "::: notes", notes.strip(), ":::"]
        slides.append({"notes": notes, "boxes": boxes})
        markdown += lines + [""]
    spec = folder / "floor.json"
    spec.write_text(json.dumps({"width": presentation.width, "height": presentation.height,
                                "slides": slides}))
    md = folder / "deck.md"
    md.write_text("\n".join(markdown), encoding="utf-8")
    return spec, md


def copy_seed_project(folder: Path) -> Path:
    for part in ("deck", "charts"):
        shutil.copytree(REPO / part, folder / part)
    (folder / "deckbuilder.toml").write_text("# project root for the benchmark\n")
    return folder / SEED_DECK


# ----- the table ---------------------------------------------------------------------------

class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def run(self, label: str, run: Run, note: str = "") -> None:
        cpu = "" if math.isnan(run.cpu) else f"{run.cpu:.2f}"
        rss = "" if math.isnan(run.rss_mb) else f"{run.rss_mb:.0f}"
        self.rows.append((label, f"{run.wall:.2f}", cpu, rss, note))

    def line(self, label: str, value: str, note: str = "") -> None:
        self.rows.append((label, value, "", "", note))

    def print(self) -> None:
        header = ("measurement", "wall s", "cpu s", "peak MB", "note")
        widths = [max(len(str(row[i])) for row in self.rows + [header]) for i in range(5)]
        def fmt(row):
            return ("| " + row[0].ljust(widths[0]) + " | "
                    + " | ".join(str(c).rjust(w) for c, w in zip(row[1:4], widths[1:4]))
                    + " | " + row[4].ljust(widths[4]) + " |")
        print(fmt(header))
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for row in self.rows:
            print(fmt(row))


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median kept)")
    parser.add_argument("--sizes", default="100,1000", help="generated deck sizes (two)")
    parser.add_argument("--no-charts", action="store_true", help="skip bench_charts rows")
    args = parser.parse_args()
    small, large = (int(s) for s in args.sizes.split(","))
    has_pandoc = shutil.which("pandoc") is not None
    table = Table()
    print(f"deckbuilder benchmark: {os.cpu_count()} cores, Python "
          f"{sys.version.split()[0]}, median of {args.repeat}"
          f"{'' if has_pandoc else '; pandoc not on PATH, its rows skipped'}", flush=True)

    with tempfile.TemporaryDirectory(prefix="deckbuilder-bench-") as temp:
        root = Path(temp)

        # --- the seed deck ---
        deck = copy_seed_project(root / "seed")
        cache = root / "seed-cache"
        out = root / "seed.pptx"
        cold = median_of(args.repeat, lambda: deckbuilder(deck, out, cache),
                       prepare=lambda: shutil.rmtree(cache, ignore_errors=True))
        slides = _slide_count(out)
        spec, md = export(deck, cache, root / "seed-export")
        start_server(deck, cache)
        contenders = {"warm": lambda: deckbuilder(deck, out, cache),
                      "served": lambda: deckbuilder(deck, root / "seed-served.pptx", cache,
                                                    served=True),
                      "edited": lambda: edited_rebuild(deck, root / "seed-edited.pptx", cache),
                      "floor": lambda: floor(spec, root / "seed-floor.pptx"),
                      "plain": lambda: floor(spec, root / "seed-plain.pptx", True)}
        if has_pandoc:
            contenders["pandoc"] = lambda: pandoc(md, root / "seed-pandoc.pptx")
        seed = interleaved(args.repeat, contenders)
        stop_server(deck, cache)
        watched = watch_rebuilds(deck, root / "seed-watch.pptx", cache, args.repeat)
        drawing = median_of(args.repeat, lambda: serial_charts(deck))
        table.run(f"seed deck ({slides} slides): cold build, charts drawn", cold)
        table.line("seed deck: cold build peak memory", f"{cold.rss_mb:.0f} MiB",
                   f"target <= 150 MiB: {verdict(cold.rss_mb <= 150)}")
        table.run("seed deck: charts drawn one after another, one process", drawing)
        anchor = drawing.wall + typical(seed["floor"]).wall
        table.line("seed deck: cold build / serial chart anchor", f"{cold.wall / anchor:.2f}x",
                   f"target <= 1.0x: {verdict(cold.wall <= anchor)} (anchor: the charts "
                   "drawn one after another plus the floor; medians)")
        table.run("seed deck: warm rebuild, no chart changed", typical(seed["warm"]))
        table.run("seed deck: warm rebuild, one slide edited", typical(seed["edited"]))
        table.run("seed deck: warm rebuild, answered by the build server",
                  typical(seed["served"]), "cpu: the command only")
        table.run("seed deck: watch, save to replaced output", typical(watched))
        table.run("seed deck: floor script, same slides", typical(seed["floor"]))
        table.run("seed deck: floor script --plain (text only)", typical(seed["plain"]))
        if has_pandoc:
            table.run("seed deck: pandoc, equivalent Markdown", typical(seed["pandoc"]))
            for name, label in (("warm", "warm rebuild"), ("edited", "edited rebuild"),
                                ("served", "served rebuild")):
                ratio = paired(seed[name], seed["pandoc"])
                cpu = "the server's child does the work" if name == "served" else \
                    f"cpu {paired(seed[name], seed['pandoc'], 'cpu'):.2f}x"
                table.line(f"seed deck: {label} / pandoc", f"{ratio:.2f}x",
                           f"target <= 1.5x: {verdict(ratio <= 1.5)} ({cpu})")
            # watch is timed apart from the rounds (it is one long process), so its ratio
            # is of medians
            ratio = typical(watched).wall / typical(seed["pandoc"]).wall
            table.line("seed deck: watch rebuild / pandoc", f"{ratio:.2f}x",
                       f"target <= 0.5x: {verdict(ratio <= 0.5)}")
        ratio = paired(seed["warm"], seed["floor"])
        table.line("seed deck: warm rebuild / floor", f"{ratio:.2f}x",
                   f"target <= 1.5x: {verdict(ratio <= 1.5)} "
                   f"(cpu {paired(seed['warm'], seed['floor'], 'cpu'):.2f}x)")
        table.line("seed deck: warm rebuild / plain floor",
                   f"{paired(seed['warm'], seed['plain']):.2f}x",
                   f"(cpu {paired(seed['warm'], seed['plain'], 'cpu'):.2f}x)")
        if shutil.which("soffice") and shutil.which("pdftoppm"):
            pages = root / "seed-preview"
            stand_in = timed_soffice(root / "timed-soffice")
            preview(deck, pages, cache, stand_in)  # the pages an editor's last preview drew
            shown = interleaved(args.repeat, {  # LibreOffice varies by 0.7 s: every round
                "preview": lambda: preview(deck, pages, cache, stand_in),
                "libreoffice": lambda: libreoffice(pages / f"{deck.stem}.pptx",
                                                   root / "seed-lo"),
                "edited": lambda: edited_preview(deck, pages, cache, stand_in)})
            table.run("seed deck: preview (build, LibreOffice, pages, contact sheet)",
                      typical([run for run, _ in shown["preview"]]))
            table.run("seed deck: preview, one slide edited",
                      typical([run for run, _ in shown["edited"]]))
            table.run("seed deck: LibreOffice alone, same .pptx", typical(shown["libreoffice"]))
            overheads = {}
            for name, label in (("preview", "preview beyond LibreOffice"),
                                ("edited", "preview beyond LibreOffice, one slide edited")):
                overheads[name] = statistics.median(run.wall - own for run, own in shown[name])
                inside = statistics.median(own for _, own in shown[name])
                table.line(f"seed deck: {label}", f"{overheads[name]:.2f} s",
                           f"target <= 0.5 s: {verdict(overheads[name] <= 0.5)} (its own "
                           f"LibreOffice run, {inside:.2f} s, taken out; includes the build)")
            own = overheads["edited"] - typical(seed["edited"]).wall
            table.line("seed deck: preview beyond LibreOffice and the build, one slide edited",
                       f"{own:.2f} s", "its page and the contact sheet (the build is the edited "
                       "rebuild's row)")
        print("seed deck done", flush=True)

        # --- generated decks ---
        from bench_scale import write_deck

        ours, floors, plains, pandocs = {}, {}, {}, {}
        for size in (small, large):
            deck = write_deck(root / f"gen{size}", size)
            repeat = args.repeat if size <= small else max(1, min(args.repeat, 2))
            ours[size] = median_of(repeat, lambda: deckbuilder(deck, root / f"gen{size}.pptx",
                                                             root / "gen-cache"))
            spec, md = export(deck, root / "gen-cache", root / f"gen{size}-export")
            floors[size] = median_of(repeat, lambda: floor(spec, root / f"floor{size}.pptx"))
            plains[size] = median_of(repeat, lambda: floor(spec, root / f"plain{size}.pptx", True))
            if has_pandoc:
                pandocs[size] = median_of(repeat, lambda: pandoc(md, root / f"pandoc{size}.pptx"))
            print(f"{size} slides done", flush=True)
        for size in (small, large):
            table.run(f"{size:,} slides: deckbuilder", ours[size])
        for size in (small, large):
            table.run(f"{size:,} slides: floor script, same slides", floors[size])
        for size in (small, large):
            table.run(f"{size:,} slides: floor script --plain (text only)", plains[size])
        for size in pandocs:
            table.run(f"{size:,} slides: pandoc, equivalent Markdown", pandocs[size])
        span = math.log(large / small)

        def exponent(runs: dict, field: str = "wall") -> float:
            return math.log(getattr(runs[large], field) / getattr(runs[small], field)) / span

        table.line(f"scaling exponent {small}->{large}: deckbuilder",
                   f"{exponent(ours):.2f}", f"target <= 1.1: {verdict(exponent(ours) <= 1.1)} "
                   f"(cpu {exponent(ours, 'cpu'):.2f})")
        table.line(f"scaling exponent {small}->{large}: floor script",
                   f"{exponent(floors):.2f}", f"(cpu {exponent(floors, 'cpu'):.2f})")
        table.line(f"scaling exponent {small}->{large}: plain floor script",
                   f"{exponent(plains):.2f}", f"(cpu {exponent(plains, 'cpu'):.2f})")
        if pandocs:
            table.line(f"scaling exponent {small}->{large}: pandoc", f"{exponent(pandocs):.2f}")
        speedup = floors[large].wall / ours[large].wall
        table.line(f"{large:,} slides: floor script / deckbuilder", f"{speedup:.2f}x",
                   f"target >= 2x: {verdict(speedup >= 2)} "
                   f"(cpu {floors[large].cpu / ours[large].cpu:.2f}x)")
        table.line(f"{large:,} slides: plain floor script / deckbuilder",
                   f"{plains[large].wall / ours[large].wall:.2f}x",
                   f"(cpu {plains[large].cpu / ours[large].cpu:.2f}x)")
        if large in pandocs:
            table.line(f"{large:,} slides: pandoc / deckbuilder",
                       f"{pandocs[large].wall / ours[large].wall:.2f}x")

    # --- the chart engine's rows ---
    if not args.no_charts:
        try:
            import bench_charts
        except ImportError:
            bench_charts = None
        if bench_charts is not None and hasattr(bench_charts, "run"):
            for label, value in bench_charts.run():
                table.line(label, "", value)

    print()
    table.print()
    return 0


def _slide_count(pptx: Path) -> int:
    import re
    import zipfile

    with zipfile.ZipFile(pptx) as package:
        return sum(bool(re.fullmatch(r"ppt/slides/slide\d+\.xml", n)) for n in package.namelist())


if __name__ == "__main__":
    sys.exit(main())
