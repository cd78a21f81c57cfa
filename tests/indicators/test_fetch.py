"""fetch() against a real loopback HTTP server: good, present, wrong, cut-short, 404, offline."""

from __future__ import annotations

import dataclasses
import hashlib
import socket
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from indicators.fetch import fetch, summarize
from indicators.manifest import load_manifest

GOOD = b"mission,start\nUNMISS,2011-07-09\nMINUSMA,2013-04-25\n" * 50
GOOD_SHA = hashlib.sha256(GOOD).hexdigest()


class FileServer:
    """Serves `routes[path] = (mode, body)` on 127.0.0.1 and counts requests per path.

    mode is "ok" (the body), "truncated" (announces more bytes than it sends, then hangs up)
    or "missing" (404).
    """

    def __init__(self) -> None:
        self.routes: dict[str, tuple[str, bytes]] = {}
        self.hits: Counter[str] = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server.hits[self.path] += 1
                mode, body = server.routes.get(self.path, ("missing", b""))
                if mode == "missing":
                    self.send_error(404, "Not Found")
                    return
                self.send_response(200)
                length = len(body) + (1000 if mode == "truncated" else 0)
                self.send_header("Content-Length", str(length))
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # A short poll interval so that shutdown() at teardown returns at once.
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"


@pytest.fixture
def server():
    files = FileServer()
    files.thread.start()
    yield files
    files.httpd.shutdown()
    files.httpd.server_close()


def make_source(url: str, sha256: str = GOOD_SHA, path: str = "missions/list.csv",
                slug: str = "test-missions"):
    """A real manifest entry, pointed at the loopback server."""
    real = load_manifest()[0]
    return dataclasses.replace(real, slug=slug, url=url, path=path, sha256=sha256)


def leftovers(folder):
    """Every temporary file the downloader might have left behind."""
    return [p for p in folder.rglob("*") if p.is_file() and p.name.endswith(".part")]


def test_good_download_lands_with_the_right_checksum(server, tmp_path):
    server.routes["/good.csv"] = ("ok", GOOD)
    [outcome] = fetch([make_source(server.url("/good.csv"))], tmp_path, log=lambda _: None)

    assert outcome.status == "downloaded"
    landed = tmp_path / "missions" / "list.csv"
    assert hashlib.sha256(landed.read_bytes()).hexdigest() == GOOD_SHA
    assert leftovers(tmp_path) == []


def test_second_fetch_reports_present_without_downloading(server, tmp_path):
    server.routes["/good.csv"] = ("ok", GOOD)
    source = make_source(server.url("/good.csv"))
    fetch([source], tmp_path, log=lambda _: None)
    [again] = fetch([source], tmp_path, log=lambda _: None)

    assert again.status == "present"
    assert server.hits["/good.csv"] == 1


def test_stale_local_file_is_replaced_by_a_good_download(server, tmp_path):
    server.routes["/good.csv"] = ("ok", GOOD)
    stale = tmp_path / "missions" / "list.csv"
    stale.parent.mkdir()
    stale.write_bytes(b"an older version\n")

    [outcome] = fetch([make_source(server.url("/good.csv"))], tmp_path, log=lambda _: None)

    assert outcome.status == "downloaded"
    assert stale.read_bytes() == GOOD


def test_mismatching_body_leaves_the_good_file_untouched(server, tmp_path):
    # A good file is already there under the name; the server now sends other bytes.
    existing = tmp_path / "missions" / "list.csv"
    existing.parent.mkdir()
    existing.write_bytes(b"the file we trust\n")
    trusted_sha = hashlib.sha256(existing.read_bytes()).hexdigest()
    server.routes["/changed.csv"] = ("ok", GOOD)
    source = make_source(server.url("/changed.csv"), sha256="0" * 64)

    [outcome] = fetch([source], tmp_path, log=lambda _: None)

    assert outcome.status == "checksum-mismatch"
    assert "0" * 64 in outcome.message and GOOD_SHA in outcome.message
    assert server.url("/changed.csv") in outcome.message
    assert hashlib.sha256(existing.read_bytes()).hexdigest() == trusted_sha
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in existing.parent.iterdir()) == ["list.csv"]


def test_truncated_body_leaves_no_file(server, tmp_path):
    server.routes["/cut.csv"] = ("truncated", GOOD[:100])
    [outcome] = fetch([make_source(server.url("/cut.csv"))], tmp_path, log=lambda _: None)

    assert outcome.status == "incomplete"
    assert "100 of" in outcome.message
    assert not (tmp_path / "missions" / "list.csv").exists()
    assert leftovers(tmp_path) == []


def test_404_is_reported_per_source_and_the_rest_still_downloads(server, tmp_path):
    server.routes["/good.csv"] = ("ok", GOOD)
    sources = [
        make_source(server.url("/gone.csv"), slug="gone", path="gone.csv"),
        make_source(server.url("/good.csv")),
    ]
    gone, good = fetch(sources, tmp_path, log=lambda _: None)

    assert gone.status == "http-error" and "404" in gone.message
    assert not (tmp_path / "gone.csv").exists()
    assert good.status == "downloaded"
    assert "gone: http-error" in summarize([gone, good])


def test_unreachable_host_reports_offline_once_and_stops(server, tmp_path, capsys):
    # A port that was free a moment ago and has nothing listening: connection refused.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    server.routes["/good.csv"] = ("ok", GOOD)
    sources = [
        make_source(f"http://127.0.0.1:{closed_port}/a.csv", slug="first", path="a.csv"),
        make_source(server.url("/good.csv"), slug="second"),
    ]

    outcomes = fetch(sources, tmp_path)  # the default log prints, as the CLI does
    print(summarize(outcomes))

    printed = capsys.readouterr()
    assert [o.status for o in outcomes] == ["offline", "offline"]
    assert server.hits["/good.csv"] == 0  # nothing more is tried after the first failure
    assert "offline: could not reach 127.0.0.1" in printed.out
    assert "data/sources.toml" in printed.out and str(tmp_path) in printed.out
    assert "Traceback" not in printed.out + printed.err
    assert "not downloaded (offline): first, second" in printed.out
    assert "0 of 2 files ready" in printed.out
    assert leftovers(tmp_path) == []
