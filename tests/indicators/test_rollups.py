"""The personnel rollups answer exactly as personnel_fact does: every personnel indicator, every
cut the pages use (and every single and paired dimension), over a sample of filter combinations,
on SQLite and PostgreSQL. The rows are generated for the test (illustrative, never shown)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
import random
import zlib
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import delete, insert, text

import indicators
from indicators.catalogue import CATALOGUE
from indicators.compute import clear_cache, compute
from indicators.db import make_engine
from indicators.filters import Filters
from indicators.measures.personnel_rows import refresh_personnel
from indicators.migrate import upgrade
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.facts import Deployment, Fatality, MissionMonthTotal
from indicators.models.reports import MonthlyReport, ReportDeployment
from indicators.models.rollups import (
    PersonnelByCategory,
    PersonnelByCountry,
    PersonnelByMission,
    PersonnelByMissionCountry,
    PersonnelFact,
)
from indicators.rollup_choice import base_table_only, choose
from tests.conftest import ENGINES

PERSONNEL = sorted(slug for slug, indicator in CATALOGUE.items()
                   if indicator.query.__module__ == "indicators.measures.personnel")
# Rates whose denominator is the mission headcounts, read from the mission rollup.
PER_1000 = ("fatalities-per-1000",)
# The cuts the pages declare for these indicators (dashboard/pages/*.py, Panel(...)).
PAGE_CUTS = (("month", "category"), ("country",), ("year", "ugps-group"), ("year", "mission"),
             ("mission",), ("ugps-group",), ("country", "ugps-group"), ("month", "gender"),
             ("year",), ())
MISSIONS = {"MINUSCA": True, "MONUSCO": True, "UNMISS": True, "UNAMA": False, "UNSOM": False}
COUNTRIES = ("GHA", "NPL", "RWA", "BGD", "FRA", "URY")
CATEGORIES = ("troops", "staff-officers", "experts-on-mission", "formed-police-units",
              "individual-police")
IPI_MONTHS = [dt.date(2013 + m // 12, m % 12 + 1, 1) for m in range(20)]  # 2013-01 to 2014-08
UN_MONTHS = [dt.date(2015 + m // 12, m % 12 + 1, 1) for m in range(18)]  # 2015-01 to 2016-06
NO_MISSION_DETAIL = set(UN_MONTHS[3:6])  # reports by country only, as 2018-03 to 2019-08
NO_GENDER = {UN_MONTHS[8], UN_MONTHS[4]}  # no usable split, as 2020-08


def generated_rows(rng: random.Random):
    """IPI rows to 2014-08 and report rows from 2015, with zeros, missing splits, and months
    without mission detail; not every country is in every mission every month."""
    ipi, reports = [], []
    for month, mission, country, category in itertools.product(
            IPI_MONTHS + UN_MONTHS, MISSIONS, COUNTRIES, CATEGORIES):
        if rng.random() < 0.55:
            continue
        women, men = rng.choice((0, 0, 1, 3, 12, 40)), rng.choice((0, 5, 80, 400))
        row = {"month": month, "mission": mission, "country_iso3": country,
               "category": category, "women": women, "men": men, "total": women + men}
        if month in UN_MONTHS:
            if rng.random() < 0.1 or month in NO_GENDER:
                row.update(women=None, men=None)  # a printed total without a split
            reports.append(row | {"page": 1})
        else:
            ipi.append(row)
    for month in NO_MISSION_DETAIL:  # the report's country x type rows, mission not given
        reports = [r for r in reports if r["month"] != month]
        reports += [{"month": month, "mission": None, "country_iso3": country,
                     "category": category, "women": rng.choice((None, 2, 9)), "men": 60,
                     "total": 70, "page": 1}
                    for country in COUNTRIES for category in CATEGORIES[:3]]
    for row in reports:  # a split that does not add up, as a few real rows do
        if row["women"] is not None and rng.random() < 0.05:
            row["total"] += 1
    return ipi, reports


def mission_totals(ipi: list[dict]) -> list[dict]:
    """IPI's published mission totals: the rows' sums, give or take (as published)."""
    totals: dict = {}
    for row in ipi:
        key = (row["month"], row["mission"])
        totals[key] = totals.get(key, 3) + row["total"]
    return [{"month": month, "mission": mission, "total": total}
            for (month, mission), total in totals.items()]


def fatalities(rng: random.Random) -> list[dict]:
    months = IPI_MONTHS + UN_MONTHS
    return [{"id": n, "casualty_id": str(n), "incident_date": month, "month": month,
             "mission": rng.choice(list(MISSIONS)), "personnel_type": "military",
             "incident_type": rng.choice(("malicious-act", "illness"))}
            for n, month in enumerate(rng.choices(months, k=120))]


def monthly_report(month: dt.date) -> dict:
    return {"month": month, "report_date": month, "date_from": "printed",
            "file_name": f"{month:%Y-%m}.pdf", "sha256": "0" * 64, "layout": "a", "pages": 1,
            "has_missions": month not in NO_MISSION_DETAIL, "has_gender": month not in NO_GENDER,
            "rows": 0}


def insert_generated(conn, ipi: list[dict], reports: list[dict]) -> None:
    """The months, countries and missions of generated_rows, then its IPI and report rows."""
    conn.execute(insert(Month), [{"month": m, "year": m.year, "month_number": m.month}
                                 for m in IPI_MONTHS + UN_MONTHS])
    conn.execute(insert(Country), [{"iso3": c, "name": c, "historic": False}
                                   for c in COUNTRIES])
    conn.execute(insert(Mission), [{"acronym": m, "is_peacekeeping": pk}
                                   for m, pk in MISSIONS.items()])
    conn.execute(insert(Deployment), ipi)
    conn.execute(insert(MonthlyReport), [monthly_report(m) for m in UN_MONTHS])
    conn.execute(insert(ReportDeployment), reports)


@pytest.fixture(scope="module", params=ENGINES)
def world(request, database_url_factory):
    engine = make_engine(database_url_factory(request.param))
    upgrade(engine)
    ipi, reports = generated_rows(random.Random(19))
    with engine.begin() as conn:
        insert_generated(conn, ipi, reports)
        conn.execute(insert(MissionMonthTotal), mission_totals(ipi))
        conn.execute(insert(Fatality), fatalities(random.Random(20)))
        refresh_personnel(conn)
    yield engine
    engine.dispose()


def sample_filters(count: int, seed: int) -> list[Filters]:
    """No filter, each filter alone, then random combinations of them."""
    months = sorted(IPI_MONTHS + UN_MONTHS)
    rng = random.Random(seed)
    filters = [Filters(), Filters(missions=("MINUSCA",)), Filters(countries=("NPL",)),
               Filters(categories=("troops",)), Filters(gender="women"),
               Filters(mission_type="political"),
               Filters(period_from=dt.date(2014, 1, 1), period_to=dt.date(2014, 12, 1)),
               Filters(period_from=UN_MONTHS[2], period_to=UN_MONTHS[7])]
    while len(filters) < count:
        start, end = sorted(rng.sample(range(len(months)), 2))
        chosen = {
            "missions": tuple(sorted(rng.sample(list(MISSIONS), rng.randint(1, 2)))),
            "countries": tuple(sorted(rng.sample(COUNTRIES, rng.randint(1, 3)))),
            "categories": tuple(sorted(rng.sample(CATEGORIES, rng.randint(1, 2)))),
            "period_from": months[start], "period_to": months[end],
            "gender": rng.choice(("women", "men")),
            "mission_type": rng.choice(("peacekeeping", "political")),
        }
        keep = rng.sample(list(chosen), rng.randint(1, 3))
        filters.append(Filters(**{k: chosen[k] for k in keep}))
    return filters


def cuts_of(slug: str) -> list[tuple[str, ...]]:
    """The pages' cuts this indicator allows, then every single dimension and every pair."""
    dimensions = CATALOGUE[slug].dimensions
    pairs = [*itertools.combinations(dimensions, 1), *itertools.combinations(dimensions, 2)]
    page = [cut for cut in PAGE_CUTS if set(cut) <= set(dimensions)]
    return list(dict.fromkeys([*page, *pairs]))


