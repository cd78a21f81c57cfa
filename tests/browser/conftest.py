"""Browser fixtures: Debian's Chromium through Playwright, and the app served on loopback."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from indicators.db import make_engine
from indicators.migrate import upgrade
from tests.dashboard.helpers import app_for, insert_version

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


def pytest_collection_modifyitems(config, items):
    """Skip, with the reason, rather than let Playwright fail to find a browser."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is absent: apt-get install -y chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's package, never `playwright install` (it downloads a browser; offline it fails).
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM),
            "args": CHROMIUM_ARGS, "headless": True}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served(flask_app, port: int | None = None):
    """A Flask app in a background thread on a loopback port (a free one unless given);
    yields its base URL, and stops the server afterwards."""
    server = make_server("127.0.0.1", port or _free_port(), flask_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def loaded_row(tmp_path_factory):
    """A migrated SQLite database holding one loaded source; returns (url, inserted row)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser-db') / 'pkdash.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    row = insert_version(engine)
    engine.dispose()
    return url, row


@pytest.fixture(scope="session")
def live_server(loaded_row):
    """The app in a background thread on a free loopback port; yields its base URL."""
    url, _ = loaded_row
    with served(app_for(url).server) as base:
        yield base


@pytest.fixture(scope="session")
def real_database(raw_dir, tmp_path_factory) -> str:
    """The URL of a database built from the official files (once per run)."""
    from indicators.build import build
    from indicators.config import DataConfig

    url = f"sqlite:///{tmp_path_factory.mktemp('browser-real') / 'real.sqlite'}"
    report = build(DataConfig(url, raw_dir), log=lambda _line: None)
    assert report.ok
    return url


@pytest.fixture(scope="session")
def real_server(real_database, tmp_path_factory):
    """The app on a database built from the official files, served on loopback."""
    app = app_for(real_database, export_dir=tmp_path_factory.mktemp("exports"))
    with served(app.server) as base:
        yield base


class PageProblems:
    """Console errors, uncaught exceptions and off-machine requests seen by one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.remote_requests: list[str] = []
        self.responses: dict[str, int] = {}
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("request", self._request)
        page.on("response", lambda response: self.responses.__setitem__(response.url,
                                                                         response.status))

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _request(self, request):
        host = request.url.split("//", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in (
                "127.0.0.1", "localhost", "[::1]"):
            self.remote_requests.append(request.url)


@pytest.fixture
def problems(page):
    return PageProblems(page)
