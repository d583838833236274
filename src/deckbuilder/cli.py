"""Command line: ``deckbuilder COMMAND``. Wires stages together; no logic of its own.

Exit codes: 0 success, 1 problems in the input (printed as FILE:LINE:COL) or a file that
cannot be read or written, 2 usage errors, 70 an internal error (a bug: one line, no
traceback unless DECKBUILDER_DEBUG=1), 130 interrupted. See docs/reliability.md.
"""

from __future__ import annotations

import argparse
import atexit
import errno
import gc
import os
import re
import signal
import sys
import threading
from pathlib import Path
from typing import Any, Iterable

from . import __version__
from .errors import DeckError

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL = 70  # EX_SOFTWARE in sysexits.h
# what writing to an open stream (standard output, say) meets on a full, broken or read-only
# device: the machine's state, not a bug, though the error names no file
STREAM_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE,
                           errno.EROFS})


def deck_name(deck: Path, language: str | None = None) -> str:
    """A build's name: the deck's, and a build in another language's beside it with its
    tag (``talk.es-MX``), so building one language never replaces another's output."""
    return f"{deck.stem}.{language}" if language else deck.stem


def default_output(deck: Path, language: str | None = None) -> Path:
    """Where ``build``, ``watch`` and ``serve`` write a deck unless told:
    ``build/<deck name>.pptx`` (``build/<deck name>.<tag>.pptx`` with ``--language``)."""
    return Path("build") / f"{deck_name(deck, language)}.pptx"


def _deck_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("deck", type=Path, help="the deck definition (YAML)")
    parser.add_argument("--allow-outside", action="store_true",
                        help="let the deck read files outside its project folder")


def _theme_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--theme", help="theme name, overriding the deck's 'theme:'")


def _rebuilding_arguments(parser: argparse.ArgumentParser) -> None:
    """What the long-running commands that keep a deck built (watch, serve) take."""
    _deck_argument(parser)
    parser.add_argument("-o", "--output", type=Path,
                        help="output file (default: build/<deck name>.pptx)")
    _theme_argument(parser)
    _language_argument(parser)


def _language_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--language", metavar="TAG", type=_language_tag,
                        help="build the deck's text in this language (BCP 47, e.g. es-MX) "
                             "from its strings file <deck>.<TAG>.yaml")


