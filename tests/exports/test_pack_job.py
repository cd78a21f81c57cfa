"""A pack described for a Celery worker reads back as the same request: charts in order,
filters, title, language, public address and the viewer who asked; the app picks the
database store and Celery when a broker is configured, the folder and a thread otherwise."""

from __future__ import annotations

import dataclasses
import json

import pytest

from dashboard.exports.job_database import DatabaseStore
from dashboard.exports.job_folder import FolderStore
from dashboard.exports.jobs import CeleryRunner, ExportJobs, ThreadRunner, export_jobs_for
from dashboard.exports.pack_job import PackRenderer, read_described
from dashboard.exports.request import read_export_request
from indicators.db import make_engine
from tests.dashboard.helpers import settings_for, small_world_at
from tests.dashboard.test_tiers_doors import RWANDA


@pytest.fixture
def small_engine(database_url_factory):
    engine = make_engine(small_world_at(database_url_factory("sqlite")))
    yield engine
    engine.dispose()


def test_a_described_pack_reads_back_as_the_same_request_and_viewer(small_engine):
    asked = {"chart": ["performance/evaluations-heat", "conduct/by-year"], "country": "RWA",
             "title": "Fifth Committee", "lang": "fr"}
    export = read_export_request("briefing", "pdf", asked, small_engine, viewer=RWANDA)
    export = dataclasses.replace(export, base_url="https://pkdash.example.org")
    text = PackRenderer(export, small_engine).describe()
    assert json.loads(text)["viewer"] == {"tier": "member-state", "countries": ["RWA"],
                                          "name": "Rwanda delegation"}
    renderer, locale = read_described(text, small_engine)
    assert renderer.export == export
    assert renderer.export.charts == (("performance", "evaluations-heat"),
                                      ("conduct", "by-year"))
    assert locale == "fr"


def test_a_worker_renders_only_jobs_that_describe_themselves(tmp_path):
    runner = CeleryRunner("redis://127.0.0.1:1/0")  # never reached: refused before sending
    jobs = ExportJobs(FolderStore(tmp_path), runner)
    with pytest.raises(TypeError, match="describe themselves"):
        jobs.submit(lambda progress: b"x", "x.pdf", "application/pdf")


def test_the_broker_setting_chooses_the_store_and_the_runner(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = make_engine(url)
    alone = export_jobs_for(settings_for(url, export_dir=tmp_path / "exports"), engine)
    assert isinstance(alone.store, FolderStore) and isinstance(alone.runner, ThreadRunner)
    assert alone.store.directory == tmp_path / "exports"
    shared = export_jobs_for(settings_for(url, broker_url="redis://127.0.0.1:6379/0"), engine)
    assert isinstance(shared.store, DatabaseStore) and isinstance(shared.runner, CeleryRunner)
    assert shared.store.engine is engine
    engine.dispose()
