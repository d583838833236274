"""``- include: FILE`` in a slide list: slides spliced in order, errors and lint findings
located in the included file, the path policy, cycles, and included files as build inputs
(``build --check``, ``watch``)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deckbuilder import freshness
from test_from_data import run, titles
from test_watch import Watcher

DECK = """\
title: Sections
data:
  parts: [One, Two]
slides:
  - kind: title
  - include: sections/intro.yaml
  - repeat: {for: part, in: parts}
    slides:
      - include: sections/part.yaml
  - kind: section
    title: The end
"""
INTRO = """\
- kind: bullets
  title: Introduction
  items: [Why, How]
- include: more.yaml
"""
MORE = "- {kind: section, title: More}\n"
PART = """\
- kind: section
  title: "Part {{ part }}"
"""


def project(folder: Path, **files: str) -> Path:
    """A project with the deck and its sections; ``files`` replace or add files by name
    (``sections__intro`` is ``sections/intro.yaml``)."""
    contents = {"deck.yaml": DECK, "sections/intro.yaml": INTRO, "more.yaml": MORE,
                "sections/part.yaml": PART}
    contents.update({name.replace("__", "/") + ".yaml": text for name, text in files.items()})
    (folder / "deckbuilder.toml").parent.mkdir(parents=True, exist_ok=True)
    (folder / "deckbuilder.toml").write_text("")
    for name, text in contents.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder / "deck.yaml"


def test_included_slides_are_spliced_in_order(tmp_path, capsys):
    deck = project(tmp_path)
    out = tmp_path / "deck.pptx"
    code, _, err = run(capsys, "build", str(deck), "-o", str(out))
    assert code == 0, err
    assert titles(out) == ["Sections", "Introduction", "More", "Part One", "Part Two",
                           "The end"]


def test_an_error_in_an_included_file_is_located_there(tmp_path, capsys):
    deck = project(tmp_path, sections__intro=INTRO.replace("items:", "itemz:"))
    out = tmp_path / "deck.pptx"
    code, _, err = run(capsys, "build", str(deck), "-o", str(out))
    assert code == 1 and not out.exists()
    assert "sections/intro.yaml:3:3: error: unknown field 'itemz'" in err
    assert "(included from " in err and "deck.yaml:6:14)" in err


def test_an_error_in_a_file_included_per_repetition_names_both(tmp_path, capsys):
    deck = project(tmp_path, sections__part=PART.replace("{{ part }}", "{{ part.nope }}"))
    code, _, err = run(capsys, "validate", str(deck))
    assert code == 1
    assert "sections/part.yaml:2:10: error: template error: 'str object' has no attribute " \
           "'nope'" in err
    assert "(in repetition 2 of 'parts' (part=Two), included from " in err


def test_lint_findings_point_into_the_included_file(tmp_path, capsys):
    deck = project(tmp_path, more="- {kind: section, title: Introduction}\n"
                                  "- {kind: bullets, title: Introduction, items: [again]}\n")
    code, out, _ = run(capsys, "lint", str(deck), "--format", "json")
    duplicate = [f for f in json.loads(out)["findings"] if f["rule"] == "title-duplicate"]
    assert [(Path(f["file"]).name, f["line"], f["col"]) for f in duplicate] == \
        [("more.yaml", 2, 26)]  # the title field of the second slide


@pytest.mark.parametrize("files, where, message", [
    ({"more": "- include: sections/intro.yaml\n"}, "more.yaml:1:12",
     "include cycle: sections/intro.yaml -> more.yaml -> sections/intro.yaml"),
    ({"more": "- include: more.yaml\n"}, "more.yaml:1:12", "include cycle: more.yaml -> more.yaml"),
    ({"more": "- include: deck.yaml\n"}, "more.yaml:1:12",
     "include cycle: deck.yaml -> sections/intro.yaml -> more.yaml -> deck.yaml"),
    ({"sections__intro": INTRO.replace("more.yaml", "gone.yaml")}, "sections/intro.yaml:4:12",
     "included file 'gone.yaml' not found"),
    ({"sections__intro": INTRO.replace("more.yaml", "../outside.yaml")},
     "sections/intro.yaml:4:12", "lies outside the project folder"),
    ({"more": "title: not a list\n"}, "more.yaml:1:1", "an included file holds a list of slides"),
    ({"sections__intro": INTRO.replace("- include: more.yaml", "- include: more.yaml\n  when: no")},
     "sections/intro.yaml:5:3", "an include entry has only 'include: FILE', not 'when'"),
])
def test_bad_includes_are_errors_at_the_include(tmp_path, capsys, files, where, message):
    (tmp_path / "outside.yaml").write_text(MORE)
    deck = project(tmp_path / "project", **files)
    out = tmp_path / "deck.pptx"
    code, _, err = run(capsys, "build", str(deck), "-o", str(out))
    assert code == 1 and not out.exists()
    assert f"{where}: error: " in err and message in err, err
    assert "Traceback" not in err


def test_included_files_are_inputs_for_check(tmp_path, capsys):
    deck = project(tmp_path)
    out = tmp_path / "deck.pptx"
    assert run(capsys, "build", str(deck), "-o", str(out))[0] == 0
    roles = {f.name: f.role for f in freshness.read_manifest(out).files}
    assert roles["sections/intro.yaml"] == roles["more.yaml"] == "included file"
    assert roles["sections/part.yaml"] == "included file"
    assert run(capsys, "build", str(deck), "-o", str(out), "--check")[0] == 0
    (tmp_path / "more.yaml").write_text(MORE.replace("More", "Much more"))
    code, _, err = run(capsys, "build", str(deck), "-o", str(out), "--check")
    assert code == 1 and "more.yaml: content changed" in err


def test_watch_rebuilds_when_an_included_file_changes(tmp_path):
    deck = project(tmp_path)
    out = tmp_path / "build" / "deck.pptx"
    watcher = Watcher(deck, out, max_builds=2)
    try:
        watcher.wait_for(lambda: watcher.count("out", r"(?m)^watching ") >= 1 and out.is_file(),
                         "the first build")
        time.sleep(0.5)
        (tmp_path / "more.yaml").write_text(MORE.replace("More", "Much more"))
        watcher.wait_for(lambda: watcher.count("out", r"(?m)^wrote ") == 2,
                         "a rebuild after editing an included file")
        assert "changed: more.yaml" in watcher.text("out")
        watcher.proc.wait(timeout=30)
        assert "Much more" in titles(out)
    finally:
        watcher.stop()


def test_the_schema_describes_include_and_repeat_entries():
    schema = json.loads(subprocess.run([sys.executable, "-m", "deckbuilder.cli", "schema"],
                                       capture_output=True, text=True, check=True).stdout)
    assert schema["properties"]["slides"]["items"] == {"$ref": "#/$defs/SlideEntry"}
    entries = json.dumps(schema["$defs"]["SlideEntry"])
    assert "IncludeEntry" in entries and "RepeatEntry" in entries
    assert "when" in schema["$defs"]["BulletsSlide"]["properties"]
    assert schema["$defs"]["RepeatEntry"]["required"] == ["repeat", "slides"]
    assert "each" in schema["properties"]
