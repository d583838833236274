"""The preview's HTTP server: the page, its state, its events, fonts and pictures.

Standard library only (``ThreadingHTTPServer``: one thread per request, so every tab's
event stream waits in its own). It answers a fixed set of addresses and nothing else: no
address is ever turned into a file path, so nothing outside the shipped page, the shipped
fonts and the build's own images and preview pages can be read. A request whose path tries
to climb (``..``) is refused with 403, any other unknown address gets 404, and so does a
request naming another host (a web page's script reaching ``127.0.0.1`` through a name it
controls).
"""

from __future__ import annotations

import errno
import json
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from ..fonts import FONT_DIR
from .events import Broadcaster
from .exact import ExactView
from .state import PageStore

HOST = "127.0.0.1"
LOCAL_NAMES = ("127.0.0.1", "localhost")
MAX_PORT = 65535
STATIC = {"page.js": "text/javascript", "page.css": "text/css"}
FONTS = frozenset(path.name for path in FONT_DIR.glob("*.ttf"))


class PortError(Exception):
    """The port is taken or is no port; the message suggests a free one."""


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True       # an open event stream never holds up the exit
    allow_reuse_address = False  # a second serve on the same port must fail, not share it

    def __init__(self, port: int, store: PageStore, events: Broadcaster,
                 exact: ExactView) -> None:
        self.store, self.events, self.exact = store, events, exact
        if not 0 <= port <= MAX_PORT:
            raise PortError(f"--port {port} is not a port (0 to {MAX_PORT}); try --port "
                            f"{free_port()}")
        try:
            super().__init__((HOST, port), Handler)
        except OSError as exc:
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise
            reason = "is in use (another serve, or another server)" \
                if exc.errno == errno.EADDRINUSE else "needs privileges this user lacks"
            raise PortError(f"port {port} on {HOST} {reason}; try --port "
                            f"{free_port()}") from None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


def free_port() -> int:
    """A port nothing listens on now (the system's choice)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _static(name: str) -> bytes:
    return resources.files("deckbuilder.serve").joinpath("static", name).read_bytes()


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        """Quiet: the terminal shows builds, not requests."""

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if ".." in path.split("/") or "\\" in path:
            return self._send(HTTPStatus.FORBIDDEN, b"refused: outside the preview\n",
                              "text/plain")
        if self.headers.get("Host", "").rsplit(":", 1)[0] not in LOCAL_NAMES:
            return self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")
        page = self.server.store.page
        head, _, name = path.lstrip("/").partition("/")
        if path == "/":
            return self._send(HTTPStatus.OK, _static("page.html"), "text/html; charset=utf-8")
        if head == "static" and name in STATIC:
            return self._send(HTTPStatus.OK, _static(name), STATIC[name])
        if path == "/state.json":
            return self._send(HTTPStatus.OK, page.payload, "application/json")
        if path == "/events":
            since = parse_qs(parts.query).get("since", ["-1"])[0]
            return self._events(int(since) if since.lstrip("-").isdigit() else -1)
        if head == "fonts" and name in FONTS:
            return self._send(HTTPStatus.OK, (FONT_DIR / name).read_bytes(), "font/ttf",
                              cache=True)
        if head == "img" and name in page.images:  # named by digest: never changes
            data, content_type = page.images[name]
            return self._send(HTTPStatus.OK, data, content_type, cache=True)
        if path == "/exact.json":
            return self._exact_state(page.version)
        if head == "exact":
            return self._exact_page(name)
        return self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")

    def _events(self, since: int) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            self.server.events.stream(self.wfile, since)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed or reloaded

    def _exact_state(self, version: int) -> None:
        rendering = self.server.exact.render(self.server.store.page.built, version)
        state = {"version": rendering.version, "message": rendering.message,
                 "pages": [f"/exact/{rendering.version}-{number}.png"
                           for number in range(1, len(rendering.pages) + 1)]}
        self._send(HTTPStatus.OK, json.dumps(state).encode(), "application/json")

    def _exact_page(self, name: str) -> None:
        """``/exact/VERSION-N.png``: page N of the rendering of build VERSION, if current."""
        rendering = self.server.exact.last
        stem = name.removesuffix(".png")
        version, _, number = stem.partition("-")
        if (rendering is None or not name.endswith(".png") or version != str(rendering.version)
                or not number.isdigit() or not 1 <= int(number) <= len(rendering.pages)):
            return self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")
        self._send(HTTPStatus.OK, rendering.pages[int(number) - 1].read_bytes(), "image/png")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str,
              cache: bool = False) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=3600" if cache and status == 200
                             else "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
