"""A chart's number format, written once and used for ticks, value labels, alt text and the
Excel format code of native charts, so all four always agree.

``compact`` on a chart uses short suffixes (``1.6M``, ``859K``) instead of the words the
template filter writes (``1.6 million``): a bar label has a bar's width, not a sentence's.
"""

from __future__ import annotations

import math
import re
from typing import Callable, Iterable, Protocol

from ..formatting import compact, currency, percent, thousands
from ..locales import DEFAULT_LANGUAGE, SCALES, Numbers, numbers_for
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
    @property
    def language(self) -> str | None: ...

Formatter = Callable[[float], str]


def language(spec: NumberStyle) -> str:
    """The language the spec's numbers are written in (the deck's, filled in by the model)."""
    return spec.language or DEFAULT_LANGUAGE


def short_scales(numbers: Numbers) -> list[tuple[float, str]]:
    """(scale, suffix) for the scales the locale abbreviates, largest first: 'M', 'K' in
    en-US; '\xa0M', '\xa0mil' in es-ES, which writes billions in millions (2.600 M)."""
    found = ((scale, numbers.suffix(scale)) for scale in SCALES)
    return [(float(scale), suffix) for scale, suffix in found if suffix is not None]


def decimals(spec: NumberStyle) -> int:
    """The spec's decimals, else one for compact numbers (1.6M) and none otherwise."""
    if spec.decimals is not None:
        return spec.decimals
    return 1 if spec.number_format == "compact" else 0


MAX_EXTRA_PLACES = 2  # decimals added, at most, so that different values read differently


def precise(spec: ChartSpec, values: Iterable[float | None]) -> ChartSpec:
    """``spec`` with enough decimals that different values never read alike (5.8, 6.1 and
    5.9 are not '6, 6, 6'); a spec that sets ``decimals`` keeps them."""
    present = {v for v in values if v is not None}
    if spec.decimals is not None or not present:
        return spec
    base = decimals(spec)
    for places in range(base, base + MAX_EXTRA_PLACES + 1):
        fmt = formatter(spec, places)
        if len({fmt(v) for v in present}) == len(present):
            break
    return spec if places == base else spec.model_copy(update={"decimals": places})


TICK_PLACES = 4  # axis ticks: enough decimals for any round step, trailing zeros trimmed


def trim(text: str, point: str = ".") -> str:
    """Drop trailing zeros after the decimal point: '1.50M' -> '1.5M', '25.00%' -> '25%'."""
    p = re.escape(point)
    return re.sub(p + r"(?!\d)", "", re.sub(f"({p}\\d*?)0+(?!\\d)", r"\1", text))


def short(value: float, places: int, locale: str = DEFAULT_LANGUAGE) -> str:
    """1_643_679 -> '1.6M', 858_638 -> '859K' (no decimals at three digits), 950 -> '950'."""
    for scale, letter in short_scales(numbers_for(locale)):
        if abs(value) >= scale:
            scaled = value / scale
            return thousands(scaled, places if abs(scaled) < 100 else 0, locale) + letter
    return thousands(value, places, locale)


def share(value: float, total: float, spec: NumberStyle) -> str:
    """A wedge's share of the whole, as pie labels and alt text write it ("32%", "32\xa0%"
    in es-ES), rounded as it always was."""
    numbers = numbers_for(language(spec))
    return numbers.percent(numbers.localised(f"{value / total:.0%}".removesuffix("%")))


def tick_formatter(spec: ChartSpec) -> Formatter:
    """Axis ticks: the spec's format, exact for round steps (1.5M, 2.5) without padding
    zeros (6, not 6.0)."""
    fmt = formatter(spec, TICK_PLACES)
    point = numbers_for(language(spec)).decimal
    return lambda value: trim(fmt(value), point)


def tick_places(spec: ChartSpec, ticks: Iterable[float]) -> int:
    """The decimals the ticks need as :func:`tick_formatter` writes them (a native axis has
    one format for every tick, so 0, 25K, 50K get none, 0.5, 1, 1.5 get one)."""
    fmt = tick_formatter(spec)
    point = re.escape(numbers_for(language(spec)).decimal)
    found = (re.search(point + r"(\d+)", fmt(tick)) for tick in ticks)
    return max((len(match.group(1)) for match in found if match), default=0)


def formatter(spec: NumberStyle, places: int | None = None, words: bool = False) -> Formatter:
    """``value -> text`` in the spec's format, with its prefix and suffix; ``places``
    overrides the spec's decimals; ``words`` spells compact numbers out for prose
    ('1.6 million', for alt text) instead of the chart's '1.6M'."""
    places = decimals(spec) if places is None else places
    tag = language(spec)
    group = numbers_for(tag).group
    body: dict[str, Formatter] = {
        "plain": lambda v: thousands(v, places, tag).replace(group, ""),  # no separators
        "thousands": lambda v: thousands(v, places, tag),
        "compact": ((lambda v: compact(v, places, tag)) if words
                    else (lambda v: short(v, places, tag))),
        "percent": lambda v: percent(v, places, locale=tag),
        "currency": lambda v: currency(v, spec.prefix or "$", places, locale=tag),
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
        code = _compact_code([v for v in values if v is not None], places, language(spec))
    else:
        code = "#,##" + digits
    prefix = (spec.prefix or "$") if kind == "currency" else spec.prefix
    return f"{_quoted(prefix)}{code}{_quoted(spec.suffix)}"


def _scaled_digits(values: list[float], scale: float, places: int) -> str:
    """'0.0'-style digits for values shown in ``scale`` as :func:`short` shows them: its
    decimals below 100 of the unit, none from 100 up."""
    small = any(abs(v) / scale < 100 for v in values)
    return "0" + ("." + "0" * places if places and small else "")


def _compact_code(values: list[float], places: int, tag: str) -> str:
    """Compact numbers as Excel writes them. Values of one sign in up to three scales get
    one conditional section per scale, exactly as the picture writes each value (1.6M next
    to 859K and 304K, never 0.3M for three different years); with negatives (conditions
    cannot tell -2M from -2K), one scale, with decimals added until the values differ."""
    scales = [(scale, "," * round(math.log10(scale) / 3), letter)
              for scale, letter in short_scales(numbers_for(tag))]
    scales.append((1.0, "", ""))

    def scale_of(v: float) -> tuple[float, str, str]:
        return next(entry for entry in scales if abs(v) >= entry[0] or entry[0] == 1.0)
    used = sorted({scale_of(v) for v in values} | {scales[-1]}, reverse=True)  # ones: 0 ticks
    if all(v >= 0 for v in values) and len(used) <= 3:
        sections = []
        for n, (scale, commas, letter) in enumerate(used):
            members = [v for v in values if scale_of(v) == (scale, commas, letter)]
            condition = f"[>={scale:.0f}]" if n < len(used) - 1 else ""
            sections.append(condition + "#,##" + _scaled_digits(members, scale, places)
                            + commas + _quoted(letter))
        return ";".join(sections)
    scale, commas, letter = used[0]
    extra = 0
    while extra < 3 and len({round(v / scale, places + extra) for v in values}) < len(set(values)):
        extra += 1
    digits = "0" + ("." + "0" * (places + extra) if places + extra else "")
    return "#,##" + digits + commas + _quoted(letter)
