"""Inline markup in deck text: a small Markdown subset parsed into styled spans.

The syntax is the part of Markdown people already write in chat and issue trackers:
``**bold**``, ``*italic*`` or ``_italic_``, `` `code` ``, ``[text](https://…)`` and
``<https://…>`` links, ``[Peña Nieto]{lang=es}`` for a phrase in another language than the
deck's (written as its runs' ``lang``, so spelling checkers and screen readers treat it as
that language), and a backslash before a markup character to show it as is (``\\*``).
Parsing is markdown-it-py's CommonMark inline rules (emphasis, code spans, links, autolinks,
escapes) with everything else switched off, so headings, lists, HTML and entities in a
slide's text stay literal: ``# 1``, ``2024. A year`` and ``R&amp;D`` read as written.

Text without a markup character is one plain span, untouched: existing decks build to the
same bytes. Text whose only markup is language spans around plain phrases is split without
the parser, into what the parser gives (``tests/test_markup.py`` holds the two side by side). Markup that did not parse stays literal and is reported: a lone ``*`` or a
stray ``**`` between spaces (a footnote mark, a multiplication) as a warning, an opened
``**`` that never closes, a link without a target or with a scheme other than http, https
or mailto as an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pragma: no cover
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline


from .locales import LANGUAGE_TAG, known_language

MARKUP_CHARACTERS = frozenset("*_`[<\\")
SAFE_SCHEMES = ("http", "https", "mailto")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_LEFTOVER = re.compile(r"\*+|_+|`+|\]\(|\]\{")
_LANGUAGE_ATTRIBUTE = re.compile(r"\{lang=([^\s{}]*)\}")
_PLAIN_LANGUAGE_SPAN = re.compile(r"\[([^\[\]*_`<\\]*)\]\{lang=([^\s{}]*)\}")
_ESCAPABLE = re.compile(r"([\\`*_\[\]<>])")


@dataclass(frozen=True)
class Span:
    """A piece of text set one way."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None
    lang: str | None = None    # a BCP 47 tag, where the phrase is not in the deck's language

    @property
    def style(self) -> tuple[bool, bool, bool, str | None, str | None]:
        return self.bold, self.italic, self.code, self.link, self.lang


@dataclass(frozen=True)
class Issue:
    """Markup that did not parse; its text is shown as written."""

    severity: Literal["error", "warning"]
    message: str
    hint: str


@dataclass(frozen=True)
class Parsed:
    spans: tuple[Span, ...]
    issues: tuple[Issue, ...] = ()

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The inline parser, made on first use: text without markup characters never needs
    markdown-it (nor its import)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("zero").enable(["emphasis", "backticks", "escape", "link", "autolink"])
    parser.disable("text_join")          # keeps escaped characters apart from leftovers
    parser.validateLink = lambda url: True  # unsafe schemes are errors here, not literal text
    parser.inline.ruler.before("link", "language", _language_span)
    return parser


def _language_span(state: StateInline, silent: bool) -> bool:
    """``[text]{lang=es}``: the brackets' text, marked as in that language (the syntax of
    pandoc's bracketed spans, with the one attribute a slide needs)."""
    from markdown_it.helpers import parseLinkLabel

    if state.src[state.pos] != "[":
        return False
    label_end = parseLinkLabel(state, state.pos)
    attribute = _LANGUAGE_ATTRIBUTE.match(state.src, label_end + 1) if label_end >= 0 else None
    if attribute is None:
        return False
    if not silent:
        end = state.posMax
        state.pos, state.posMax = state.pos + 1, label_end
        state.push("lang_open", "span", 1).attrs = {"lang": attribute.group(1)}
        state.md.inline.tokenize(state)
        state.push("lang_close", "span", -1)
        state.posMax = end
    state.pos = attribute.end()
    return True



def has_markup(text: str) -> bool:
    return not MARKUP_CHARACTERS.isdisjoint(text)


def escape(text: str) -> str:
    """``text`` with its markup characters escaped, so it shows as written (data, not
    markup: a dataset's own source line)."""
    return _ESCAPABLE.sub(r"\\\1", text) if has_markup(text) else text


def plain(text: str) -> str:
    """What ``text`` shows, without its markup (document properties, outlines, titles)."""
    return parse(text).plain


@lru_cache(maxsize=8192)
def parse(text: str) -> Parsed:
    """The spans ``text`` shows, and what in it did not parse."""
    if not has_markup(text):
        return Parsed((Span(text),))
    return _language_spans_only(text) or _parsed(text)


