"""A slide may name its own layout (``layout:``), on the theme's template or a deck's own,
checked as ``layouts:`` entries are: by name, or ``{layout, master}``; an unknown name or a
layout without a title placeholder is an error at the slide's line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from deckbuilder.cli import main


def write(folder: Path, body: str, template: bool = False) -> Path:
    (folder / "deckbuilder.toml").write_text("")
    if template:  # python-pptx's default: PowerPoint's own layout names, one master
        Presentation().save(folder / "plain.pptx")
    deck = folder / "deck.yaml"
    deck.write_text(("template: plain.pptx\n" if template else "") + "title: T\nslides:\n"
                    + body, encoding="utf-8")
    return deck


BODY = """\
  - kind: bullets
    title: As mapped
    items: [one]
  - kind: bullets
    title: On its own layout
    layout: {own}
    items: [two]
  - kind: bullets
    title: As mapped again
    items: [three]
"""


@pytest.mark.parametrize("template, own", [
    (False, "Title Only"), (False, "Two Content"),
    (True, "Title Only"), (True, "{layout: Title Only, master: 1}")])
def test_one_slide_on_its_own_layout(tmp_path, template, own):
    deck = write(tmp_path, BODY.format(own=own), template)
    out = tmp_path / "out.pptx"
    assert main(["build", str(deck), "-o", str(out)]) == 0
    slides = list(Presentation(str(out)).slides)
    names = [slide.slide_layout.name for slide in slides]
    expected = own if "{" not in own else "Title Only"
    assert names[1] == expected
    assert names[0] == names[2] != expected       # the others stay on their kind's layout
    assert slides[1].shapes.title.text == "On its own layout"
    body = [s for s in slides[1].shapes if s.has_text_frame and s.text_frame.text == "two"]
    assert body, "the slide's text is on it"
    title = slides[1].shapes.title
    assert all(s.top >= title.top + title.height for s in body)


@pytest.mark.parametrize("own, message", [
    ("Title Onyl", "has no layout 'Title Onyl' (did you mean 'Title Only'?)"),
    ("Blank", "layout 'Blank' has no title placeholder"),
    ("{layout: Title Only, master: 3}", "has 1 slide master; 'master' is 1 to 1")])
def test_a_wrong_layout_is_an_error_at_its_line(tmp_path, capsys, own, message):
    deck = write(tmp_path, BODY.format(own=own), template=True)
    out = tmp_path / "out.pptx"
    assert main(["build", str(deck), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    line = next(i for i, text in enumerate(deck.read_text().splitlines(), 1)
                if "layout:" in text)
    assert f"deck.yaml:{line}:" in err and message in err, err
    assert "Traceback" not in err and not out.exists()
