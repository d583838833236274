"""A chart's number format, written once and used for ticks, value labels, alt text and the
Excel format code of native charts, so all four always agree.

``compact`` on a chart uses short suffixes (``1.6M``, ``859K``) instead of the words the
template filter writes (``1.6 million``): a bar label has a bar's width, not a sentence's.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Protocol

from ..formatting import compact, currency, percent, thousands
from .spec import ChartSpec


class NumberStyle(Protocol):
    """What a number format is made of: a chart spec, or a table column (``model.py``)."""

    @property
    def number_format(self) -> str: ...
    @property
    def decimals(self) -> int | None: ...
    @property
    def prefix(self) -> str: ...
    @property
    def suffix(self) -> str: ...

_SHORT_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
_EXCEL_SCALES = ((1e12, ",,,,", "T"), (1e9, ",,,", "B"), (1e6, ",,", "M"), (1e3, ",", "K"))

Formatter = Callable[[float], str]


def decimals(spec: NumberStyle) -> int:
    """The spec's decimals, else one for compact numbers (1.6M) and none otherwise."""
    if spec.decimals is not None:
        return spec.decimals
    return 1 if spec.number_format == "compact" else 0


TICK_PLACES = 4  # axis ticks: enough decimals for any round step, trailing zeros trimmed


def trim(text: str) -> str:
    """Drop trailing zeros after the decimal point: '1.50M' -> '1.5M', '25.00%' -> '25%'."""
    return re.sub(r"\.(?!\d)", "", re.sub(r"(\.\d*?)0+(?!\d)", r"\1", text))


def short(value: float, places: int) -> str:
    """1_643_679 -> '1.6M', 858_638 -> '859K' (no decimals at three digits), 950 -> '950'."""
    for scale, letter in _SHORT_SCALES:
        if abs(value) >= scale:
            scaled = value / scale
            return thousands(scaled, places if abs(scaled) < 100 else 0) + letter
    return thousands(value, places)


def share(value: float, total: float) -> str:
    """A wedge's share of the whole, as pie labels and alt text write it ("32%")."""
    return f"{value / total:.0%}"


def tick_formatter(spec: ChartSpec) -> Formatter:
    """Axis ticks: the spec's format, exact for round steps (1.5M, 2.5) without padding
    zeros (6, not 6.0)."""
    fmt = formatter(spec, TICK_PLACES)
    return lambda value: trim(fmt(value))


def formatter(spec: NumberStyle, places: int | None = None, words: bool = False) -> Formatter:
    """``value -> text`` in the spec's format, with its prefix and suffix; ``places``
    overrides the spec's decimals; ``words`` spells compact numbers out for prose
    ('1.6 million', for alt text) instead of the chart's '1.6M'."""
    places = decimals(spec) if places is None else places
    body: dict[str, Formatter] = {
        "plain": lambda v: thousands(v, places).replace(",", ""),  # same rounding, no commas
        "thousands": lambda v: thousands(v, places),
        "compact": (lambda v: compact(v, places)) if words else (lambda v: short(v, places)),
        "percent": lambda v: percent(v, places),
        "currency": lambda v: currency(v, spec.prefix or "$", places),
    }
    core = body[spec.number_format]
    prefix = "" if spec.number_format == "currency" else spec.prefix

    def fmt(value: float) -> str:
        text = core(0.0 if value == 0 else value)  # never '-0'
        sign = "-" if text.startswith("-") else ""
        return f"{sign}{prefix}{text.lstrip('-')}{spec.suffix}"

    return fmt


def _quoted(text: str) -> str:
    return f'"{text.replace(chr(34), "")}"' if text else ""


def excel_format(spec: ChartSpec, values: Iterable[float | None]) -> str:
    """The same format as an Excel/PowerPoint number format code (for native charts)."""
    places = decimals(spec)
    digits = "0" + ("." + "0" * places if places else "")
    kind = spec.number_format
    if kind == "plain":
        code = digits
    elif kind == "percent":
        code = digits + "%"
    elif kind == "compact":
        largest = max((abs(v) for v in values if v is not None), default=0.0)
        commas, letter = next(((c, l) for s, c, l in _EXCEL_SCALES if largest >= s), ("", ""))
        code = "#,##" + digits + commas + _quoted(letter)
    else:
        code = "#,##" + digits
    prefix = (spec.prefix or "$") if kind == "currency" else spec.prefix
    return f"{_quoted(prefix)}{code}{_quoted(spec.suffix)}"
