"""Shipped themes: each builds the seed deck, reads well, is listed by `deckbuilder themes`,
and can carry a template of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from conftest import build
from deckbuilder.charts.style import chart_style
from deckbuilder.cli import main
from deckbuilder.errors import SourcePos
from deckbuilder.colors import ratio
from deckbuilder.pipeline import compile_deck
from deckbuilder.theme import available_themes, load_theme, shipped_themes_dirs
from helpers import FIXTURES, SEED_DECK

PPTX_DEFAULT = Path(__import__("pptx").__file__).parent / "templates" / "default.pptx"
SHIPPED_DIR = shipped_themes_dirs()[0]
SHIPPED = sorted(name for name, path in available_themes(None).items()
                 if any(path.is_relative_to(d) for d in shipped_themes_dirs()))


def test_at_least_a_light_and_a_dark_theme_ship():
    assert {"default", "dark"} <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_seed_deck_builds_with_every_shipped_theme(name, tmp_path, seed_prs):
    prs = Presentation(str(build(SEED_DECK, tmp_path / f"seed-{name}.pptx", "--theme", name)))
    assert len(prs.slides) == len(seed_prs.slides)
    assert [s.shapes.title.text_frame.text for s in prs.slides] == \
        [s.shapes.title.text_frame.text for s in seed_prs.slides]


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_theme_colours_pass_wcag_aa(name):
    colors = load_theme(name, None, SourcePos("test")).colors
    for text in (colors.text, colors.title, colors.muted, colors.accent):
        assert ratio(text, colors.background) >= 4.5, (name, text)
    assert ratio(colors.on_primary, colors.primary) >= 4.5
    assert ratio(colors.text, colors.surface) >= 4.5


@pytest.mark.parametrize("name", SHIPPED)
def test_section_slides_stand_out_from_content_slides(name):
    """A section slide is a full-bleed primary colour: it must not look like a content slide."""
    colors = load_theme(name, None, SourcePos("test")).colors
    assert ratio(colors.primary, colors.background) >= 1.3


def test_theme_on_the_command_line_overrides_the_deck():
    compiled = compile_deck(SEED_DECK, "dark", layout=False)
    assert compiled.theme.name == "dark"
    assert chart_style(compiled.theme).background == compiled.theme.colors.background


def test_themes_command_lists_each_theme_with_its_description(capsys):
    assert main(["themes"]) == 0
    out = capsys.readouterr().out
    for name in SHIPPED:
        description = load_theme(name, None, SourcePos("test")).description
        assert any(line.startswith(name) and description in line for line in out.splitlines())


def test_themes_command_lists_a_projects_own_themes(tmp_path, monkeypatch, capsys):
    (tmp_path / "deckbuilder.toml").write_text("", encoding="utf-8")
    folder = tmp_path / "themes" / "briefing"
    folder.mkdir(parents=True)
    text = (SHIPPED_DIR / "default" / "theme.yaml").read_text(encoding="utf-8")
    (folder / "theme.yaml").write_text(text.replace(
        "description: Light policy briefing", "description: Our own briefing"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["themes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("briefing") and "Our own briefing" in line and "(project)" in line
               for line in lines)
    assert any(line.startswith("default") and "(shipped)" in line for line in lines)


@pytest.fixture()
def theme_with_template(tmp_path) -> Path:
    """A project whose theme carries python-pptx's default template and a layouts mapping."""
    (tmp_path / "deckbuilder.toml").write_text("", encoding="utf-8")
    folder = tmp_path / "themes" / "corporate"
    folder.mkdir(parents=True)
    shutil.copy(PPTX_DEFAULT, folder / "template.pptx")
    text = (SHIPPED_DIR / "default" / "theme.yaml").read_text(encoding="utf-8")
    (folder / "theme.yaml").write_text(
        text.replace("description: Light policy briefing", "description: Corporate template")
        + "template: template.pptx\nlayouts:\n  stat: Title and Content\n", encoding="utf-8")
    deck = tmp_path / "deck.yaml"
    deck.write_text((FIXTURES / "on-template.yaml").read_text(encoding="utf-8")
                    .replace("template: template.pptx\n", "theme: corporate\n"),
                    encoding="utf-8")
    shutil.copy(FIXTURES / "photo.png", tmp_path / "photo.png")
    return deck


def test_a_theme_can_carry_a_template_and_a_layout_mapping(theme_with_template, tmp_path):
    prs = Presentation(str(build(theme_with_template, tmp_path / "out.pptx")))
    names = [slide.slide_layout.name for slide in prs.slides]
    assert names[:4] == ["Title Slide", "Section Header", "Title and Content", "Two Content"]
    assert names[5] == "Title and Content"          # stat, mapped by the theme
    assert names[4] == "Title Only"                 # quote, by default
    assert prs.slide_width == Emu(9144000)          # the template's 4:3 size, not the deck's


def test_a_decks_layouts_override_its_themes(theme_with_template, tmp_path):
    text = theme_with_template.read_text(encoding="utf-8")
    theme_with_template.write_text(text.replace("theme: corporate\n",
                                                "theme: corporate\nlayouts:\n  stat: Title Only\n"),
                                   encoding="utf-8")
    prs = Presentation(str(build(theme_with_template, tmp_path / "out.pptx")))
    assert prs.slides[5].slide_layout.name == "Title Only"


def test_a_themes_missing_template_is_reported_in_theme_yaml(theme_with_template, capsys):
    (theme_with_template.parent / "themes" / "corporate" / "template.pptx").unlink()
    out = theme_with_template.parent / "out.pptx"
    assert main(["build", str(theme_with_template), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    theme_file = theme_with_template.parent / "themes" / "corporate" / "theme.yaml"
    line = theme_file.read_text(encoding="utf-8").splitlines().index("template: template.pptx") + 1
    assert f"theme.yaml:{line}:11: error: template 'template.pptx' not found" in err
    assert not out.exists()
