"""``deckbuilder template inspect FILE`` and ``deckbuilder themes``: what a user needs to
write a ``layouts:`` mapping for a template, or to pick a theme."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from lxml import etree

from .errors import DeckError, SourcePos
from .ir import EMU_PER_INCH
from .theme.info import Layout, TemplateInfo
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
    """The template as text: size, fonts, colours, sample slides, then each master's
    layouts with what they are and which slide kinds a deck without a mapping puts there."""
    from .theme.choice import choose_layouts

    try:
        choice = choose_layouts(info, [], SourcePos(str(info.path)))
    except DeckError as exc:  # no layout has a title: say so instead of the defaults
        kinds, notes = {}, [exc.problems[0].message]
    else:
        kinds = {}
        for kind, layout in choice.layouts.items():
            kinds.setdefault(layout.number, []).append(kind)
        notes = [f"no layout for '{kind}' slides in slide master {home}: they borrow "
                 f"'{choice.layouts[kind].name}' from slide master "
                 f"{choice.layouts[kind].master}" for kind, home in choice.borrowed.items()]
    inch, masters = EMU_PER_INCH, info.masters
    lines = [f"{info.path.name}: {info.width / inch:.2f} x {info.height / inch:.2f} in, "
             f"{masters} slide master{'s' * (masters != 1)}, {len(info.layouts)} layouts",
             f"fonts: headings {info.fonts.heading or '-'}, body {info.fonts.body or '-'}",
             "colours: " + ", ".join(f"{k} {info.scheme[k]}" for k in SCHEME if k in info.scheme),
             _samples(info),
             "each layout: its OOXML type and master, then its placeholders: idx, type, name, "
             "left, top, width and height in inches"]
    lines += [f"note: {note}" for note in notes]
    for layout in info.layouts:
        if layout.number == 0 or layout.master != info.layouts[layout.number - 1].master:
            lines += ["", f"master {layout.master}"]
        used = kinds.get(layout.number)
        lines.append(f'  layout "{layout.name}"' +
                     (f"  (default for: {', '.join(used)})" if used else ""))
        lines.append("    " + "; ".join(layout_facts(layout)))
        lines.append(background_line(layout))
        for ph in layout.placeholders:
            where = (f"{ph.box.x / inch:6.2f} {ph.box.y / inch:6.2f} {ph.box.w / inch:6.2f} "
                     f"{ph.box.h / inch:6.2f}" if ph.box else "   (no position)")
            lines.append(f"    {ph.idx:>3}  {ph.type:<9} {ph.name[:28]:<28} {where}")
        if not layout.placeholders:
            lines.append("    (no placeholders)")
    return "\n".join(lines) + "\n"


def layout_facts(layout: Layout) -> list[str]:
    """What one layout is, as short "name value" facts for its line under its name."""
    return [f"type {layout.type or '- (custom)'}", f"master {layout.master}"]


def _samples(info: TemplateInfo) -> str:
    """The template's own slides, which a build leaves out."""
    count = len(info.samples)
    if not count:
        return "sample slides: none"
    return (f"sample slides: {count}, dropped from every deck built on it (with their notes); "
            "a deck's slides come from its YAML")


def background_line(layout: Layout) -> str:
    """What a slide on ``layout`` shows behind its text: ``solid #FFFFFF``, ``picture,
    dark``, ``gradient with artwork, mixed`` (see theme/backdrop.py)."""
    shown = layout.backdrop.describe() if layout.backdrop is not None else "unknown"
    return f"    background: {shown}"


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


def export_theme(name: str, output: Path, size: str, project: Path | None, out: TextIO) -> int:
    """``deckbuilder theme export``: write theme ``name`` as a PowerPoint template, for a
    designer to adjust in PowerPoint and a deck to name as its ``template:``."""
    from .atomic import write_output
    from .theme.master import theme_template

    if output.suffix.lower() not in (".potx", ".pptx"):
        raise DeckError.at(SourcePos(str(output), 1, 1), "a template is written as .potx "
                                                         "(or .pptx); choose such a -o path")
    theme = load_theme(name, project, SourcePos("theme export", 1, 1))
    if theme.template is not None:
        raise DeckError.at(SourcePos("theme export", 1, 1),
                           f"theme '{name}' is built on its template {theme.template}; that "
                           "file already is its PowerPoint template")
    data = theme_template(theme, size)
    write_output(output, packaged(data, theme.name, output.suffix.lower() == ".potx"),
                 example=f"{name}.potx")
    out.write(f"wrote {output} (theme '{name}', {size})\n")
    return 0


def packaged(data: bytes, theme: str, as_potx: bool) -> bytes:
    """A theme's template package as written for a designer: its ``app.xml`` describing the
    template (no slides), and for a .potx the main part typed as a template's."""
    import io
    import zipfile

    from .ir import Presentation
    from .render.app_properties import app_xml
    from .render.package import repack

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
        size = etree.fromstring(entries["ppt/presentation.xml"]).find(f"{{{P_NS}}}sldSz")
    empty = Presentation(int(size.get("cx")), int(size.get("cy")), [], f"{theme} theme")
    entries["docProps/app.xml"] = app_xml(empty, theme, "deckbuilder")
    if as_potx:
        entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
            PRESENTATION_TYPE.encode(), TEMPLATE_TYPE.encode())
    return repack(entries)


P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
PRESENTATION_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
