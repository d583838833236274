"""The build pipeline: load → data → template → validate → theme → assets → layout → render.

Each function here is one stage call; ``cli`` wires commands to these and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .assets import resolve_assets
from .data import load_data
from .errors import DeckError, SourcePos
from .ir import Presentation
from .layout import layout_deck
from .load import SourceTree, load_yaml
from .model import Deck, validate_deck
from .paths import PathPolicy
from .templating import render_tree
from .theme import Theme, load_theme


@dataclass
class Compiled:
    """Everything known about a deck after validation (and, optionally, layout)."""

    deck: Deck
    tree: SourceTree
    theme: Theme
    policy: PathPolicy
    assets: dict[int, Any]
    presentation: Presentation | None = None


def load_deck(path: Path, allow_outside: bool = False) -> tuple[Deck, SourceTree, PathPolicy]:
    """Read, template and validate a deck file."""
    policy = PathPolicy.for_deck(path, allow_outside)
    tree = load_yaml(path)
    if not isinstance(tree.data, dict):
        raise DeckError.at(tree.pos(()), "a deck is a mapping with 'title' and 'slides'; "
                                         "see docs/format.md")
    context = load_data(tree, policy)
    rendered = render_tree(tree, context)
    return validate_deck(rendered, tree), tree, policy


def compile_deck(path: Path, theme_name: str | None = None, allow_outside: bool = False,
                 layout: bool = True) -> Compiled:
    """Validate a deck, resolve its theme and assets, and lay it out."""
    deck, tree, policy = load_deck(path, allow_outside)
    theme_pos = tree.pos(("theme",)) if theme_name is None else SourcePos("--theme", 1, 1)
    theme = load_theme(theme_name or deck.theme, policy.root, theme_pos)
    assets = resolve_assets(deck, tree, policy)
    compiled = Compiled(deck, tree, theme, policy, assets)
    if layout:
        compiled.presentation = layout_deck(deck, theme, tree, assets)
    return compiled


def render_pptx(compiled: Compiled) -> bytes:
    from .charts.render import render_png
    from .render.pptx import render

    assert compiled.presentation is not None
    return render(compiled.presentation, lambda box: render_png(box, compiled.theme))
