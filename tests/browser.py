"""A headless Chromium driven through chromedriver's W3C WebDriver HTTP protocol.

Only what the serve tests need (open a page, run a script, take a screenshot), with urllib:
no browser-automation package to install. Each browser gets a fresh profile folder and the
switches that keep it from reaching the network on its own.
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
SWITCHES = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-dev-shm-usage", "--window-size=1280,900"]
STARTUP_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """One chromedriver process and one browser session; ``tab`` opens more windows."""

    def __init__(self) -> None:
        assert CHROMIUM and CHROMEDRIVER, "check CHROMIUM and CHROMEDRIVER before starting"
        self.profile = tempfile.mkdtemp(prefix="deckbuilder-chromium-")
        port = _free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.driver = subprocess.Popen([CHROMEDRIVER, f"--port={port}"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                self._call("GET", "/status")
                break
            except OSError:
                if time.monotonic() > deadline or self.driver.poll() is not None:
                    self.close()
                    raise
                time.sleep(0.1)
        options = {"binary": CHROMIUM, "args": SWITCHES + [f"--user-data-dir={self.profile}"]}
        session = self._call("POST", "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options}}})
        self.session = f"/session/{session['sessionId']}"

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())["value"]

    def command(self, method: str, path: str, body: Any = None) -> Any:
        return self._call(method, self.session + path, body)

    def get(self, url: str) -> None:
        self.command("POST", "/url", {"url": url})

    def run(self, script: str, *args: Any) -> Any:
        """The value of ``script`` (a function body; ``arguments`` holds ``args``)."""
        return self.command("POST", "/execute/sync", {"script": script, "args": list(args)})

    def wait_for(self, script: str, *args: Any, timeout: float = 20.0) -> Any:
        """Poll ``script`` until it returns something truthy; fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.run(script, *args)
            if value:
                return value
            if time.monotonic() > deadline:
                shown = self.run("return document.body.innerText.slice(0, 400)")
                raise AssertionError(f"timed out waiting for: {script}; the page shows: "
                                     f"{shown!r}")
            time.sleep(0.05)

    def new_tab(self) -> str:
        return self.command("POST", "/window/new", {"type": "tab"})["handle"]

    def switch_to(self, handle: str) -> None:
        self.command("POST", "/window", {"handle": handle})

    @property
    def handle(self) -> str:
        return self.command("GET", "/window")

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(base64.b64decode(self.command("GET", "/screenshot")))
        return path

    def set_size(self, width: int, height: int) -> None:
        self.command("POST", "/window/rect", {"width": width, "height": height})

    def close(self) -> None:
        try:
            if hasattr(self, "session"):
                self.command("DELETE", "")
        except OSError:
            pass
        finally:
            self.driver.terminate()
            try:
                self.driver.wait(10)
            except subprocess.TimeoutExpired:
                self.driver.kill()
                self.driver.wait()
            shutil.rmtree(self.profile, ignore_errors=True)
