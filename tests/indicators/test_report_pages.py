"""The reports' pages the rows' origins name, read from report_pages_by_mission, are those
grouped from the report rows themselves: every page dimension and pair of them, with and
without a month or year, over a sample of filters and of rows asked for, on SQLite and
PostgreSQL. The rows are generated for the test (illustrative, never shown)."""

from __future__ import annotations

import importlib.util
import itertools
import random
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select, text

import indicators
from indicators.db import make_engine
from indicators.measures.personnel_rows import refresh_personnel
from indicators.migrate import upgrade
from indicators.models.reports import ReportDeployment
from indicators.models.rollups import ReportPagesByMission
from indicators.origin_pages import PAGE_DIMENSIONS, report_pages
from indicators.rollup_choice import base_table_only
from tests.conftest import ENGINES
from tests.indicators.test_rollups import (
    COUNTRIES,
    MISSIONS,
    UN_MONTHS,
    generated_rows,
    insert_generated,
    sample_filters,
)

# The cuts row_origins asks pages for: page dimensions alone and in pairs, with the month,
# the year or neither (the month or year is not read here: every row has a month).
CUTS = [(*time, *dims) for time in ((), ("month",), ("year",))
        for size in (1, 2) for dims in itertools.combinations(PAGE_DIMENSIONS, size)]


@pytest.fixture(scope="module", params=ENGINES)
def world(request, database_url_factory):
    engine = make_engine(database_url_factory(request.param))
    upgrade(engine)
    ipi, reports = generated_rows(random.Random(19))
    rng = random.Random(21)
    for row in reports:  # rows over many pages, a page with several rows, as printed
        row["page"] = rng.randint(1, 30)
    with engine.begin() as conn:
        insert_generated(conn, ipi, reports)
        refresh_personnel(conn)
    yield engine
    engine.dispose()


def narrowed(rng: random.Random, by: tuple[str, ...]) -> dict[str, set] | None:
    """What origins._only passes: some months and, for the cut's codes, some values."""
    if rng.random() < 0.4:
        return None
    only = {"month": {f"{m:%Y-%m}" for m in rng.sample(UN_MONTHS, 4)}}
    if "mission" in by:
        only["mission"] = set(rng.sample(list(MISSIONS), 2))
    if "country" in by:
        only["country"] = set(rng.sample(COUNTRIES, 2))
    return only


def differences(engine) -> list[str]:
    """The filters, cut and rows asked for where the two readings differ."""
    rng = random.Random(5)
    found, answered = [], 0
    for filters in sample_filters(24, seed=3):
        for by in CUTS:
            only = narrowed(rng, by)
            with base_table_only():
                expected = report_pages(engine, filters, by, only)
            got = report_pages(engine, filters, by, only)
            if got != expected:
                found.append(f"{filters} {by} {only}")
            answered += bool(expected)
    assert answered > len(CUTS) * 10  # most comparisons have pages to compare
    return found


def test_the_pages_table_answers_as_the_report_rows_do(world):
    assert differences(world) == []


def test_the_comparison_fails_when_the_table_leaves_out_a_page(world):
    """The check above can fail: a page missing from one month x mission x category line."""
    try:
        with world.begin() as conn:
            line = conn.execute(select(ReportPagesByMission.id, ReportPagesByMission.pages)
                                .where(ReportPagesByMission.pages.contains(","))).first()
            kept = line.pages.split(",")[1:]
            conn.execute(ReportPagesByMission.__table__.update()
                         .where(ReportPagesByMission.id == line.id)
                         .values(pages=",".join(kept)))
        assert differences(world) != []
    finally:
        with world.begin() as conn:
            refresh_personnel(conn)
    assert differences(world) == []


def contents(conn) -> list[tuple]:
    rows = conn.execute(text("SELECT month, mission, category, pages "
                             "FROM report_pages_by_mission")).all()
    return sorted(((str(m), mission, c, sorted(int(p) for p in pages.split(",")))
                   for m, mission, c, pages in rows), key=repr)


def test_a_report_import_rewrites_the_pages_and_the_migration_fills_them_alike(world):
    path = (Path(indicators.__file__).parent / "migrations" / "versions"
            / "b19c0a1d2e05_report_pages_by_mission.py")
    spec = importlib.util.spec_from_file_location("pages_migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with world.begin() as conn:
        written = contents(conn)
        assert written
        conn.execute(text("DELETE FROM report_pages_by_mission"))
        listed = ("string_agg(CAST(page AS VARCHAR), ',')" if world.dialect.name == "postgresql"
                  else "group_concat(CAST(page AS VARCHAR), ',')")
        conn.execute(text(migration.FILL.format(listed=listed)))
        assert contents(conn) == written
    # A report's rows replaced (as an import does): refresh_personnel rewrites the pages.
    try:
        with world.begin() as conn:
            gone = conn.execute(select(ReportDeployment.__table__).where(
                ReportDeployment.month == UN_MONTHS[0])).mappings().all()
            conn.execute(delete(ReportDeployment).where(
                ReportDeployment.month == UN_MONTHS[0]))
            refresh_personnel(conn)
            after = contents(conn)
        assert after != written
        assert not [row for row in after if row[0] == str(UN_MONTHS[0])]
    finally:
        with world.begin() as conn:
            conn.execute(insert(ReportDeployment), [dict(row) for row in gone])
            refresh_personnel(conn)
    with world.connect() as conn:
        assert contents(conn) == written