def _language_tag(value: str) -> str:
    """A ``--language`` value, checked before it names a strings file or an output."""
    from .locales import LANGUAGE_TAG

    if not re.match(LANGUAGE_TAG, value):
        raise argparse.ArgumentTypeError(f"'{value}' is not a language tag; write one such "
                                         "as es-MX or de-DE")
    return value


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deckbuilder",
        description="Compile a YAML deck definition into a themed PowerPoint (.pptx) file.")
    parser.add_argument("--version", action="version", version=f"deckbuilder {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser("build", help="build a .pptx from a deck",
                                description="Build a .pptx from a deck definition.")
    _deck_argument(build)
    build.add_argument("-o", "--output", type=Path,
                       help="output file (default: build/<deck name>.pptx)")
    _theme_argument(build)
    build.add_argument("--check", action="store_true",
                       help="write nothing; exit 1, naming what changed, if the output is "
                            "missing or out of date with the deck, its data, charts, images, "
                            "theme or deckbuilder's version (for CI)")
    _language_argument(build)
    build.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                       help="for a deck with 'each:' (one deck per item), build N decks at "
                            "a time (default 1)")

    watch = commands.add_parser(
        "watch", help="rebuild a deck whenever it or a file it reads changes",
        description="Build a deck, then rebuild it whenever the deck or any file it reads "
                    "(data, chart CSVs, images, theme) changes. A failed rebuild prints its "
                    "problems and keeps the last good output. Ctrl-C stops.")
    _rebuilding_arguments(watch)
    watch.add_argument("--max-builds", type=int, help=argparse.SUPPRESS)  # for tests

    serve = commands.add_parser(
        "serve", help="show the deck in the browser, updated on every save",
        description="Serve a page on 127.0.0.1 showing every slide of the deck, redrawn "
                    "whenever the deck or a file it reads changes, with lint's findings on "
                    "their slides and the .pptx written alongside, as watch writes it. "
                    "Ctrl-C stops. See docs/serve.md.")
    _rebuilding_arguments(serve)
    serve.add_argument("--port", type=int,
                       help="port on 127.0.0.1 (default 8765; 0: any free port)")
    serve.add_argument("--open", action="store_true", help="open the page in the browser")
    serve.add_argument("--editor-url", metavar="TEMPLATE",
                       help="link a click on a shape or finding opens, with {path}, {line} "
                            "and {col} (default: $DECKBUILDER_EDITOR_URL, else "
                            "'vscode://file/{path}:{line}:{col}'; '' shows FILE:LINE only)")

    validate = commands.add_parser("validate", help="check a deck without writing anything",
                                   description="Check a deck (YAML, templates, schema, theme, "
                                               "data, layout) without writing anything.")
    _deck_argument(validate)
    _theme_argument(validate)
    _language_argument(validate)

    preview = commands.add_parser(
        "preview", help="render every slide to PNG, plus a contact sheet (needs LibreOffice)",
        description="Build a deck, then render a PDF, one PNG per slide and a contact sheet "
                    "(every slide as a numbered thumbnail) with LibreOffice and pdftoppm.")
    _deck_argument(preview)
    preview.add_argument("-o", "--output", type=Path, metavar="FOLDER",
                         help="output folder; its slide-*.png files are replaced "
                              "(default: build/preview/<deck name>, with --language "
                              "build/preview/<deck name>.<TAG>)")
    _theme_argument(preview)
    _language_argument(preview)

    new = commands.add_parser("new", help="create a starter project that builds out of the box",
                              description="Create a starter project (deck, chart data, README) "
                                          "in a new or empty folder.")
    new.add_argument("folder", type=Path, help="the folder to create")

    schema = commands.add_parser("schema", help="print the JSON Schema of the deck format",
                                 description="Print the JSON Schema of the deck format, for "
                                             "editor completion and validation.")
    schema.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write it to FILE instead of printing it")

    lint = commands.add_parser(
        "lint", help="check a deck for overflow, overlaps, contrast, alt text and more",
        description="Lay out a deck and report what a viewer would trip over (text that does "
                    "not fit, overlaps, small type, low contrast, missing alt text, sources or "
                    "titles), each at its YAML line. Exits 1 when there are errors; see "
                    "docs/lint.md.")
    _deck_argument(lint)
    _theme_argument(lint)
    _language_argument(lint)
    lint.add_argument("--format", choices=("text", "json"), default="text",
                      help="text for people (default), json for CI")

    outline = commands.add_parser("outline", help="print a Markdown outline of the built deck",
                                  description="Print a Markdown outline of the built deck "
                                              "(titles, bullets, quotes, figures, sources, "
                                              "notes) for reviews and diffs.")
    _deck_argument(outline)
    outline.add_argument("-o", "--output", type=Path, metavar="FILE",
                         help="write it to FILE instead of printing it")
    _theme_argument(outline)
    _language_argument(outline)

    diff = commands.add_parser(
        "diff", help="what changed between two decks: slides, text, chart points, theme",
        description="Compare two decks as a viewer sees them: slides added, removed and "
                    "moved, text as a word diff, chart points with old -> new values and the "
                    "data file and row they came from, the theme and the inputs that changed. "
                    "Each side is a .pptx, a deck YAML (built in memory) or REV:PATH, a deck "
                    "at a git revision. Exits 0 when equal, 1 when different, 2 on trouble; "
                    "see docs/diff.md.")
    diff.add_argument("old", help="the deck before: FILE.pptx, DECK.yaml or REV:PATH")
    diff.add_argument("new", help="the deck after: FILE.pptx, DECK.yaml or REV:PATH")
    diff.add_argument("--format", choices=("markdown", "json"), default="markdown",
                      help="markdown for a pull-request comment (default), json for programs")
    diff.add_argument("--images", type=Path, metavar="DIR",
                      help="also write a before/after PNG of each changed slide, changed "
                           "areas outlined, into DIR (needs LibreOffice)")
    diff.add_argument("--allow-outside", action="store_true",
                      help="let a deck side read files outside its project folder")

    template_commands = _command_group(commands, "template", "look inside a .pptx/.potx "
                                       "template", "Tools for building on PowerPoint templates.")
    inspect = template_commands.add_parser(
        "inspect", help="list a template's layouts and their placeholders",
        description="Print every layout of a .pptx/.potx template with its placeholders "
                    "(idx, type, name, position and size), and which slide kinds use each "
                    "layout by default, for writing a 'layouts:' mapping.")
    inspect.add_argument("file", type=Path, help="the template (.pptx or .potx)")

    theme_commands = _command_group(commands, "theme", "write a theme as a PowerPoint template",
                                    "Tools for themes.")
    export = theme_commands.add_parser(
        "export", help="write a theme as a .potx template to adjust in PowerPoint",
        description="Write a theme as a PowerPoint template (slide master, theme colours "
                    "and fonts, one layout per slide kind). Adjust it in PowerPoint, then "
                    "name it as a deck's 'template:'.")
    export.add_argument("name", help="the theme (see deckbuilder themes)")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                        help="the template to write (.potx or .pptx)")
    export.add_argument("--size", choices=("16:9", "4:3"), default="16:9",
                        help="the slide size (default 16:9)")

    daemon_commands = _command_group(
        commands, "daemon", "the warm build server this project's commands use",
        "After a build on a terminal, a server stays warm in the background so the next "
        "build, lint, validate, outline, preview or diff here starts in a fraction of the "
        "time; it stops after 10 idle minutes. DECKBUILDER_DAEMON=0 turns it off (see "
        "docs/architecture.md).")
    daemon_commands.add_parser("stop", help="stop this project's build server")
    daemon_commands.add_parser("status", help="say whether this project has a build server")

    commands.add_parser("themes", help="list the themes a deck here can use",
                        description="List the themes of this project (its themes/ folder) "
                                    "and those shipped with deckbuilder, with a one-line "
                                    "description of each.")
    return parser


