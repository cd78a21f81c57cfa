"""The UN's monthly reports as a series: every printed total comes back out of compute(), a new
month is taken without a code change, and a damaged or altered file changes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from dataclasses import replace

import pytest
from sqlalchemy import select

from indicators.build import build
from indicators.compute import compute
from indicators.config import DataConfig
from indicators.db import make_engine
from indicators.filters import Filters
from indicators.importers.load_series import import_series
from indicators.importers.un_monthly.names import country_code, mission_code
from indicators.manifest import source_by_slug
from indicators.migrate import upgrade
from indicators.models.dimensions import Mission
from indicators.models.reports import MonthlyReport, ReportDeployment
from tests.files import snapshot
from tests.indicators.un_monthly_support import report_tables

pytestmark = pytest.mark.realdata
SLUG = "un-dpo-contributions"
FOLDER = "un_dpo_contributions_monthly/pdf"


@pytest.fixture(scope="module")
def series_db(raw_dir, tmp_path_factory):
    """The missions list and the whole series, built once on SQLite for this module."""
    url = f"sqlite:///{tmp_path_factory.mktemp('series') / 'series.sqlite'}"
    sources = [source_by_slug("un-pko-missions"), source_by_slug(SLUG)]
    report = build(DataConfig(url, raw_dir), log=lambda _line: None, sources=sources)
    assert report.ok, [o.message for o in report.rejected]
    engine = make_engine(url)
    yield engine
    engine.dispose()


def loaded_reports(engine):
    with engine.connect() as conn:
        return list(conn.execute(select(MonthlyReport).order_by(MonthlyReport.month)))


def test_every_distinct_month_is_loaded_with_the_gaps_listed(series_db):
    months = [r.month for r in loaded_reports(series_db)]
    assert months[0] == dt.date(2015, 1, 1)
    assert months[-1] == dt.date(2025, 4, 1)
    expected = {dt.date(y, m, 1) for y in range(2015, 2026) for m in range(1, 13)
                if dt.date(y, m, 1) <= dt.date(2025, 4, 1)}
    missing = sorted(expected - set(months))
    # Known gaps (PROVENANCE): file names that repeat another month, and no 2022-07 file.
    assert missing == [dt.date(2015, 3, 1), dt.date(2016, 3, 1), dt.date(2017, 3, 1),
                       dt.date(2020, 6, 1), dt.date(2022, 7, 1)]


def test_file_names_that_lie_are_dated_by_what_they_print(series_db):
    by_month = {r.month: r for r in loaded_reports(series_db)}
    # UN_country_contributions_2020_06.pdf is the 30/06/2022 report, byte for byte 2022_06.
    assert by_month[dt.date(2022, 6, 1)].report_date == dt.date(2022, 6, 30)
    assert by_month[dt.date(2015, 4, 1)].report_date == dt.date(2015, 4, 30)
    # 2019-10 prints no date: it is dated by its file name, and says so.
    assert by_month[dt.date(2019, 10, 1)].date_from == "file name"
    assert by_month[dt.date(2019, 10, 1)].report_date == dt.date(2019, 10, 31)


def test_grand_totals_come_back_out_of_compute_for_every_month(series_db):
    printed = {r.month: r.printed_total for r in loaded_reports(series_db)
               if r.printed_total is not None}
    assert len(printed) > 80
    frame = compute("uniformed-personnel", Filters(period_from=dt.date(2015, 1, 1)),
                    by=("month",), engine=series_db)
    computed = {dt.date.fromisoformat(f"{m}-01"): v for m, v in zip(
        frame["month"], frame["numerator"], strict=True)}
    wrong = {m: (p, computed.get(m)) for m, p in printed.items() if computed.get(m) != p}
    assert wrong == {}


def test_every_printed_mission_and_country_subtotal_comes_back(series_db):
    """Walks every report's printed mission and country totals against compute()."""
    reports = loaded_reports(series_db)
    start = Filters(period_from=dt.date(2015, 1, 1))
    by_mission = compute("uniformed-personnel", start, by=("month", "mission"),
                         engine=series_db)
    by_country = compute("uniformed-personnel", start, by=("month", "country"),
                         engine=series_db)
    missions = {(m, k): v for m, k, v in zip(by_mission["month"], by_mission["mission"],
                                             by_mission["numerator"], strict=True)}
    countries = {(m, k): v for m, k, v in zip(by_country["month"], by_country["country"],
                                              by_country["numerator"], strict=True)}
    checked, wrong = 0, []
    for report in reports:
        tables = report_tables(report.file_name)
        month = f"{report.month:%Y-%m}"
        for mission, counts in tables.mission_totals.items():
            checked += 1
            found = missions.get((month, mission_code(mission)), 0)  # 0: no rows at all
            if found != counts.total:
                wrong.append((month, mission, counts.total, found))
        for name, counts in tables.country_totals.items():
            checked += 1
            code = country_code(name)
            found = countries.get((month, code), 0)  # a printed 0 with no rows (2023-09)
            if found != counts.total:
                wrong.append((month, name, counts.total, found))
    assert checked > 2000
    assert wrong == []


