"""The export doors' limits, each refused with a clear 413 or 429 naming it: requests per
client and in all (counted in the shared Redis across workers), the body's size, charts per
pack, jobs waiting and the export folder's size; and the settings they come from."""

from __future__ import annotations

import threading
import time

import pytest

from dashboard.exports.routes import JOBS_KEY
from dashboard.settings import ExportLimits, Settings
from tests.dashboard.helpers import app_for

CHEAP = "/export/women.docx"  # refused at once (400): counts against the limits, renders nothing


def make_app(real_url, tmp_path, **limits):
    base = {"per_client": "1000/minute", "in_all": "1000/minute"}
    return app_for(real_url, export_dir=tmp_path / "exports",
                   limits=ExportLimits(**{**base, **limits}))


def assert_refused(response, status: int, variable: str, retry: bool = True):
    assert response.status_code == status, response.data[:300]
    assert variable in response.get_data(as_text=True)
    if retry:
        assert int(response.headers["Retry-After"]) >= 1


def test_one_client_is_limited_and_another_is_not(real_url, tmp_path):
    client = make_app(real_url, tmp_path, per_client="3/minute").server.test_client()
    for _ in range(3):
        assert client.get(CHEAP).status_code == 400
    assert_refused(client.get(CHEAP), 429, "PKDASH_EXPORT_RATE_PER_CLIENT")
    assert_refused(client.get("/download/women/share-by-mission.csv"), 429,
                   "PKDASH_EXPORT_RATE_PER_CLIENT")
    other = client.get(CHEAP, environ_base={"REMOTE_ADDR": "127.0.0.9"})
    assert other.status_code == 400
    # Following a job is not limited: a page polls twice a second.
    assert client.get("/export/jobs/" + "0" * 32).status_code == 404


def test_all_clients_together_are_limited(real_url, tmp_path):
    client = make_app(real_url, tmp_path, in_all="4/minute").server.test_client()
    for number in range(4):
        address = {"REMOTE_ADDR": f"127.0.0.{number + 10}"}
        assert client.get(CHEAP, environ_base=address).status_code == 400
    assert_refused(client.get(CHEAP, environ_base={"REMOTE_ADDR": "127.0.0.99"}), 429,
                   "PKDASH_EXPORT_RATE_TOTAL")


def test_workers_share_the_counts_in_redis(real_url, tmp_path, redis_server):
    workers = [app_for(real_url, export_dir=tmp_path / "exports", cache_url=redis_server.url,
                       limits=ExportLimits(per_client="3/minute", in_all="1000/minute"))
               .server.test_client() for _ in range(2)]
    assert workers[0].get(CHEAP).status_code == 400
    assert workers[1].get(CHEAP).status_code == 400
    assert workers[0].get(CHEAP).status_code == 400
    assert_refused(workers[1].get(CHEAP), 429, "PKDASH_EXPORT_RATE_PER_CLIENT")


def test_a_body_over_the_limit_is_413(real_url, tmp_path):
    client = make_app(real_url, tmp_path, request_bytes=64 * 1024).server.test_client()
    body = b'{"page": "women", "format": "pdf", "query": "' + b"x" * 200_000 + b'"}'
    response = client.post("/export/jobs", data=body, content_type="application/json")
    assert_refused(response, 413, "PKDASH_MAX_REQUEST_BYTES", retry=False)
    assert "65536" in response.get_data(as_text=True)


def test_a_pack_of_too_many_charts_is_413(real_url, tmp_path):
    client = make_app(real_url, tmp_path, charts=2).server.test_client()
    charts = "women/share-by-mission,conduct/by-year,women/share-by-country"
    response = client.get(f"/export/briefing.pdf?chart={charts}")
    assert_refused(response, 413, "PKDASH_EXPORT_MAX_CHARTS", retry=False)
    assert "at most 2 charts" in response.get_data(as_text=True)


def occupy(jobs, count: int) -> threading.Event:
    """Queue `count` jobs that wait until the returned event is set."""
    release = threading.Event()
    for number in range(count):
        jobs.submit(lambda progress: release.wait(30) and b"x", f"{number}.pdf",
                    "application/pdf", key=f"busy-{number}")
    return release


def test_jobs_beyond_the_queue_are_429(real_url, tmp_path):
    app = make_app(real_url, tmp_path, queued=2)
    release = occupy(app.server.config[JOBS_KEY], 2)
    try:
        client = app.server.test_client()
        response = client.get("/export/women.xlsx?from=2013-12&to=2013-12")
        assert_refused(response, 429, "PKDASH_EXPORT_MAX_QUEUED")
        posted = client.post("/export/jobs", json={"page": "women", "format": "xlsx",
                                                   "query": "from=2013-12"})
        assert_refused(posted, 429, "PKDASH_EXPORT_MAX_QUEUED")
    finally:
        release.set()


def test_a_full_export_folder_is_429(real_url, tmp_path):
    app = make_app(real_url, tmp_path, folder_bytes=1000)
    jobs = app.server.config[JOBS_KEY]
    done = jobs.submit(lambda progress: b"x" * 2000, "big.pdf", "application/pdf", key="big")
    deadline = time.monotonic() + 10
    while jobs.status(done.id).state != "done" and time.monotonic() < deadline:
        time.sleep(0.02)
    response = app.server.test_client().get("/export/women.xlsx?from=2013-12&to=2013-12")
    assert_refused(response, 429, "PKDASH_EXPORT_MAX_BYTES")
    assert int(response.headers["Retry-After"]) >= 60


def test_limits_come_from_the_environment_with_documented_defaults():
    assert Settings.from_env({}).limits == ExportLimits()
    assert ExportLimits() == ExportLimits(request_bytes=2 * 1024 * 1024,
                                          per_client="30 per minute", in_all="120 per minute",
                                          charts=40, queued=8, folder_bytes=1024 ** 3)
    limits = Settings.from_env({
        "PKDASH_MAX_REQUEST_BYTES": "1000", "PKDASH_EXPORT_RATE_PER_CLIENT": "5/hour",
        "PKDASH_EXPORT_RATE_TOTAL": "50 per hour", "PKDASH_EXPORT_MAX_CHARTS": "12",
        "PKDASH_EXPORT_MAX_QUEUED": "3", "PKDASH_EXPORT_MAX_BYTES": "1_000_000"}).limits
    assert limits == ExportLimits(1000, "5/hour", "50 per hour", 12, 3, 1_000_000)


@pytest.mark.parametrize(("name", "value"), [
    ("PKDASH_EXPORT_RATE_PER_CLIENT", "lots"), ("PKDASH_EXPORT_MAX_CHARTS", "0"),
    ("PKDASH_MAX_REQUEST_BYTES", "2MB"),
])
def test_a_bad_limit_stops_the_start_naming_the_variable(name, value):
    with pytest.raises(ValueError, match=name):
        Settings.from_env({name: value})
