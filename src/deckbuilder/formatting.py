"""Number formatting used by templates and charts: one implementation for both.

Kept free of locale state so output is identical on every machine.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise TypeError("expected a number, got a boolean")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        return float(value.replace(",", "").strip())
    raise TypeError(f"expected a number, got {type(value).__name__}")


def _trim(text: str) -> str:
    """'1.30' -> '1.3', '2.0' -> '2'."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _fixed(number: float, decimals: int) -> str:
    """Round half away from zero, as people do (1.25 -> '1.3'), with thousands separators.

    Python's float formatting rounds halves to even and works on the binary value, so
    1,250,000 would read '1.2 million'; the decimal of the number's shortest repr does not.
    """
    if not math.isfinite(number):
        raise ValueError("cannot format an infinite or missing number")
    quantum = Decimal(1).scaleb(-decimals)
    with localcontext() as context:  # enough digits for any float (1e308) at any precision
        context.prec = 330 + max(decimals, 0)
        rounded = Decimal(repr(number)).quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}"


def thousands(value: object, decimals: int = 0) -> str:
    """12155 -> '12,155'; 2.345 with decimals=2 -> '2.35'."""
    return _fixed(_number(value), decimals)


def compact(value: object, decimals: int = 1) -> str:
    """1_300_000 -> '1.3 million'; values under a million get thousands separators."""
    number = _number(value)
    for scale, word in _SCALES:
        if abs(number) >= scale:
            return f"{_trim(_fixed(number / scale, decimals))} {word}"
    return _trim(thousands(number, decimals)) if decimals else thousands(number)


def currency(value: object, symbol: str = "$", decimals: int = 0, short: bool = False) -> str:
    """2.6e9 -> '$2,600,000,000', or '$2.6 billion' with short=True; negatives as '-$5'."""
    number = _number(value)
    body = compact(abs(number), max(decimals, 1)) if short else thousands(abs(number), decimals)
    return f"{'-' if number < 0 else ''}{symbol}{body}"


def percent(value: object, decimals: int = 0, fraction: bool = True) -> str:
    """0.307 -> '31%'; percent(0.307, 1) -> '30.7%'; fraction=False takes 30.7 as is."""
    number = _number(value) * (100 if fraction else 1)
    return f"{_fixed(round(number, 10), decimals)}%"


FILTERS = {"thousands": thousands, "compact": compact, "currency": currency, "percent": percent}
