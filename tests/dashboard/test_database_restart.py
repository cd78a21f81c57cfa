"""A real PostgreSQL server stopped and started again while a real HTTP server answers pages,
callbacks, downloads and the API: 503 with Retry-After and a message while it is down (the
same everywhere), never a 500, and 200 again once it is back."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

import pytest
from sqlalchemy import create_engine
from werkzeug.serving import make_server

from dashboard.settings import ExportLimits
from tests.dashboard.callback_bodies import ENDPOINT, body_for, find_callback
from tests.dashboard.helpers import app_for, small_world_at
from tests.pg_server import ThrowawayPostgres

BRIEF_503 = "briefly unavailable"


@pytest.fixture
def restartable_postgres():
    """Its own server: the session's one is shared and must never be stopped."""
    server = ThrowawayPostgres().start()
    yield server
    server.stop()


@pytest.fixture
def served(restartable_postgres):
    small_world_at(restartable_postgres.url)
    # Downloads count against the export rate limits; this test hammers them on purpose.
    app = app_for(restartable_postgres.url, limits=ExportLimits(per_client="10000 per minute",
                                                                 in_all="10000 per minute"))
    http = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}", app
    http.shutdown()
    thread.join(timeout=10)


def fetch(base: str, path: str, body: dict | None = None) -> tuple[int, dict, str]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, headers={
        "Content-Type": "application/json", "Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def requests_of(base: str) -> list[tuple[str, dict | None]]:
    """One of each door that reads the database on every request."""
    deps = json.loads(fetch(base, "/_dash-dependencies")[2])
    filters = find_callback(deps, "pk-url.search")
    panel = find_callback(deps, '"page":"missions","part":"prompt"')
    return [
        ("/api/v1/indicators/women-share?by=mission", None),
        ("/download/women/tracker.csv?mission=MINUSCA", None),
        (ENDPOINT, body_for(filters, ["?mission=minusca"] + [None] * 7, [None])),
        (ENDPOINT, body_for(panel, [{"mission": "MINUSCA"}])),
        ("/women?mission=MINUSCA", None),
    ]


def test_restart_gives_503_with_retry_after_never_500(served, restartable_postgres):
    base, _app = served
    doors = requests_of(base)
    for path, body in doors:
        assert fetch(base, path, body)[0] == 200, path

    restartable_postgres.pause()
    for path, body in doors[:4]:
        status, headers, text = fetch(base, path, body)
        assert status == 503, (path, status, text[:300])
        assert headers["Retry-After"] == "30", (path, headers)
        if path.startswith("/download"):
            assert BRIEF_503 in text  # a person clicked a link: an HTML page that says so
        else:
            assert BRIEF_503 in json.loads(text)["error"]["reason"]
    assert fetch(base, *doors[4])[0] == 200  # the page itself is served, and says it

    # Requests all the while PostgreSQL starts again: nothing but 200 and 503.
    seen: Counter[int] = Counter()
    stop = threading.Event()

    def hammer() -> None:
        while not stop.is_set():
            for path, body in doors:
                seen[fetch(base, path, body)[0]] += 1

    workers = [threading.Thread(target=hammer) for _ in range(3)]
    for worker in workers:
        worker.start()
    time.sleep(0.5)
    restartable_postgres.resume()
    time.sleep(0.5)
    restartable_postgres.pause()
    restartable_postgres.resume()
    time.sleep(1.0)
    stop.set()
    for worker in workers:
        worker.join(timeout=60)
    assert set(seen) <= {200, 503}, seen

    for path, body in doors:  # back: the pool's pre-ping replaces the dead connections
        assert fetch(base, path, body)[0] == 200, path


def test_the_503_text_is_in_french_too(served, restartable_postgres):
    base, _app = served
    restartable_postgres.pause()
    status, _headers, text = fetch(base, "/api/v1/indicators/women-share?lang=fr")
    assert status == 503
    assert "momentanément indisponible" in json.loads(text)["error"]["reason"]


def test_unreachable_port_on_every_door_is_503(tmp_path):
    """No server at all (a wrong port): the same 503, from the app's first request."""
    url = "postgresql+psycopg://postgres@127.0.0.1:9/postgres?connect_timeout=2"
    create_engine(url).dispose()
    client = app_for(url).server.test_client()
    for path in ("/download/women/tracker.csv", "/api/v1/indicators/women-share"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert response.headers["Retry-After"] == "30"
