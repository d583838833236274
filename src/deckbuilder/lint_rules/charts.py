"""Rules about what a chart claims: a highlight says why, a native chart shows what its
picture would."""

from __future__ import annotations

from typing import Iterator

from ..charts.parity import native_losses
from ..ir import ChartBox
from .base import Finding, Subject


def chart_highlight(subject: Subject) -> Iterator[Finding]:
    """A highlighted bar or point without a ``note``: the audience sees it singled out and
    cannot tell why (nor can a screen reader, which reads the note in the alt text)."""
    for slide in subject.presentation.slides:
        for element in slide.elements:
            if not isinstance(element, ChartBox):
                continue
            for index, mark in enumerate(element.spec.highlight):
                if not (mark.note or "").strip():
                    yield subject.finding(
                        slide, "chart-highlight",
                        f"highlight '{mark.x}' gives no reason for singling it out",
                        f"write it as {{x: \"{mark.x}\", note: <why>}}, or remove the "
                        "highlight", "chart", "highlight", index)


def chart_native(subject: Subject) -> Iterator[Finding]:
    """A native chart that would drop something its picture shows."""
    for slide in subject.presentation.slides:
        for element in slide.elements:
            if isinstance(element, ChartBox) and element.spec.render == "native":
                for loss in native_losses(element.spec, element.data):
                    yield subject.finding(
                        slide, "chart-native", f"the native chart cannot show {loss}",
                        "use 'render: image', or say it in the slide's note", "chart")
