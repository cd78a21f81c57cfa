"""Background export jobs, one code path on two executors: a thread of the web worker with a
host folder (no broker), or a Celery worker with the database (PKDASH_BROKER_URL), so a job
started through one host is followed and downloaded through any other."""

from __future__ import annotations

import time
import traceback
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine

from dashboard.exports.job_database import DatabaseStore
from dashboard.exports.job_folder import FolderStore
from dashboard.exports.job_status import (  # noqa: F401 — re-exported: the routes use them
    STATES,
    JobRefused,
    JobStatus,
    JobStore,
    Renderer,
)
from dashboard.settings import Settings

JOB_ID_LENGTH = 32
KEEP_SECONDS = 6 * 3600  # a finished pack stays downloadable for a working day's meeting prep
QUEUE_RETRY = 30  # seconds: about one pack's drawing, after which a place in the queue frees
RENDER_TASK = "pkdash.render_export"  # the Celery task's name (dashboard.worker)


class Runner(Protocol):
    """Where a queued job is rendered."""

    def describe(self, renderer: Renderer) -> str: ...

    def start(self, jobs: ExportJobs, job: JobStatus, renderer: Renderer, locale: str
              ) -> None: ...


class ThreadRunner:
    """In this process: one pack at a time (2 cores: a second concurrent pack would only slow
    both, and starve the page callbacks)."""

    def __init__(self, workers: int = 1):
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pkdash-export")

    def describe(self, renderer: Renderer) -> str:
        return ""  # the renderer itself is handed to the thread

    def start(self, jobs: ExportJobs, job: JobStatus, renderer: Renderer, locale: str) -> None:
        self._pool.submit(jobs.run, job, renderer, locale)


class CeleryRunner:
    """On a Celery worker: the job's description is stored with it, and the task names only
    the job's id, so what a viewer asked for never travels through the broker."""

    def __init__(self, broker_url: str):
        from celery import Celery  # only a process with a broker needs it

        self.client = Celery("pkdash-web", broker=broker_url)
        self.client.conf.broker_connection_retry_on_startup = True

    def describe(self, renderer: Renderer) -> str:
        describe = getattr(renderer, "describe", None)
        if describe is None:
            raise TypeError("a Celery worker renders only jobs that describe themselves "
                            "(dashboard.exports.pack_job.PackRenderer)")
        return describe()

    def start(self, jobs: ExportJobs, job: JobStatus, renderer: Renderer, locale: str) -> None:
        self.client.send_task(RENDER_TASK, args=[job.id])


class ExportJobs:
    """Submits, runs and reports export jobs; progress and files live in `store` (a folder,
    or the database), limited to `max_queued` waiting jobs and `max_bytes` of files."""

    def __init__(self, store: JobStore | Path, runner: Runner | None = None, workers: int = 1,
                 max_queued: int = 8, max_bytes: int = 1024 ** 3):
        self.store = FolderStore(store) if isinstance(store, (str, Path)) else store
        self.runner = ThreadRunner(workers) if runner is None else runner
        self.max_queued, self.max_bytes = max_queued, max_bytes

    def submit(self, renderer: Renderer, filename: str, media_type: str,
               locale: str = "en", key: str = "") -> JobStatus:
        """Queue a job, or return the one already made or making the same `key`; raise
        JobRefused when PKDASH_EXPORT_MAX_QUEUED jobs wait or the store is full."""
        self.clean_up()
        request = self.runner.describe(renderer)
        with self.store.submitting() as held:
            jobs = held.jobs()
            same = [job for job in jobs if key and job.key == key and job.state != "failed"]
            if same:
                return max(same, key=lambda job: job.created)
            if sum(job.state in ("queued", "running") for job in jobs) >= self.max_queued:
                raise JobRefused("PKDASH_EXPORT_MAX_QUEUED", self.max_queued, QUEUE_RETRY)
            if held.size() >= self.max_bytes:
                oldest = min((job.created for job in jobs), default=time.time())
                wait = int(oldest + KEEP_SECONDS - time.time())
                raise JobRefused("PKDASH_EXPORT_MAX_BYTES", self.max_bytes, max(wait, 60))
            job = JobStatus(id=uuid.uuid4().hex, state="queued", filename=filename,
                            media_type=media_type, created=time.time(), key=key)
            held.add(job, request)
        try:
            self.runner.start(self, job, renderer, locale)
        except Exception as error:  # noqa: BLE001 — e.g. the broker is down: say so, now
            self._fail(job, error)
        return job

    def status(self, job_id: str) -> JobStatus | None:
        return self.store.get(job_id) if _valid_id(job_id) else None

    def result(self, job_id: str) -> bytes | None:
        """The finished file, or None while it is not done (or failed, or expired)."""
        return self.store.content(job_id) if _valid_id(job_id) else None

    def size(self) -> int:
        return self.store.size()

    def clean_up(self, now: float | None = None) -> None:
        """Forget jobs older than KEEP_SECONDS (files included)."""
        now = time.time() if now is None else now
        self.store.remove_before(now - KEEP_SECONDS)

    def run_stored(self, job_id: str,
                   make_renderer: Callable[[str], tuple[Renderer, str]]) -> None:
        """A worker's part: render the queued job `job_id` from its stored description
        (`make_renderer` reads it into a renderer and the language to render in)."""
        job, request = self.status(job_id), self.store.request(job_id)
        # "running" too: a task is acknowledged only once done, so one seen again was left
        # by a worker that died mid-pack. Finished (or expired) jobs are not made twice.
        if job is None or job.state in ("done", "failed"):
            return
        try:
            renderer, locale = make_renderer(request or "")
        except Exception as error:  # noqa: BLE001 — e.g. the data changed under the request
            self._fail(job, error)
            return
        self.run(job, renderer, locale)

    def run(self, job: JobStatus, renderer: Renderer, locale: str) -> None:
        """Render, writing progress as it goes; the file and "done", or the error."""
        from dashboard.exports.priority import lower_this_thread
        from indicators.i18n import use_locale

        lower_this_thread()  # page callbacks in the other threads come first
        job.state = "running"
        self.store.save(job)

        def progress(done: int, total: int, what: str) -> None:
            job.done, job.total, job.what = done, total, what
            self.store.save(job)

        try:
            with use_locale(locale):
                content = renderer(progress)
        except Exception as error:  # noqa: BLE001 — any failure must reach the person waiting
            traceback.print_exc()
            self._fail(job, error)
            return
        job.state, job.done, job.finished = "done", max(job.done, job.total), time.time()
        self.store.finish(job, content)

    def _fail(self, job: JobStatus, error: Exception) -> None:
        job.state, job.error = "failed", f"{type(error).__name__}: {error}"
        job.finished = time.time()
        self.store.save(job)


def export_jobs_for(settings: Settings, engine: Engine) -> ExportJobs:
    """With a broker: Celery workers and the database. Without: this process and a folder."""
    if settings.broker_url:
        store, runner = DatabaseStore(engine), CeleryRunner(settings.broker_url)
    else:
        store, runner = FolderStore(settings.export_dir), ThreadRunner()
    return ExportJobs(store, runner, max_queued=settings.limits.queued,
                      max_bytes=settings.limits.folder_bytes)


def _valid_id(job_id: str) -> bool:
    # Ids become paths: only our own hex ids are ever looked up.
    return len(job_id) == JOB_ID_LENGTH and all(c in "0123456789abcdef" for c in job_id)
