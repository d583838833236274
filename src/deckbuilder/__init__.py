"""deckbuilder: compile a YAML deck definition into a themed PowerPoint file."""

__version__ = "0.1.0"
