"""Background export jobs: a pack renders in a worker thread while pages stay responsive; its
progress and result live in files, so any gunicorn worker on the host can report on it."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

JOB_ID_LENGTH = 32
KEEP_SECONDS = 6 * 3600  # a finished pack stays downloadable for a working day's meeting prep
STATES = ("queued", "running", "done", "failed")
QUEUE_RETRY = 30  # seconds: about one pack's drawing, after which a place in the queue frees


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
    """No new job now: too many are waiting, or the folder is full. `limit` names the setting."""

    def __init__(self, limit: str, value: int, retry_after: int):
        self.limit, self.value, self.retry_after = limit, value, retry_after
        super().__init__(f"{limit}={value}")


# Renders the file: receives a progress callback (done, total, what) and returns the bytes.
Renderer = Callable[[Callable[[int, int, str], None]], bytes]


class ExportJobs:
    """Runs renderers one at a time per process (2 cores: a second concurrent pack would only
    slow both, and starve the page callbacks); status and files in `directory`."""

    def __init__(self, directory: Path, workers: int = 1, max_queued: int = 8,
                 max_bytes: int = 1024 ** 3):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.max_queued, self.max_bytes = max_queued, max_bytes
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pkdash-export")
        self._lock = threading.Lock()
        self._submitting = threading.Lock()

    def submit(self, renderer: Renderer, filename: str, media_type: str,
               locale: str = "en", key: str = "") -> JobStatus:
        """Queue a job, or return the one already made or making the same `key`; raise
        JobRefused when PKDASH_EXPORT_MAX_QUEUED jobs wait or the folder is full."""
        self.clean_up()
        with self._one_submission_at_a_time():
            jobs = self._jobs()
            same = [job for job in jobs if key and job.key == key and job.state != "failed"]
            if same:
                return max(same, key=lambda job: job.created)
            if sum(job.state in ("queued", "running") for job in jobs) >= self.max_queued:
                raise JobRefused("PKDASH_EXPORT_MAX_QUEUED", self.max_queued, QUEUE_RETRY)
            if self.size() >= self.max_bytes:
                oldest = min((job.created for job in jobs), default=time.time())
                wait = int(oldest + KEEP_SECONDS - time.time())
                raise JobRefused("PKDASH_EXPORT_MAX_BYTES", self.max_bytes, max(wait, 60))
            job = JobStatus(id=uuid.uuid4().hex, state="queued", filename=filename,
                            media_type=media_type, created=time.time(), key=key)
            self._job_dir(job.id).mkdir()
            self._write(job)
        self._pool.submit(self._run, job, renderer, locale)
        return job

    @contextmanager
    def _one_submission_at_a_time(self) -> Iterator[None]:
        """Threads of this process, and the other workers sharing the folder, submit in turn:
        two workers asked for the same pack at once then make it once, and the queue limit
        counts every worker's jobs."""
        with self._submitting, open(self.directory / ".submit.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            yield

    def size(self) -> int:
        """Bytes in the export folder, every job's files together."""
        return sum(path.stat().st_size for path in self.directory.rglob("*") if path.is_file())

    def status(self, job_id: str) -> JobStatus | None:
        if not _valid_id(job_id):
            return None
        path = self._job_dir(job_id) / "status.json"
        try:
            return JobStatus(**json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None

    def result(self, job_id: str) -> Path | None:
        job = self.status(job_id)
        if job is None or job.state != "done":
            return None
        return self._job_dir(job_id) / "result"

    def clean_up(self, now: float | None = None) -> None:
        """Forget jobs older than KEEP_SECONDS (files included)."""
        now = time.time() if now is None else now
        for status in self.directory.glob("*/status.json"):
            try:
                created = json.loads(status.read_text(encoding="utf-8"))["created"]
            except (OSError, ValueError, KeyError):
                continue
            if now - created > KEEP_SECONDS:
                shutil.rmtree(status.parent, ignore_errors=True)

    def _run(self, job: JobStatus, renderer: Renderer, locale: str) -> None:
        from dashboard.exports.priority import lower_this_thread
        from indicators.i18n import use_locale

        lower_this_thread()  # page callbacks in the other threads come first
        job.state = "running"
        self._write(job)

        def progress(done: int, total: int, what: str) -> None:
            job.done, job.total, job.what = done, total, what
            self._write(job)

        try:
            with use_locale(locale):
                content = renderer(progress)
            _atomic_write(self._job_dir(job.id) / "result", content)
            job.state, job.done = "done", max(job.done, job.total)
        except Exception as error:  # noqa: BLE001 — any failure must reach the person waiting
            job.state = "failed"
            job.error = f"{type(error).__name__}: {error}"
            traceback.print_exc()
        job.finished = time.time()
        self._write(job)

    def _jobs(self) -> list[JobStatus]:
        """Every job in the folder, from any worker that shares it."""
        found = []
        for path in self.directory.glob("*/status.json"):
            try:
                found.append(JobStatus(**json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, TypeError):
                continue  # a job being removed, or written by another version
        return found

    def _job_dir(self, job_id: str) -> Path:
        return self.directory / job_id

    def _write(self, job: JobStatus) -> None:
        with self._lock:
            _atomic_write(self._job_dir(job.id) / "status.json",
                          json.dumps(asdict(job)).encode("utf-8"))


def _valid_id(job_id: str) -> bool:
    # Ids become paths: only our own hex ids are ever looked up.
    return len(job_id) == JOB_ID_LENGTH and all(c in "0123456789abcdef" for c in job_id)


def _atomic_write(path: Path, content: bytes) -> None:
    """Readers in other processes see the old file or the new one, never half of it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(content)
    os.replace(temporary, path)
