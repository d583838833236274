"""Session fixtures: each deck the end-to-end tests read is built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from deckbuilder.cli import main
from helpers import ALL_KINDS, FIXTURES, SEED_DECK


def build(deck: Path, out: Path, *options: str) -> Path:
    """Build ``deck`` through the real CLI entry point; fail loudly if it does not succeed."""
    code = main(["build", str(deck), "-o", str(out), *options])
    assert code == 0, f"building {deck} failed with exit code {code}"
    assert out.is_file() and out.stat().st_size > 0
    return out


@pytest.fixture(scope="session", autouse=True)
def chart_cache(tmp_path_factory):
    """A fresh chart cache per session: tests never read (or fill) the project's cache."""
    folder = tmp_path_factory.mktemp("chart-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DECKBUILDER_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def seed_pptx(tmp_path_factory) -> Path:
    return build(SEED_DECK, tmp_path_factory.mktemp("seed") / "us-mexico-partnership.pptx")


@pytest.fixture(scope="session")
def seed_prs(seed_pptx):
    return Presentation(str(seed_pptx))


@pytest.fixture(scope="session")
def all_kinds_pptx(tmp_path_factory) -> Path:
    return build(ALL_KINDS, tmp_path_factory.mktemp("all-kinds") / "all-kinds.pptx")


@pytest.fixture(scope="session")
def all_kinds_4x3_pptx(tmp_path_factory) -> Path:
    """The fixture deck at 4:3 with the dark theme: narrower slides, other type sizes."""
    folder = tmp_path_factory.mktemp("all-kinds-4x3")
    text = ALL_KINDS.read_text(encoding="utf-8")
    assert 'size: "16:9"' in text
    (folder / "all-kinds.yaml").write_text(text.replace('size: "16:9"', 'size: "4:3"'),
                                          encoding="utf-8")
    shutil.copy(FIXTURES / "photo.png", folder / "photo.png")
    return build(folder / "all-kinds.yaml", folder / "all-kinds-4x3.pptx", "--theme", "dark")


@pytest.fixture(scope="session")
def all_kinds_prs(all_kinds_pptx):
    return Presentation(str(all_kinds_pptx))
