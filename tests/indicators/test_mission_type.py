"""The mission-type filter and dimension: peacekeeping operations or special political missions,
read from the missions table; checked against SQL written here on two real UN reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import distinct, func, select

from dashboard.cli import main
from indicators.build import build
from indicators.catalogue import CATALOGUE
from indicators.compute import compute, ignored_filters
from indicators.config import DataConfig
from indicators.db import make_engine
from indicators.filters import FILTER_PARAMETERS, Filters, Vocabulary
from indicators.importers.load_series import import_series
from indicators.manifest import source_by_slug
from indicators.models.dimensions import Mission
from indicators.models.reports import ReportDeployment
from indicators.serialize import to_payload
from tests.conftest import ENGINES

APRIL_2025 = dt.date(2025, 4, 1)  # a report with mission detail
SEPTEMBER_2023 = dt.date(2023, 9, 1)  # a report with totals by country only, no missions
REPORTS = ("UN_country_contributions_2025_04.pdf", "UN_country_contributions_2023_09.pdf")
PERSONNEL = ("uniformed-personnel", "women-share", "contributing-countries")


def only(month: dt.date, **values) -> Filters:
    return Filters(period_from=month, period_to=month, **values)


# --- the filter object ----------------------------------------------------------------------

def test_the_parameter_is_read_written_and_described():
    assert "mission-type" in FILTER_PARAMETERS
    filters, problems = Filters.from_query({"mission-type": "Political"}, Vocabulary())
    assert problems == [] and filters.mission_type == "political"
    assert filters.to_query() == {"mission-type": "political"}
    assert Filters.from_query(filters.to_query(), Vocabulary())[0] == filters
    assert Filters(mission_type="peacekeeping").describe("en") == "peacekeeping operations"
    assert Filters(mission_type="political").describe("fr") == "missions politiques spéciales"
    assert Filters(mission_type="peacekeeping").describe("fr") == (
        "opérations de maintien de la paix")
    assert not Filters(mission_type="political").is_empty()


@pytest.mark.parametrize("value", ["spm", "all", "PKO", "peace keeping"])
def test_a_bad_value_is_a_problem_naming_it_and_is_dropped(value):
    filters, problems = Filters.from_query({"mission-type": value, "gender": "women"},
                                           Vocabulary())
    assert filters == Filters(gender="women")
    assert [(p.parameter, p.value) for p in problems] == [("mission-type", value)]
    assert "peacekeeping" in problems[0].reason and "political" in problems[0].reason
    assert str(problems[0]).startswith(f"mission-type={value!r}")


@pytest.mark.parametrize("slug", list(CATALOGUE))
def test_every_indicator_with_a_mission_column_applies_it_in_sql(slug):
    indicator = CATALOGUE[slug]
    assert "mission" in indicator.filters  # every indicator today; see the test below if not
    assert "mission-type" in indicator.filters
    sql = str(indicator.query(Filters(mission_type="political"), ()).compile())
    assert "is_peacekeeping" in sql, f"{slug} drops the mission-type filter"
    assert ignored_filters(indicator, Filters(mission_type="political")) == []


def test_an_indicator_without_missions_reports_it_as_ignored():
    declared = dataclasses.replace(CATALOGUE["uniformed-personnel"],
                                   filters=("country", "period"))
    filters = Filters(mission_type="political", period_from=APRIL_2025)
    assert "mission-type" not in declared.filters
    assert ignored_filters(declared, filters) == ["mission-type"]


@pytest.mark.parametrize("slug", PERSONNEL)
def test_the_personnel_indicators_can_be_cut_by_it(slug):
    assert "mission-type" in CATALOGUE[slug].dimensions


# --- two real reports, on SQLite and PostgreSQL ----------------------------------------------

@pytest.fixture(scope="module", params=ENGINES)
def reports_db(request, raw_dir, database_url_factory, tmp_path_factory):
    """The UN's missions list, then two monthly reports: 2025-04 (by mission) and 2023-09
    (by country only)."""
    url = database_url_factory(request.param)
    report = build(DataConfig(url, raw_dir), log=lambda _line: None,
                   sources=[source_by_slug("un-pko-missions")])
    assert report.ok, [o.message for o in report.rejected]
    folder = tmp_path_factory.mktemp("two-reports")
    for name in REPORTS:
        (folder / name).symlink_to(raw_dir / "un_dpo_contributions_monthly" / "pdf" / name)
    engine = make_engine(url)
    outcomes = import_series(engine, source_by_slug("un-dpo-contributions"), folder,
                             DataConfig.from_env().parse_cache_dir, log=lambda _line: None)
    assert all(o.status == "loaded" for o in outcomes), outcomes
    yield engine
    engine.dispose()


def by_type(engine, *measures, month=APRIL_2025) -> dict:
    """{"peacekeeping"|"political": (measures...)} for a month, in SQL written here."""
    r = ReportDeployment
    kind = Mission.is_peacekeeping
    stmt = (select(kind, *measures).select_from(r).join(Mission, Mission.acronym == r.mission)
            .where(r.month == month).group_by(kind))
    with engine.connect() as conn:
        return {("peacekeeping" if pk else "political"): tuple(rest)
                for pk, *rest in conn.execute(stmt)}


def test_the_reports_hold_both_types(reports_db):
    people = by_type(reports_db, func.sum(ReportDeployment.total))
    assert set(people) == {"peacekeeping", "political"}
    assert people["political"][0] > 0
    with reports_db.connect() as conn:
        kinds = dict(conn.execute(select(Mission.acronym, Mission.is_peacekeeping)).all())
    assert kinds["UNAMI"] is False and kinds["UNAMA"] is False and kinds["BINUH"] is False
    assert kinds["MONUSCO"] is True and kinds["UNIFIL"] is True


def test_peacekeeping_and_political_add_up_to_all(reports_db):
    people = by_type(reports_db, func.sum(ReportDeployment.total))
    everyone = compute("uniformed-personnel", only(APRIL_2025), engine=reports_db)
    parts = {}
    for kind in ("peacekeeping", "political"):
        frame = compute("uniformed-personnel", only(APRIL_2025, mission_type=kind),
                        engine=reports_db)
        parts[kind] = frame["value"].iloc[0]
        assert parts[kind] == people[kind][0]
        assert frame.attrs["ignored_filters"] == []
        assert frame.attrs["filters"]["mission-type"] == kind
    assert parts["peacekeeping"] + parts["political"] == everyone["value"].iloc[0]

    cut = compute("uniformed-personnel", only(APRIL_2025), by=("mission-type",),
                  engine=reports_db)
    assert dict(zip(cut["mission-type"], cut["value"], strict=True)) == parts


def test_it_combines_with_the_other_filters(reports_db):
    r = ReportDeployment
    people = by_type(reports_db, func.sum(r.total))
    troops = compute("uniformed-personnel", only(APRIL_2025, mission_type="peacekeeping",
                                                 categories=("troops",)), engine=reports_db)
    with reports_db.connect() as conn:
        expected = conn.scalar(
            select(func.sum(r.total)).join(Mission, Mission.acronym == r.mission)
            .where(r.month == APRIL_2025, r.category == "troops", Mission.is_peacekeeping))
    assert troops["value"].iloc[0] == expected < people["peacekeeping"][0]
    # A mission of the other type leaves nothing.
    none = compute("uniformed-personnel", only(APRIL_2025, mission_type="political",
                                               missions=("MONUSCO",)), engine=reports_db)
    assert none["value"].isna().all()


def test_women_share_and_countries_by_type(reports_db):
    r = ReportDeployment
    sums = by_type(reports_db, func.sum(r.women), func.sum(r.total),
                   func.count(distinct(r.country_iso3)))
    share = compute("women-share", only(APRIL_2025), by=("mission-type",), engine=reports_db)
    for row in share.to_dict("records"):
        women, total, _countries = sums[row["mission-type"]]
        assert (row["numerator"], row["denominator"]) == (women, total)
        assert row["value"] == pytest.approx(100 * women / total)
    countries = compute("contributing-countries", only(APRIL_2025), by=("mission-type",),
                        engine=reports_db)
    with reports_db.connect() as conn:
        positive = {
            ("peacekeeping" if pk else "political"): n for pk, n in conn.execute(
                select(Mission.is_peacekeeping, func.count(distinct(r.country_iso3)))
                .join(Mission, Mission.acronym == r.mission)
                .where(r.month == APRIL_2025, r.total > 0).group_by(Mission.is_peacekeeping))}
    assert dict(zip(countries["mission-type"], countries["value"], strict=True)) == positive


def test_a_month_without_mission_detail_has_no_type(reports_db):
    """2023-09 gives countries' totals only: with no filter it counts in full; asked by type
    it has no number (not zero), and a period spanning it averages only the month with
    missions."""
    everyone = compute("uniformed-personnel", only(SEPTEMBER_2023), engine=reports_db)
    assert everyone["value"].iloc[0] > 50_000
    typed = compute("uniformed-personnel", only(SEPTEMBER_2023, mission_type="peacekeeping"),
                    engine=reports_db)
    assert typed["value"].isna().all()
    cut = compute("uniformed-personnel", only(SEPTEMBER_2023), by=("mission-type",),
                  engine=reports_db)
    assert cut.empty
    both = Filters(period_from=SEPTEMBER_2023, period_to=APRIL_2025, mission_type="political")
    spanning = compute("uniformed-personnel", both, engine=reports_db)
    people = by_type(reports_db, func.sum(ReportDeployment.total))
    assert spanning["denominator"].iloc[0] == 1  # months counted: 2025-04 only
    assert spanning["value"].iloc[0] == people["political"][0]


def test_the_answer_reports_the_filter(reports_db):
    filters = only(APRIL_2025, mission_type="political")
    frame = compute("uniformed-personnel", filters, engine=reports_db)
    payload = to_payload(frame, CATALOGUE["uniformed-personnel"], filters)
    assert payload["filters"] == {"from": "2025-04", "to": "2025-04", "mission-type": "political"}
    assert payload["ignored_filters"] == []


# --- the command line -----------------------------------------------------------------------

def run(capsys, monkeypatch, engine, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    code = main(["query", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_cuts_and_filters_by_type(reports_db, capsys, monkeypatch):
    people = by_type(reports_db, func.sum(ReportDeployment.total))
    code, out, err = run(capsys, monkeypatch, reports_db, "uniformed-personnel",
                         "--by", "mission-type", "--from", "2025-04", "--to", "2025-04",
                         "--format", "json")
    assert code == 0, err
    rows = {row["mission-type"]: row["value"] for row in json.loads(out)["rows"]}
    assert rows == {kind: people[kind][0] for kind in ("peacekeeping", "political")}

    code, out, err = run(capsys, monkeypatch, reports_db, "uniformed-personnel",
                         "--mission-type", "political", "--from", "2025-04", "--to", "2025-04")
    assert code == 0, err
    assert "special political missions · Apr 2025" in out.splitlines()[0]


def test_the_cli_names_a_bad_value(reports_db, capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, reports_db, "uniformed-personnel",
                         "--mission-type", "spm")
    assert code == 2 and out == ""
    assert "--mission-type 'spm'" in err and "peacekeeping or political" in err
