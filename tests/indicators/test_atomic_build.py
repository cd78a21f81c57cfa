"""A build killed part-way (kill -9) leaves the database exactly as it was, on SQLite and on
PostgreSQL: `pkdash build` writes every source in one transaction. Each kill lands after the
build has said it loaded one or more sources, so on a build that committed source by source
the database would be left mixed."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys

import pytest
from sqlalchemy import MetaData, func, select

from indicators.build import build
from indicators.config import DataConfig
from indicators.db import make_engine
from indicators.migrate import upgrade
from indicators.models.facts import Deployment
from indicators.models.reports import ReportDeployment
from tests.conftest import PROJECT_ROOT

# Run in a child process so it can be killed; -u so each "loaded" line arrives as printed.
BUILD = ("import sys; from pathlib import Path; from indicators.build import build; "
         "from indicators.config import DataConfig; "
         "build(DataConfig(sys.argv[1], Path(sys.argv[2])), log=lambda line: print(line, "
         "flush=True))")


def table_checksums(url: str) -> dict[str, str]:
    """A sha256 of every row of every table (alembic_version included), rows in a fixed order."""
    engine = make_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        sums = {}
        with engine.connect() as conn:
            for table in metadata.sorted_tables:
                digest = hashlib.sha256()
                rows = conn.execute(select(table).order_by(*table.columns)).all()
                for row in rows:
                    digest.update(repr(tuple(row)).encode())
                sums[table.name] = f"{len(rows)}:{digest.hexdigest()}"
        return sums
    finally:
        engine.dispose()


def kill_after(url: str, raw_dir, loaded_lines: int) -> list[str]:
    """Start a build and kill -9 it once it has printed `loaded_lines` lines saying a source
    was loaded; returns what it printed."""
    child = subprocess.Popen(
        [sys.executable, "-u", "-c", BUILD, url, str(raw_dir)], cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    printed = []
    try:
        for line in child.stdout:
            printed.append(line.rstrip("\n"))
            if sum(p.startswith("  loaded") for p in printed) >= loaded_lines:
                child.send_signal(signal.SIGKILL)
                break
    finally:
        child.kill()
        child.wait(timeout=60)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL, printed
    return printed


@pytest.mark.realdata
@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_a_killed_build_leaves_the_database_as_it_was(engine_name, database_url_factory,
                                                       raw_dir):
    url = database_url_factory(engine_name)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    before = table_checksums(url)
    # After the missions list; after IPI's two files and the monthly reports; after every
    # official file (only the illustrative data left to write).
    for loaded in (1, 4, 9):
        printed = kill_after(url, raw_dir, loaded)
        assert sum(line.startswith("  loaded") for line in printed) == loaded
        assert table_checksums(url) == before, f"killed after: {printed[-1]}"
    # Left alone, the same build completes, and the database is then the whole of it.
    report = build(DataConfig(url, raw_dir), log=lambda _line: None)
    assert report.ok
    after = table_checksums(url)
    assert after != before
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Deployment)).scalar_one() > 0
        assert conn.execute(select(func.count()).select_from(ReportDeployment)).scalar_one() > 0
    engine.dispose()
