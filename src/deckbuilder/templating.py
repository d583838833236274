"""Render Jinja2 expressions inside the deck's string values.

Sandboxed (no attribute tricks, no imports, no file access, bounded work and memory: see
sandbox.py) and strict (an unknown name is an error at the string's YAML position, never
silently empty text). Whatever a template raises is the deck's problem, reported at the
string's position: a template can never crash the build.
"""

from __future__ import annotations

import threading
from functools import wraps
from typing import Any, Callable

from jinja2 import (StrictUndefined, TemplateSyntaxError, Undefined,
                    UndefinedError)
from jinja2.sandbox import SecurityError

from .errors import ProblemCollector
from .formatting import FILTERS
from .load import SourceTree
from .locales import DEFAULT_LANGUAGE
from .sandbox import DeckSandbox

MARKERS = ("{{", "{%", "{#")
MAX_OUTPUT_CHARS = 100_000
UNTEMPLATED_KEYS = frozenset({"data", "each"})  # the context, and what picks it (each.py)


def make_environment(language: str = DEFAULT_LANGUAGE) -> DeckSandbox:
    """The sandbox, its number filters writing ``language``'s numbers (a filter's own
    ``locale=`` argument still wins), with a fresh work budget.

    One environment per language and thread is kept, with the templates it compiled, so a
    watching process does not compile the deck's strings again on every rebuild."""
    kept: dict[str, DeckSandbox] = _ENVIRONMENTS.__dict__.setdefault("by_language", {})
    env = kept.get(language)
    if env is None:
        env = kept[language] = DeckSandbox(undefined=StrictUndefined, autoescape=False)
        env.filters.update({name: _strict(f, language) for name, f in FILTERS.items()})
    env.used = env.total_used = 0
    return env


_ENVIRONMENTS = threading.local()


def _strict(function: Callable[..., Any], language: str) -> Callable[..., Any]:
    """A filter that reports an undefined input by its name ('x' is undefined), not as
    'expected a number, got StrictUndefined'."""
    @wraps(function)  # keeps the signature, which the sandbox reads to bound 'decimals'
    def wrapper(value: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, Undefined):
            str(value)  # StrictUndefined raises UndefinedError naming the variable
        return function(value, *args, **{"locale": language, **kwargs})
    return wrapper


def render_tree(tree: SourceTree, context: dict[str, Any],
                scopes: dict[tuple, dict[str, Any]] | None = None,
                language: str = DEFAULT_LANGUAGE) -> Any:
    """A copy of ``tree.data`` with every templated string rendered; collects all errors.

    ``scopes`` adds names for the values under a path (a repeated slide's loop item);
    ``language`` is the deck's, for the number filters."""
    env = make_environment(language)
    problems = ProblemCollector()
    scopes = scopes or {}

    def walk(value: Any, path: tuple, names: dict[str, Any]) -> Any:
        if path in scopes:
            names = {**names, **scopes[path]}
        if isinstance(value, dict):
            return {
                k: (v if not path and k in UNTEMPLATED_KEYS else walk(v, path + (k,), names))
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [walk(v, path + (i,), names) for i, v in enumerate(value)]
        if isinstance(value, str) and any(m in value for m in MARKERS):
            try:
                return env.render_value(value, names, MAX_OUTPUT_CHARS)
            except Exception as exc:  # noqa: BLE001 - any failure of a template is the deck's
                problems.add(tree.pos(path), describe(exc))
                return value
        return value

    result = walk(tree.data, (), context)
    problems.raise_if_any()
    return result


def describe(exc: Exception) -> str:
    """What went wrong in a template, for a deck's author."""
    if isinstance(exc, UndefinedError):
        return f"template error: {exc.message}; define it under 'data:' or fix the name"
    if isinstance(exc, SecurityError):
        return f"template error: not allowed in a deck template ({exc})"
    if isinstance(exc, TemplateSyntaxError):
        return f"template syntax error: {exc.message}"
    if isinstance(exc, RecursionError):
        return "template error: it nests or recurses too deeply; simplify it"
    if isinstance(exc, MemoryError):
        return "template error: it needs too much memory; simplify it"
    if isinstance(exc, SyntaxError):  # Python could not compile what Jinja generated
        return f"template error: too complex to compile ({exc.msg}); simplify it"
    return f"template error: {exc}"
