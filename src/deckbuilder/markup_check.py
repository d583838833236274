"""Inline markup checked where it was written, before anything is laid out.

Every text a slide shows is parsed once here (the parse is remembered, so layout's second
look costs nothing) and its problems are reported at the YAML position of the field: an
error stops the build, a warning (markup shown as written) goes to lint as ``markup``.
"""

from __future__ import annotations

from typing import Any, Iterator

from pydantic import BaseModel

from .charts.spec import ChartSpec
from .errors import Problem, ProblemCollector
from .layout.context import LayoutProblem
from .load import SourceTree
from .markup import parse
from .model import Deck

# Fields holding names, paths, addresses and settings rather than text a viewer reads;
# alt text is for screen readers, which read it as written.
NOT_TEXT = frozenset({"id", "kind", "theme", "template", "layouts", "layout", "size",
                      "language", "data", "lint", "image", "alt", "align", "overflow", "start"})
CHART_TEXT = ("source",)  # the rest of a chart is drawn in its picture, as written
SHOWN = 60                # characters of the text quoted in a message


def check_markup(deck: Deck, tree: SourceTree) -> list[Problem]:
    """Raise one error listing every field whose markup is broken; return the warnings."""
    errors = ProblemCollector()
    warnings: list[Problem] = []
    for path, text in _texts(deck, ()):
        issues = parse(text).issues
        pos = tree.pos(path)
        for issue in issues:
            message = f"{issue.message} in {_quoted(text)}"
            if issue.severity == "error":
                errors.add(pos, f"{message}; {issue.hint}")
            else:
                warnings.append(LayoutProblem(pos, message, rule="markup", hint=issue.hint))
    errors.raise_if_any()
    return warnings


def _texts(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    """Every text field under ``value`` with its path in the deck."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, ChartSpec):
        for name in CHART_TEXT:
            yield from _texts(getattr(value, name), path + (name,))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in NOT_TEXT:
                yield from _texts(getattr(value, name), path + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text if len(text) <= SHOWN else text[:SHOWN - 1] + '…'}'"
