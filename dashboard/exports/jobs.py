"""Background export jobs: a pack renders in a worker thread while pages stay responsive; its
progress and result live in files, so any gunicorn worker on the host can report on it."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

JOB_ID_LENGTH = 32
KEEP_SECONDS = 6 * 3600  # a finished pack stays downloadable for a working day's meeting prep
STATES = ("queued", "running", "done", "failed")


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

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        return int(100 * self.done / self.total) if self.total else 0


# Renders the file: receives a progress callback (done, total, what) and returns the bytes.
Renderer = Callable[[Callable[[int, int, str], None]], bytes]


class ExportJobs:
    """Runs renderers one at a time per process (2 cores: a second concurrent pack would only
    slow both, and starve the page callbacks); status and files in `directory`."""

    def __init__(self, directory: Path, workers: int = 1):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pkdash-export")
        self._lock = threading.Lock()

    def submit(self, renderer: Renderer, filename: str, media_type: str,
               locale: str = "en") -> JobStatus:
        self.clean_up()
        job = JobStatus(id=uuid.uuid4().hex, state="queued", filename=filename,
                        media_type=media_type, created=time.time())
        self._job_dir(job.id).mkdir()
        self._write(job)
        self._pool.submit(self._run, job, renderer, locale)
        return job

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
