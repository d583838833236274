"""The deck-review CI recipe (docs/ci/deck-review.yml) works: its shell steps are run, in
order, in a temporary git repository where a pull request changed a data file, with the
deckbuilder under test on PATH and `gh` replaced by a stand-in that keeps the comment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import deckbuilder
from helpers import REPO

RECIPE = REPO / "docs" / "ci" / "deck-review.yml"
NOT_LOCAL = {"install"}  # apt and pip: the machine running the tests has them already

DECK = """\
title: Crossings
slides:
  - kind: title
    title: Crossings
  - kind: chart
    title: Crossings by Year
    chart:
      type: column
      data: ../charts/crossings.csv
      x: year
      series: [{column: crossings, label: Crossings}]
"""
CSV = "year,crossings,source\n2016,410,agency\n2017,300,agency\n"
META = """\
sources:
  agency: {publisher: The Agency, title: Yearly counts}
source_line: "Source: The Agency, {first}–{last}"
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=ci", "-c",
                    "user.email=ci@example.com", *args], check=True, capture_output=True)


def pull_request(tmp_path: Path, new_csv: str) -> Path:
    """A repository whose main holds the deck, checked out on a branch that edits its CSV."""
    repo = tmp_path / "repo"
    (repo / "deck").mkdir(parents=True)
    (repo / "charts").mkdir()
    (repo / "deck" / "crossings.yaml").write_text(DECK, encoding="utf-8")
    (repo / "charts" / "crossings.csv").write_text(CSV, encoding="utf-8")
    (repo / "charts" / "crossings.meta.yaml").write_text(META, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "deck")
    git(repo, "checkout", "-q", "-b", "new-data")
    (repo / "charts" / "crossings.csv").write_text(new_csv, encoding="utf-8")
    git(repo, "commit", "-qam", "new data")
    return repo


def stand_ins(folder: Path) -> Path:
    """``deckbuilder`` (the package under test) and ``gh`` (keeps the comment) on a PATH."""
    folder.mkdir()
    source = Path(deckbuilder.__file__).resolve().parents[1]
    (folder / "deckbuilder").write_text(
        f'#!/bin/sh\nPYTHONPATH="{source}" exec "{sys.executable}" -m deckbuilder "$@"\n')
    (folder / "gh").write_text(
        '#!/bin/sh\necho "$@" > "$GH_RECORD/args"\n'
        'while [ $# -gt 0 ]; do [ "$1" = --body-file ] && cp "$2" "$GH_RECORD/comment.md"; '
        'shift; done\n')
    for tool in ("deckbuilder", "gh"):
        (folder / tool).chmod(0o755)
    return folder


def run_recipe(repo: Path, tmp_path: Path) -> dict[str, str]:
    """Each local `run:` step in order, as GitHub runs them (bash -e; after a failure only
    steps whose `if:` asks for it; `continue-on-error` does not fail the job); returns
    every step's outcome by id, and the job's."""
    job = yaml.safe_load(RECIPE.read_text(encoding="utf-8"))["jobs"]["review"]
    record = tmp_path / "gh"
    record.mkdir()
    env = {**os.environ, **{name: str(value) for name, value in job["env"].items()},
           "DECK": "deck/crossings.yaml", "BASE": "main", "PR": "42", "GH_RECORD": str(record),
           "PATH": f"{stand_ins(tmp_path / 'bin')}{os.pathsep}{os.environ['PATH']}"}
    outcomes: dict[str, str] = {}
    failed = False
    for step in job["steps"]:
        if "run" not in step or step["id"] in NOT_LOCAL:
            continue
        condition = step.get("if")
        if condition is None:
            wanted = not failed
        else:
            other, outcome = _outcome_condition(condition)
            wanted = outcomes.get(other) == outcome
        if not wanted:
            outcomes[step["id"]] = "skipped"
            continue
        done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env,
                              capture_output=True, text=True)
        outcomes[step["id"]] = "success" if done.returncode == 0 else "failure"
        print(step["id"], done.stdout, done.stderr)  # shown when a test fails
        failed = failed or (done.returncode != 0 and not step.get("continue-on-error"))
    outcomes["job"] = "failure" if failed else "success"
    return outcomes


def _outcome_condition(condition: str) -> tuple[str, str]:
    """``steps.X.outcome == 'success'`` -> ("X", "success"); the recipe uses no other kind."""
    left, _, right = condition.partition("==")
    step = left.strip().removeprefix("steps.").removesuffix(".outcome")
    return step, right.strip().strip("'")


needs_tools = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("soffice") is None
    or shutil.which("pdftoppm") is None,
    reason="the recipe needs git, LibreOffice and poppler")


@needs_tools
def test_a_data_change_is_built_checked_linted_and_its_diff_posted(tmp_path):
    repo = pull_request(tmp_path, CSV.replace("2017,300", "2017,320") + "2018,280,agency\n")
    outcomes = run_recipe(repo, tmp_path)
    assert outcomes == {"lint": "success", "diff": "success", "build": "success",
                        "comment": "success", "verdict": "skipped", "job": "success"}
    assert (tmp_path / "gh" / "args").read_text().split()[:3] == ["pr", "comment", "42"]
    comment = (tmp_path / "gh" / "comment.md").read_text(encoding="utf-8")
    assert "`charts/crossings.csv` (content changed)" in comment
    assert "| Crossings | 2017 | 300 | 320 | `charts/crossings.csv:3` | agency |" in comment
    assert "| Crossings | 2018 | — | 280 | `charts/crossings.csv:4` | agency |" in comment
    assert "The Agency, 2016–~~2017~~**2018**" in comment
    assert "0 errors, 0 warnings" in comment
    assert (repo / "build" / "deck.pptx").is_file()
    assert sorted(p.name for p in (repo / "build" / "deck-diff").iterdir()) == ["slide-02.png"]


@needs_tools
def test_an_unsourced_row_fails_the_job_after_posting_the_diff(tmp_path):
    repo = pull_request(tmp_path, CSV + "2018,280,\n")
    outcomes = run_recipe(repo, tmp_path)
    assert outcomes["lint"] == "failure" and outcomes["build"] == "skipped"
    assert outcomes["diff"] == outcomes["comment"] == "success"
    assert outcomes["verdict"] == "failure" and outcomes["job"] == "failure"
    comment = (tmp_path / "gh" / "comment.md").read_text(encoding="utf-8")
    assert "| Crossings | 2018 | — | 280 | `charts/crossings.csv:4` | **none** |" in comment
    assert "charts/crossings.csv:4:1: error: row has no source" in comment
    assert not (repo / "build" / "deck.pptx").exists()
