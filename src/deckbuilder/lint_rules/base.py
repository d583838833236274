"""What lint rules read and what they return: the laid-out deck and findings about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..errors import SourcePos
from ..ir import Presentation, Slide
from ..load import SourceTree
from ..theme import Theme

Severity = Literal["error", "warning"]

# Every rule and its severity. Errors stop a build; warnings are printed and the build goes
# on. docs/lint.md explains each rule.
SEVERITY: dict[str, Severity] = {
    "invalid": "error",          # the deck could not be read or validated at all
    "layout": "error",           # layout could not place something (e.g. extra table cells)
    "overflow": "error",
    "off-slide": "error",
    "overlap": "warning",
    "reading-order": "warning",
    "font-min": "warning",
    "contrast": "error",
    "contrast-artwork": "warning",   # contrast on a template's picture or artwork
    "alt-text": "error",
    "chart-source": "warning",
    "chart-row-source": "error",     # a CSV row without a known source (at the CSV's line)
    "chart-source-range": "warning",  # a source line's years stop short of the plotted ones
    "chart-glyphs": "error",
    "chart-size": "warning",
    "chart-highlight": "warning",
    "chart-native": "warning",
    "title-missing": "error",
    "title-duplicate": "warning",
    "empty-slide": "warning",
    "size-ignored": "warning",
    "font-unmeasured": "warning",
    "markup": "warning",
    "layout-borrowed": "warning",
    "translation-fallback": "warning",
    "translation-missing": "error",
}


@dataclass(frozen=True)
class Finding:
    """One problem in a deck: where, how bad, which rule, what is wrong and how to fix it."""

    pos: SourcePos
    rule: str
    message: str
    hint: str
    severity: Severity = "warning"

    def format(self) -> str:
        return (f"{self.pos}: {self.severity}: {self.pos.describe(self.message)} [{self.rule}]"
                f"\n    hint: {self.hint}")

    def as_dict(self) -> dict[str, object]:
        return {"file": self.pos.file, "line": self.pos.line, "col": self.pos.col,
                "severity": self.severity, "rule": self.rule, "message": self.message,
                "hint": self.hint, **({"context": self.pos.note} if self.pos.note else {})}


@dataclass
class Subject:
    """The laid-out deck under lint, its theme, and the YAML it came from."""

    presentation: Presentation
    theme: Theme
    tree: SourceTree | None = None
    _index: dict[SourcePos, int] = field(default_factory=dict, init=False, repr=False)

    def where(self, slide: Slide, *path: str | int) -> SourcePos:
        """YAML position of field ``path`` of the deck slide ``slide`` was laid out from."""
        fallback = slide.pos or SourcePos("<deck>", 1, 1)
        if self.tree is None or not path:
            return fallback
        if not self._index:
            count = len((self.tree.data or {}).get("slides") or [])
            self._index = {self.tree.pos(("slides", i)): i for i in range(count)}
        index = self._index.get(fallback)
        return fallback if index is None else self.tree.pos(("slides", index) + tuple(path))

    def finding(self, slide: Slide, rule: str, message: str, hint: str,
                *path: str | int) -> Finding:
        return Finding(self.where(slide, *path), rule, message, hint, SEVERITY[rule])


def snippet(text: str, limit: int = 40) -> str:
    """Text quoted for a message, shortened to ``limit`` characters."""
    text = " ".join(text.split())
    return f"'{text if len(text) <= limit else text[:limit - 1] + '…'}'"
