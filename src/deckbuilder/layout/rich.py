"""Deck text with inline markup (see :mod:`deckbuilder.markup`) as IR runs.

A span's style changes the run's font from the one its text role uses: bold and italic add
to it (``**…**`` in a bold title stays bold), code is set in the theme's code face (scaled
by ``fonts.code_scale``, to the x-height of the text around it), and a link takes the
theme's hyperlink colour. Runs carry real faces, so fitting measures bold
text wider and code as monospace.
"""

from __future__ import annotations

from dataclasses import replace

from ..ir import NOTES_FACE, Font, Paragraph, Run
from ..markup import Span, parse
from ..theme import Theme


def styled_runs(text: str, base: Font, theme: Theme) -> tuple[Run, ...]:
    """The runs ``text`` shows when set in ``base``."""
    return tuple(_run(span, base, theme) for span in parse(text).spans)


def _run(span: Span, base: Font, theme: Theme) -> Run:
    if not (span.bold or span.italic or span.code or span.link):
        return Run(span.text, base, lang=span.lang)
    font = replace(base, bold=base.bold or span.bold, italic=base.italic or span.italic,
                   color=theme.colors.hyperlink if span.link else base.color)
    if span.code:
        font = replace(font, name=theme.fonts.code,
                       size=max(1.0, round(base.size * theme.fonts.code_scale * 2) / 2))
    return Run(span.text, font, span.link, span.lang)


def linked(runs: tuple[Run, ...], url: str, theme: Theme) -> tuple[Run, ...]:
    """``runs`` as a link to ``url`` (a run that links elsewhere already keeps its link)."""
    return tuple(run if run.link else replace(run, font=replace(run.font,
                                                                color=theme.colors.hyperlink),
                                              link=url)
                 for run in runs)


def notes_paragraphs(notes: str, theme: Theme) -> list[Paragraph]:
    """Speaker notes as paragraphs, one per line, in the notes page's own type."""
    base = Font(NOTES_FACE, theme.sizes.secondary, theme.colors.text)
    return [Paragraph(styled_runs(line, base, theme) if line else ())
            for line in notes.strip().splitlines()]