def _language_spans_only(text: str) -> Parsed | None:
    """What the parser makes of a text whose only markup is ``[phrase]{lang=tag}`` around
    plain phrases (a deck's names in another language: the commonest markup), without
    markdown-it and its import; None for any other text."""
    if "\r" in text or "\0" in text:  # the parser's normalising changes those
        return None
    pieces: list[Span] = []
    last = 0
    for match in _PLAIN_LANGUAGE_SPAN.finditer(text):
        pieces += (Span(text[last:match.start()]), Span(match.group(1), lang=match.group(2)))
        last = match.end()
    pieces.append(Span(text[last:]))
    if any(span.lang is None and has_markup(span.text) for span in pieces):
        return None
    issues = []
    for span in pieces:
        if span.lang is not None:
            issues.extend(_language_issues(span.lang))
        issues.extend(_leftovers(span.text))
    return Parsed(_merged([span for span in pieces if span.text]),
                  tuple(dict.fromkeys(issues)))


def _parsed(text: str) -> Parsed:
    """markdown-it's parse of ``text``, as spans and issues."""
    spans: list[Span] = []
    issues: list[Issue] = []
    bold = italic = 0
    link: str | None = None
    languages: list[str] = []
    link_start = 0
    for token in _parser().parseInline(text)[0].children or []:
        kind = token.type
        if kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind == "lang_open":
            languages.append(str(token.attrs["lang"]))
            issues.extend(_language_issues(languages[-1]))
        elif kind == "lang_close":
            languages.pop()
        elif kind == "link_open":
            link, link_start = str(token.attrs.get("href", "")), len(spans)
            issues.extend(_link_issues(link))
        elif kind == "link_close":
            if not "".join(s.text for s in spans[link_start:]).strip():
                issues.append(Issue("error", f"a link to '{link}' has no visible text",
                                    "write it as [text](address)"))
            link = None
        elif kind in ("text", "text_special", "code_inline") and token.content:
            if kind == "text":
                issues.extend(_leftovers(token.content))
            spans.append(Span(token.content, bool(bold), bool(italic), kind == "code_inline",
                              link, languages[-1] if languages else None))
    return Parsed(_merged(spans), tuple(dict.fromkeys(issues)))


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    """Neighbouring spans set the same way, joined (one run each in the file)."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if last is not None and last.style == span.style:
            merged[-1] = Span(last.text + span.text, *span.style)
        else:
            merged.append(span)
    return tuple(merged) or (Span(""),)


def _link_issues(href: str) -> list[Issue]:
    if not href.strip():
        return [Issue("error", "a link has no target",
                      "write the address in the brackets: [text](https://…)")]
    scheme = _SCHEME.match(href)
    if scheme is None:
        return [Issue("error", f"the link target '{href}' is not a full address",
                      "write it with https://, http:// or mailto:")]
    if scheme.group(1).lower() not in SAFE_SCHEMES:
        return [Issue("error", f"links to '{scheme.group(1)}:' addresses are not allowed",
                      "link to an https://, http:// or mailto: address")]
    return []


def _language_issues(tag: str) -> list[Issue]:
    if re.match(LANGUAGE_TAG, tag) and known_language(tag):
        return []
    return [Issue("error", f"'{tag}' is not a language tag CLDR knows",
                  "write a BCP 47 tag such as [Peña Nieto]{lang=es-MX} or {lang=es}")]


def _leftovers(text: str) -> list[Issue]:
    """Markup characters the parser left as text: stray (between spaces, a footnote mark)
    is a warning; a double mark or a link's ``](`` that opens or closes nothing is an
    error, since the editor meant markup."""
    issues = []
    for match in _LEFTOVER.finditer(text):
        mark = match.group()
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if mark.startswith("_") and before.isalnum() and after.isalnum():
            continue  # snake_case: never markup
        if mark == "]{":
            issues.append(Issue("error", "a phrase's language is written [text]{lang=es}",
                                "write the tag as lang=, without spaces, e.g. "
                                "[Peña Nieto]{lang=es}"))
        elif mark == "](":
            issues.append(Issue("error", "a link's target is not closed or has spaces in it",
                                "write [text](https://…) with ')' after an address without "
                                "spaces (%20 for a space)"))
        elif len(mark) > 1 and not (before.isspace() and after.isspace()):
            issues.append(Issue("error", f"unbalanced '{mark}': it opens or closes nothing",
                                f"put '{mark}' on both sides of the text, or write "
                                f"{_escape_mark(mark)} to show it as is"))
        else:
            issues.append(Issue("warning", f"'{mark}' is not markup here and is shown as is",
                                f"write {_escape_mark(mark)} to say so, or mark text on "
                                f"both sides"))
    return issues


def _escape_mark(mark: str) -> str:
    return "".join("\\" + char for char in mark)
