"""The scheduled refresh on a small real raw folder: the official missions file, served by a
loopback server, is fetched then built; nothing new means no build; a bad download changes
neither the files nor the database; a refresh never overlaps another."""

from __future__ import annotations

import dataclasses
import threading

import pytest
from sqlalchemy import func, select

from indicators.config import DataConfig
from indicators.db import make_engine
from indicators.manifest import load_manifest
from indicators.models.dimensions import Mission
from indicators.models.provenance import SourceVersion
from indicators.refresh import refresh
from tests.indicators.test_fetch import server  # noqa: F401 — the loopback file server

SLUG = "un-pko-missions"


def missions_source(raw_dir, url: str):
    """The manifest's missions entry (its real file and checksum), served from loopback."""
    real = next(source for source in load_manifest() if source.slug == SLUG)
    return dataclasses.replace(real, url=url), (raw_dir / real.path).read_bytes()


def counts(url: str) -> tuple[int, int]:
    engine = make_engine(url)
    with engine.connect() as conn:
        found = (conn.execute(select(func.count()).select_from(Mission)).scalar(),
                 conn.execute(select(func.count()).select_from(SourceVersion)
                              .where(SourceVersion.source == SLUG)).scalar())
    engine.dispose()
    return found


@pytest.fixture
def config(tmp_path):
    return DataConfig(f"sqlite:///{tmp_path / 'refresh.sqlite'}", tmp_path / "raw",
                      parse_cache_dir=None)


def test_a_refresh_fetches_then_builds_and_then_has_nothing_to_do(server, raw_dir,  # noqa: F811
                                                                   config):
    source, body = missions_source(raw_dir, server.url("/pko.csv"))
    server.routes["/pko.csv"] = ("ok", body)
    lines = []
    report = refresh(config, threading.Lock(), [source], log=lines.append)
    assert report.state == "built", "\n".join(lines)
    assert [outcome.status for outcome in report.fetched] == ["downloaded"]
    assert (config.raw_dir / source.path).read_bytes() == body
    missions, versions = counts(config.database_url)
    assert missions > 10 and versions == 1
    # The next night: the file is already here, so no build (and no new data version).
    again = refresh(config, threading.Lock(), [source], log=lines.append)
    assert again.state == "unchanged" and again.build is None
    assert [outcome.status for outcome in again.fetched] == ["present"]
    assert server.hits["/pko.csv"] == 1
    assert counts(config.database_url) == (missions, versions)


def test_a_failed_download_leaves_the_files_and_the_data_as_they_were(server, raw_dir,  # noqa: F811
                                                                      config):
    source, body = missions_source(raw_dir, server.url("/pko.csv"))
    server.routes["/pko.csv"] = ("ok", body)
    assert refresh(config, threading.Lock(), [source], log=lambda _line: None).state == "built"
    before = counts(config.database_url)
    # The publisher's copy is now cut short, then altered: neither replaces the good file.
    for mode, served in (("truncated", body[:5000]), ("ok", body.replace(b"MINUSCA", b"XX"))):
        (config.raw_dir / source.path).unlink()
        server.routes["/pko.csv"] = (mode, served)
        report = refresh(config, threading.Lock(), [source], log=lambda _line: None)
        assert report.state == "unchanged", report.summary
        assert report.fetched[0].status in ("incomplete", "checksum-mismatch")
        assert not (config.raw_dir / source.path).exists()
        assert counts(config.database_url) == before
        (config.raw_dir / source.path).write_bytes(body)


def test_a_refresh_that_finds_another_running_does_nothing(server, raw_dir, config):  # noqa: F811
    source, body = missions_source(raw_dir, server.url("/pko.csv"))
    server.routes["/pko.csv"] = ("ok", body)
    running = threading.Lock()
    running.acquire()
    report = refresh(config, running, [source], log=lambda _line: None)
    assert report.state == "busy"
    assert server.hits["/pko.csv"] == 0 and not config.raw_dir.exists()
