"""`pkdash refresh` without a broker: the official missions file, served from loopback, is
fetched and built in this process and the alert checks run on the built database; a refresh
that finds another process holding the host's lock does nothing; a killed holder frees it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import dashboard.worker as worker
from dashboard.cli import main
from dashboard.cli_refresh import LOCK_NAME, FolderLock, run_refresh
from indicators.config import DataConfig
from tests.indicators.test_fetch import server  # noqa: F401 — the loopback file server
from tests.indicators.test_refresh import counts, missions_source


@pytest.fixture
def config(tmp_path):
    return DataConfig(f"sqlite:///{tmp_path / 'refresh.sqlite'}", tmp_path / "raw",
                      parse_cache_dir=None)


@pytest.fixture
def checked(monkeypatch):
    """The database URL of every engine the alert checks were given (the hook itself is still
    called: it is the real one, wrapped)."""
    urls = []
    real = worker.check_alerts

    def check_alerts(engine):
        urls.append(engine.url.render_as_string(hide_password=False))
        return real(engine)

    monkeypatch.setattr(worker, "check_alerts", check_alerts)
    return urls


def hold_lock(raw_dir):
    """Another process holding the refresh lock of `raw_dir` until it is killed."""
    code = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from dashboard.cli_refresh import FolderLock
        assert FolderLock(Path({str(raw_dir / LOCK_NAME)!r})).acquire(blocking=False)
        print("held", flush=True)
        time.sleep(600)
    """)
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                               text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_refresh_fetches_builds_and_checks_alerts_then_has_nothing_to_do(
        server, raw_dir, config, checked):  # noqa: F811
    source, body = missions_source(raw_dir, server.url("/pko.csv"))
    server.routes["/pko.csv"] = ("ok", body)
    lines = []
    report = run_refresh(config, [source], log=lines.append)
    assert report.state == "built", "\n".join(lines)
    assert (config.raw_dir / source.path).read_bytes() == body
    missions, versions = counts(config.database_url)
    assert missions > 10 and versions == 1
    assert checked == [config.database_url]
    again = run_refresh(config, [source], log=lines.append)
    assert again.state == "unchanged"
    assert checked == [config.database_url]  # no build, no checks
    assert server.hits["/pko.csv"] == 1


def test_a_refresh_while_another_process_holds_the_lock_does_nothing(
        server, raw_dir, config, checked, monkeypatch, capsys):  # noqa: F811
    source, body = missions_source(raw_dir, server.url("/pko.csv"))
    server.routes["/pko.csv"] = ("ok", body)
    holder = hold_lock(config.raw_dir)
    try:
        assert run_refresh(config, [source], log=lambda _line: None).state == "busy"
        # The command itself: another refresh is doing the work, so cron hears no failure.
        monkeypatch.setenv("DATABASE_URL", config.database_url)
        monkeypatch.setenv("PKDASH_RAW_DIR", str(config.raw_dir))
        assert main(["refresh", "--lang", "en"]) == 0
        assert "another refresh is running on this host" in capsys.readouterr().err
        assert server.hits.get("/pko.csv", 0) == 0 and checked == []
        assert not (config.raw_dir / source.path).exists()
    finally:
        holder.kill()  # as a crashed refresh would die: no release
        holder.wait()
    # The kernel freed the lock with the process: the next refresh runs, and lets go after.
    assert run_refresh(config, [source], log=lambda _line: None).state == "built"
    assert checked == [config.database_url]
    mine = FolderLock(config.raw_dir / LOCK_NAME)
    assert mine.acquire(blocking=False)
    mine.release()


def test_the_lock_is_one_holder_at_a_time_across_processes(tmp_path):
    first = FolderLock(tmp_path / LOCK_NAME)
    assert first.acquire(blocking=False)
    # Another process cannot take it while this one holds it...
    probe = [sys.executable, "-c",
             "import sys; from pathlib import Path; from dashboard.cli_refresh import "
             f"FolderLock; sys.exit(0 if FolderLock(Path({str(tmp_path / LOCK_NAME)!r}))"
             ".acquire(blocking=False) else 3)"]
    assert subprocess.run(probe).returncode == 3
    first.release()
    assert subprocess.run(probe).returncode == 0
