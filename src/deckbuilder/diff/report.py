"""A deck diff written for people (Markdown, for a pull-request comment) and for programs
(JSON). Both say the same things in the same order: the theme, the inputs that changed,
then slide by slide what was added, removed or moved, the text as a word diff, and the
chart points with old → new values and the file:line they came from."""

from __future__ import annotations

import json
import re
from typing import Any

from .compare import DeckDiff, PointChange, SlideChange, TextChange

MARKDOWN_SPECIAL = re.compile(r"([\\`*_~|\[\]<>#])")
NOTHING = "—"


def markdown(diff: DeckDiff) -> str:
    lines = [f"## Deck changes: `{diff.old.label}` → `{diff.new.label}`", ""]
    if diff.equal:
        return "\n".join(lines + ["No changes: the decks show the same slides, text and "
                                  "chart data.", ""])
    if diff.theme:
        lines.append(f"**Theme:** {_escape(diff.theme)}")
    if diff.inputs:
        lines.append("**Inputs changed:** " + "; ".join(_input(reason) for reason in diff.inputs))
    if diff.theme or diff.inputs:
        lines.append("")
    if not diff.slides:
        lines.append("No slide shows different text or chart data.")
    for change in diff.slides:
        lines += _slide_markdown(change)
    return "\n".join(lines).rstrip("\n") + "\n"


def _input(reason: str) -> str:
    name, _, what = reason.partition(": ")
    return f"`{name}` ({what})" if what else _escape(reason)


def _slide_markdown(change: SlideChange) -> list[str]:
    title = _escape(change.title)
    if change.status == "added":
        assert change.new is not None
        return [f"### Slide {change.new.index} “{title}”: added", ""]
    if change.status == "removed":
        assert change.old is not None
        return [f"### “{title}” (was slide {change.old.index}): removed", ""]
    assert change.old is not None and change.new is not None
    moved = f", moved from slide {change.old.index}" if change.moved else ""
    lines = [f"### Slide {change.new.index} “{title}”{moved}", ""]
    lines += [f"- {_text_markdown(text)}" for text in change.text]
    if change.points:
        if change.text:
            lines.append("")
        lines += ["| Chart | Series | Point | Old | New | From | Source |",
                  "|---|---|---|---|---|---|---|"]
        lines += [f"| {_escape(p.chart)} | {_escape(p.series)} | {_escape(p.x)} | "
                  f"{_number(p.old)} | {_number(p.new)} | `{p.origin or 'the deck'}` | "
                  f"{_escape(p.source) if p.source else '**none**'} |" for p in change.points]
    return lines + [""]


def _text_markdown(change: TextChange) -> str:
    where = " (notes)" if change.in_notes else ""
    if change.change == "added":
        return f"added{where}: **{_escape(change.words[0][1])}**"
    if change.change == "removed":
        return f"removed{where}: ~~{_escape(change.words[0][1])}~~"
    return f"changed{where}: " + "".join(_run(op, text) for op, text in change.words)


def _run(op: str, text: str) -> str:
    """A run of the word diff; marks go inside the spaces, which Markdown needs."""
    if op == "equal":
        return _escape(text)
    mark = "~~" if op == "delete" else "**"
    stripped = text.strip()
    if not stripped:
        return text if op == "insert" else ""
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}{mark}{_escape(stripped)}{mark}{trail}"


def _number(value: float | None) -> str:
    if value is None:
        return NOTHING
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


def _escape(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def as_json(diff: DeckDiff) -> str:
    document = {
        "old": diff.old.label, "new": diff.new.label, "equal": diff.equal,
        "theme": diff.theme, "inputs": diff.inputs,
        "slides": [_slide_json(change) for change in diff.slides],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _slide_json(change: SlideChange) -> dict[str, Any]:
    return {
        "status": change.status, "moved": change.moved, "title": change.title,
        "old_slide": change.old.index if change.old else None,
        "new_slide": change.new.index if change.new else None,
        "text": [{"change": t.change, "old": t.old.text if t.old else None,
                  "new": t.new.text if t.new else None,
                  "notes": t.in_notes,
                  "words": [{"op": op, "text": text} for op, text in t.words]}
                 for t in change.text],
        "points": [_point_json(p) for p in change.points],
    }


def _point_json(point: PointChange) -> dict[str, Any]:
    return {"chart": point.chart, "series": point.series, "x": point.x, "old": point.old,
            "new": point.new, "from": point.origin or None, "source": point.source or None}
