"""Each row's months, which the rows' origins name their reports by, are read from the
personnel series' runs of months where those answer (indicators.origin_runs), else from the
indicator's by-month query with only its codes and month selected (indicators.origins):
the same months as the whole query gives, for every indicator fed by the UN's monthly
reports, every cut the pages use and every single dimension and pair, over sampled filters,
on SQLite and PostgreSQL. The rows are generated for the test (illustrative, never shown)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
import random
import zlib
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text

import indicators
from indicators.catalogue import CATALOGUE
from indicators.filters import Filters
from indicators.measures.personnel_rows import refresh_personnel
from indicators.measures.sql import label
from indicators.models.rollups import PersonnelMonth, PersonnelMonthRun
from indicators.origin_months import codes_only, row_key, row_months
from indicators.origin_runs import months_from_runs, question
from indicators.origins import MONTHLY_SOURCE
from indicators.rollup_choice import base_table_only
from indicators.viewer import ANONYMOUS
from tests.indicators.test_rollups import (  # noqa: F401
    CATEGORIES,
    NO_MISSION_DETAIL,
    UN_MONTHS,
    cuts_of,
    generated_rows,
    sample_filters,
    world,
)

# The indicators whose rows' months are read from their own query (indicators.origin_months).
MONTHLY = sorted(slug for slug, indicator in CATALOGUE.items()
                 if MONTHLY_SOURCE in indicator.sources and "month" in indicator.dimensions
                 and not indicator.snapshot and indicator.visibility == "public")


def whole_query_months(engine, indicator, filters, by) -> dict[tuple, list[str]]:
    """Each row's months from the indicator's by-month query as it is (measures and all)."""
    monthly = indicator.query(filters, (*by, "month")).subquery()
    columns = [monthly.c[label(d)] for d in (*by, "month")]
    with engine.connect() as conn:
        rows = conn.execute(select(*columns)).all()
    months: dict[tuple, set[str]] = {}
    for row in rows:
        months.setdefault(row_key(tuple(row[:-1])), set()).add(str(row[-1])[:7])
    return {key: sorted(found) for key, found in months.items()}


def test_there_are_indicators_to_compare():
    assert {"uniformed-personnel", "women-share"} <= set(MONTHLY)


# The personnel indicators, whose rows' months the runs answer (indicators.origin_runs).
RUNS = ("contributing-countries", "uniformed-personnel", "women-share")


def test_there_are_runs_to_read_for_every_personnel_indicator():
    assert set(RUNS) <= set(MONTHLY)
    for slug in RUNS:
        assert question(CATALOGUE[slug], Filters(missions=("UNMISS",)), ("country",))
    with base_table_only():  # the comparisons with the base table read it alone
        assert question(CATALOGUE["uniformed-personnel"], Filters(), ("country",)) is None
    # A query of a rollup without countries is left to the query (faster than the runs).
    assert question(CATALOGUE["uniformed-personnel"], Filters(), ("year", "ugps-group")) is None
    assert question(CATALOGUE["women-share"], Filters(missions=("UNMISS",)), ("category",)
                    ) is None
    assert question(CATALOGUE["contributing-countries"], Filters(), ("year",))


def differences(engine, slug: str, count: int = 10) -> tuple[list[str], Counter]:
    """The cuts and filters whose rows' months differ from the whole query's, and how many
    of each kind the runs answered (checked as well, apart from row_months)."""
    indicator = CATALOGUE[slug]
    wrong, answered, rows = [], Counter(), 0
    cases = list(itertools.product([cut for cut in cuts_of(slug) if "month" not in cut and cut],
                                   sample_filters(count, seed=zlib.crc32(slug.encode()))))
    for by, filters in cases:
        expected = whole_query_months(engine, indicator, filters, by)
        rows += len(expected)
        if row_months(indicator, filters, by, engine, ANONYMOUS) != expected:
            wrong.append(f"{slug} by {by} for {filters.to_query()}")
        asked = question(indicator, filters, by)
        if asked is not None:
            answered.update(["any", *by, *filters.to_query()])
            if months_from_runs(asked, filters, by, engine) != expected:
                wrong.append(f"{slug} by {by} for {filters.to_query()} (from the runs)")
    assert rows > len(cases)  # most cuts have rows to compare
    return wrong, answered


@pytest.mark.parametrize("slug", MONTHLY)
def test_the_codes_alone_give_the_rows_months_the_whole_query_gives(world, slug):  # noqa: F811
    wrong, answered = differences(world, slug)
    assert not wrong, f"{len(wrong)} differ; first: {wrong[0]}"
    if slug in RUNS:  # the runs answered most cases, with every filter, cut by every code
        coded = {"mission", "category", "year", "mission-type"} | (
            {"country", "ugps-group"} if slug != "contributing-countries" else set())
        assert {"mission", "country", "category", "from", "to", "mission-type", *coded,
                } <= set(answered)
        if slug == "uniformed-personnel":
            assert answered["gender"] > 0
    else:
        assert not answered


def test_the_comparison_fails_when_a_run_is_left_out(world):  # noqa: F811
    """The runs are what is compared: a contributor's run gone, its months differ."""
    with world.connect() as conn:
        r = PersonnelMonthRun
        run = conn.execute(select(r.__table__).where(  # one every indicator reads
            r.mission == "MINUSCA", r.first_month < r.last_month, r.has_gender,
            r.gives_women, r.anyone_deployed)).first()
    try:
        with world.begin() as conn:
            conn.execute(delete(PersonnelMonthRun).where(PersonnelMonthRun.id == run.id))
        filters = Filters(missions=("MINUSCA",), countries=(run.country_iso3,))
        for slug in RUNS:
            indicator = CATALOGUE[slug]
            got = row_months(indicator, filters, ("category",), world, ANONYMOUS)
            assert got != whole_query_months(world, indicator, filters, ("category",))
    finally:
        with world.begin() as conn:
            refresh_personnel(conn)


