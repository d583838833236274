"""Issue 12, paths, writes and the cache: nothing outside the project is read, replaced or
deleted, a write never lands on a pipe, device, folder or input, and the cache is only ever
an optimisation (a bad entry is redrawn, never embedded, never fatal, never a hang).

Every hostile input is built here in ``tmp_path``; the real CLI (or pipeline) runs on it
under a time limit (and, where a read could grow without end, a memory limit), and an audit
hook records every file the process opens, so "not read" is checked, not assumed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import os
import resource
import shutil
import stat
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from deckbuilder import cache as cache_module
from deckbuilder.charts.cache import ChartCache
from deckbuilder.cli import main
from deckbuilder.layout import text as layout_text
from deckbuilder.layout.widths import Widths
from deckbuilder.pipeline import compile_deck, render_pptx
from helpers import REPO, time_limit
from test_fuzz import examples

GB = 1024 ** 3

# ----- helpers ------------------------------------------------------------------------------

_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], (str, bytes, Path)):
        path = os.fsdecode(args[0])
        nofollow = isinstance(args[2], int) and args[2] & os.O_NOFOLLOW  # a link: refused
        _opened.append(os.path.abspath(path) if nofollow else os.path.realpath(path))


sys.addaudithook(_audit)  # (hooks cannot be removed; it records only inside `opened`)


@contextlib.contextmanager
def opened():
    """Every file opened (by open() or os.open) inside the block, as real paths."""
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


@contextlib.contextmanager
def memory_limit(extra: int = GB):
    """Cap this process's address space at its current size plus ``extra``, so a read
    that never ends raises MemoryError instead of exhausting the machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        size = int(statm.read().split()[0]) * resource.getpagesize()
    limit = size + extra if hard == resource.RLIM_INFINITY else min(size + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def run(capsys, *argv: str) -> tuple[int, str]:
    with time_limit(120):
        code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "internal error" not in captured.err
    return code, captured.err


def png(width: int = 40, height: int = 20, colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


CHART_DECK = """title: T
slides:
  - kind: chart
    title: Trade
    source: "Source: a test"
    chart: {type: column, data: trade.csv, x: year, series: [value]}
"""
SECTION_DECK = "title: T\nslides:\n  - kind: section\n    title: Part one\n"


@pytest.fixture()
def root(tmp_path, monkeypatch) -> Path:
    """A project (with a chart CSV) and its own cache folder; the outside folder next to it
    holds a secret that must never be read."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "deckbuilder.toml").write_text("")
    (project / "trade.csv").write_text("year,value\n2016,1\n2017,2\n2018,3\n")
    (project / "deck.yaml").write_text(CHART_DECK)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("source_line: TOP SECRET 123\n")
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DECKBUILDER_CHART_WORKERS", "1")  # no pool under the memory limit
    monkeypatch.chdir(project)
    return project


def outside(root: Path) -> Path:
    return root.parent / "outside"


def assert_outside_unread(paths: list[str], root: Path) -> None:
    leaked = [p for p in paths if Path(p).is_relative_to(outside(root).resolve())
              or p.startswith("/dev/")]
    assert leaked == [], f"read outside the project: {leaked}"


def theme_folder(root: Path) -> Path:
    folder = root / "themes" / "t"
    folder.mkdir(parents=True)
    shutil.copy(REPO / "themes" / "default" / "theme.yaml", folder / "theme.yaml")
    (root / "deck.yaml").write_text(SECTION_DECK + "theme: t\n")
    return folder


# ----- reading: the path rule everywhere -------------------------------------------------

def _make_loop(root: Path, where: str) -> None:
    """Make the file ``where`` names a link to itself (and the deck read it)."""
    deck = root / "deck.yaml"
    image_deck = "title: T\nslides:\n  - kind: image\n    title: I\n    image: loop.png\n    alt: A\n"
    name = {"deck": "deck.yaml", "data": "loop.csv", "chart data": "loop.csv",
            "chart metadata": "trade.meta.yaml", "image": "loop.png", "template": "t.pptx",
            "theme template": "themes/t/t.pptx"}[where]
    if where == "deck":
        deck.unlink()
    elif where == "data":
        deck.write_text("title: T\ndata:\n  rows: {file: loop.csv}\n" + SECTION_DECK[9:])
    elif where == "chart data":
        deck.write_text(CHART_DECK.replace("trade.csv", "loop.csv"))
    elif where == "image":
        deck.write_text(image_deck)
    elif where == "template":
        deck.write_text(SECTION_DECK + "template: t.pptx\n")
    elif where == "theme template":
        theme = theme_folder(root) / "theme.yaml"
        theme.write_text(theme.read_text() + "template: t.pptx\n")
    (root / name).symlink_to(Path(name).name)


LOOPS = ["deck", "data", "chart data", "chart metadata", "image", "template", "theme template"]


@pytest.mark.parametrize("where", LOOPS)
def test_a_loop_of_links_is_a_clear_error_not_a_crash(root, capsys, where):
    _make_loop(root, where)
    code, err = run(capsys, "build", root / "deck.yaml", "-o", root / "out.pptx")
    assert code == 1 and "loop of symbolic links" in err, err
    assert not (root / "out.pptx").exists()


@pytest.mark.parametrize("how", ["link out", "named pipe"])
def test_a_provenance_file_gets_the_path_rule(root, capsys, how):
    meta = root / "trade.meta.yaml"
    if how == "link out":
        meta.symlink_to(outside(root) / "secret.txt")
    else:
        os.mkfifo(meta)
    with opened() as files:
        code, err = run(capsys, "build", root / "deck.yaml", "-o", root / "out.pptx")
    assert code == 1 and "chart metadata file 'trade.meta.yaml'" in err
    assert ("lies outside the project folder" if how == "link out" else "named pipe") in err
    assert not (root / "out.pptx").exists()
    assert_outside_unread(files, root)
    if how == "link out":  # the explicit opt-in still works
        assert run(capsys, "build", root / "deck.yaml", "-o", root / "out.pptx",
                   "--allow-outside")[0] == 0


@pytest.mark.parametrize("how", ["link out", "folder linked out", "named pipe", "oversized"])
def test_every_file_of_a_theme_folder_gets_the_path_rule(root, capsys, how):
    folder = theme_folder(root)
    if how == "link out":
        (folder / "notes.txt").symlink_to(outside(root) / "secret.txt")
    elif how == "folder linked out":
        folder.rename(outside(root) / "t")
        folder.symlink_to(outside(root) / "t")
    elif how == "named pipe":
        os.mkfifo(folder / "pipe")
    else:
        with open(folder / "huge.bin", "wb") as huge:  # sparse: takes no disk space
            huge.truncate(3 * GB)
    with opened() as files, memory_limit():
        code, err = run(capsys, "build", root / "deck.yaml", "-o", root / "out.pptx")
    assert code == 1 and "theme file" in err
    assert {"link out": "lies outside the project folder", "folder linked out": "lies outside",
            "named pipe": "named pipe", "oversized": "-byte limit"}[how] in err
    assert not (root / "out.pptx").exists()
    if how != "folder linked out":  # (its theme.yaml is read to find the theme; no more)
        assert_outside_unread(files, root)
    assert not any(path.endswith("huge.bin") for path in files)


def test_template_inspect_does_not_open_a_pipe(root, capsys):
    os.mkfifo(root / "t.pptx")
    code, err = run(capsys, "template", "inspect", root / "t.pptx")
    assert code == 1 and "which is a named pipe, not a file" in err


def _forge_manifest(output: Path, extra: list[tuple[str, str | None]]) -> None:
    """Add ``(path, sha256)`` entries to the inputs manifest of a built deck."""
    from deckbuilder.freshness import NAMESPACE

    with zipfile.ZipFile(output) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    name = next(n for n, data in parts.items() if NAMESPACE.encode() in data
                and n.startswith("customXml/item"))
    entries = "".join(f'<file path={quoteattr(path)} role="theme"' +
                      (f' sha256="{digest}"/>' if digest else ' present="false"/>')
                      for path, digest in extra)
    parts[name] = parts[name].replace(b"</inputs>", entries.encode() + b"</inputs>")
    with zipfile.ZipFile(output, "w") as package:
        for part, data in parts.items():
            package.writestr(part, data)


def test_check_does_not_trust_the_paths_a_built_file_names(root, capsys):
    deck, out = root / "deck.yaml", root / "out.pptx"
    deck.write_text(SECTION_DECK)
    assert run(capsys, "build", deck, "-o", out)[0] == 0
    secret = outside(root) / "secret.txt"
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    os.mkfifo(outside(root) / "pipe")
    _forge_manifest(out, [("../outside/secret.txt", digest), (str(secret), digest),
                          ("<deckbuilder>/themes/../../../../../../../../dev/zero", None),
                          (str(outside(root) / "pipe"), None), ("/dev/zero", None)])
    with opened() as files, memory_limit():
        code, err = run(capsys, "build", deck, "-o", out, "--check")
    assert code == 1
    for name in ("../outside/secret.txt", str(secret), "/dev/zero"):
        assert f"{name}: lies outside the project folder, so it was not read" in err
    assert_outside_unread(files, root)
    with memory_limit():  # allowed outside, a device or pipe is still never read
        code, err = run(capsys, "build", deck, "-o", out, "--check", "--allow-outside")
    assert code == 1 and "/dev/zero: is a device, not a regular file" in err
    assert f"{outside(root) / 'pipe'}: is a named pipe, not a regular file" in err


# ----- writing: one check for every command -----------------------------------------------

def _special(root: Path, kind: str) -> Path:
    target = root / f"target-{kind.replace(' ', '-')}"
    if kind == "named pipe":
        os.mkfifo(target)
    elif kind == "device":
        try:
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # like /dev/null
        except PermissionError:
            pytest.skip("making a device node needs root")
    else:
        (root / "real.txt").write_text("keep me")
        target.symlink_to("real.txt")
    return target


def _still(target: Path, kind: str) -> bool:
    mode = os.lstat(target).st_mode
    return {"named pipe": stat.S_ISFIFO, "device": stat.S_ISCHR,
            "symbolic link": stat.S_ISLNK}[kind](mode)


WRITERS = {
    "build": ["build", "deck.yaml", "-o"],
    "watch": ["watch", "deck.yaml", "--max-builds", "1", "-o"],
    "outline": ["outline", "deck.yaml", "-o"],
    "schema": ["schema", "-o"],
}


@pytest.mark.parametrize("command", WRITERS)
@pytest.mark.parametrize("kind", ["named pipe", "device", "symbolic link"])
def test_no_command_writes_over_a_pipe_device_or_link(root, capsys, command, kind):
    (root / "deck.yaml").write_text(SECTION_DECK)
    target = _special(root, kind)
    code, err = run(capsys, *WRITERS[command], target)
    assert code == 1 and f"{target.name}: error: is {'a ' + kind}, not a regular file" in err
    assert _still(target, kind)
    if kind == "symbolic link":
        assert (root / "real.txt").read_text() == "keep me"


@pytest.mark.parametrize("command, example", [("build", "deck.pptx"), ("outline", "deck.md"),
                                              ("schema", "deck.schema.json")])
def test_an_output_that_is_a_folder_says_so(root, capsys, command, example):
    (root / "deck.yaml").write_text(SECTION_DECK)
    code, err = run(capsys, *WRITERS[command], ".")
    assert code == 1 and "busy" not in err
    assert err.strip() == f".: error: is a folder, not a file; name a file in it, e.g. -o ./{example}"


def test_outline_never_overwrites_an_input(root, capsys):
    deck = root / "deck.yaml"
    deck.write_text("title: T\ndata:\n  rows: trade.csv\n" + SECTION_DECK[9:])
    before = {path: path.read_bytes() for path in (deck, root / "trade.csv")}
    for target in before:
        code, err = run(capsys, "outline", deck, "-o", target)
        assert code == 1 and "would overwrite an input" in err
    assert before == {path: path.read_bytes() for path in before}


def _fake_preview_tools(root: Path, monkeypatch) -> None:
    """LibreOffice and pdftoppm stand-ins: a PDF and one page image, quickly."""
    from deckbuilder import preview

    page = root.parent / "page.png"
    page.write_bytes(png(1280, 720, "white"))
    soffice, pdftoppm = root.parent / "soffice", root.parent / "pdftoppm"
    soffice.write_text('#!/bin/sh\ncase " $* " in *" --convert-to "*) ;; *) exit 0;; esac\n'
                       'while [ $# -gt 1 ]; do [ "$1" = --outdir ] && out=$2; shift; '
                       'done\nprintf %%PDF > "$out/$(basename "$1" .pptx).pdf"\n')
    pdftoppm.write_text(f'#!/bin/sh\ncp {page} "$5-1.png"\n')
    for tool in (soffice, pdftoppm):
        tool.chmod(0o755)
    monkeypatch.setattr(preview, "find_tools", lambda: preview.Tools(str(soffice), str(pdftoppm)))


@pytest.mark.parametrize("case", ["its image is a slide page", "contact sheet is a pipe"])
def test_preview_never_replaces_an_input_or_writes_into_a_pipe(root, capsys, monkeypatch, case):
    _fake_preview_tools(root, monkeypatch)
    image = root / "slide-01.png"
    image.write_bytes(png())
    (root / "deck.yaml").write_text("title: T\nslides:\n  - kind: image\n    title: I\n"
                                    "    image: slide-01.png\n    alt: A red box\n")
    if case == "contact sheet is a pipe":
        image.rename(root / "photo.png")
        (root / "deck.yaml").write_text((root / "deck.yaml").read_text().replace(
            "slide-01.png", "photo.png"))
        os.mkfifo(root / "contact-sheet.png")
    code, err = run(capsys, "preview", "deck.yaml", "-o", ".")
    assert code == 1
    if case == "contact sheet is a pipe":
        assert "contact-sheet.png: error: is a named pipe" in err
        assert stat.S_ISFIFO(os.lstat(root / "contact-sheet.png").st_mode)
    else:
        assert "slide-01.png: error: the output would overwrite an input" in err
        assert image.read_bytes() == png()
    assert not (root / "deck.pptx").exists()


# ----- the cache: never trusted, never followed out ---------------------------------------

def _build(root: Path):
    compiled = compile_deck(root / "deck.yaml")
    return render_pptx(compiled), compiled.chart_stats


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "charts").rglob("*") if p.is_file())


@pytest.mark.parametrize("link", ["charts", "widths", "charts/XX", ".deckbuilder-cache"])
def test_the_cache_is_never_read_written_or_pruned_through_a_link(root, monkeypatch, link):
    cache = root.parent / "cache"
    _build(root)
    (cache / ".pruned").unlink()  # due for a scan
    if link == ".deckbuilder-cache":  # the project's own folder, as a clone may ship it
        monkeypatch.delenv("DECKBUILDER_CACHE_DIR")
        linked = root / ".deckbuilder-cache"
    elif link == "charts/XX":
        linked = _entries(cache)[0].parent
    else:
        linked = cache / link
    victims = outside(root) / "victims"
    for name in ("charts", "widths", ""):  # wherever the link would lead pruning
        (victims / name).mkdir(parents=True, exist_ok=True)
        victim = victims / name / "old-file.png"
        victim.write_bytes(png())
        os.utime(victim, (time.time() - 100 * 86_400,) * 2)
    before = sorted(victims.rglob("*"))
    shutil.rmtree(linked, ignore_errors=True)
    linked.symlink_to(victims, target_is_directory=True)
    with opened() as files:
        _data, stats = _build(root)
    assert stats.rendered == (0 if link == "widths" else 1)  # nothing came from the link...
    assert sorted(victims.rglob("*")) == before  # ... and nothing was written or deleted there
    assert not [path for path in files if Path(path).is_relative_to(victims)]


def _bad_entry(entry: Path, root: Path, kind: str) -> None:
    good = entry.read_bytes()
    entry.unlink()
    if kind == "another picture":  # what a cloned repository could ship
        entry.write_bytes(png(300, 200, "blue"))
    elif kind == "truncated":
        entry.write_bytes(good[:len(good) // 2])
    elif kind == "named pipe":
        os.mkfifo(entry)
    elif kind == "link to /dev/zero":
        entry.symlink_to("/dev/zero")
    elif kind == "link to a picture outside":
        (outside(root) / "x.png").write_bytes(png(300, 200, "green"))
        entry.symlink_to(outside(root) / "x.png")
    else:  # oversized: the real picture, then 40 MB more
        with open(entry, "wb") as handle:
            handle.write(png(300, 200, "blue"))
            handle.truncate(40 * 1024 * 1024)


@pytest.mark.parametrize("kind", ["another picture", "truncated", "named pipe", "link to /dev/zero",
                                  "link to a picture outside", "oversized"])
def test_a_bad_chart_entry_is_redrawn_never_embedded(root, kind):
    reference, _ = _build(root)
    [entry] = _entries(root.parent / "cache")
    _bad_entry(entry, root, kind)
    with opened() as files, memory_limit(), time_limit(60):
        data, stats = _build(root)
    assert stats.rendered == 1 and data == reference  # byte for byte a clean build
    assert_outside_unread(files, root)
    if kind in ("another picture", "truncated", "oversized"):  # replaced by a good entry
        assert ChartCache(root.parent / "cache").get(entry.stem) is not None


def test_a_cache_from_another_machine_is_not_trusted(root, monkeypatch):
    """A project may ship its .deckbuilder-cache: entries signed with another machine's
    key (here: another user cache folder) are drawn again."""
    monkeypatch.delenv("DECKBUILDER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(root.parent / "their-home"))
    _build(root)
    assert (root.parent / "their-home" / "deckbuilder").is_dir()
    assert not [p for p in root.rglob("*key*")]  # the key is never in the project
    monkeypatch.setenv("XDG_CACHE_HOME", str(root.parent / "my-home"))
    _data, stats = _build(root)
    assert stats.rendered == 1
    _data, stats = _build(root)  # and, now signed here, it is reused
    assert stats.rendered == 0


def _fresh_widths(monkeypatch) -> Widths:
    widths = Widths(layout_text._measuring_fingerprint)
    monkeypatch.setattr(layout_text, "WIDTHS", widths)
    monkeypatch.setattr("deckbuilder.pipeline.WIDTHS", widths)
    return widths


BAD_WIDTHS = [math.nan, math.inf, -math.inf, -5.0, True, "12"]  # (other shapes: the fuzzer)


@pytest.mark.parametrize("bad", BAD_WIDTHS, ids=repr)
def test_a_bad_widths_entry_is_measured_again(root, monkeypatch, bad):
    cache = root.parent / "cache"
    (root / "deck.yaml").write_text(SECTION_DECK)
    widths = _fresh_widths(monkeypatch)
    reference = compile_deck(root / "deck.yaml").presentation
    rows = [[font, text, bad] for font, text in widths._known]
    stored = json.dumps(rows).encode()  # NaN and Infinity as Python's json writes them
    writers = [lambda path: path.write_bytes(stored)]  # as a cloned project could ship it
    if hasattr(cache_module, "write_entry"):  # and signed, as if this machine wrote it
        writers.append(lambda path: cache_module.write_entry(path, stored, 10 ** 6))
    for write in writers:
        widths = _fresh_widths(monkeypatch)
        write(widths.file(cache))
        bad = widths.file(cache).read_bytes()
        assert compile_deck(root / "deck.yaml").presentation == reference
        assert widths.file(cache).read_bytes() != bad  # measured again and rewritten


# ----- fuzzing the cache -------------------------------------------------------------------

JUNK = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8) |
                    st.floats(allow_nan=True, allow_infinity=True),
                    lambda inner: st.lists(inner, max_size=4) |
                    st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=20)
CONTENT = st.one_of(
    st.binary(max_size=200),
    st.builds(lambda rows: json.dumps(rows).encode(), st.lists(JUNK, max_size=6)),
    st.builds(lambda rows: json.dumps(rows).encode(),
              st.lists(st.tuples(st.text(max_size=5), st.text(max_size=5),
                                 st.floats(allow_nan=True, allow_infinity=True)), max_size=6)),
    st.builds(lambda cut, w: png(w, 3)[:cut], st.integers(0, 200), st.integers(1, 50)),
)
FILE_KINDS = st.sampled_from(["file", "file", "file", "fifo", "dev-zero", "loop", "folder",
                              "huge", "link to file"])


@examples(0.05, minimum=20)
@given(content=CONTENT, signed=st.booleans(), kind=FILE_KINDS)
def test_fuzz_cache_entries(content, signed, kind):
    """Whatever sits at an entry's path: no exception, no hang, bounded memory; a chart is
    only ever a PNG this machine signed for that key, a width only a finite number >= 0."""
    key = hashlib.sha256(content).hexdigest()
    with tempfile.TemporaryDirectory() as scratch, time_limit(30), memory_limit():
        folder = Path(scratch)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("DECKBUILDER_CACHE_DIR", scratch)
            charts = ChartCache(folder)
            widths = Widths(lambda: "fuzz")
            for path in (charts.path(key), widths.file(folder)):
                path.parent.mkdir(parents=True, exist_ok=True)
                payload = (cache_module._tag(path.name, content) if signed else b"") + content
                if kind in ("file", "huge", "link to file"):
                    target = path if kind != "link to file" else folder / "elsewhere"
                    target.write_bytes(payload)
                    if kind == "huge":
                        os.truncate(path, 40 * 1024 * 1024)
                    if kind == "link to file":
                        path.symlink_to(target)
                elif kind == "fifo":
                    os.mkfifo(path)
                elif kind == "dev-zero":
                    path.symlink_to("/dev/zero")
                elif kind == "loop":
                    path.symlink_to(path.name)
                else:
                    path.mkdir()
            png_data = charts.get(key)
            widths.load(folder)
    if png_data is not None:
        assert signed and kind == "file" and png_data == content
        assert content.startswith(b"\x89PNG")
    for value in widths._known.values():
        assert type(value) is float and math.isfinite(value) and value >= 0
    if widths._known:
        assert signed and kind == "file"
