"""Render Jinja2 expressions inside the deck's string values.

Sandboxed (no attribute tricks, no imports, no file access, bounded work and memory: see
sandbox.py) and strict (an unknown name is an error at the string's YAML position, never
silently empty text). Whatever a template raises is the deck's problem, reported at the
string's position: a template can never crash the build.

A rendered string depends only on its text, the names it is rendered with, the deck's
language and the code that renders it, so the strings a build rendered are kept in the
project cache (:data:`RENDERED`, keyed by those): a build whose templated strings and data
did not change renders none of them, and imports neither Jinja2 nor the sandbox.
"""

from __future__ import annotations

import hashlib
import importlib.util
import pickle
import threading
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .answers import StoredAnswers, state_file
from .errors import ProblemCollector
from .formatting import FILTERS
from .load import SourceTree
from .locales import DEFAULT_LANGUAGE, babel_files
from .values import value_bytes

if TYPE_CHECKING:  # pragma: no cover
    from .sandbox import DeckSandbox

MARKERS = ("{{", "{%", "{#")
MAX_OUTPUT_CHARS = 100_000
UNTEMPLATED_KEYS = frozenset({"data", "each"})  # the context, and what picks it (each.py)
RENDERING_CODE = ("templating.py", "sandbox.py", "formatting.py", "locales.py")


def make_environment(language: str = DEFAULT_LANGUAGE) -> DeckSandbox:
    """The sandbox, its number filters writing ``language``'s numbers (a filter's own
    ``locale=`` argument still wins), with a fresh work budget.

    One environment per language and thread is kept, with the templates it compiled, so a
    watching process does not compile the deck's strings again on every rebuild."""
    from jinja2 import StrictUndefined

    from .sandbox import DeckSandbox

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
    from jinja2 import Undefined

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
    ``language`` is the deck's, for the number filters. A string rendered by an earlier
    build with the same names is taken from :data:`RENDERED`."""
    problems = ProblemCollector()
    scopes = scopes or {}
    made: list[DeckSandbox] = []

    def environment() -> DeckSandbox:
        if not made:
            made.append(make_environment(language))
        return made[0]

    def walk(value: Any, path: tuple, names: dict[str, Any], key: bytes | None) -> Any:
        if path in scopes:
            names = {**names, **scopes[path]}
            key = _names_key(key, scopes[path])
        if isinstance(value, dict):
            return {
                k: (v if not path and k in UNTEMPLATED_KEYS else walk(v, path + (k,), names,
                                                                      key))
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [walk(v, path + (i,), names, key) for i, v in enumerate(value)]
        if isinstance(value, str) and any(m in value for m in MARKERS):
            def render() -> Any:
                return environment().render_value(value, names, MAX_OUTPUT_CHARS)

            try:
                if key is None:
                    return render()
                question = hashlib.sha256(key + value.encode()).hexdigest()
                return RENDERED.answer(question, render, keep=lambda text: isinstance(text, str))
            except Exception as exc:  # noqa: BLE001 - any failure of a template is the deck's
                problems.add(tree.pos(path), describe(exc))
                return value
        return value

    result = walk(tree.data, (), context, _names_key(language.encode(), context))
    problems.raise_if_any()
    return result


# What pickling raises for names that cannot be written as bytes (objects of the Python API).
UNWRITABLE = (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError)


def _names_key(parent: bytes | None, names: dict[str, Any]) -> bytes | None:
    """What a string rendered with ``names`` (added to the ``parent`` key's) depends on, or
    None for names that cannot be told apart by value (those strings are always rendered)."""
    if parent is None:
        return None
    try:
        names_bytes = value_bytes(names)
    except UNWRITABLE:
        return None
    return hashlib.sha256(parent + names_bytes).digest()


def _rendering_state(folder: Path | None) -> Path | None:
    """The rendered strings' file for the code that renders them: ours, Jinja2's, Babel's."""
    own = Path(__file__).parent
    jinja = importlib.util.find_spec("jinja2")  # finds it without importing it
    return state_file(folder, [own / name for name in RENDERING_CODE] + babel_files()
                      + [jinja.origin if jinja else None], "rendered")


# The strings the last build rendered, by text and names (the pipeline loads and saves them
# with the text widths). Only strings are kept: a table's rows from data are rendered anew.
# One entry per templated string (a 64-character key and the text), so its file may grow
# with a generated deck far beyond the 1 MiB the other answers are allowed.
RENDERED = StoredAnswers(_rendering_state, only_used=True, limit=16 * 1024 * 1024)


def rendering_scope(deck: Path, language: str | None, variables: Any) -> str:
    """Whose rendered strings a build keeps (:data:`RENDERED`'s scope): this deck file's,
    in this language, for this item of its ``each:``, so that building one variant does
    not drop the strings another rendered."""
    whose: tuple = (str(deck.resolve()), language)
    try:
        whose_bytes = value_bytes((*whose, variables))
    except UNWRITABLE:  # then no string it renders is kept (see _names_key)
        whose_bytes = value_bytes(whose)
    return hashlib.sha256(whose_bytes).hexdigest()[:16]


def describe(exc: Exception) -> str:
    """What went wrong in a template, for a deck's author."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

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
