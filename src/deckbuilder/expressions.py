"""Expressions that steer generation: the list a ``repeat:`` or ``each:`` runs over, and the
true/false of a ``when:``.

Both are Jinja expressions evaluated in the deck's sandbox (see :mod:`sandbox`), written
bare (``regions``) or in braces (``"{{ regions }}"``). Unlike a templated string, they keep
their Python value: a list stays a list, and a condition must be exactly true or false, so
``when: "{{ region.share }}"`` (a number) is an error rather than silently true.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import DeckError, SourcePos
from .templating import describe

if TYPE_CHECKING:  # pragma: no cover
    from .sandbox import DeckSandbox

LABEL_CHARS = 40


def expression_text(written: str) -> str:
    """The expression inside ``"{{ … }}"``, or the string as written."""
    text = written.strip()
    if text.startswith("{{") and text.endswith("}}") and text.count("{{") == 1:
        return text[2:-2].strip()
    return text


def evaluate(env: DeckSandbox, written: str, names: dict[str, Any], pos: SourcePos) -> Any:
    """The value of ``written``; any failure is a :class:`DeckError` at ``pos``."""
    from .sandbox import refuse_undefined

    try:
        value = env.evaluate(expression_text(written), names)
        refuse_undefined(value)  # StrictUndefined's error, naming what is undefined
        return value
    except Exception as exc:  # noqa: BLE001 - whatever the expression does is the deck's
        raise DeckError.at(pos, describe(exc).replace("template", "expression", 1)) from None


def list_value(env: DeckSandbox, written: Any, names: dict[str, Any], pos: SourcePos,
               key: str) -> list[Any]:
    """What ``key:`` (``in``) runs over: a YAML list as written, or an expression giving one."""
    if isinstance(written, list):
        return written
    if not isinstance(written, str) or not written.strip():
        raise DeckError.at(pos, f"'{key}' names the list to repeat over, e.g. {key}: regions "
                                "(a CSV or YAML list under 'data:')")
    value = evaluate(env, written, names, pos)
    if isinstance(value, (list, tuple)):
        return list(value)
    raise DeckError.at(pos, f"'{key}: {written.strip()}' must give a list, but gives "
                            f"{kind_of(value)}; repeat over a CSV's rows or a YAML list")


def condition(env: DeckSandbox, written: Any, names: dict[str, Any], pos: SourcePos) -> bool:
    """Whether a ``when:`` holds: true/false as written, or an expression giving one."""
    if isinstance(written, bool):
        return written
    if not isinstance(written, str) or not written.strip():
        raise DeckError.at(pos, "'when' must be true, false or a condition such as "
                                "\"{{ region.share > 10 }}\"")
    value = evaluate(env, written, names, pos)
    if isinstance(value, bool):
        return value
    raise DeckError.at(pos, f"'when: {written.strip()}' must be true or false, but gives "
                            f"{kind_of(value)}; write a comparison, e.g. "
                            "\"{{ region.share > 10 }}\" or \"{{ region.name == 'North' }}\"")


def kind_of(value: Any) -> str:
    """A value described for a message: "a mapping", "the text 'yes'", "the number 3"."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"the text {label(value)!r}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"a {type(value).__name__}"


def label(item: Any) -> str:
    """A short name for one item of a list, for messages and notes: a row's first text
    value (``North``), or the item itself."""
    if isinstance(item, dict):
        item = next((v for v in item.values() if isinstance(v, str) and v.strip()),
                    next(iter(item.values()), ""))
    text = " ".join(str(item).split())
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "…"
