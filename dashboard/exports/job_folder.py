"""Export jobs in a host folder: what one machine's web workers share when there is no broker."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from dashboard.exports.job_status import JobStatus


class FolderStore:
    """One sub-folder per job: status.json, request.json, and `result` once made."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._submitting = threading.Lock()

    @contextmanager
    def submitting(self) -> Iterator[FolderStore]:
        """Threads of this process, and the other workers sharing the folder, submit in turn:
        two workers asked for the same pack at once then make it once, and the queue limit
        counts every worker's jobs."""
        with self._submitting, open(self.directory / ".submit.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            yield self

    def jobs(self) -> list[JobStatus]:
        """Every job in the folder, from any worker that shares it."""
        found = []
        for path in self.directory.glob("*/status.json"):
            try:
                found.append(JobStatus(**json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, TypeError):
                continue  # a job being removed, or written by another version
        return found

    def add(self, job: JobStatus, request: str) -> None:
        self._dir(job.id).mkdir()
        if request:
            _atomic_write(self._dir(job.id) / "request.json", request.encode("utf-8"))
        self.save(job)

    def get(self, job_id: str) -> JobStatus | None:
        try:
            text = (self._dir(job_id) / "status.json").read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return JobStatus(**json.loads(text))

    def save(self, job: JobStatus) -> None:
        with self._lock:
            _atomic_write(self._dir(job.id) / "status.json",
                          json.dumps(asdict(job)).encode("utf-8"))

    def finish(self, job: JobStatus, content: bytes) -> None:
        _atomic_write(self._dir(job.id) / "result", content)  # the file first, then "done"
        self.save(job)

    def content(self, job_id: str) -> bytes | None:
        job = self.get(job_id)
        if job is None or job.state != "done":
            return None
        return (self._dir(job_id) / "result").read_bytes()

    def request(self, job_id: str) -> str | None:
        try:
            return (self._dir(job_id) / "request.json").read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def size(self) -> int:
        """Bytes in the export folder, every job's files together."""
        return sum(path.stat().st_size for path in self.directory.rglob("*") if path.is_file())

    def remove_before(self, created_before: float) -> None:
        for status in self.directory.glob("*/status.json"):
            try:
                created = json.loads(status.read_text(encoding="utf-8"))["created"]
            except (OSError, ValueError, KeyError):
                continue
            if created < created_before:
                shutil.rmtree(status.parent, ignore_errors=True)

    def _dir(self, job_id: str) -> Path:
        return self.directory / job_id


def _atomic_write(path: Path, content: bytes) -> None:
    """Readers in other processes see the old file or the new one, never half of it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(content)
    os.replace(temporary, path)
