"""Number formatting used by templates and charts: one implementation for both.

Free of the machine's locale, so output is identical everywhere: the deck's language (a
BCP 47 tag, ``locale=``) picks CLDR's separators and words (:mod:`deckbuilder.locales`);
rounding is the same in every language.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .locales import CLDR, DEFAULT_LANGUAGE, babel_tag, numbers_for

WORD_SCALES = (10**12, 10**9, 10**6)  # compact writes words from a million up


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
    """Round half away from zero, as people do (1.25 -> '1.3'), with thousands separators
    as Python writes them ('1,250.5'; :meth:`Numbers.localised` dresses them).

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


def thousands(value: object, decimals: int = 0, locale: str = DEFAULT_LANGUAGE) -> str:
    """12155 -> '12,155' ('12.155' in es-ES); 2.345 with decimals=2 -> '2.35'."""
    return numbers_for(locale).localised(_fixed(_number(value), decimals))


def compact(value: object, decimals: int = 1, locale: str = DEFAULT_LANGUAGE) -> str:
    """1_300_000 -> '1.3 million' ('1,3 millones' in es-ES, '2,6 mil millones' for 2.6e9);
    values under a million get thousands separators."""
    number = _number(value)
    numbers = numbers_for(locale)
    for scale in WORD_SCALES:
        if abs(number) >= scale:
            digits = numbers.localised(_trim(_fixed(number / scale, decimals)))
            worded = numbers.words(scale, digits)
            if worded is not None:
                return worded
    text = _fixed(number, decimals)
    return numbers.localised(_trim(text) if decimals else text)


def currency(value: object, symbol: str = "$", decimals: int = 0, short: bool = False,
             locale: str = DEFAULT_LANGUAGE) -> str:
    """2.6e9 -> '$2,600,000,000', or '$2.6 billion' with short=True; negatives as '-$5';
    the symbol sits where the locale puts it ('2.600\xa0$' in es-ES)."""
    number = _number(value)
    body = (compact(abs(number), max(decimals, 1), locale) if short
            else thousands(abs(number), decimals, locale))
    return f"{'-' if number < 0 else ''}{numbers_for(locale).currency(body, symbol)}"


def percent(value: object, decimals: int = 0, fraction: bool = True,
            locale: str = DEFAULT_LANGUAGE) -> str:
    """0.307 -> '31%' ('31\xa0%' in es-ES); percent(0.307, 1) -> '30.7%'; fraction=False
    takes 30.7 as is."""
    number = _number(value) * (100 if fraction else 1)
    numbers = numbers_for(locale)
    return numbers.percent(numbers.localised(_fixed(round(number, 10), decimals)))


def date(value: object, format: str = "long", locale: str = DEFAULT_LANGUAGE) -> str:
    """2018-03-01 -> 'March 1, 2018' ('1 de marzo de 2018' in es-MX); ``format`` is CLDR's
    short, medium, long or full, or a pattern ('MMMM y')."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"expected a date written 2018-03-01, got '{value}'") from None
    if not isinstance(value, dt.date):
        raise TypeError(f"expected a date, got {type(value).__name__}")
    day = value

    def ask() -> str:
        from babel.dates import format_date

        return format_date(day, format, locale=babel_tag(locale))

    return CLDR.answer(f"date\0{day.isoformat()}\0{format}\0{locale}", ask)


FILTERS = {"thousands": thousands, "compact": compact, "currency": currency, "percent": percent,
           "date": date}
