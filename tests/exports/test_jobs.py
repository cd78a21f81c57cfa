"""Background export jobs: progress is visible while a renderer runs, from any process that
shares the folder; failures are reported; old jobs are cleaned up; ids cannot name paths."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import pytest

from dashboard.exports.jobs import KEEP_SECONDS, ExportJobs
from indicators.i18n import current_locale


def wait_for(jobs: ExportJobs, job_id: str, states=("done", "failed"), timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = jobs.status(job_id)
        if status and status.state in states:
            return status
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} did not reach {states}: {jobs.status(job_id)}")


def test_progress_is_visible_while_running_and_the_file_after(tmp_path):
    jobs = ExportJobs(tmp_path)
    halfway, release = threading.Event(), threading.Event()

    def renderer(progress):
        progress(1, 4, "first chart")
        halfway.set()
        release.wait(5)
        progress(4, 4, "last chart")
        return b"%PDF-pretend"

    job = jobs.submit(renderer, "pack.pdf", "application/pdf")
    assert halfway.wait(5)
    # Another worker process sees the same job through the shared folder.
    other_worker = ExportJobs(tmp_path)
    running = other_worker.status(job.id)
    assert (running.state, running.done, running.total, running.what) == (
        "running", 1, 4, "first chart")
    assert running.percent == 25
    assert other_worker.result(job.id) is None  # not ready yet
    release.set()
    done = wait_for(other_worker, job.id)
    assert done.state == "done" and done.percent == 100
    assert other_worker.result(job.id) == b"%PDF-pretend"
    assert done.filename == "pack.pdf" and done.media_type == "application/pdf"


def test_a_failing_renderer_is_reported_with_its_reason(tmp_path):
    jobs = ExportJobs(tmp_path)

    def renderer(progress):
        raise ValueError("chart women/share-by-mission could not be drawn")

    status = wait_for(jobs, jobs.submit(renderer, "x.pptx", "application/x").id)
    assert status.state == "failed"
    assert "ValueError: chart women/share-by-mission could not be drawn" in status.error
    assert jobs.result(status.id) is None


def test_the_job_renders_in_the_language_it_was_asked_in(tmp_path):
    jobs = ExportJobs(tmp_path)
    seen = []

    def renderer(progress):
        seen.append(current_locale())
        return b"x"

    wait_for(jobs, jobs.submit(renderer, "x.pdf", "application/pdf", locale="fr").id)
    assert seen == ["fr"]


def test_old_jobs_are_removed_and_recent_ones_kept(tmp_path):
    jobs = ExportJobs(tmp_path)
    old = wait_for(jobs, jobs.submit(lambda progress: b"old", "a.pdf", "application/pdf").id)
    jobs.clean_up(now=time.time() + KEEP_SECONDS / 2)
    assert jobs.status(old.id) is not None
    jobs.clean_up(now=time.time() + KEEP_SECONDS + 1)
    assert jobs.status(old.id) is None
    assert not (tmp_path / old.id).exists()


@pytest.mark.parametrize("job_id", ["../../etc/passwd", "", "a" * 31, "G" * 32, "../" * 11])
def test_ids_that_are_not_ours_find_nothing(tmp_path, job_id):
    jobs = ExportJobs(tmp_path)
    assert jobs.status(job_id) is None
    assert jobs.result(job_id) is None


def test_jobs_run_one_at_a_time_per_process(tmp_path):
    """Two cores: a second pack waits rather than halving the speed of both and the pages."""
    jobs = ExportJobs(tmp_path)
    running = []
    overlap = []
    lock = threading.Lock()

    def renderer(progress):
        with lock:
            running.append(1)
            overlap.append(len(running))
        time.sleep(0.05)
        with lock:
            running.pop()
        return b"x"

    ids = [jobs.submit(renderer, "x.pdf", "application/pdf").id for _ in range(3)]
    for job_id in ids:
        wait_for(jobs, job_id)
    assert max(overlap) == 1


def _submit_same_pack(directory: str, key: str, start, done) -> None:
    """One gunicorn worker's part: wait for the others, then ask for the pack."""
    jobs = ExportJobs(Path(directory))
    start.wait()
    jobs.submit(lambda progress: b"pack", "pack.pdf", "application/pdf", key=key)
    done.wait()  # keep the process (and its job thread) alive until every worker asked


def test_workers_sharing_the_folder_make_one_job_for_the_same_pack(tmp_path):
    """Four processes, as four gunicorn workers on one host, asked for the same pack at the
    same instant, ten times over: one job each time, never two."""
    context = multiprocessing.get_context("fork")
    for attempt in range(10):
        directory = tmp_path / f"round-{attempt}"
        directory.mkdir()
        start, done = context.Barrier(4), context.Barrier(5)
        workers = [context.Process(target=_submit_same_pack,
                                   args=(str(directory), "same-key", start, done))
                   for _ in range(4)]
        for worker in workers:
            worker.start()
        done.wait()
        for worker in workers:
            worker.join(timeout=30)
        made = list(directory.glob("*/status.json"))
        assert len(made) == 1, f"round {attempt}: {len(made)} jobs for one pack"
