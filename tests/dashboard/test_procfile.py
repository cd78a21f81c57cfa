"""The Procfile's commands run for real: gunicorn serves a fresh worker's first burst; beat starts
(the worker process is started by tests/exports/test_two_hosts.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from indicators.db import make_engine
from indicators.migrate import upgrade
from tests.dashboard.helpers import insert_version

ROOT = Path(__file__).resolve().parents[2]

# Scripts every page loads, from three component libraries, without their cache-busting
# fingerprint (Dash serves the plain name too): a browser asks for them all at once.
SCRIPTS = [
    "/_dash-component-suites/dash_ag_grid/dash_ag_grid.min.js",
    "/_dash-component-suites/dash_bootstrap_components/_components/"
    "dash_bootstrap_components.min.js",
    "/_dash-component-suites/dash/dcc/dash_core_components.js",
    "/_dash-component-suites/dash/html/dash_html_components.min.js",
]


def procfile_command(name: str = "web") -> str:
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return line.removeprefix(f"{name}:").strip()
    raise AssertionError(f"Procfile has no {name}: process")


def start_procfile_process(name: str, env: dict[str, str], log) -> subprocess.Popen:
    """The Procfile's `name` process, as a host starts it; its output goes to `log`."""
    env = {**os.environ, **env,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    # ${PORT:-8050}-style defaults are shell syntax: let a shell expand them, as a host does.
    # `exec`, so the process the test stops is the program itself, not a shell leaving it.
    return subprocess.Popen(["sh", "-c", f"exec {procfile_command(name)}"], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)


def wait_for_port(process: subprocess.Popen, port: int, describe, timeout: float = 60) -> None:
    """Until something listens on `port`; fail with `describe()` if the process ends first."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"process on port {port} did not start: {describe()}")
            time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def gunicorn_base(tmp_path):
    """The Procfile's process with one worker of eight threads; yields its base URL."""
    url = f"sqlite:///{tmp_path / 'pkdash.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    insert_version(engine)
    engine.dispose()
    port = free_port()
    env = {**os.environ, "PORT": str(port), "WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "8",
           "DATABASE_URL": url, "PKDASH_EXPORT_DIR": str(tmp_path / "exports"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    # ${PORT:-8050}-style defaults are shell syntax: let a shell expand them, as a host does.
    # `exec`, so the process the test stops is gunicorn itself, not a shell leaving it behind.
    process = subprocess.Popen(["sh", "-c", f"exec {procfile_command()}"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        # Wait for the port only: no HTTP request may reach the worker before the burst.
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"gunicorn did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


def test_a_fresh_worker_serves_its_first_burst_of_script_requests(gunicorn_base):
    # A browser that got the page from another worker asks this one for every script at
    # once; each must arrive, or the page stays blank.
    with ThreadPoolExecutor(16) as pool:
        codes = list(pool.map(_status, [gunicorn_base + path for path in SCRIPTS * 4]))
    assert codes == [200] * len(codes)


def test_the_procfile_process_serves_the_overview(gunicorn_base):
    with urllib.request.urlopen(gunicorn_base + "/?lang=fr", timeout=60) as response:
        page = response.read().decode()
    assert response.status == 200
    assert '<html lang="fr">' in page


def test_the_procfile_process_hides_its_server_and_sends_security_headers(gunicorn_base):
    with urllib.request.urlopen(gunicorn_base + "/", timeout=60) as response:
        response.read()
        headers = response.headers
    assert "Server" not in headers, headers.get("Server")
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_the_procfile_beat_process_starts_on_the_broker(tmp_path, redis_server):
    """`beat:` as a host runs it: it reaches the broker and keeps its schedule file."""
    log_path = tmp_path / "beat.log"
    with open(log_path, "wb") as log:
        beat = start_procfile_process("beat", {
            "PKDASH_BROKER_URL": redis_server.url, "PKDASH_REFRESH_CRON": "15 3 * * *",
            "PKDASH_BEAT_SCHEDULE": str(tmp_path / "beat-schedule")}, log)
    try:
        deadline = time.monotonic() + 60
        while "Starting..." not in log_path.read_text(errors="replace"):
            assert beat.poll() is None, log_path.read_text(errors="replace")[-2000:]
            assert time.monotonic() < deadline, "beat did not start"
            time.sleep(0.1)
        output = log_path.read_text(errors="replace")
        assert f"127.0.0.1:{redis_server.port}" in output  # the broker it was given
        assert list(tmp_path.glob("beat-schedule*"))
    finally:
        beat.terminate()
        beat.wait(timeout=30)

