"""Shared fixtures: a migrated database on SQLite and on a real PostgreSQL server, a real Redis,
and paths."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from indicators.db import make_engine
from indicators.migrate import upgrade
from tests.pg_server import ThrowawayPostgres
from tests.redis_server import ThrowawayRedis

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("sqlite", "postgresql")


def real_raw_dir() -> Path | None:
    """The folder holding the official files (PKDASH_RAW_DIR), or None when it is absent."""
    configured = os.environ.get("PKDASH_RAW_DIR")
    candidates = [Path(configured)] if configured else []
    candidates.append(PROJECT_ROOT.parent / "shared" / "data" / "raw")
    for candidate in candidates:
        if (candidate / "ipi_peacekeeping_database").is_dir():
            return candidate
    return None


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    found = real_raw_dir()
    if found is None:
        pytest.skip("official files not found: set PKDASH_RAW_DIR to the raw data folder")
    return found


@pytest.fixture(scope="session")
def postgres_server():
    server = ThrowawayPostgres().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_server():
    """A Redis for the shared-cache tests (PKDASH_CACHE_URL); `./dev test` installs it."""
    if not ThrowawayRedis.installed():
        pytest.skip("redis-server not found: apt-get install redis-server (./dev test does)")
    server = ThrowawayRedis().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def database_url_factory(request, tmp_path_factory):
    """Make a fresh, empty database on the named engine and return its URL."""

    def make(engine_name: str) -> str:
        if engine_name == "sqlite":
            return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
        server = request.getfixturevalue("postgres_server")
        name = f"t_{uuid.uuid4().hex[:12]}"
        admin = make_engine(server.url).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return server.url.rsplit("/", 1)[0] + f"/{name}"

    return make


@pytest.fixture(params=ENGINES)
def engine_name(request) -> str:
    return request.param


@pytest.fixture
def engine(engine_name, database_url_factory):
    """A freshly migrated, empty database, once on SQLite and once on PostgreSQL."""
    db = make_engine(database_url_factory(engine_name))
    upgrade(db)
    yield db
    db.dispose()
