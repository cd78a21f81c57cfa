"""Fatality history across data versions, on SQLite and PostgreSQL, from copies of the UN's
real fatalities file: version 1 lacks the latest month; version 2 is the real file with one
record's incident type edited and one record removed (from a month that keeps others);
version 3 is the real file as published. The expected changes are the edits, written down as
they were made."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from collections import Counter
from dataclasses import dataclass

import pytest

from indicators.build import build
from indicators.changes import changes_between
from indicators.config import DataConfig
from indicators.db import make_engine
from indicators.manifest import load_manifest
from indicators.versions import latest_version_id
from tests.conftest import ENGINES, real_raw_dir

RAW = real_raw_dir()
pytestmark = pytest.mark.skipif(RAW is None, reason="needs the official files (PKDASH_RAW_DIR)")
SLUG = "un-fatalities"
# The edit: one record's incident type, from the file's "Illness" to "Accident" (stored as the
# importer's slugs).
EDIT_FROM, EDIT_TO = "Illness", "Accident"


@dataclass(frozen=True)
class Edits:
    latest_month: dt.date  # left out of version 1
    edited: dict  # the record edited in version 2, as the real file has it
    removed: dict  # the record version 2 lacks


@dataclass(frozen=True)
class Versions:
    v1: int
    v2: int
    v3: int
    edits: Edits


def _month(record: dict) -> dt.date:
    return dt.date.fromisoformat(record["incident_date"]).replace(day=1)


def _write(path, header: str, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "".join(lines), encoding="utf-8")


def _edit(real_file, v1_file, v2_file) -> Edits:
    text = real_file.read_text(encoding="utf-8")
    header, *lines = text.splitlines(keepends=True)
    records = [next(csv.DictReader(io.StringIO(header + line))) for line in lines]
    latest = max(_month(r) for r in records)
    per_month = Counter(_month(r) for r in records)
    # Two different records of months that keep other records, with a country code, not in
    # the latest month: the first illness of the file is edited, the next record removed.
    usable = [i for i, r in enumerate(records) if _month(r) != latest
              and per_month[_month(r)] >= 3 and r["isocode3"]]
    edited = next(i for i in usable if records[i]["type_of_incident"] == EDIT_FROM)
    removed = next(i for i in usable if i > edited and _month(records[i]) != _month(
        records[edited]))
    _write(v1_file, header, [line for line, r in zip(lines, records, strict=True)
                             if _month(r) != latest])
    changed = lines[edited].replace(f",{EDIT_FROM},", f",{EDIT_TO},")
    assert changed != lines[edited]
    _write(v2_file, header, [changed if i == edited else line for i, line in enumerate(lines)
                             if i != removed])
    return Edits(latest, records[edited], records[removed])


@pytest.fixture(scope="module", params=ENGINES)
def versions(request, database_url_factory, tmp_path_factory):
    url = database_url_factory(request.param)
    tmp = tmp_path_factory.mktemp("fatality-versions")
    source = next(s for s in load_manifest() if s.slug == SLUG)
    raws = [tmp / name for name in ("v1", "v2", "v3")]
    edits = _edit(RAW / source.path, raws[0] / source.path, raws[1] / source.path)
    (raws[2] / source.path).parent.mkdir(parents=True)
    shutil.copyfile(RAW / source.path, raws[2] / source.path)
    cache = DataConfig.from_env().parse_cache_dir
    for raw in raws:
        report = build(DataConfig(url, raw, cache), log=lambda line: None, sources=[source],
                       new_versions=frozenset({SLUG}))
        assert report.ok, [o.message for o in report.rejected]
    engine = make_engine(url)
    newest = latest_version_id(engine)
    yield Versions(newest - 2, newest - 1, newest, edits), engine
    engine.dispose()


def test_a_revised_record_and_a_withdrawn_one_are_listed(versions):
    made, engine = versions
    edited, removed = made.edits.edited, made.edits.removed
    changes = changes_between(engine, made.v1, made.v2)
    assert [(n.source, n.months) for n in changes.new_months] == [
        (SLUG, (made.edits.latest_month,))]
    by_kind = {r.kind: r for r in changes.revisions}
    assert sorted(by_kind) == ["revised", "withdrawn"] and len(changes.revisions) == 2
    revised, withdrawn = by_kind["revised"], by_kind["withdrawn"]
    assert (revised.domain, revised.source, revised.old, revised.new) == (
        "fatality", SLUG, "illness", "accident")
    assert f"#{edited['id']}" in revised.what and revised.what.endswith(": incident_type")
    assert (revised.month, revised.mission, revised.country_iso3) == (
        _month(edited), edited["mission_acronym"], edited["isocode3"])
    assert (withdrawn.domain, withdrawn.new, withdrawn.month, withdrawn.mission,
            withdrawn.country_iso3) == ("fatality", None, _month(removed),
                                        removed["mission_acronym"], removed["isocode3"])
    assert f"#{removed['id']}" in withdrawn.what
    assert removed["incident_date"] in withdrawn.old  # the whole record, as it was
    assert not changes.new_allegations


def test_restoring_the_file_lists_the_record_added_and_the_field_revised_back(versions):
    made, engine = versions
    back = changes_between(engine, made.v2, made.v3)
    assert not back.new_months  # the record comes back to a month version 2 had
    assert sorted((r.kind, r.old, r.new) for r in back.revisions if r.kind == "revised") == [
        ("revised", "accident", "illness")]
    added = [r for r in back.revisions if r.kind == "added"]
    assert [(r.month, r.mission, r.old) for r in added] == [
        (_month(made.edits.removed), made.edits.removed["mission_acronym"], None)]
    assert f"#{made.edits.removed['id']}" in added[0].what
    assert len(back.revisions) == 2


def test_changed_then_changed_back_is_no_change(versions):
    made, engine = versions
    around = changes_between(engine, made.v1, made.v3)
    assert around.revisions == []
    assert [(n.source, n.months) for n in around.new_months] == [
        (SLUG, (made.edits.latest_month,))]
