"""The project cache stays bounded: entries a build uses are touched, entries no build has
used for KEEP_DAYS days are deleted, and the folder is scanned at most once a day."""

from __future__ import annotations

import os
import time

from deckbuilder.cache import DAY, KEEP_DAYS, PRUNED_STAMP, prune
from deckbuilder.pipeline import compile_deck, render_pptx
from test_charts import make_project


def age(path, days: float) -> None:
    then = time.time() - days * DAY
    os.utime(path, (then, then))


def test_builds_keep_what_they_use_and_drop_what_nobody_used_for_a_month(tmp_path,
                                                                           monkeypatch):
    project = make_project(tmp_path, monkeypatch)
    cache = tmp_path / "cache"
    render_pptx(compile_deck(project / "deck.yaml"))
    used = sorted(cache.rglob("*.chart")) + sorted((cache / "widths").glob("*.widths"))
    assert len(used) >= 4
    orphan = cache / "charts" / "ab" / ("ab" + "0" * 62 + ".png")
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"a chart the deck no longer has")
    leftover = cache / "charts" / "ab" / ".killed.tmp"
    leftover.write_bytes(b"half")
    for path in used + [orphan, leftover]:
        age(path, KEEP_DAYS + 5)
    age(cache / PRUNED_STAMP, 2)  # last scanned two days ago

    compiled = compile_deck(project / "deck.yaml")
    render_pptx(compiled)
    assert compiled.chart_stats.rendered == 0  # every chart came from the cache ...
    assert all(path.exists() for path in used)  # ... and what it used is kept
    assert not orphan.exists() and not leftover.exists()


def test_pruning_never_touches_files_outside_its_own_subfolders(tmp_path, monkeypatch):
    """DECKBUILDER_CACHE_DIR may point at a folder other programs use too."""
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", monkeypatch)
    shared = tmp_path / "shared-cache"
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(shared))
    theirs = [shared / "notes.txt", shared / "other-tool" / "data.bin"]
    for path in theirs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"not deckbuilder's")
        age(path, KEEP_DAYS * 10)
    render_pptx(compile_deck(project / "deck.yaml"))
    assert (shared / PRUNED_STAMP).exists()  # it did scan
    assert all(path.exists() for path in theirs)


def test_the_folder_is_scanned_at_most_once_a_day(tmp_path):
    old = tmp_path / "charts" / "cd" / "old.png"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"x")
    age(old, KEEP_DAYS + 1)
    (tmp_path / PRUNED_STAMP).write_bytes(b"")  # scanned just now
    assert prune(tmp_path) == 0 and old.exists()
    assert prune(tmp_path, now=time.time() + DAY + 60) == 1 and not old.exists()
    assert prune(tmp_path / "no-cache-yet") == 0


def test_cache_files_are_readable_by_whoever_may_read_the_project(tmp_path, monkeypatch):
    """Cache entries get the usual mode for new files (a CI cache shared between users),
    not the owner-only mode of a bare temporary file."""
    project = make_project(tmp_path, monkeypatch)
    render_pptx(compile_deck(project / "deck.yaml"))
    umask = os.umask(0)
    os.umask(umask)
    cache = tmp_path / "cache"
    files = list(cache.rglob("*.chart")) + list(cache.rglob("*.widths"))
    assert files and {path.stat().st_mode & 0o777 for path in files} == {0o666 & ~umask}


def test_the_matplotlib_version_in_chart_keys_is_the_installed_one():
    """Read from matplotlib's own files without importing it: the same version its
    metadata and ``matplotlib.__version__`` give, so keys change when matplotlib does."""
    from importlib.metadata import version

    import matplotlib

    from deckbuilder.charts.job import matplotlib_version

    assert matplotlib_version() == version("matplotlib") == matplotlib.__version__