def test_a_month_the_headcount_does_not_join_is_not_named(world):  # noqa: F811
    """The headcount's by-month rows are joined to the months reported (its month counts): a
    month with facts but not among them has no row, and the runs do not name it either."""
    indicator = CATALOGUE["uniformed-personnel"]
    filters, month = Filters(missions=("UNMISS",)), UN_MONTHS[1]
    try:
        with world.begin() as conn:
            conn.execute(delete(PersonnelMonth).where(PersonnelMonth.month == month))
        expected = whole_query_months(world, indicator, filters, ("country",))
        assert expected and f"{month:%Y-%m}" not in {m for ms in expected.values() for m in ms}
        assert question(indicator, filters, ("country",)).joined
        assert row_months(indicator, filters, ("country",), world, ANONYMOUS) == expected
    finally:
        with world.begin() as conn:
            refresh_personnel(conn)


def series_months(mission: str, country: str, categories=CATEGORIES) -> list[str]:
    """The months generated_rows gives the contributor in the mission, worked out in Python
    from the rows themselves: the world's IPI and report months are apart, and its months
    without mission detail have no mission."""
    ipi, reports = generated_rows(random.Random(19))
    return sorted({f"{row['month']:%Y-%m}" for row in ipi + reports
                   if row["mission"] == mission and row["country_iso3"] == country
                   and row["category"] in categories})


def consecutive(months: list[str]) -> bool:
    index = [int(month[:4]) * 12 + int(month[5:]) for month in months]
    return index == list(range(index[0], index[0] + len(index)))


def test_a_contributor_leaving_a_mission_and_coming_back_has_the_months_it_was_there(
        world):  # noqa: F811
    """Months missing inside a contributor's series (it left and came back; the months with
    no mission detail; 2014-09 to 2014-12, in no source) are not named, from the runs or the
    query; a period starting or ending inside a run is cut there."""
    indicator = CATALOGUE["uniformed-personnel"]
    expected = series_months("UNMISS", "GHA", ("troops",))
    assert not consecutive(expected)  # gaps, in and between the sources
    assert not set(expected) & {f"{m:%Y-%m}" for m in NO_MISSION_DETAIL}
    filters = Filters(missions=("UNMISS",), countries=("GHA",), categories=("troops",))
    assert question(indicator, filters, ("country",))
    got = row_months(indicator, filters, ("country",), world, ANONYMOUS)
    assert got == {("GHA",): expected}
    # Every category of the contributor, as one row: runs of several categories joined.
    expected = series_months("UNMISS", "GHA")
    every = Filters(missions=("UNMISS",), countries=("GHA",))
    assert row_months(indicator, every, ("country",), world, ANONYMOUS) == {("GHA",): expected}
    # A period from inside one run to inside another: its months, no others.
    runs = []
    for month in expected:
        if runs and consecutive([runs[-1][-1], month]):
            runs[-1].append(month)
        else:
            runs.append([month])
    long_runs = [run for run in runs if len(run) >= 3]
    assert len(long_runs) >= 2
    start, end = long_runs[0][1], long_runs[-1][-2]
    cut = Filters(missions=("UNMISS",), countries=("GHA",),
                  period_from=dt.date(int(start[:4]), int(start[5:]), 1),
                  period_to=dt.date(int(end[:4]), int(end[5:]), 1))
    assert question(indicator, cut, ("country",))
    assert row_months(indicator, cut, ("country",), world, ANONYMOUS) == {
        ("GHA",): [month for month in expected if start <= month <= end]}


def test_the_migration_fills_the_runs_as_refresh_personnel_writes_them(world):  # noqa: F811
    path = (Path(indicators.__file__).parent / "migrations" / "versions"
            / "b19c0a1d2e06_personnel_month_runs.py")
    spec = importlib.util.spec_from_file_location("runs_migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    listed = text(f"SELECT {migration.KEYS}, first_month, last_month FROM personnel_month_runs")
    with world.begin() as conn:
        written = sorted(map(tuple, conn.execute(listed)), key=repr)
        assert len(written) > 100
        conn.execute(delete(PersonnelMonthRun))
        conn.execute(text(migration.fill(world.dialect.name)))
        assert sorted(map(tuple, conn.execute(listed)), key=repr) == written


def test_only_the_codes_and_month_are_selected():
    indicator = CATALOGUE["women-share"]
    query = codes_only(indicator.query(sample_filters(1, seed=1)[0], ("country", "month")),
                        ("country",))
    assert list(query.selected_columns.keys()) == [label("country"), label("month")]
