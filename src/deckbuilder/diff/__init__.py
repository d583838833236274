"""``deckbuilder diff OLD NEW``: what changed between two decks, for whoever approves a
rebuild (docs/diff.md). ``read`` turns each side into what its slides show, ``compare``
finds the changes, ``report`` writes them as Markdown or JSON, ``images`` draws them."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from ..errors import DeckError

EXIT_EQUAL, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2  # as diff(1)


def run(old: str, new: str, form: str, images: Path | None, allow_outside: bool,
        out: TextIO, err: TextIO) -> int:
    """Compare, print the report to ``out``, write the pictures; the exit code."""
    from ..preview import PreviewError
    from .compare import diff_decks
    from .read import SideError, load_side
    from .report import as_json, markdown

    try:
        diff = diff_decks(load_side(old, allow_outside), load_side(new, allow_outside))
    except SideError as exc:
        print(f"deckbuilder diff: error: {exc}", file=err)
        return EXIT_TROUBLE
    except DeckError as exc:  # a deck side that does not build
        for problem in exc.problems:
            print(problem.format(), file=err)
        print("deckbuilder diff: error: a deck did not build; nothing was compared", file=err)
        return EXIT_TROUBLE
    out.write(as_json(diff) if form == "json" else markdown(diff))
    if images is not None:
        from .images import write_images

        try:
            written = write_images(diff, images)
        except PreviewError as exc:
            print(f"deckbuilder diff: error: {exc}", file=err)
            return EXIT_TROUBLE
        print(f"wrote {len(written)} slide picture{'s' * (len(written) != 1)} in {images}",
              file=err)
    return EXIT_EQUAL if diff.equal else EXIT_DIFFERENT
