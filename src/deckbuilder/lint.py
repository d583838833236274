"""Lint: find what a viewer would trip over in a laid-out deck, from the IR alone.

Reads the presentation IR (and the YAML tree for positions), never the .pptx. Layout
problems found while fitting text come in as findings too, so one list answers "what is
wrong with this deck". Rules live in :mod:`deckbuilder.lint_rules`; docs/lint.md lists them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Iterable, Sequence

from .errors import Problem, did_you_mean
from .ir import Presentation
from .lint_rules import RULES
from .lint_rules.base import SEVERITY, Finding, Subject
from .load import SourceTree
from .theme import Theme

if TYPE_CHECKING:
    from .pipeline import Compiled


def lint_presentation(presentation: Presentation, theme: Theme,
                      tree: SourceTree | None = None) -> list[Finding]:
    """Every finding of every rule, in deck order."""
    subject = Subject(presentation, theme, tree)
    return [finding for rule in RULES for finding in rule(subject)]


def from_problems(problems: Iterable[Problem]) -> list[Finding]:
    """Findings for problems raised by earlier stages (layout, or a deck that is invalid)."""
    findings = []
    for problem in problems:
        rule = getattr(problem, "rule", "invalid")
        findings.append(Finding(problem.pos, rule, problem.message,
                                getattr(problem, "hint", "") or "see docs/format.md",
                                SEVERITY[rule]))
    return findings


def lint_compiled(compiled: Compiled) -> list[Finding]:
    """Findings for a deck compiled with ``strict=False``: layout's and every rule's, less
    the warnings the deck's ``lint: ignore:`` names (an unknown or error rule there is an
    error of its own)."""
    assert compiled.presentation is not None
    findings = from_problems(compiled.layout_problems)
    findings += lint_presentation(compiled.presentation, compiled.theme, compiled.tree)
    ignored, problems = ignored_rules(compiled.deck.lint.ignore, compiled.tree)
    return sort_findings([f for f in findings if f.rule not in ignored] + problems)


def ignored_rules(names: list[str], tree: SourceTree) -> tuple[set[str], list[Finding]]:
    """The warning rules to leave out, and a finding for each name that is not one."""
    ignored, problems = set(), []
    for index, name in enumerate(names):
        pos = tree.pos(("lint", "ignore", index))
        if name not in SEVERITY:
            problems.append(Finding(pos, "invalid", f"unknown lint rule '{name}'"
                                    f"{did_you_mean(name, SEVERITY)}",
                                    "use a rule name from docs/lint.md", "error"))
        elif SEVERITY[name] == "error":
            problems.append(Finding(pos, "invalid", f"'{name}' is an error and cannot be "
                                    "ignored", "fix what it reports instead", "error"))
        else:
            ignored.add(name)
    return ignored, problems


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    unique = dict.fromkeys(findings)
    return sorted(unique, key=lambda f: (f.pos.file, f.pos.line, f.pos.col, f.rule))


def has_errors(findings: Sequence[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def summary(findings: Sequence[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def format_text(findings: Sequence[Finding]) -> str:
    return "".join(f"{finding.format()}\n" for finding in findings)


def format_json(findings: Sequence[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    return json.dumps({"findings": [f.as_dict() for f in findings],
                       "errors": errors, "warnings": len(findings) - errors},
                      indent=2, ensure_ascii=False) + "\n"
