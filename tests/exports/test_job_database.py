"""Export jobs kept in the database (the store used with a broker), on SQLite and PostgreSQL:
a job made through one host is seen, with its progress and file, through another; the same
pack asked by several hosts at once is one job; the limits and the clean-up hold; a worker
renders a job queued through Redis from its stored description, once."""

from __future__ import annotations

import json
import multiprocessing
import threading
import time

import pytest
import redis
from sqlalchemy import func, select

from dashboard.exports.job_database import DatabaseStore
from dashboard.exports.jobs import KEEP_SECONDS, CeleryRunner, ExportJobs, JobRefused
from dashboard.exports.request import ExportRequestError
from indicators.db import make_engine
from indicators.filters import Problem
from indicators.i18n import current_locale
from indicators.migrate import upgrade
from indicators.models.jobs import ExportJob
from tests.exports.test_jobs import wait_for


def test_progress_and_file_are_seen_from_another_host(engine):
    host_a, host_b = ExportJobs(DatabaseStore(engine)), ExportJobs(DatabaseStore(engine))
    halfway, release = threading.Event(), threading.Event()

    def renderer(progress):
        progress(1, 4, "first chart")
        halfway.set()
        release.wait(5)
        progress(4, 4, "last chart")
        return b"PK\x03\x04 pretend workbook"

    job = host_a.submit(renderer, "pack.xlsx", "application/x-xlsx", key="k")
    assert halfway.wait(5)
    running = host_b.status(job.id)
    assert (running.state, running.done, running.total, running.what, running.percent) == (
        "running", 1, 4, "first chart", 25)
    assert host_b.result(job.id) is None  # not done: no file yet
    release.set()
    done = wait_for(host_b, job.id)
    assert (done.state, done.percent, done.filename) == ("done", 100, "pack.xlsx")
    assert host_b.result(job.id) == b"PK\x03\x04 pretend workbook"
    assert host_b.size() == len(b"PK\x03\x04 pretend workbook")
    # Asked again through the other host: the same job, not a second one.
    again = host_b.submit(lambda progress: b"other", "pack.xlsx", "application/x-xlsx", key="k")
    assert again.id == job.id


def test_a_failure_is_stored_with_its_reason(engine):
    jobs = ExportJobs(DatabaseStore(engine))

    def renderer(progress):
        raise ValueError("chart conduct/by-year could not be drawn")

    status = wait_for(jobs, jobs.submit(renderer, "x.pdf", "application/pdf").id)
    assert status.state == "failed"
    assert "ValueError: chart conduct/by-year could not be drawn" in status.error
    assert jobs.result(status.id) is None


def test_the_queue_and_size_limits_count_every_hosts_jobs(engine):
    release = threading.Event()
    host_a = ExportJobs(DatabaseStore(engine), max_queued=2, max_bytes=1000)
    host_b = ExportJobs(DatabaseStore(engine), max_queued=2, max_bytes=1000)
    for number in range(2):
        host_a.submit(lambda progress: release.wait(30) and b"x" * 600, f"{number}.pdf",
                      "application/pdf", key=f"busy-{number}")
    with pytest.raises(JobRefused) as refused:
        host_b.submit(lambda progress: b"x", "c.pdf", "application/pdf", key="third")
    assert refused.value.limit == "PKDASH_EXPORT_MAX_QUEUED"
    release.set()
    deadline = time.monotonic() + 10
    while host_b.size() < 1200 and time.monotonic() < deadline:
        time.sleep(0.02)
    with pytest.raises(JobRefused) as refused:
        host_b.submit(lambda progress: b"x", "c.pdf", "application/pdf", key="third")
    assert refused.value.limit == "PKDASH_EXPORT_MAX_BYTES"


def test_old_jobs_and_their_files_are_removed(engine):
    jobs = ExportJobs(DatabaseStore(engine))
    old = wait_for(jobs, jobs.submit(lambda progress: b"old", "a.pdf", "application/pdf").id)
    jobs.clean_up(now=time.time() + KEEP_SECONDS / 2)
    assert jobs.status(old.id) is not None
    jobs.clean_up(now=time.time() + KEEP_SECONDS + 1)
    assert jobs.status(old.id) is None
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ExportJob)).scalar() == 0


def _submit_same_pack(url: str, start, done) -> None:
    """One host's part: wait for the others, then ask for the pack."""
    jobs = ExportJobs(DatabaseStore(make_engine(url)))
    start.wait()
    jobs.submit(lambda progress: b"pack", "pack.pdf", "application/pdf", key="same-key")
    done.wait()  # keep the process (and its job thread) alive until every host asked


def test_hosts_asking_for_the_same_pack_at_once_make_one_job(engine):
    """Four processes on one database, as four hosts, ask for the same pack at the same
    instant, three times over: one job each time, never two (and no "database is locked")."""
    context = multiprocessing.get_context("spawn")
    url = engine.url.render_as_string(hide_password=False)
    for attempt in range(3):
        with engine.begin() as conn:
            conn.execute(ExportJob.__table__.delete())
        start, done = context.Barrier(4), context.Barrier(5)
        hosts = [context.Process(target=_submit_same_pack, args=(url, start, done))
                 for _ in range(4)]
        for host in hosts:
            host.start()
        done.wait(timeout=120)
        for host in hosts:
            host.join(timeout=30)
        assert [host.exitcode for host in hosts] == [0] * 4
        with engine.connect() as conn:
            made = conn.execute(select(func.count()).select_from(ExportJob)).scalar()
        assert made == 1, f"round {attempt}: {made} jobs for one pack"


class Described:
    """A renderer that describes itself, as packs do for a Celery worker."""

    def __init__(self, text: str, rendered: list):
        self.text, self.rendered = text, rendered

    def describe(self) -> str:
        return json.dumps({"text": self.text})

    def __call__(self, progress) -> bytes:
        self.rendered.append(current_locale())
        return self.text.encode()


def test_a_worker_renders_the_stored_job_once_and_reports_a_bad_description(tmp_path,
                                                                            redis_server):
    engine = make_engine(f"sqlite:///{tmp_path / 'jobs.sqlite'}")
    upgrade(engine)
    web = ExportJobs(DatabaseStore(engine), CeleryRunner(redis_server.url))
    queue = redis.Redis.from_url(redis_server.url)
    queue.delete("celery")
    rendered = []
    job = web.submit(Described("pack", rendered), "p.pdf", "application/pdf", key="one")
    assert web.status(job.id).state == "queued" and rendered == []
    assert queue.llen("celery") == 1  # the task, waiting in Redis for a worker

    def read(text):
        return Described(json.loads(text)["text"], rendered), "fr"

    worker = ExportJobs(DatabaseStore(engine))  # another process, on the same database
    worker.run_stored(job.id, read)
    assert (web.status(job.id).state, web.result(job.id), rendered) == ("done", b"pack", ["fr"])
    worker.run_stored(job.id, read)  # the same task delivered again: not made twice
    assert rendered == ["fr"]

    def unreadable(text):
        raise ExportRequestError([Problem("mission", "XYZ", "no such mission")])

    bad = web.submit(Described("other", rendered), "q.pdf", "application/pdf", key="two")
    worker.run_stored(bad.id, unreadable)
    failed = web.status(bad.id)
    assert failed.state == "failed" and "no such mission" in failed.error
    queue.delete("celery")  # no worker here: leave no task for another test's worker
    engine.dispose()
