"""Background work past one machine, for real: one Redis, one Celery worker process and two
gunicorn hosts with different export folders, all started from the Procfile and sharing one
database (SQLite, then PostgreSQL). A pack started through host A is followed and downloaded
through host B, rendered by the worker as the viewer who asked; nothing lands in either host's
folder. Without a broker, the same web process renders in its own thread and folder."""

from __future__ import annotations

import io
import json
import time
import urllib.error
import urllib.request

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from indicators.db import make_engine
from indicators.illustrative import generate
from indicators.migrate import upgrade
from indicators.models.jobs import ExportJob
from tests.dashboard.test_procfile import free_port, start_procfile_process, wait_for_port
from tests.dashboard.test_tiers_doors import RWANDA, signed_in
from tests.exports.readers import deck, slide_text
from tests.exports.test_profile_tiers import MARK, rwanda_evaluation
from tests.indicators.test_query_cli import insert_small_world

JOB_SECONDS = 180  # a slide draws its chart with Chromium, on two shared cores


class Hosts:
    """The two web hosts' base URLs and each process's output, for failure messages."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.processes, self.logs, self.bases, self.folders = {}, {}, {}, {}

    def start(self, name: str, kind: str, env: dict[str, str], port: int | None = None):
        """Start the Procfile's `kind` process (web, worker) as `name`."""
        self.logs[name] = self.tmp_path / f"{name}.log"
        with open(self.logs[name], "wb") as log:
            process = start_procfile_process(kind, env, log)
        self.processes[name] = process
        if port is not None:
            wait_for_port(process, port, lambda: self.output(name))
            self.bases[name] = f"http://127.0.0.1:{port}"

    def output(self, name: str) -> str:
        return self.logs[name].read_text(errors="replace")[-3000:]

    def outputs(self) -> str:
        return "\n".join(f"--- {name}:\n{self.output(name)}" for name in self.logs)

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except Exception:  # noqa: BLE001 — a process that ignores TERM is killed
                process.kill()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hosts(request, tmp_path_factory, database_url_factory, redis_server):
    """Started once per engine for this module's tests: process starts are the slow part."""
    tmp_path = tmp_path_factory.mktemp(f"hosts-{request.param}")
    url = database_url_factory(request.param)
    engine = make_engine(url)
    upgrade(engine)
    insert_small_world(engine)
    generate(engine)  # illustrative unit evaluations: Rwanda's units serve in MINUSCA
    running = Hosts(tmp_path)
    running.engine = engine
    # Behind one public address, as hosts behind a load balancer are: the same pack asked
    # through either host is then the same job.
    common = {"DATABASE_URL": url, "PKDASH_BROKER_URL": redis_server.url,
              "PKDASH_PUBLIC_URL": "https://pkdash.example.org",
              "WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "4", "CELERY_CONCURRENCY": "1"}
    try:
        running.start("worker", "worker", {**common, "PKDASH_EXPORT_DIR": str(tmp_path / "w")})
        for name in ("web-a", "web-b"):
            port = free_port()
            running.folders[name] = tmp_path / f"exports-{name}"
            running.start(name, "web", {**common, "PORT": str(port),
                                        "PKDASH_EXPORT_DIR": str(running.folders[name])},
                          port)
        yield running
    finally:
        running.stop()
        engine.dispose()


def call(url: str, body: dict | None = None, headers: dict | None = None):
    """(status, headers, bytes) of a GET, or of a POST of `body` as JSON."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={
        **({"Content-Type": "application/json"} if body is not None else {}), **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def follow(hosts: Hosts, base: str, job: dict, headers: dict | None = None) -> tuple[dict, set]:
    """Poll the job through `base` until it ends; the last status and every state seen."""
    seen, deadline = {job["state"]}, time.monotonic() + JOB_SECONDS
    while job["state"] not in ("done", "failed"):
        if time.monotonic() > deadline:
            pytest.fail(f"job not done: {job}\n{hosts.outputs()}")
        time.sleep(0.2)
        status, _headers, content = call(base + job["status_url"], headers=headers)
        assert status == 200, content[:300]
        job = json.loads(content)
        seen.add(job["state"])
    assert job["state"] == "done", f"{job}\n{hosts.outputs()}"
    return job, seen


def job_files(folder) -> list:
    return [path for path in folder.rglob("*") if path.is_file() and path.name != ".submit.lock"]


def test_a_workbook_started_on_host_a_is_followed_and_downloaded_on_host_b(hosts):
    a, b = hosts.bases["web-a"], hosts.bases["web-b"]
    status, headers, content = call(a + "/export/missions.xlsx?mission=MINUSCA")
    assert status == 202, content[:500]
    job, seen = follow(hosts, b, json.loads(content))
    assert job["percent"] == 100 and seen <= {"queued", "running", "done"}
    status, headers, content = call(b + job["file_url"])
    assert status == 200
    assert headers["Content-Disposition"].startswith("attachment")
    book = load_workbook(io.BytesIO(content))
    about = " ".join(str(cell) for row in book["About"].iter_rows(values_only=True)
                     for cell in row if cell)
    assert "MINUSCA" in about
    assert len(book.worksheets) > 1
    # The same address through host B finds the finished job: 303 to the same file.
    status, headers, _ = call(b + "/export/missions.xlsx?mission=MINUSCA")
    assert status == 200  # urllib followed the 303 to the file
    # Nothing was written to either host's folder: the file lives in the database.
    assert job_files(hosts.folders["web-a"]) == job_files(hosts.folders["web-b"]) == []


def test_a_slide_is_rendered_by_the_worker_as_the_delegation_that_asked(hosts):
    a, b = hosts.bases["web-a"], hosts.bases["web-b"]
    rwanda = signed_in(hosts.engine, RWANDA)
    status, _headers, content = call(b + "/export/jobs", {"page": "profile", "format": "pptx",
                                                          "query": "country=RWA"}, rwanda)
    assert status == 202, content[:500]
    job, _seen = follow(hosts, a, json.loads(content))
    status, _headers, content = call(a + job["file_url"])
    assert status == 200
    slides = list(deck(content).slides)
    text = " ".join(slide_text(slides[0]).split())
    # Only Rwanda's delegation sees these: the worker computed as that viewer.
    assert MARK in text
    assert rwanda_evaluation(hosts.engine, RWANDA) in text
    # The public's one-pager through the other host is another job, without them.
    status, _headers, content = call(a + "/export/jobs", {"page": "profile", "format": "pptx",
                                                          "query": "country=RWA"})
    public, _seen = follow(hosts, b, json.loads(content))
    assert public["id"] != job["id"]
    status, _headers, content = call(b + public["file_url"])
    assert MARK not in " ".join(slide_text(list(deck(content).slides)[0]).split())


def test_without_a_broker_the_web_process_renders_in_its_own_thread_and_folder(tmp_path):
    """The same Procfile `web:` process with no PKDASH_BROKER_URL: the job runs in-process
    and its file lands in the host's folder; the database holds no job."""
    url = f"sqlite:///{tmp_path / 'alone.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    insert_small_world(engine)
    alone, port = Hosts(tmp_path), free_port()
    folder = tmp_path / "exports-alone"
    try:
        alone.start("web", "web", {"DATABASE_URL": url, "PORT": str(port), "WEB_CONCURRENCY": "1",
                                   "PKDASH_EXPORT_DIR": str(folder)}, port)
        base = alone.bases["web"]
        status, _headers, content = call(base + "/export/missions.xlsx?mission=MINUSCA")
        assert status == 202, content[:500]
        job, _seen = follow(alone, base, json.loads(content))
        status, _headers, content = call(base + job["file_url"])
        assert status == 200 and load_workbook(io.BytesIO(content))["About"]
        assert (folder / job["id"] / "result").read_bytes() == content
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(ExportJob)).scalar() == 0
    finally:
        alone.stop()
        engine.dispose()