def _command_group(commands: Any, name: str, help: str, description: str) -> Any:
    """A command with subcommands of its own (``template inspect``, ``theme export``)."""
    group = commands.add_parser(name, help=help, description=description)
    return group.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)


def _build(args: argparse.Namespace) -> int:
    from .fanout import is_each_deck
    from .pipeline import build_file

    if is_each_deck(args.deck):
        return _build_each(args)
    output = args.output or default_output(args.deck, args.language)
    if args.check:
        return _check(args, output)
    compiled, written = build_file(args.deck, output, args.theme, args.allow_outside,
                                   sys.stderr, "nothing was written", language=args.language)
    if not written:
        return EXIT_INPUT
    count = len(compiled.presentation.slides) if compiled.presentation else 0
    print(f"wrote {output} ({count} slides)")
    return EXIT_OK


def _build_each(args: argparse.Namespace) -> int:
    """A deck with ``each:``: every item's deck, ``--jobs`` at a time."""
    from .api import targets
    from .fanout import build_targets, report

    if args.output is not None:
        print(f"deckbuilder build: error: {args.deck} names each deck's file under "
              "'each: output:'; leave out -o", file=sys.stderr)
        return EXIT_USAGE
    if args.language is not None:
        print(f"deckbuilder build: error: {args.deck} builds one deck per item of 'each:', "
              "which cannot take --language yet; build a deck without 'each:' in another "
              "language", file=sys.stderr)
        return EXIT_USAGE
    if args.jobs < 1:
        print("deckbuilder build: error: --jobs must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    found = targets(args.deck, args.allow_outside)
    if args.check:
        stale = [_check(args, t.output, t.data) for t in found]
        return EXIT_INPUT if any(stale) else EXIT_OK
    outcomes = build_targets(found, args.jobs, args.theme, args.allow_outside)
    failed = report(outcomes, sys.stdout, sys.stderr)
    if failed:
        print(f"{args.deck}: {failed} of {len(found)} decks not written", file=sys.stderr)
    return EXIT_INPUT if failed else EXIT_OK


def _check(args: argparse.Namespace, output: Path, variables: dict | None = None) -> int:
    from .freshness import check

    reasons = check(args.deck, output, args.theme, args.allow_outside, variables,
                    args.language)
    if not reasons:
        print(f"{output} is up to date")
        return EXIT_OK
    print(f"{output} needs a rebuild:", file=sys.stderr)
    for reason in reasons:
        print(f"  {reason}", file=sys.stderr)
    again = "" if variables else f" -o {output}"  # each: decks name their own outputs
    if args.language:
        again += f" --language {args.language}"
    print(f"rebuild it with: deckbuilder build {args.deck}{again}", file=sys.stderr)
    return EXIT_INPUT


def _watch(args: argparse.Namespace) -> int:
    from .watch import watch

    output = args.output or default_output(args.deck, args.language)
    return watch(args.deck, output, args.theme, args.allow_outside, max_builds=args.max_builds,
                 language=args.language)


def _serve(args: argparse.Namespace) -> int:
    from .serve import editor_url, serve

    output = args.output or default_output(args.deck, args.language)
    return serve(args.deck, output, args.port, args.open, editor_url(args.editor_url),
                 args.theme, args.allow_outside, language=args.language)


def _validate(args: argparse.Namespace) -> int:
    from .pipeline import compile_deck

    compiled = compile_deck(args.deck, args.theme, args.allow_outside, language=args.language)
    count = len(compiled.presentation.slides) if compiled.presentation else 0
    print(f"{args.deck}: ok ({count} slides)")
    return EXIT_OK


def _lint(args: argparse.Namespace) -> int:
    from .lint import format_json, format_text, from_problems, has_errors, lint_compiled, summary
    from .pipeline import compile_deck

    try:
        findings = lint_compiled(compile_deck(args.deck, args.theme, args.allow_outside,
                                              strict=False, language=args.language))
    except DeckError as exc:  # a deck that cannot be laid out is one more finding
        findings = from_problems(exc.problems)
    if args.format == "json":
        sys.stdout.write(format_json(findings))
    else:
        sys.stdout.write(format_text(findings))
        print(f"{args.deck}: {summary(findings)}")
    return EXIT_INPUT if has_errors(findings) else EXIT_OK


def _preview(args: argparse.Namespace) -> int:
    from .preview import PreviewError, preview_deck

    folder = args.output or Path("build") / "preview" / deck_name(args.deck, args.language)
    try:
        result = preview_deck(args.deck, folder, args.theme, args.allow_outside, args.language)
    except PreviewError as exc:
        print(f"deckbuilder preview: {exc}", file=sys.stderr)
        return EXIT_INPUT
    print(f"wrote {result.pptx.name}, {result.pdf.name}, {len(result.pages)} slide images and "
          f"{result.contact_sheet.name} in {folder}")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, scaffold

    try:
        scaffold(args.folder)
    except ScaffoldError as exc:
        print(f"deckbuilder new: {exc}", file=sys.stderr)
        return EXIT_INPUT
    print(f"created a starter project in {args.folder}; build it with:\n"
          f"  cd {args.folder} && deckbuilder build deck.yaml")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .schema import schema_text

    _emit(schema_text(), args.output, (), "deck.schema.json")
    return EXIT_OK


def _outline(args: argparse.Namespace) -> int:
    from .outline import outline
    from .pipeline import compile_deck

    compiled = compile_deck(args.deck, args.theme, args.allow_outside, language=args.language)
    assert compiled.presentation is not None
    _emit(outline(compiled.presentation), args.output, compiled.inputs, f"{args.deck.stem}.md")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from .diff import run

    return run(args.old, args.new, args.format, args.images, args.allow_outside,
               sys.stdout, sys.stderr)


def _template(args: argparse.Namespace) -> int:
    from .templates_cli import inspect_template

    return inspect_template(args.file, sys.stdout, sys.stderr)


def _theme(args: argparse.Namespace) -> int:
    from .paths import project_root
    from .templates_cli import export_theme

    return export_theme(args.name, args.output, args.size,
                        project_root(Path.cwd() / "deck.yaml"), sys.stdout)


def _themes(args: argparse.Namespace) -> int:
    from .paths import project_root
    from .templates_cli import list_themes

    return list_themes(project_root(Path.cwd() / "deck.yaml"), sys.stdout)


def _daemon(args: argparse.Namespace) -> int:
    from .daemon import code_state, socket_path, stop

    if args.daemon_command == "stop":
        print("stopped the build server" if stop() else "no build server was running")
        return EXIT_OK
    path = socket_path(code_state())
    running = path is not None and os.path.exists(path)
    print(f"a build server is running ({path})" if running else "no build server is running")
    return EXIT_OK


def _emit(text: str, output: Path | None, inputs: Iterable[Path], example: str) -> None:
    """Print ``text``, or write it to ``output`` as every command writes (``example``: a
    file name to suggest if ``output`` is a folder)."""
    if output is None:
        sys.stdout.write(text)
        return
    from .atomic import write_output

    write_output(output, text.encode("utf-8"), inputs, example)
    print(f"wrote {output}")


COMMANDS = {"build": _build, "watch": _watch, "serve": _serve, "validate": _validate,
            "lint": _lint, "preview": _preview, "new": _new, "schema": _schema,
            "outline": _outline, "diff": _diff, "template": _template, "daemon": _daemon,
            "theme": _theme, "themes": _themes}


LONG_RUNNING = frozenset({"watch", "serve"})


def main(argv: list[str] | None = None) -> int:
    interrupts = _Interrupts()
    collecting = gc.isenabled()
    try:
        args = make_parser().parse_args(argv)  # usage errors exit 2 (SystemExit passes through)
        if args.command not in LONG_RUNNING:
            # A one-shot command makes almost no reference cycles (a 1,000-slide build peaks
            # 4% higher without the cycle collector), so the collector's passes over every
            # imported object are pure cost: about 7% of a warm seed deck rebuild.
            gc.disable()
        return COMMANDS[args.command](args)
    except DeckError as exc:
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return _interrupted()
    except OSError as exc:
        if interrupts.received:
            return _interrupted()
        if os.environ.get("DECKBUILDER_DEBUG") or (exc.filename is None
                                                   and exc.errno not in STREAM_ERRORS):
            return _internal_error(exc)
        where = "deckbuilder" if exc.filename is None else exc.filename  # stdout, say
        print(f"{where}: error: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as exc:  # noqa: BLE001 - anything else is a bug: say so in one line
        if interrupts.received:  # a library turned our KeyboardInterrupt into another error
            return _interrupted()
        return _internal_error(exc)
    finally:
        interrupts.restore()
        if collecting:
            gc.enable()


def _interrupted() -> int:
    print("interrupted; no output was written", file=sys.stderr)
    return 130


class _Interrupts:
    """SIGINT (Ctrl-C) and SIGTERM (CI timeouts, `kill`) raise KeyboardInterrupt, so a build
    being written unwinds through the atomic writer's cleanup, and they are remembered: a
    library may turn a KeyboardInterrupt into an error of its own (C extensions and worker
    pools do), which must not be reported as a bug. Once ``deaf``, they are only
    remembered: the outcome is settled and an interrupt could only print a traceback."""

    def __init__(self) -> None:
        self.received = False
        self.deaf = False
        self._previous: dict[int, Any] = {}
        if threading.current_thread() is not threading.main_thread():
            return
        for name in ("SIGINT", "SIGTERM"):
            if hasattr(signal, name):
                number = getattr(signal, name)
                self._previous[number] = signal.signal(number, self._interrupt)

    def _interrupt(self, signum: int, frame: object) -> None:
        self.received = True
        if not self.deaf:
            raise KeyboardInterrupt

    def restore(self) -> None:
        for number, previous in self._previous.items():
            if previous is not None:  # (None: a handler installed outside Python)
                signal.signal(number, previous)


def _internal_error(exc: BaseException) -> int:
    """Report a bug in one line; DECKBUILDER_DEBUG=1 re-raises it with its traceback."""
    if os.environ.get("DECKBUILDER_DEBUG"):
        raise exc
    detail = " ".join(str(exc).split())[:300]
    print(f"deckbuilder: internal error ({type(exc).__name__}{': ' + detail if detail else ''}); "
          "this is a bug in deckbuilder, not in your deck: please report it with the deck "
          "that triggers it (DECKBUILDER_DEBUG=1 shows the traceback)",
          file=sys.stderr)
    return EXIT_INTERNAL


def entry() -> None:
    """The ``deckbuilder`` command: :func:`main` (or this project's warm build server,
    ``daemon.py``). An interrupt before an outcome (while looking for a server, say) is
    "interrupted", nothing written; once the outcome is settled (the output written or left
    alone) the command is deaf to it, so an interrupt while the interpreter shuts down cannot
    print a traceback from its threading module."""
    ending = _QuickEnd()  # first registered, so its handler is the last to run
    interrupts = _Interrupts()
    code: int | None = None
    try:
        from .daemon import relay, start

        argv = sys.argv[1:]
        code = relay(argv)  # a warm server answers, if this project has one
        if code is None:
            code = main()
        interrupts.deaf = True
        if code == EXIT_OK:
            start(argv)  # for the next command, when run on a terminal
    except KeyboardInterrupt:
        interrupts.deaf = True
    ending.code = _interrupted() if code is None else code
    sys.exit(ending.code)


class _QuickEnd:
    """Ends the process once Python's shutdown has waited for its threads and run every
    other atexit handler. What it would do next, collect and free each object of some 600
    modules one at a time, is a fifth of a warm seed-deck build and frees nothing anyone
    waits for: every file is closed by then (writes here are ``with`` blocks or the atomic
    writer), and temporary folders are ``with`` blocks or atexit's."""

    def __init__(self) -> None:
        self.code: int | None = None  # None: no outcome (an uncaught error, say Python's way)
        atexit.register(self._end)

    def _end(self) -> None:
        if self.code is None:
            return
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            return  # a closed pipe, say: Python's own shutdown reports it as it always does
        os._exit(self.code)


if __name__ == "__main__":
    entry()