def difference(engine, slug: str, filters: Filters, by: tuple[str, ...]) -> str | None:
    """How compute()'s frame from the rollups differs from the base table's, or None."""
    clear_cache()
    rolled = compute(slug, filters, by, engine=engine)
    with base_table_only():
        clear_cache()
        base = compute(slug, filters, by, engine=engine)
    try:
        pd.testing.assert_frame_equal(rolled, base, check_exact=True)
    except AssertionError as error:
        return f"{slug} by {by} for {filters.to_query()}: {error}"
    return None


@pytest.mark.parametrize("slug", PERSONNEL + list(PER_1000))
def test_the_rollups_answer_as_the_base_table_does(world, slug):
    filters = sample_filters(14, seed=zlib.crc32(slug.encode()))
    checked, wrong = 0, []
    for by, sample in itertools.product(cuts_of(slug), filters):
        problem = difference(world, slug, sample, by)
        checked += 1
        if problem:
            wrong.append(problem)
    assert not wrong, f"{len(wrong)} of {checked} differ; first: {wrong[0]}"


def test_the_pages_cuts_are_answered_by_rollups_not_the_base_table():
    """Otherwise the comparison above would compare the base table with itself."""
    assert choose(Filters(), ("year", "ugps-group")) is PersonnelByCategory
    assert choose(Filters(missions=("MINUSCA",)), ("month", "category")) is PersonnelByMission
    assert choose(Filters(), ("mission",)) is PersonnelByMission
    assert choose(Filters(mission_type="political"), ("year",)) is PersonnelByMission
    assert choose(Filters(), ("country", "ugps-group")) is PersonnelByMissionCountry
    assert choose(Filters(), ("country", "ugps-group"), always=("month",)) is PersonnelByCountry
    assert choose(Filters(), ("year",), always=("country",)) is PersonnelByCountry
    assert choose(Filters(missions=("MINUSCA",)), ("country",)) is PersonnelByMissionCountry
    assert choose(Filters(missions=("MINUSCA",)), ("country",), always=("month",)
                  ) is PersonnelFact
    assert choose(Filters(missions=("MINUSCA",), period_from=dt.date(2015, 1, 1)),
                  ("country",)) is PersonnelFact
    with base_table_only():
        assert choose(Filters(), ("year",)) is PersonnelFact


