"""Export jobs in the database: progress and files every web host and Celery worker can read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields

from sqlalchemy import Connection, Engine

from dashboard.exports.job_status import JobStatus
from indicators import export_store

STATUS_FIELDS = tuple(field.name for field in fields(JobStatus))


class DatabaseStore:
    """The export_job table (indicators.export_store) behind the same methods as a folder."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @contextmanager
    def submitting(self) -> Iterator[_Held]:
        with export_store.submitting(self.engine) as conn:
            yield _Held(conn)

    def get(self, job_id: str) -> JobStatus | None:
        row = export_store.job_row(self.engine, job_id)
        return _status(row) if row else None

    def save(self, job: JobStatus) -> None:
        export_store.update_job(self.engine, job.id, **_values(job))

    def finish(self, job: JobStatus, content: bytes) -> None:
        export_store.finish_job(self.engine, job.id, content, **_values(job))

    def content(self, job_id: str) -> bytes | None:
        return export_store.job_content(self.engine, job_id)

    def request(self, job_id: str) -> str | None:
        return export_store.job_request(self.engine, job_id)

    def size(self) -> int:
        return export_store.stored_bytes(self.engine)

    def remove_before(self, created_before: float) -> None:
        export_store.delete_jobs_before(self.engine, created_before)


class _Held:
    """The job table inside a submission's locked transaction."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def jobs(self) -> list[JobStatus]:
        return [_status(row) for row in export_store.job_rows(self.conn)]

    def size(self) -> int:
        return export_store.stored_bytes(self.conn)

    def add(self, job: JobStatus, request: str) -> None:
        export_store.add_job(self.conn, **asdict(job), request=request)


def _status(row: dict) -> JobStatus:
    return JobStatus(**{name: row[name] for name in STATUS_FIELDS})


def _values(job: JobStatus) -> dict:
    # What a worker changes; the id, key, name and creation time are written once.
    return {name: getattr(job, name) for name in ("state", "done", "total", "what", "error",
                                                   "finished")}
