"""Render Jinja2 expressions inside the deck's string values.

Sandboxed (no attribute tricks, no imports, no file access) and strict (an unknown name is
an error at the string's YAML position, never silently empty text).
"""

from __future__ import annotations

from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .errors import ProblemCollector
from .formatting import FILTERS
from .load import SourceTree

MARKERS = ("{{", "{%", "{#")
MAX_OUTPUT_CHARS = 100_000
UNTEMPLATED_KEYS = frozenset({"data"})


def make_environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.filters.update(FILTERS)
    return env


def render_tree(tree: SourceTree, context: dict[str, Any]) -> Any:
    """A copy of ``tree.data`` with every templated string rendered; collects all errors."""
    env = make_environment()
    problems = ProblemCollector()

    def walk(value: Any, path: tuple) -> Any:
        if isinstance(value, dict):
            return {
                k: (v if not path and k in UNTEMPLATED_KEYS else walk(v, path + (k,)))
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [walk(v, path + (i,)) for i, v in enumerate(value)]
        if isinstance(value, str) and any(m in value for m in MARKERS):
            try:
                rendered = env.from_string(value).render(context)
            except (UndefinedError, SecurityError, TemplateSyntaxError, TemplateError,
                    TypeError, ValueError, ArithmeticError) as exc:
                problems.add(tree.pos(path), _describe(exc))
                return value
            if len(rendered) > MAX_OUTPUT_CHARS:
                problems.add(tree.pos(path), "template output is too long; simplify the expression")
                return value
            return rendered
        return value

    result = walk(tree.data, ())
    problems.raise_if_any()
    return result


def _describe(exc: Exception) -> str:
    if isinstance(exc, UndefinedError):
        return f"template error: {exc.message}; define it under 'data:' or fix the name"
    if isinstance(exc, SecurityError):
        return f"template error: not allowed in a deck template ({exc})"
    if isinstance(exc, TemplateSyntaxError):
        return f"template syntax error: {exc.message}"
    return f"template error: {exc}"