def test_31_january_2021_matches_the_uns_rank_file_country_by_country(series_db, raw_dir):
    month = Filters(period_from=dt.date(2021, 1, 1), period_to=dt.date(2021, 1, 1))
    frame = compute("women-share", month, by=("country",), engine=series_db)
    ours = {c: (int(w), int(t)) for c, w, t in zip(
        frame["country"], frame["numerator"], frame["denominator"], strict=True)}
    with open(raw_dir / "un_contributions_rank_2021/Rank.csv", encoding="utf-8-sig") as handle:
        rank = {r["ISOCode3"]: (int(r["Female_Personnel"]), int(r["Total_Uniformed_Personnel"]))
                for r in csv.DictReader(handle)}
    assert len(rank) == 122
    assert {c: ours.get(c) for c in rank} == rank


def test_august_2020_keeps_its_totals_but_not_its_gender_split(series_db):
    by_month = {r.month: r for r in loaded_reports(series_db)}
    august = by_month[dt.date(2020, 8, 1)]
    assert august.has_gender is False and "August 2020" in august.gender_note
    assert august.printed_total == 81_820
    with series_db.connect() as conn:
        women = conn.execute(select(ReportDeployment.women).where(
            ReportDeployment.month == dt.date(2020, 8, 1))).scalars().all()
    assert women and set(women) == {None}
    share = compute("women-share", Filters(period_from=dt.date(2020, 7, 1),
                                           period_to=dt.date(2020, 9, 1)),
                    by=("month",), engine=series_db)
    assert list(share["month"]) == ["2020-07", "2020-09"]  # listed as missing, not zero


def test_months_without_mission_detail_answer_no_mission_question(series_db):
    no_missions = [r.month for r in loaded_reports(series_db) if not r.has_missions]
    assert dt.date(2018, 3, 1) in no_missions and dt.date(2019, 8, 1) in no_missions
    assert dt.date(2023, 9, 1) in no_missions
    period = Filters(missions=("MONUSCO",), period_from=dt.date(2018, 1, 1),
                     period_to=dt.date(2019, 12, 1))
    frame = compute("uniformed-personnel", period, by=("month",), engine=series_db)
    months = set(frame["month"])
    assert "2018-02" in months and "2019-10" in months
    assert not any("2018-03" <= m <= "2019-08" for m in months)  # missing, never zero
    assert (frame["value"] > 10_000).all()
    # With no mission asked for, those months count in full.
    everyone = compute("uniformed-personnel", Filters(period_from=dt.date(2018, 6, 1),
                                                      period_to=dt.date(2018, 6, 1)),
                       engine=series_db)
    assert everyone["value"].iloc[0] > 80_000


def test_special_political_missions_are_kept_and_marked(series_db):
    with series_db.connect() as conn:
        kinds = dict(conn.execute(select(Mission.acronym, Mission.is_peacekeeping)).all())
    assert kinds["UNAMA"] is False and kinds["UNSOM"] is False
    assert kinds["MONUSCO"] is True


@pytest.fixture
def empty_engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    upgrade(engine)
    yield engine
    engine.dispose()


def test_a_report_never_seen_before_is_imported_by_its_own_totals(raw_dir, tmp_path,
                                                                   empty_engine):
    folder = tmp_path / "reports"
    folder.mkdir()
    # Next month's report stands in as a file the list does not know, under any name.
    shutil.copy(raw_dir / FOLDER / "UN_country_contributions_2025_04.pdf",
                folder / "contributions-latest.pdf")
    source = replace(source_by_slug(SLUG), files=())
    outcomes = import_series(empty_engine, source, folder, None, log=lambda _l: None)
    assert [o.status for o in outcomes] == ["loaded", "loaded"], outcomes
    reports = loaded_reports(empty_engine)
    assert [(r.month, r.date_from) for r in reports] == [(dt.date(2025, 4, 1), "printed")]


def test_a_damaged_or_altered_report_is_refused_and_changes_nothing(raw_dir, tmp_path,
                                                                    empty_engine):
    folder = tmp_path / "reports"
    folder.mkdir()
    good = raw_dir / FOLDER / "UN_country_contributions_2025_03.pdf"
    shutil.copy(good, folder / good.name)
    source = source_by_slug(SLUG)
    import_series(empty_engine, source, folder, None, log=lambda _l: None)
    before = snapshot(empty_engine)

    # A cut-off copy of next month's file, and a listed file whose bytes were changed.
    data = (raw_dir / FOLDER / "UN_country_contributions_2025_04.pdf").read_bytes()
    (folder / "UN_country_contributions_2025_05.pdf").write_bytes(data[: len(data) // 2])
    altered = bytearray(good.read_bytes())
    altered[-10] ^= 0xFF
    (folder / good.name).write_bytes(bytes(altered))
    outcomes = import_series(empty_engine, source, folder, None, log=lambda _l: None)
    refused = {o.file_name: o.message for o in outcomes if o.status == "rejected"}
    assert set(refused) == {good.name, "UN_country_contributions_2025_05.pdf"}
    assert "differs from the published file" in refused[good.name]
    assert "UN_country_contributions_2025_05.pdf" in refused["UN_country_contributions_2025_05.pdf"]
    after = snapshot(empty_engine)
    after.pop("import_log"), before.pop("import_log")  # the refusals are logged
    assert after == before
