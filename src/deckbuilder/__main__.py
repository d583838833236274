"""``python -m deckbuilder``: the deckbuilder command."""

from .cli import entry

entry()
