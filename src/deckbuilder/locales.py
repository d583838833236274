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
import importlib.util
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml

from .answers import StoredAnswers, state_file

DEFAULT_LANGUAGE = "en-US"
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"  # BCP 47, as far as a deck needs
SCALES = (10**12, 10**9, 10**6, 10**3)  # the compact scales, largest first
_DIGITS = re.compile(r"0+")


@dataclass(frozen=True)
class Numbers:
    """The locale's number symbols and words (CLDR's, through Babel: see :data:`CLDR`)."""

    tag: str                            # the locale Babel found for the deck's tag ('es_MX')
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
        return CLDR.answer(f"words\0{self.tag}\0{scale}\0{digits}",
                           lambda: self._words(scale, digits))

    def _words(self, scale: int, digits: str) -> str | None:
        locale = _babel_locale(self.tag)
        number = Decimal(self.localised_back(digits))
        patterns = locale.compact_decimal_formats.get("long", {})
        chosen = patterns.get(locale.plural_form(abs(number))) or patterns.get("other") or {}
        pattern = chosen.get(str(scale)) or patterns.get("other", {}).get(str(scale))
        return _filled(pattern.pattern, digits) if pattern is not None else None

    def suffix(self, scale: int) -> str | None:
        """The short suffix a chart writes after a number at ``scale`` ('M', '\xa0mil'), or
        None where the locale writes such numbers in full or in a smaller unit."""
        return CLDR.answer(f"suffix\0{self.tag}\0{scale}", lambda: self._suffix(scale))

    def _suffix(self, scale: int) -> str | None:
        short = _babel_locale(self.tag).compact_decimal_formats.get("short", {})
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
    found, group, decimal, percent, currency = CLDR.answer(f"numbers\0{tag}",
                                                           lambda: _numbers(tag))
    return Numbers(found, group, decimal, tuple(percent), tuple(currency))  # type: ignore[arg-type]


def _numbers(tag: str) -> tuple[str, str, str, tuple[str, str], tuple[str, str]]:
    from babel import UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    for candidate in (babel_tag(tag), babel_tag(tag).split("_")[0], babel_tag(DEFAULT_LANGUAGE)):
        try:
            locale = _babel_locale(candidate)
            break
        except (UnknownLocaleError, ValueError):
            continue
    percent = locale.percent_formats[None].pattern
    currency = locale.currency_formats["standard"].pattern
    return (str(locale), get_group_symbol(locale), get_decimal_symbol(locale),
            _affixes(percent), _affixes(currency))


@lru_cache(maxsize=32)
def _babel_locale(tag: str) -> Any:
    """Babel's locale for ``tag`` ('es_MX'), imported and loaded on first use."""
    from babel import Locale

    return Locale.parse(tag)


def known_language(tag: str) -> bool:
    """Whether CLDR has data for ``tag`` or its language."""
    return CLDR.answer(f"known\0{tag}", lambda: _known(tag)) is True


def _known(tag: str) -> bool:
    from babel import UnknownLocaleError

    for candidate in (babel_tag(tag), babel_tag(tag).split("_")[0]):
        try:
            _babel_locale(candidate)
            return True
        except (UnknownLocaleError, ValueError):
            continue
    return False


def _babel_state(folder: Path | None) -> Path | None:
    """The answers file for the installed Babel (its code and CLDR data, by size and time)
    and for this module, which asks the questions and reads the answers."""
    files = babel_files()
    return state_file(folder, [*files, __file__], "cldr") if files else None


def babel_files() -> list[Path]:
    """The installed Babel's files that make its answers: its code and CLDR data."""
    spec = importlib.util.find_spec("babel")  # finds it without importing it
    if spec is None or not spec.submodule_search_locations:
        return []
    package = Path(spec.submodule_search_locations[0])
    return [package / "__init__.py", package / "global.dat", package / "locale-data"]


# Babel's answers (separators, patterns, known tags, number words, dates) between builds:
# importing Babel and loading a language's data is about 40 ms of every build otherwise.
# The pipeline loads and saves them with the text widths.
CLDR = StoredAnswers(_babel_state)


# ----- the tool's own words -----------------------------------------------------------------

@lru_cache(maxsize=1)
def _catalog() -> dict[str, dict[str, str]]:
    """The shipped phrases (our own file: parsed by libyaml where PyYAML has it, a twelfth
    of pure Python's time)."""
    text = files("deckbuilder").joinpath("labels.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


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
