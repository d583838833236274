"""What changed between two read decks: slides added, removed and moved, each kept
slide's text as a word diff, each chart's points with old and new values, the theme, and
the inputs that explain it all.

Slides are matched by title first (a slide keeps its identity when it moves or its text
changes), then the rest by how alike their text is. A slide counts as moved when it is not
on the longest run of matched slides that kept their order, so inserting one slide moves
nothing, and swapping two moves the fewest that explain the new order.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

from ..freshness import InputFile, Manifest, compare as compare_manifests
from ..points import ChartPoints, Point
from .read import NOTES, DeckContent, SlideContent, Text

SIMILAR = 0.5      # text similarity above which two untitled-alike slides are one slide
THEME_ROLES = frozenset({"theme", "template"})
TOKENS = re.compile(r"\w+|\s+|[^\w\s]")

Op = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class TextChange:
    change: Literal["added", "removed", "changed"]
    old: Text | None
    new: Text | None
    words: tuple[tuple[Op, str], ...]   # the new text against the old, word by word

    @property
    def in_notes(self) -> bool:
        shown = self.new or self.old
        return shown is not None and shown.shape == NOTES


@dataclass(frozen=True)
class PointChange:
    chart: str
    series: str
    x: str
    old: float | None       # None: not plotted (a new point, or a gap)
    new: float | None
    origin: str             # the file:line the new value (or the removed one) came from
    source: str             # that row's source id, "" if it names none
    box: tuple[int, int, int, int]  # the chart on the new slide (the old, if it went)


@dataclass
class SlideChange:
    status: Literal["added", "removed", "kept"]
    old: SlideContent | None
    new: SlideContent | None
    moved: bool = False
    text: list[TextChange] = field(default_factory=list)
    points: list[PointChange] = field(default_factory=list)

    @property
    def title(self) -> str:
        shown = self.new or self.old
        return shown.title if shown is not None else ""


@dataclass
class DeckDiff:
    old: DeckContent
    new: DeckContent
    slides: list[SlideChange]
    theme: str | None         # one line, or None when the look did not change
    inputs: list[str]         # input files that changed, as build --check words them

    @property
    def equal(self) -> bool:
        return not (self.slides or self.theme or self.inputs)


def diff_decks(old: DeckContent, new: DeckContent) -> DeckDiff:
    pairs = match_slides(old.slides, new.slides)
    moved = _moved(pairs)
    was = {j: i for i, j in pairs}  # new index -> old index
    with_points = old.has_points and new.has_points  # (else every point would look new)
    changes = [SlideChange("removed", slide, None) for i, slide in enumerate(old.slides)
               if i not in was.values()]
    for j, slide in enumerate(new.slides):
        if j not in was:
            changes.append(SlideChange("added", None, slide))
            continue
        before = old.slides[was[j]]
        change = SlideChange("kept", before, slide, (was[j], j) in moved,
                             text_changes(before.texts, slide.texts),
                             point_changes(before.charts, slide.charts) if with_points else [])
        if change.moved or change.text or change.points:
            changes.append(change)
    changes.sort(key=_deck_order)
    theme, inputs = _theme_and_inputs(old, new)
    return DeckDiff(old, new, changes, theme, inputs)


def _deck_order(change: SlideChange) -> tuple[int, int]:
    """New slides in their new order, removed ones where they were."""
    if change.new is not None:
        return change.new.index, 1
    assert change.old is not None
    return change.old.index, 0


# ----- slides ------------------------------------------------------------------------------

def match_slides(old: tuple[SlideContent, ...], new: tuple[SlideContent, ...]
                 ) -> list[tuple[int, int]]:
    """(old index, new index) of the slides that are one slide in both decks."""
    pairs: list[tuple[int, int]] = []
    by_title: dict[str, list[int]] = {}
    for j, slide in enumerate(new):
        by_title.setdefault(slide.title.casefold(), []).append(j)
    for i, slide in enumerate(old):  # same title: the n-th with it in each deck
        waiting = by_title.get(slide.title.casefold())
        if waiting:
            pairs.append((i, waiting.pop(0)))
    left_old = [i for i in range(len(old)) if i not in {a for a, _ in pairs}]
    left_new = [j for j in range(len(new)) if j not in {b for _, b in pairs}]
    scored = sorted(((_similarity(old[i], new[j]), i, j) for i in left_old for j in left_new),
                    reverse=True)
    for score, i, j in scored:  # retitled slides: the most alike first
        if score >= SIMILAR and i in left_old and j in left_new:
            pairs.append((i, j))
            left_old.remove(i)
            left_new.remove(j)
    return sorted(pairs)


def _similarity(a: SlideContent, b: SlideContent) -> float:
    return difflib.SequenceMatcher(None, [t.text for t in a.texts],
                                   [t.text for t in b.texts], autojunk=False).ratio()


def _moved(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs off the longest increasing run of new indices (in old order)."""
    if not pairs:
        return set()
    ends: list[int] = []        # patience sorting: the smallest end of each run length,
    tails: list[int] = []       # the pair that ends it,
    previous: list[int | None] = [None] * len(pairs)  # and each pair's predecessor
    for k, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(ends, j)
        previous[k] = tails[length - 1] if length else None
        if length == len(ends):
            ends.append(j)
            tails.append(k)
        else:
            ends[length], tails[length] = j, k
    kept: set[int] = set()
    step: int | None = tails[-1]
    while step is not None:
        kept.add(step)
        step = previous[step]
    return {pair for k, pair in enumerate(pairs) if k not in kept}


