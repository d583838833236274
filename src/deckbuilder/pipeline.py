"""The build pipeline: load → data → template → validate → theme → assets → layout → render.

Each function here is one stage call; ``cli`` wires commands to these and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TextIO

from .assets import resolve_assets
from .cache import project_cache, prune
from .data import load_data
from .each import has_each, variant
from .errors import DeckError, Problem, ProblemCollector, SourcePos
from .expansion import expand_slides
from .freshness import RecordingPolicy, read_inputs, theme_inputs
from .ir import Presentation
from .layout import layout_deck
from .layout.text import WIDTHS
from .system_fonts import ANSWERS as FONTCONFIG
from .load import SourceTree, load_yaml
from .locales import CLDR, declared_language
from .markup_check import TRANSLATED, TRANSLATED_CHART, check_markup, text_fields
from .model import Deck, validate_deck
from .paths import PathPolicy, check_target
from .theme.plan import plan_template
from .templating import RENDERED, render_tree, rendering_scope
from .theme import Theme, load_theme
from .fallbacks import Untranslated
from .translation import translate

if TYPE_CHECKING:  # pragma: no cover
    from .render.reuse import RenderedSlides


@dataclass
class Compiled:
    """Everything known about a deck after validation (and, optionally, layout)."""

    deck: Deck
    tree: SourceTree
    theme: Theme
    policy: PathPolicy
    assets: dict[int, Any]
    presentation: Presentation | None = None
    chart_stats: Any = None  # charts.batch.RenderStats after render_pptx
    layout_problems: list[Problem] = field(default_factory=list)  # when laid out leniently
    inputs: dict[Path, str] = field(default_factory=dict)  # every file read -> its role
    findings: list[Any] = field(default_factory=list)  # lint's, after build_file
    language: str | None = None  # the language its text was translated into (--language)


def load_deck(path: Path, allow_outside: bool = False, variables: dict[str, Any] | None = None,
              language: str | None = None) -> tuple[Deck, SourceTree, PathPolicy]:
    """Read, expand (includes, repeats, conditions), template and validate a deck file.

    ``variables`` are added to the ``data:`` names (one item of a deck's ``each:``; without
    it, such a deck is its first item's); ``language``: see :func:`load_in_language`."""
    deck, tree, policy, _ = load_in_language(path, allow_outside, variables, language)
    return deck, tree, policy


def load_in_language(path: Path, allow_outside: bool = False,
                     variables: dict[str, Any] | None = None, language: str | None = None
                     ) -> tuple[Deck, SourceTree, PathPolicy, Untranslated | None]:
    """:func:`load_deck`, with the deck's text in ``language`` from its strings file when
    that is not the deck's own (``build --language``), and a finding for each text field
    the strings leave out (None: the deck was not translated)."""
    policy = RecordingPolicy.for_deck(path, allow_outside)  # remembers what it resolved
    cache = project_cache(policy.root)
    CLDR.load(cache)  # Babel's answers, asked from here on
    RENDERED.load(cache, rendering_scope(path, language, variables))  # strings built before
    tree = load_yaml(path)
    if not isinstance(tree.data, dict):
        raise DeckError.at(tree.pos(()), "a deck is a mapping with 'title' and 'slides'; "
                                         "see docs/format.md")
    context = {**load_data(tree, policy), **(variables or {})}
    note = ""
    if has_each(tree):
        chosen, note = variant(tree, context)
        context.update(chosen)
    expanded = expand_slides(tree, context, policy, note)
    source, translated = expanded.tree, None
    if language is not None and language != declared_language(tree.data):
        translated = translate(expanded.tree, language, policy)
        source = translated.tree
    rendered = render_tree(source, context, expanded.scopes, declared_language(source.data))
    deck = validate_deck(rendered, source)
    if translated is None:
        return deck, source, policy, None
    untranslated = Untranslated(language, translated.strings.name, deck.translation.missing)
    untranslated.in_fields(list(text_fields(deck, skip=TRANSLATED, chart=TRANSLATED_CHART)),
                           translated.covered, expanded.tree)
    return deck, source, policy, untranslated


def compile_deck(path: Path, theme_name: str | None = None, allow_outside: bool = False,
                 layout: bool = True, strict: bool = True,
                 variables: dict[str, Any] | None = None, language: str | None = None,
                 save_measured: bool = True) -> Compiled:
    """Validate a deck, resolve its theme and assets, and lay it out.

    ``strict=False`` keeps layout problems (text that does not fit) in
    ``layout_problems`` instead of raising them, for lint to report; ``language`` builds
    the deck's text in that language (:func:`load_in_language`); ``save_measured=False``
    leaves storing what layout measured to the caller (:func:`store_measured`).
    """
    deck, tree, policy, untranslated = load_in_language(path, allow_outside, variables,
                                                        language)
    markup_warnings = check_markup(deck, tree)  # broken markup stops here
    theme_pos = tree.pos(("theme",)) if theme_name is None else SourcePos("--theme", 1, 1)
    theme = load_theme(theme_name or deck.theme, policy.root, theme_pos)
    theme_files = theme_inputs(theme.folder, policy)  # all inputs: theme.yaml, template...
    template = plan_template(deck, tree, theme, policy)
    theme = template.theme  # a foreign template's fonts and colours
    assets = resolve_assets(deck, tree, policy)
    if untranslated is not None:  # the deck's fields, then the text charts take from data
        markup_warnings += untranslated.findings(deck, tree, assets, strict)
    compiled = Compiled(deck, tree, theme, policy, assets,
                        inputs=read_inputs(policy, theme_files),
                        language=untranslated.language if untranslated else None)
    if layout:
        collector = None if strict else ProblemCollector()
        cache = project_cache(policy.root)
        WIDTHS.load(cache)  # text widths measured by earlier builds
        FONTCONFIG.load(cache)  # and the fonts fontconfig found for other scripts
        compiled.presentation = layout_deck(deck, theme, tree, template, assets, collector)
        compiled.layout_problems = collector.problems + markup_warnings if collector else []
        if save_measured:
            store_measured(compiled)
    return compiled


def store_measured(compiled: Compiled) -> None:
    """Keep the text widths, fontconfig's and Babel's answers and the rendered strings this
    build found, for the next build."""
    cache = project_cache(compiled.policy.root)
    WIDTHS.save(cache)
    FONTCONFIG.save(cache)
    CLDR.save(cache)
    RENDERED.save(cache)


def render_pptx(compiled: Compiled, progress: Any = None,
                reuse: RenderedSlides | None = None) -> bytes:
    """The .pptx bytes; picture charts come from the chart cache or are drawn in parallel,
    and ``compiled.chart_stats`` says how many were drawn and how many reused.

    The inputs manifest (what the build read, for ``build --check``) is stored in the file;
    ``progress`` (a :class:`~deckbuilder.progress.Progress`) is told about charts and slides;
    ``reuse``: slides rendered by earlier builds of this process (``render/reuse.py``).
    """
    from .charts.batch import picture_charts, render_charts
    from .charts.cache import ChartCache
    from .charts.style import chart_style
    from .freshness import NAMESPACE, manifest_for
    from .points import NAMESPACE as POINTS, points_element
    from .render.pptx import render

    assert compiled.presentation is not None
    chart_count = len(picture_charts(compiled.presentation))
    if progress is not None and chart_count:
        progress.update("charts", 0, chart_count)
    charts = render_charts(compiled.presentation, compiled.theme,
                           ChartCache.for_project(compiled.policy.root))
    compiled.chart_stats = charts.stats
    prune(project_cache(compiled.policy.root))  # entries no build used for a month
    if progress is not None and chart_count:
        progress.update("charts", chart_count, chart_count)

    def slides(done: int, total: int) -> None:
        progress.update("slides", done, total)
        if done == total:
            progress.status("writing the file")

    manifest = manifest_for(compiled).to_element()
    points = points_element(compiled.presentation, compiled.policy.root)  # for diff
    FONTCONFIG.save(project_cache(compiled.policy.root))  # chart styles asked it too
    return render(compiled.presentation, charts, slides if progress else None,
                  [(manifest, NAMESPACE), (points, POINTS)],
                  chart_style=chart_style(compiled.theme), reuse=reuse)


def build_file(deck: Path, output: Path, theme_name: str | None, allow_outside: bool,
               err: TextIO, kept: str, variables: dict[str, Any] | None = None,
               language: str | None = None, reuse: RenderedSlides | None = None,
               still_current: Callable[[], bool] | None = None) -> tuple[Compiled, bool]:
    """``deckbuilder build`` (and each ``watch`` rebuild): compile, print lint's findings to
    ``err`` (and keep them in ``compiled.findings``), and unless one is an error, render and
    write ``output`` atomically. ``variables``, ``language``: see :func:`load_in_language`.
    Returns the compiled deck and whether the file was written; on lint errors, says
    ``kept`` (what became of the output); ``reuse``: see :func:`render_pptx`;
    ``still_current`` is asked just before writing, and the output is not written when it
    says no (``watch``: an input changed during the build). Problems that stop the build
    earlier raise :class:`DeckError`."""
    from .atomic import write_output
    from .lint import format_text, has_errors, lint_compiled, summary
    from .progress import Progress

    with Progress(err) as progress:  # shown on a terminal, for builds that take a while
        progress.status("reading and laying out the deck")
        compiled = compile_deck(deck, theme_name, allow_outside, strict=False,
                                variables=variables, language=language, save_measured=False)
    try:
        check_target(output, compiled.inputs, f"{deck.stem}.pptx")  # before rendering, too
        findings = compiled.findings = lint_compiled(compiled)
        err.write(format_text(findings))
        if has_errors(findings):
            print(f"{deck}: {summary(findings)}; {kept}", file=err, flush=True)
            return compiled, False
        with Progress(err) as progress:
            data = render_pptx(compiled, progress, reuse)
        if still_current is not None and not still_current():
            return compiled, False
        write_output(output, data, compiled.inputs, f"{deck.stem}.pptx")
        return compiled, True
    finally:  # after the output: storing what was measured is not what the user waits for
        store_measured(compiled)
