"""Data versions over real files, on SQLite and PostgreSQL: two builds that differ by a revised
figure, a new allegation and a new month show exactly those changes and nothing else; a
rebuild with the same files, or one whose new file is refused, records nothing; a later version
lists its own changes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from indicators.build import build
from indicators.changes import changes_between, changes_since
from indicators.db import make_engine
from indicators.manifest import load_manifest
from indicators.models.reports import MonthlyReport, ReportDeployment
from indicators.models.versions import DataVersion
from indicators.targets import TARGET_GROUP
from indicators.versions import SinceError, latest_version_id, resolve_since
from tests.conftest import ENGINES, real_raw_dir
from tests.files import snapshot
from tests.versions_fixture import SOURCES, make_two_versions

RAW = real_raw_dir()
pytestmark = pytest.mark.skipif(RAW is None, reason="needs the official files (PKDASH_RAW_DIR)")


@pytest.fixture(scope="module", params=ENGINES)
def versions(request, database_url_factory, tmp_path_factory):
    url = database_url_factory(request.param)
    made = make_two_versions(url, tmp_path_factory.mktemp("versions"), RAW)
    engine = make_engine(url)
    yield made, engine
    engine.dispose()


def test_exactly_the_changes_made_are_found(versions):
    made, engine = versions
    expected = made.expected
    changes = changes_between(engine, made.old_version, made.new_version)

    source, month = expected.new_month
    assert [(n.source, n.months) for n in changes.new_months] == [(source, (month,))]

    month, mission, iso3, category, field, old, new = expected.revision
    assert [(r.domain, r.source, r.kind, r.month, r.mission, r.country_iso3, r.old, r.new,
             r.new_version) for r in changes.revisions] == [
        ("personnel", "ipi-gender", "revised", month, mission, iso3, old, new, made.new_version)]
    assert changes.revisions[0].key.endswith(f":{category}:{field}:v{made.new_version}")

    mission, reported, nationalities = expected.new_allegation
    assert [(a.mission, a.count, a.nationalities, a.reported_months)
            for a in changes.new_allegations] == [(mission, 1, nationalities, (reported,))]


def _women_share(engine, month: dt.date, categories: set[str]) -> float | None:
    """Women's share read from the report's own rows, not from the personnel series."""
    r = ReportDeployment
    with engine.connect() as conn:
        women, total = conn.execute(select(func.sum(r.women), func.sum(r.total)).join(
            MonthlyReport, MonthlyReport.month == r.month).where(
            r.month == month, r.category.in_(categories), r.women.is_not(None),
            MonthlyReport.has_gender)).one()
    return round(100 * float(women) / float(total), 4) if total else None


def test_kpi_moves_are_the_reports_own_shares(versions):
    made, engine = versions
    before, after = made.expected.kpi_months
    groups = {f"women-share-{g}": {c for c, t in TARGET_GROUP.items() if t == g}
              for g in set(TARGET_GROUP.values())}
    groups["women-share"] = set(TARGET_GROUP)
    expected = {}
    for indicator, categories in groups.items():
        old, new = _women_share(engine, before, categories), _women_share(engine, after,
                                                                           categories)
        if old != new:
            expected[indicator] = (old, new)
    moves = {m.indicator: (m.old, m.new) for m in changes_between(
        engine, made.old_version, made.new_version).kpi_moves
        if m.indicator != "uniformed-personnel"}
    assert moves == expected
    assert expected  # a new month with a gender split moves at least one share


HISTORY = ("data_version", "data_version_source", "fact_change", "kpi_snapshot")


def _history(engine) -> dict:
    return {name: rows for name, rows in snapshot(engine).items() if name in HISTORY}


def test_a_rebuild_with_the_same_files_records_no_new_version(versions):
    made, engine = versions
    before = _history(engine)
    sources = [s for s in load_manifest() if s.slug in SOURCES]
    messages = []
    assert build(made.config_v2, log=messages.append, sources=sources).ok
    assert _history(engine) == before
    assert changes_since(engine, f"v{made.new_version}").is_empty
    assert f"No source changed: the data are still version {made.new_version}." in messages


def test_a_refused_file_leaves_the_history_as_it_was(versions):
    made, engine = versions
    before = _history(engine)
    sea = next(s for s in load_manifest() if s.slug == "un-sea-allegations")
    broken = made.config_v2.raw_dir / sea.path
    kept = broken.read_bytes()
    try:
        broken.write_bytes(b"not a workbook")
        report = build(made.config_v2, log=lambda line: None, sources=[sea],
                       new_versions=frozenset({sea.slug}))
    finally:
        broken.write_bytes(kept)
    assert [o.source for o in report.rejected] == [sea.slug]
    assert _history(engine) == before
    assert latest_version_id(engine) == made.new_version


def test_a_later_version_lists_its_own_changes(versions):
    """Version 3 goes back to version 1's files: from version 2 the revised figure is revised
    back and the new allegation withdrawn; from version 1 nothing changed at all."""
    made, engine = versions
    sources = [s for s in load_manifest() if s.slug in ("ipi-gender", "un-sea-allegations")]
    assert build(made.config_v1, log=lambda line: None, sources=sources,
                 new_versions=frozenset({"un-sea-allegations"})).ok
    newest = latest_version_id(engine)
    assert newest == made.new_version + 1
    month, mission, iso3, _, _, old, new = made.expected.revision
    allegation_mission, reported, nationalities = made.expected.new_allegation
    back = changes_between(engine, made.new_version, newest)
    assert sorted((r.domain, r.kind, r.month, r.mission, r.old, r.new)
                  for r in back.revisions) == [
        ("allegation", "withdrawn", reported, allegation_mission, ",".join(nationalities),
         None),
        ("personnel", "revised", month, mission, new, old)]
    assert not back.new_months and not back.new_allegations
    around = changes_between(engine, made.old_version, newest)
    assert (around.revisions, around.new_allegations) == ([], [])
    assert around.new_months  # the monthly reports were not rebuilt: the new month stays


def test_since_names_a_version_by_number_date_or_time(versions):
    made, engine = versions
    with engine.connect() as conn:
        created = conn.execute(select(DataVersion.created_at).where(
            DataVersion.id == made.old_version)).scalar_one()
    stamp = (created if created.tzinfo else created.replace(tzinfo=dt.UTC)).isoformat()
    assert resolve_since(engine, f"v{made.old_version}").id == made.old_version
    assert resolve_since(engine, str(made.new_version)).id == made.new_version
    assert resolve_since(engine, stamp).id == made.old_version
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert resolve_since(engine, today).id == latest_version_id(engine)
    assert changes_since(engine, f"v{made.old_version}").until.id == latest_version_id(engine)


@pytest.mark.parametrize(("text", "words"), [
    ("v999", "no data version v999"),
    ("1990-01-01", "before the first data version"),
    ("last tuesday", "not a date"),
    ("2025-13-45", "not a date"),
])
def test_since_says_what_was_wrong(versions, text, words):
    _, engine = versions
    with pytest.raises(SinceError, match=words):
        resolve_since(engine, text)
