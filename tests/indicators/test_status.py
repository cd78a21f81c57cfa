"""source_status and import_log read provenance tables into what a reader needs to know."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from indicators.db import make_engine
from indicators.manifest import load_manifest
from indicators.models.provenance import ImportLog, SourceVersion
from indicators.status import (
    FETCH_COMMAND,
    ILLUSTRATIVE_SLUG,
    StatusUnavailable,
    import_log,
    period_label,
    source_status,
)


def insert_version(engine, **values) -> None:
    row = {
        "source": "ipi-gender", "title": "IPI gender", "publisher": "IPI",
        "file_name": "full_gender_data.csv", "sha256": "0" * 64,
        "as_of": dt.date(2014, 8, 31), "coverage_start": dt.date(2009, 11, 1),
        "coverage_end": dt.date(2014, 8, 1), "rows_loaded": 43255, "illustrative": False,
        "citation": "IPI.", "loaded_at": dt.datetime(2025, 1, 2, tzinfo=dt.UTC), **values,
    }
    with engine.begin() as conn:
        conn.execute(insert(SourceVersion).values(**row))


def test_every_manifest_source_then_illustrative_in_order(engine):
    manifest = load_manifest()
    statuses = source_status(engine, manifest)
    assert [s.slug for s in statuses] == [s.slug for s in manifest] + [ILLUSTRATIVE_SLUG]
    assert not any(s.loaded for s in statuses)


def test_missing_sources_say_how_to_fetch_them(engine):
    manifest = load_manifest()
    statuses = {s.slug: s for s in source_status(engine, manifest)}
    for source in manifest:
        status = statuses[source.slug]
        assert status.how_to_load == FETCH_COMMAND
        assert status.url == source.url
        assert status.real
    assert statuses[ILLUSTRATIVE_SLUG].illustrative
    assert statuses[ILLUSTRATIVE_SLUG].how_to_load


def test_loaded_source_carries_its_version(engine):
    insert_version(engine)
    status = next(s for s in source_status(engine) if s.slug == "ipi-gender")
    assert status.loaded and status.real
    assert status.rows == 43255
    assert status.coverage_label == "Nov 2009 – Aug 2014"
    assert status.as_of == dt.date(2014, 8, 31)
    assert status.file_name == "full_gender_data.csv"
    assert status.url and status.url.startswith("https://")


def test_loaded_illustrative_and_unlisted_sources_are_reported(engine):
    insert_version(engine, source=ILLUSTRATIVE_SLUG, title="Generated", illustrative=True)
    insert_version(engine, source="retired-source", title="Old file")
    statuses = {s.slug: s for s in source_status(engine)}
    assert statuses[ILLUSTRATIVE_SLUG].loaded and statuses[ILLUSTRATIVE_SLUG].illustrative
    assert statuses["retired-source"].loaded


def test_import_log_newest_first_with_set_aside_detail(engine):
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    rows = [
        {"source": "ipi-gender", "file_name": "a.csv", "sha256": "a" * 64, "status": status,
         "rows_read": 10, "rows_loaded": 8, "rows_set_aside": 2,
         "set_aside_detail": '{"totals row": 2}', "message": "",
         "started_at": start + dt.timedelta(hours=hour),
         "finished_at": start + dt.timedelta(hours=hour, minutes=1)}
        for hour, status in enumerate(["loaded", "replaced", "rejected"])
    ]
    with engine.begin() as conn:
        conn.execute(insert(ImportLog), rows)
    entries = import_log(engine, limit=2)
    assert [e.status for e in entries] == ["rejected", "replaced"]
    assert entries[0].set_aside == {"totals row": 2}


def test_unmigrated_database_is_reported_as_such(tmp_path):
    with pytest.raises(StatusUnavailable) as caught:
        source_status(make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite'}"))
    assert caught.value.kind == "not_migrated"


def test_unreachable_database_is_reported_as_such(tmp_path):
    with pytest.raises(StatusUnavailable) as caught:
        source_status(make_engine(f"sqlite:///{tmp_path / 'no' / 'dir' / 'x.sqlite'}"))
    assert caught.value.kind == "unreachable"


@pytest.mark.parametrize(("start", "end", "label"), [
    (dt.date(2009, 11, 1), dt.date(2014, 8, 31), "Nov 2009 – Aug 2014"),
    (dt.date(2021, 1, 1), dt.date(2021, 1, 31), "Jan 2021"),
    (None, None, ""),
])
def test_period_label(start, end, label):
    assert period_label(start, end) == label