# ----- text --------------------------------------------------------------------------------

def text_changes(old: tuple[Text, ...], new: tuple[Text, ...]) -> list[TextChange]:
    """Paragraphs added, removed and changed (those replaced one for one, word by word)."""
    matcher = difflib.SequenceMatcher(None, [t.text for t in old], [t.text for t in new],
                                      autojunk=False)
    changes: list[TextChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        gone, came = list(old[i1:i2]), list(new[j1:j2])
        while gone and came:  # replaced paragraphs, in order
            before, after = gone.pop(0), came.pop(0)
            changes.append(TextChange("changed", before, after, word_diff(before.text, after.text)))
        changes += [TextChange("removed", t, None, (("delete", t.text),)) for t in gone]
        changes += [TextChange("added", None, t, (("insert", t.text),)) for t in came]
    return changes


def word_diff(old: str, new: str) -> tuple[tuple[Op, str], ...]:
    """``new`` against ``old`` as runs of equal, deleted and inserted words (and marks)."""
    a, b = TOKENS.findall(old), TOKENS.findall(new)
    runs: list[tuple[Op, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("insert", "".join(b[j1:j2])))
    return tuple(runs)


# ----- charts ------------------------------------------------------------------------------

def point_changes(old: tuple[ChartPoints, ...], new: tuple[ChartPoints, ...]
                  ) -> list[PointChange]:
    """Per chart (matched by position on the slide), the points whose value changed,
    appeared or went, in the new chart's order."""
    changes: list[PointChange] = []
    for k in range(max(len(old), len(new))):
        before = old[k] if k < len(old) else None
        after = new[k] if k < len(new) else None
        shown = after or before
        assert shown is not None
        then = _by_key(before)
        now = _by_key(after)
        for key in list(now) + [key for key in then if key not in now]:
            was, is_ = then.get(key), now.get(key)
            old_value = was.value if was else None
            new_value = is_.value if is_ else None
            if old_value != new_value:
                row = is_ or was
                assert row is not None
                changes.append(PointChange(shown.title, key[0], key[1], old_value, new_value,
                                           row.origin, row.source, shown.box))
    return changes


def _by_key(chart: ChartPoints | None) -> dict[tuple[str, str], Point]:
    return {} if chart is None else {(p.series, p.x): p for p in chart.points}


# ----- theme and inputs --------------------------------------------------------------------

def _theme_and_inputs(old: DeckContent, new: DeckContent) -> tuple[str | None, list[str]]:
    """The theme line, and the other inputs that changed (from the two manifests)."""
    if old.manifest is None or new.manifest is None:
        look = None if old.theme_digest == new.theme_digest else \
            "the theme, master or layouts differ"
        return look, []
    themes = dict(old.manifest.options).get("theme"), dict(new.manifest.options).get("theme")
    theme_files = compare_manifests(_files(old.manifest, True), _files(new.manifest, True))
    inputs = compare_manifests(_files(old.manifest, False), _files(new.manifest, False))
    if themes[0] != themes[1]:
        return f"{themes[0]} → {themes[1]}", inputs
    if theme_files or old.theme_digest != new.theme_digest:
        named = ", ".join(reason.split(":")[0] for reason in theme_files)
        return f"{themes[1]} changed" + (f" ({named})" if named else ""), inputs
    return None, inputs


def _files(manifest: Manifest, theme: bool) -> Manifest:
    """The manifest's theme files (``theme``) or its other inputs, without options."""
    files: tuple[InputFile, ...] = tuple(f for f in manifest.files
                                         if (f.role in THEME_ROLES) == theme)
    return Manifest(manifest.version if not theme else "", (), files)
