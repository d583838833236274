"""Inline markup checked where it was written, before anything is laid out.

Every text a slide shows is parsed once here (the parse is remembered, so layout's second
look costs nothing) and its problems are reported at the YAML position of the field: an
error stops the build, a warning (markup shown as written) goes to lint as ``markup``.
"""

from __future__ import annotations

from typing import Any, Iterator

from .validation import Model

from .charts.spec import ChartSpec, Highlight
from .errors import Problem, ProblemCollector
from .layout.context import LayoutProblem
from .load import SourceTree
from .markup import parse
from .model import Deck

# Fields holding names, paths, addresses and settings rather than text a viewer reads;
# alt text is for screen readers, which read it as written.
NOT_TEXT = frozenset({"id", "kind", "theme", "template", "layouts", "layout", "size",
                      "language", "data", "lint", "image", "alt", "align", "overflow", "start",
                      "translation"})
CHART_TEXT = ("source",)  # the rest of a chart is drawn in its picture, as written
# What a translation gives: every text a reader or a screen reader meets, in a chart too.
TRANSLATED = (NOT_TEXT - {"alt"}) | {"each"}
TRANSLATED_CHART = ("source", "title", "unit", "x_label", "x_name", "categories", "alt",
                    "series", "label", "highlight", "note")
COLUMN_NAMES = {(Highlight, "series")}  # a data column a highlight marks, not text
SHOWN = 60                # characters of the text quoted in a message


def check_markup(deck: Deck, tree: SourceTree) -> list[Problem]:
    """Raise one error listing every field whose markup is broken; return the warnings."""
    errors = ProblemCollector()
    warnings: list[Problem] = []
    for path, text in text_fields(deck):
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


def text_fields(value: Any, path: tuple = (), skip: frozenset[str] = NOT_TEXT,
                chart: tuple[str, ...] = CHART_TEXT, in_chart: bool = False
                ) -> Iterator[tuple[tuple, str]]:
    """Every text field under ``value`` with its path in the deck: those not in ``skip``,
    and in a chart (its series and highlights too, its category labels by category) those
    in ``chart``."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Model):
        in_chart = in_chart or isinstance(value, ChartSpec)
        for name in type(value).model_fields:
            if (name not in skip and (name in chart or not in_chart)
                    and (type(value), name) not in COLUMN_NAMES):
                yield from text_fields(getattr(value, name), path + (name,), skip, chart,
                                       in_chart)
    elif isinstance(value, dict) and in_chart:
        for key, item in value.items():
            yield from text_fields(item, path + (key,), skip, chart, in_chart)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_fields(item, path + (index,), skip, chart, in_chart)


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text if len(text) <= SHOWN else text[:SHOWN - 1] + '…'}'"