def test_the_comparison_fails_when_a_rollup_leaves_out_a_country(world):
    with world.begin() as conn:
        conn.execute(delete(PersonnelByCountry).where(PersonnelByCountry.country_iso3 == "NPL"))
        conn.execute(delete(PersonnelByCategory).where(PersonnelByCategory.category == "troops"))
        conn.execute(delete(PersonnelByMissionCountry).where(
            PersonnelByMissionCountry.country_iso3 == "GHA"))
    try:
        assert difference(world, "uniformed-personnel", Filters(), ("country",))
        assert difference(world, "contributing-countries", Filters(), ("year",))
        assert difference(world, "women-share", Filters(), ("ugps-group",))
        assert difference(world, "uniformed-personnel", Filters(missions=("MINUSCA",)),
                          ("country",))
        with world.begin() as conn:  # the mission headcounts of the UN's months
            conn.execute(delete(PersonnelByMission).where(PersonnelByMission.mission == "UNMISS",
                                                          PersonnelByMission.category == "troops"))
        assert difference(world, "fatalities-per-1000", Filters(), ("mission",))
        # The base table is not touched: forced onto it, the answers still agree with themselves.
        assert difference(world, "uniformed-personnel", Filters(), ("month", "mission",
                                                                    "country")) is None
    finally:
        with world.begin() as conn:
            refresh_personnel(conn)
    assert difference(world, "uniformed-personnel", Filters(), ("country",)) is None


def _migration():
    path = (Path(indicators.__file__).parent / "migrations" / "versions"
            / "a7d41c9e2b60_personnel_rollups.py")
    spec = importlib.util.spec_from_file_location("rollups_migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    return migration


def contents(conn) -> dict:
    """Every rollup's rows, in a stable order."""
    return {table: sorted(map(tuple, conn.execute(text(
                f"SELECT {keys}, women, men, total, total_with_women, positive_rows "
                f"FROM {table}")).all()), key=repr)
            for table, keys in _migration().GRAINS.items()}


def test_a_refused_import_leaves_the_rollups_as_they_were(world):
    """refresh_personnel writes in the import's transaction: when the import is refused and
    rolled back, the rollups are those of the facts still there."""
    with world.connect() as conn:
        before = contents(conn)

    class Refused(Exception):
        pass

    with pytest.raises(Refused), world.begin() as conn:
        conn.execute(delete(ReportDeployment).where(ReportDeployment.country_iso3 == "RWA"))
        refresh_personnel(conn)
        assert contents(conn) != before  # the rewrite did happen inside the transaction
        raise Refused
    with world.connect() as conn:
        assert contents(conn) == before


def test_the_migration_fills_the_rollups_as_refresh_personnel_writes_them(world):
    """A database migrated with personnel_fact already full gets the same rollups."""
    migration = _migration()
    with world.begin() as conn:
        written = contents(conn)
        for table, keys in migration.GRAINS.items():
            conn.execute(text(f"DELETE FROM {table}"))
            conn.execute(text(migration.FILL.format(table=table, keys=keys)))
        assert contents(conn) == written
        assert all(written.values())
