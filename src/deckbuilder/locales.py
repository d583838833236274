"""A deck's locale: how its numbers are written (CLDR, through Babel) and the fixed words the
tool itself writes ("(cont.)", "Credit:", alt-text sentences), from a language tag.

Numbers are rounded by :mod:`deckbuilder.formatting` (half away from zero, as people do) and
only then dressed in the locale's symbols and words, so every locale rounds alike. CLDR
supplies the separators, the percent and currency patterns, the compact words with their
plural forms ("1 millón", "1,3 millones", "2,6 mil millones") and the short suffixes charts
use ("1,6 M"). The tool's own phrases are data in ``labels.yaml``; a deck's ``labels:``
mapping overrides any of them.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Mapping

import yaml

DEFAULT_LANGUAGE = "en-US"
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"  # BCP 47, as far as a deck needs
SCALES = (10**12, 10**9, 10**6, 10**3)  # the compact scales, largest first
_DIGITS = re.compile(r"0+")


@dataclass(frozen=True)
class Numbers:
    """The locale's number symbols and words."""

    babel_locale: object  # a babel.Locale; loaded lazily with this class
    group: str
    decimal: str
    percent_affixes: tuple[str, str]    # before and after the digits: ('', '\xa0%')
    currency_affixes: tuple[str, str]   # with '¤' for the symbol: ('¤', '') or ('', '\xa0¤')

    def localised(self, text: str) -> str:
        """'12,155.5' (as Python writes it) in this locale's separators: '12.155,5'."""
        if (self.group, self.decimal) == (",", "."):
            return text
        return text.translate({ord(","): "\x00", ord("."): self.decimal}).replace(
            "\x00", self.group)

    def percent(self, digits: str) -> str:
        before, after = self.percent_affixes
        return f"{before}{digits}{after}"

    def currency(self, digits: str, symbol: str) -> str:
        before, after = self.currency_affixes
        return f"{before}{digits}{after}".replace("¤", symbol)

    def words(self, scale: int, digits: str) -> str | None:
        """'1,3' at a million -> '1,3 millones' (CLDR's long compact form, in the plural the
        number takes), or None where the locale has no word for the scale."""
        number = Decimal(self.localised_back(digits))
        patterns = self.babel_locale.compact_decimal_formats.get("long", {})  # type: ignore[attr-defined]
        plural = self.babel_locale.plural_form(abs(number))  # type: ignore[attr-defined]
        chosen = patterns.get(plural) or patterns.get("other") or {}
        pattern = chosen.get(str(scale)) or patterns.get("other", {}).get(str(scale))
        return _filled(pattern.pattern, digits) if pattern is not None else None

    def suffix(self, scale: int) -> str | None:
        """The short suffix a chart writes after a number at ``scale`` ('M', '\xa0mil'), or
        None where the locale writes such numbers in full or in a smaller unit."""
        short = self.babel_locale.compact_decimal_formats.get("short", {})  # type: ignore[attr-defined]
        pattern = short.get("other", {}).get(str(scale))
        if pattern is None or len(_DIGITS.findall(pattern.pattern)) != 1 or \
                _DIGITS.search(pattern.pattern).group() != "0":  # type: ignore[union-attr]
            return None
        return _unquoted(pattern.pattern.replace("0", "", 1).strip("\u200e\u200f"))

    def localised_back(self, digits: str) -> str:
        """Digits in this locale back to a plain decimal ('1,3' -> '1.3')."""
        return digits.replace(self.group, "").replace(self.decimal, ".")


def _unquoted(text: str) -> str:
    return text.replace("'", "")


def _filled(pattern: str, digits: str) -> str:
    """A CLDR pattern ('0 millones', "0 mil millones") with its zeros replaced by ``digits``."""
    return _unquoted(_DIGITS.sub(lambda _: digits, pattern, count=1))


def _affixes(pattern: str) -> tuple[str, str]:
    """What a CLDR pattern ('#,##0\xa0%', '¤#,##0.00') writes before and after its digits."""
    positive = pattern.split(";")[0]
    match = re.search(r"[#0,.]+", positive)
    assert match is not None, f"a CLDR number pattern without digits: {pattern!r}"
    before, after = positive[:match.start()], positive[match.end():]
    return _unquoted(before), _unquoted(after)


def declared_language(data: object) -> str:
    """The ``language:`` a deck's raw mapping names, for what runs before validation (the
    number filters); anything but a tag CLDR knows reads as the default, and validation
    reports it."""
    tag = data.get("language") if isinstance(data, dict) else None
    if isinstance(tag, str) and re.match(LANGUAGE_TAG, tag) and known_language(tag):
        return tag
    return DEFAULT_LANGUAGE


def babel_tag(tag: str) -> str:
    """'es-MX' as Babel spells it ('es_MX')."""
    return tag.replace("-", "_")


@lru_cache(maxsize=32)
def numbers_for(tag: str = DEFAULT_LANGUAGE) -> Numbers:
    """The number symbols and words of ``tag``; a tag CLDR does not know reads as its
    language ('es-XX' as 'es'), and an unknown language as en-US."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        locale = Locale.parse(babel_tag(tag))
    except (UnknownLocaleError, ValueError):
        try:
            locale = Locale.parse(babel_tag(tag).split("_")[0])
        except (UnknownLocaleError, ValueError):
            locale = Locale.parse(babel_tag(DEFAULT_LANGUAGE))
    percent = locale.percent_formats[None].pattern
    currency = locale.currency_formats["standard"].pattern
    return Numbers(locale, get_group_symbol(locale), get_decimal_symbol(locale),
                   _affixes(percent), _affixes(currency))


def known_language(tag: str) -> bool:
    """Whether CLDR has data for ``tag`` or its language."""
    from babel import Locale, UnknownLocaleError

    for candidate in (babel_tag(tag), babel_tag(tag).split("_")[0]):
        try:
            Locale.parse(candidate)
            return True
        except (UnknownLocaleError, ValueError):
            continue
    return False


# ----- the tool's own words -----------------------------------------------------------------

@lru_cache(maxsize=1)
def _catalog() -> dict[str, dict[str, str]]:
    text = files("deckbuilder").joinpath("labels.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def placeholders(text: str) -> frozenset[str]:
    """The '{name}' fields a phrase fills in; a lone brace is an error ('{' -> ValueError)."""
    return frozenset(f"{{{name}}}" for _, name, _, _ in string.Formatter().parse(text)
                     if name is not None)


def label_names() -> frozenset[str]:
    """Every label a deck's ``labels:`` may override."""
    return frozenset(_catalog()[DEFAULT_LANGUAGE])


@lru_cache(maxsize=64)
def _labels(tag: str, overrides: tuple[tuple[str, str], ...]) -> Mapping[str, str]:
    catalog = _catalog()
    merged = dict(catalog[DEFAULT_LANGUAGE])
    language = tag.split("-")[0]
    for candidate in (language, tag):  # 'es' first, then what 'es-MX' says differently
        merged.update(catalog.get(candidate, {}))
    merged.update(overrides)
    return MappingProxyType(merged)


def labels_for(tag: str = DEFAULT_LANGUAGE,
               overrides: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """The tool's phrases in ``tag`` (its language's, then its region's), with a deck's
    own ``labels:`` over them; a phrase no catalog has in the language stays English."""
    return _labels(tag, tuple(sorted((overrides or {}).items())))
