"""What every export job store hands back (a job's status) and what it must do to keep one."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

STATES = ("queued", "running", "done", "failed")

# Renders the file: receives a progress callback (done, total, what) and returns the bytes.
Renderer = Callable[[Callable[[int, int, str], None]], bytes]


@dataclass
class JobStatus:
    """What a progress bar needs: state, charts done of total, what is being drawn now."""

    id: str
    state: str
    done: int = 0
    total: int = 0
    what: str = ""
    filename: str = ""
    media_type: str = ""
    error: str = ""
    created: float = 0.0
    finished: float = 0.0
    key: str = ""  # what was asked: the same request again finds this job instead of a new one

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class JobRefused(Exception):
    """No new job now: too many are waiting, or the store is full. `limit` names the setting."""

    def __init__(self, limit: str, value: int, retry_after: int):
        self.limit, self.value, self.retry_after = limit, value, retry_after
        super().__init__(f"{limit}={value}")


class HeldStore(Protocol):
    """The store while a submission holds its lock: what it reads to decide, and the write."""

    def jobs(self) -> list[JobStatus]: ...

    def size(self) -> int: ...

    def add(self, job: JobStatus, request: str) -> None: ...


class JobStore(Protocol):
    """Where jobs' progress and files live: a host folder, or the database every host reads."""

    def submitting(self) -> AbstractContextManager[HeldStore]: ...

    def get(self, job_id: str) -> JobStatus | None: ...

    def save(self, job: JobStatus) -> None: ...

    def finish(self, job: JobStatus, content: bytes) -> None: ...

    def content(self, job_id: str) -> bytes | None: ...

    def request(self, job_id: str) -> str | None: ...

    def size(self) -> int: ...

    def remove_before(self, created_before: float) -> None: ...
