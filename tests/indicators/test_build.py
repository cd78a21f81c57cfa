"""`pkdash build` end to end: the real files on both engines, and a fresh offline user."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from indicators.build import build
from indicators.config import DataConfig
from indicators.db import make_engine
from indicators.manifest import load_manifest
from indicators.models.dimensions import Mission
from indicators.models.facts import Contribution, Fatality
from indicators.models.provenance import ImportLog, SourceVersion
from indicators.models.sea import SeaAllegation
from tests.files import snapshot


def count(engine, model, *where):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


@pytest.mark.realdata
def test_build_from_the_real_files(engine_name, database_url_factory, raw_dir):
    config = DataConfig(database_url_factory(engine_name), raw_dir)
    report = build(config, log=lambda _line: None)
    assert report.ok, [o.message for o in report.rejected]
    assert report.missing == []

    engine = make_engine(config.database_url)
    assert count(engine, SeaAllegation) == 753
    assert count(engine, Fatality) == 4_429
    assert count(engine, Mission, Mission.is_peacekeeping.is_(True)) == 81
    assert count(engine, Contribution) == 32_571
    with engine.connect() as conn:
        logs = conn.execute(select(ImportLog)).all()
        versions = {v.source: v for v in conn.execute(select(SourceVersion))}
    assert {log.source for log in logs} >= {s.slug for s in load_manifest()}
    for log in logs:
        assert log.rows_read == log.rows_loaded + log.rows_set_aside, log.source
    gender_log = next(log for log in logs if log.source == "ipi-gender")
    assert (gender_log.rows_read, gender_log.rows_loaded, gender_log.rows_set_aside) == (
        43_255, 32_571, 10_684)
    assert versions["un-fatalities"].as_of.isoformat() == "2025-04-04"
    assert versions["illustrative"].illustrative is True
    assert not any(v.illustrative for slug, v in versions.items() if slug != "illustrative")

    # Building again with the same files changes nothing at all.
    before = snapshot(engine)
    again = build(config, log=lambda _line: None)
    assert {o.status for o in again.outcomes} == {"unchanged"}
    assert snapshot(engine) == before
    engine.dispose()


def test_build_with_an_empty_raw_folder_succeeds_on_illustrative_data(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite'}",
           "PKDASH_RAW_DIR": str(tmp_path / "empty-raw")}
    finished = subprocess.run([sys.executable, "-m", "dashboard.cli", "build"], env=env,
                              capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    for source in load_manifest():
        assert f"missing    {source.slug}" in finished.stdout
    assert "pkdash fetch" in finished.stdout

    engine = make_engine(env["DATABASE_URL"])
    with engine.connect() as conn:
        versions = conn.execute(select(SourceVersion.source, SourceVersion.illustrative)).all()
    assert versions == [("illustrative", True)]
    engine.dispose()
