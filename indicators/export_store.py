"""The export_job table's reads and writes: jobs and their finished files, shared by every host."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, delete, func, insert, select, text, update

from indicators.models.jobs import ExportJob

# Every column but the file itself: what a progress bar and the limits read.
STATUS_COLUMNS = tuple(column for column in ExportJob.__table__.columns
                       if column.name not in ("content", "request"))
# PostgreSQL advisory lock id for "one submission at a time": any number of our own choosing.
SUBMIT_LOCK = zlib.crc32(b"pkdash export_job submit")


@contextmanager
def submitting(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the job table's write lock from its first statement, so
    submissions from every host take their turn: two asking for the same pack at once make
    it once, and the queue limit counts every host's jobs."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": SUBMIT_LOCK})
            yield conn
    else:
        # SQLite: BEGIN IMMEDIATE takes the write lock at once (indicators.db), where a
        # plain BEGIN would let two readers both decide to insert.
        with engine.connect().execution_options(begin_immediate=True) as conn, conn.begin():
            yield conn


def add_job(conn: Connection, **values) -> None:
    conn.execute(insert(ExportJob).values(**values))


def update_job(engine: Engine, job_id: str, **values) -> None:
    with engine.begin() as conn:
        conn.execute(update(ExportJob).where(ExportJob.id == job_id).values(**values))


def finish_job(engine: Engine, job_id: str, content: bytes, **values) -> None:
    """The file and the state that says it is there, in one write: never "done" without it."""
    update_job(engine, job_id, content=content, size=len(content), **values)


def job_row(bind: Engine | Connection, job_id: str) -> dict | None:
    with _connection(bind) as conn:
        row = conn.execute(select(*STATUS_COLUMNS).where(ExportJob.id == job_id)).first()
    return dict(row._mapping) if row else None


def job_rows(bind: Engine | Connection) -> list[dict]:
    with _connection(bind) as conn:
        return [dict(row._mapping) for row in conn.execute(select(*STATUS_COLUMNS))]


def job_request(bind: Engine | Connection, job_id: str) -> str | None:
    with _connection(bind) as conn:
        return conn.execute(select(ExportJob.request).where(ExportJob.id == job_id)).scalar()


def job_content(bind: Engine | Connection, job_id: str) -> bytes | None:
    """The finished file, or None while it is not done (or never was)."""
    with _connection(bind) as conn:
        return conn.execute(select(ExportJob.content).where(
            ExportJob.id == job_id, ExportJob.state == "done")).scalar()


def stored_bytes(bind: Engine | Connection) -> int:
    with _connection(bind) as conn:
        return int(conn.execute(select(func.coalesce(func.sum(ExportJob.size), 0))).scalar())


def delete_jobs_before(engine: Engine, created_before: float) -> int:
    with engine.begin() as conn:
        return conn.execute(delete(ExportJob).where(ExportJob.created < created_before)
                            ).rowcount


@contextmanager
def _connection(bind: Engine | Connection) -> Iterator[Connection]:
    if isinstance(bind, Connection):
        yield bind
    else:
        with bind.connect() as conn:
            yield conn
