"""Command line: ``deckbuilder build|validate``. Wires stages together; no logic of its own.

Exit codes: 0 success, 1 problems in the input (printed as FILE:LINE:COL), 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import DeckError

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def _deck_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("deck", type=Path, help="the deck definition (YAML)")
    parser.add_argument("--allow-outside", action="store_true",
                        help="let the deck read files outside its project folder")


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
    build.add_argument("--theme", help="theme name, overriding the deck's 'theme:'")

    validate = commands.add_parser("validate", help="check a deck without writing anything",
                                   description="Check a deck (YAML, templates, schema, theme, "
                                               "data, layout) without writing anything.")
    _deck_argument(validate)
    validate.add_argument("--theme", help="theme name, overriding the deck's 'theme:'")
    return parser


def _build(args: argparse.Namespace) -> int:
    from .pipeline import compile_deck, render_pptx
    from .render.package import write_atomically

    compiled = compile_deck(args.deck, args.theme, args.allow_outside)
    output = args.output or Path("build") / f"{args.deck.stem}.pptx"
    write_atomically(output, render_pptx(compiled))
    count = len(compiled.presentation.slides) if compiled.presentation else 0
    print(f"wrote {output} ({count} slides)")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .pipeline import compile_deck

    compiled = compile_deck(args.deck, args.theme, args.allow_outside)
    count = len(compiled.presentation.slides) if compiled.presentation else 0
    print(f"{args.deck}: ok ({count} slides)")
    return EXIT_OK


COMMANDS = {"build": _build, "validate": _validate}


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DeckError as exc:
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted; no output was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
