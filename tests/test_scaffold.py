"""``deckbuilder new``: the starter project builds out of the box and never overwrites."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckbuilder.cli import main
from deckbuilder.paths import project_root
from deckbuilder.schema import schema_text

STARTER_FILES = {"deck.yaml", "deck.schema.json", "deckbuilder.toml", "README.md", ".gitignore",
                 "data/visitors.csv", "data/visitors.meta.yaml", "sections/next-steps.yaml"}


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_new_then_build(tmp_path, capsys):
    project = tmp_path / "talk"
    assert main(["new", str(project)]) == 0
    assert "deckbuilder build deck.yaml" in capsys.readouterr().out
    assert files_in(project) == STARTER_FILES

    out = tmp_path / "talk.pptx"
    assert main(["build", str(project / "deck.yaml"), "-o", str(out)]) == 0
    slides = list(Presentation(str(out)).slides)
    assert len(slides) == 8  # with a table from its CSV and a slide from a repeat
    pictures = [s for slide in slides for s in slide.shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures, "the starter's chart slide has no chart picture"


def test_starter_is_its_own_project_root(tmp_path):
    project = tmp_path / "nested" / "talk"
    assert main(["new", str(project)]) == 0
    assert project_root(project / "deck.yaml") == project.resolve()


def test_starter_schema_matches_the_installed_model(tmp_path):
    project = tmp_path / "talk"
    assert main(["new", str(project)]) == 0
    deck = (project / "deck.yaml").read_text(encoding="utf-8")
    assert deck.startswith("# yaml-language-server: $schema=deck.schema.json\n")
    assert (project / "deck.schema.json").read_text(encoding="utf-8") == schema_text()


def test_new_fills_an_existing_empty_folder(tmp_path):
    assert main(["new", str(tmp_path)]) == 0
    assert files_in(tmp_path) == STARTER_FILES


def test_new_refuses_a_non_empty_folder(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert "not empty" in error and "Traceback" not in error
    assert files_in(tmp_path) == {"notes.txt"}
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_new_refuses_a_file(tmp_path, capsys):
    target = tmp_path / "deck.yaml"
    target.write_text("title: mine", encoding="utf-8")
    assert main(["new", str(target)]) == 1
    assert "not a folder" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "title: mine"
