"""``deckbuilder serve``: a page in the browser that shows the deck and follows every save.

The deck is built as ``watch`` builds it (same change detection, same .pptx written
alongside); after each build the page's state is replaced (``state``) and every open tab is
told through server-sent events (``events``), fetches it and redraws the slides that
changed. The slides are drawn from the IR (``html``); ``exact`` adds LibreOffice's own
rendering of the .pptx. See docs/serve.md.
"""

from __future__ import annotations

import os
import sys
import threading
import webbrowser
from pathlib import Path
from typing import TextIO

from ..watch import Outcome, watch

DEFAULT_PORT = 8765
EDITOR_ENV = "DECKBUILDER_EDITOR_URL"
DEFAULT_EDITOR_URL = "vscode://file/{path}:{line}:{col}"


def editor_url(option: str | None) -> str:
    """The editor link template: the option, else the environment's, else VS Code's."""
    if option is not None:
        return option
    return os.environ.get(EDITOR_ENV, DEFAULT_EDITOR_URL)


def serve(deck: Path, output: Path, port: int | None = None, open_browser: bool = False,
          editor: str = DEFAULT_EDITOR_URL, theme: str | None = None,
          allow_outside: bool = False, out: TextIO | None = None,
          err: TextIO | None = None, language: str | None = None) -> int:
    """Serve the preview until interrupted; 1 if the port is taken or no port (saying
    which is free).
    ``port`` None is ``DEFAULT_PORT``, 0 any free port."""
    from .events import Broadcaster
    from .exact import ExactView
    from .server import PortError, PreviewServer
    from .state import PageStore

    out, err = out or sys.stdout, err or sys.stderr
    store = PageStore(deck, output, editor)
    events = Broadcaster()
    exact = ExactView(output.parent / "preview" / output.stem)  # as preview names its folder
    try:
        server = PreviewServer(DEFAULT_PORT if port is None else port, store, events, exact)
    except PortError as exc:
        print(f"deckbuilder serve: {exc}", file=err)
        return 1
    thread = threading.Thread(target=server.serve_forever, name="deckbuilder-serve",
                              daemon=True)
    thread.start()
    print(f"serving {deck} at {server.url} (Ctrl-C stops)", file=out, flush=True)
    opened = not open_browser

    def built(outcome: Outcome) -> None:
        nonlocal opened
        try:
            store.update(outcome, events.version + 1)
        except Exception as exc:  # noqa: BLE001 - a bug: say so on the page, keep serving
            message = (f"deckbuilder serve: internal error drawing the page "
                       f"({type(exc).__name__}: {exc}); please report it")
            print(message, file=err, flush=True)
            store.update(Outcome(False, message=message), events.version + 1)
        events.publish()
        if not opened:
            opened = True
            webbrowser.open(server.url)

    try:
        return watch(deck, output, theme, allow_outside, out=out, err=err, on_build=built,
                     language=language)
    finally:
        events.close()
        server.shutdown()
        server.server_close()
