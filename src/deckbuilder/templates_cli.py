"""``deckbuilder template inspect FILE`` and ``deckbuilder themes``: what a user needs to
write a ``layouts:`` mapping for a template, or to pick a theme."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from .errors import DeckError, SourcePos
from .ir import EMU_PER_INCH
from .theme.info import TemplateInfo
from .theme import available_themes, load_theme, shipped_themes_dirs

SCHEME = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5",
          "accent6")


def inspect_template(path: Path, out: TextIO, err: TextIO) -> int:
    """Print every layout of the template at ``path`` with its placeholders; 1 if unusable."""
    from .paths import PathPolicy
    from .theme.reader import TemplateError, read_template

    # The path rule for a file named on the command line: a regular file (a pipe would hang).
    policy = PathPolicy(path, path.parent, allow_outside=True)
    path = policy.check(path, SourcePos.whole(path), "template", str(path))
    try:
        info = read_template(path)
    except TemplateError as exc:
        err.write(f"{path}: error: {exc}\n")
        return 1
    out.write(describe_template(info))
    return 0


def describe_template(info: TemplateInfo) -> str:
    """The template as text: size, fonts, colours, then each master's layouts."""
    from .theme.choice import choose_layouts

    inch = EMU_PER_INCH
    try:
        defaults = choose_layouts(info, [], SourcePos(str(info.path)))
    except DeckError as exc:  # no layout has a title: say so instead of the defaults
        defaults, note = {}, exc.problems[0].message
    else:
        note = ""
    kinds: dict[int, list[str]] = {}
    for kind, layout in defaults.items():
        kinds.setdefault(layout.number, []).append(kind)
    masters = info.masters
    lines = [f"{info.path.name}: {info.width / inch:.2f} x {info.height / inch:.2f} in, "
             f"{masters} slide master{'s' * (masters != 1)}, {len(info.layouts)} layouts",
             f"fonts: headings {info.fonts.heading or '-'}, body {info.fonts.body or '-'}",
             "colours: " + ", ".join(f"{k} {info.scheme[k]}" for k in SCHEME if k in info.scheme),
             "placeholders: idx, type, name, then left, top, width and height in inches"]
    if note:
        lines.append(f"note: {note}")
    for layout in info.layouts:
        if layout.number == 0 or layout.master != info.layouts[layout.number - 1].master:
            lines += ["", f"master {layout.master}"]
        used = kinds.get(layout.number)
        lines.append(f'  layout "{layout.name}"' +
                     (f"  (default for: {', '.join(used)})" if used else ""))
        for ph in layout.placeholders:
            where = (f"{ph.box.x / inch:6.2f} {ph.box.y / inch:6.2f} {ph.box.w / inch:6.2f} "
                     f"{ph.box.h / inch:6.2f}" if ph.box else "   (no position)")
            lines.append(f"    {ph.idx:>3}  {ph.type:<9} {ph.name[:28]:<28} {where}")
        if not layout.placeholders:
            lines.append("    (no placeholders)")
    return "\n".join(lines) + "\n"


def list_themes(project: Path | None, out: TextIO) -> int:
    """Print the themes a deck in ``project`` can use: its own, then deckbuilder's."""
    found = available_themes(project)
    width = max((len(name) for name in found), default=0)
    for name, path in found.items():
        try:
            theme = load_theme(name, project, SourcePos("themes"))
            about = theme.description + (f" [template: {theme.template}]" if theme.template
                                         else "")
        except DeckError as exc:
            about = f"(invalid: {exc.problems[0].format()})"
        shipped = any(path.is_relative_to(folder) for folder in shipped_themes_dirs())
        origin = "shipped" if shipped else "project"
        out.write(f"{name:<{width}}  {about}  ({origin})\n")
    return 0
