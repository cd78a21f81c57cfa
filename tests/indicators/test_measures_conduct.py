"""SEA allegation indicators on hand-written rows, with values computed by hand; then the real
UN table."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import insert

from indicators.catalogue import CATALOGUE
from indicators.compute import compute as published
from indicators.filters import Filters
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.facts import MissionMonthTotal
from indicators.models.sea import SeaAllegation, SeaPerpetrator, SeaResult

DEC14, JAN15, FEB15, JAN16 = (dt.date(2014, 12, 1), dt.date(2015, 1, 1), dt.date(2015, 2, 1),
                              dt.date(2016, 1, 1))
GROUPS = {"Military": "military", "Police": "police", "Civilian": "civilian"}

# id: (reported month, mission, [(personnel type, nationality)], investigation days,
#      investigation pending, [results])
ALLEGATIONS = {
    1: (JAN15, "MINUSCA", [("Military (MC)", "GHA")], 100, False, ["substantiated"]),
    # Two categories: once per category, once in the total.
    2: (JAN15, "MINUSCA", [("Military (MC)", "NPL"), ("Police (FPU)", "NPL")], 200, False,
        ["unsubstantiated"]),
    # Two nationalities in one category: once per nationality, once in the category.
    3: (FEB15, "MINUSCA", [("Military (MC)", "GHA"), ("Military (MC)", "NPL")], None, True,
        ["pending"]),
    # Substantiated for one perpetrator, pending for others: substantiated, concluded.
    4: (JAN16, "MINUSCA", [("Civilian (INT)", None)], 50, False, ["substantiated", "pending"]),
    # Unsubstantiated for one, pending for another: not concluded yet.
    5: (JAN15, "UNMISS", [("Police (UNPOL)", "COG")], 400, False,
        ["unsubstantiated", "pending"]),
    6: (JAN16, "UNMISS", [("Police (GPP)", "COG")], 300, False, ["unsubstantiated"]),
    7: (JAN16, "UNMISS", [("Military (MO)", "GHA")], None, False, ["n/a"]),
    8: (JAN16, "UNMISS", [("Civilian (UNV)", None)], 150, False, ["incomplete"]),
    # UNMISS has no headcount in February 2015.
    9: (FEB15, "UNMISS", [("Military (MC)", "GHA")], None, True, ["pending"]),
}


def compute(slug, filters=None, by=(), *, engine):
    """The measures without the small-numbers rule: these tests check the arithmetic on groups
    of one or two (the rule itself is tested in test_disclosure)."""
    raw = dataclasses.replace(CATALOGUE[slug], suppress_below=None)
    return published(raw, filters, by, engine=engine)


def headcount(month, mission, total):
    return {"month": month, "mission": mission, "troops": total, "police": 0, "observers": 0,
            "total": total, "contributors": 1}


@pytest.fixture
def db(engine):
    """Nine allegations in two missions, and headcounts that make person-years round.

    MINUSCA: 1,200 in Jan and Feb 2015 and 2,400 in Jan 2016 = 400 person-years; its December
    2014 headcount precedes the first reported month, so the table does not cover it.
    UNMISS: 12,000 in Jan 2015 and Jan 2016 = 2,000 person-years; none in Feb 2015.
    """
    allegations, perpetrators, results = [], [], []
    for id_, (month, mission, perps, days, pending, outcomes) in ALLEGATIONS.items():
        allegations.append({"id": id_, "reported_month": month, "mission": mission,
                            "nationality_iso3": perps[0][1] if len(perps) == 1 else None,
                            "investigation_days": days, "investigation_pending": pending,
                            "result": outcomes[0] if len(set(outcomes)) == 1 else None})
        for personnel_type, nationality in perps:
            perpetrators.append({"id": len(perpetrators) + 1, "allegation_id": id_,
                                 "personnel_group": GROUPS[personnel_type.split()[0]],
                                 "personnel_type": personnel_type, "count": 1,
                                 "nationality_iso3": nationality})
        for outcome in outcomes:
            results.append({"id": len(results) + 1, "allegation_id": id_, "result": outcome,
                            "count": 1})
    totals = [
        headcount(DEC14, "MINUSCA", 1_200),
        headcount(JAN15, "MINUSCA", 1_200),
        headcount(FEB15, "MINUSCA", 1_200),
        headcount(JAN16, "MINUSCA", 2_400),
        headcount(JAN15, "UNMISS", 12_000),
        headcount(JAN16, "UNMISS", 12_000),
    ]
    with engine.begin() as conn:
        conn.execute(insert(Month), [{"month": m, "year": m.year, "month_number": m.month}
                                     for m in (DEC14, JAN15, FEB15, JAN16)])
        conn.execute(insert(Country), [{"iso3": "GHA", "m49": 288, "name": "Ghana"},
                                       {"iso3": "NPL", "m49": 524, "name": "Nepal"},
                                       {"iso3": "COG", "m49": 178, "name": "Congo"}])
        conn.execute(insert(Mission), [{"acronym": "MINUSCA"}, {"acronym": "UNMISS"}])
        conn.execute(insert(SeaAllegation), allegations)
        conn.execute(insert(SeaPerpetrator), perpetrators)
        conn.execute(insert(SeaResult), results)
        conn.execute(insert(MissionMonthTotal), totals)
    return engine


def values(frame, key):
    return {row[key]: row["value"] for row in frame.to_dict("records")}


def row_of(frame, key, value):
    return frame.set_index(key).loc[value]


# --- allegations -------------------------------------------------------------------------------

def test_allegations_total_and_by_category(db):
    assert compute("sea-allegations", Filters(), (), engine=db).loc[0, "value"] == 9
    by_type = values(compute("sea-allegations", Filters(), ("personnel-type",), engine=db),
                     "personnel-type")
    # Allegation 2 counts in both its categories; allegation 3 (two contingents) once.
    assert by_type == {"military-contingent": 4, "formed-police-unit": 1,
                       "international-civilian": 1, "individual-police": 1,
                       "government-provided-personnel": 1, "military-observer": 1,
                       "un-volunteer": 1}
    assert sum(by_type.values()) == 10


def test_allegations_by_nationality_use_each_perpetrator_group(db):
    frame = compute("sea-allegations", Filters(), ("nationality",), engine=db)
    known = frame[frame["nationality"].notna()]
    # Allegation 3 names Ghana and Nepal: once in each.
    assert dict(zip(known["nationality"], known["value"], strict=True)) == {
        "GHA": 4, "NPL": 2, "COG": 2}
    assert frame.loc[frame["nationality"].isna(), "value"].tolist() == [2]  # civilians


def test_allegations_by_time_and_filtered(db):
    assert values(compute("sea-allegations", Filters(), ("year",), engine=db), "year") == {
        2015: 5, 2016: 4}
    assert values(compute("sea-allegations", Filters(), ("month",), engine=db), "month") == {
        "2015-01": 3, "2015-02": 2, "2016-01": 4}
    nepal = Filters(countries=("NPL",))
    assert compute("sea-allegations", nepal, (), engine=db).loc[0, "value"] == 2
    assert values(compute("sea-allegations", nepal, ("personnel-type",), engine=db),
                  "personnel-type") == {"military-contingent": 2, "formed-police-unit": 1}
    window = Filters(missions=("MINUSCA",), period_from=FEB15, period_to=JAN16)
    assert compute("sea-allegations", window, (), engine=db).loc[0, "value"] == 2


# --- per 1,000 ---------------------------------------------------------------------------------

def test_rate_counts_uniformed_allegations_in_months_with_a_headcount(db):
    frame = compute("sea-allegations-per-1000", Filters(), ("mission",), engine=db)
    minusca, unmiss = row_of(frame, "mission", "MINUSCA"), row_of(frame, "mission", "UNMISS")
    # MINUSCA: 1, 2 (once, though two uniformed categories) and 3; 4 is a civilian.
    # December 2014 is before the first reported month: not in the denominator.
    assert (minusca["numerator"], minusca["denominator"]) == (3, 400)
    assert minusca["value"] == pytest.approx(7.5)
    # UNMISS: 5 and 7; 6 is government-provided personnel; 9 has no headcount month.
    assert (unmiss["numerator"], unmiss["denominator"]) == (2, 2_000)
    assert unmiss["value"] == pytest.approx(1.0)


def test_rate_is_a_ratio_of_sums_not_a_mean_of_rates(db):
    total = compute("sea-allegations-per-1000", Filters(), (), engine=db)
    assert (total.loc[0, "numerator"], total.loc[0, "denominator"]) == (5, 2_400)
    assert total.loc[0, "value"] == pytest.approx(5 * 1000 / 2_400)
    assert total.loc[0, "value"] != pytest.approx((7.5 + 1.0) / 2)
    by_year = values(compute("sea-allegations-per-1000", Filters(), ("year",), engine=db),
                     "year")
    assert by_year == {2015: pytest.approx(4 * 1000 / 1_200),
                       2016: pytest.approx(1 * 1000 / 1_200)}


def test_rate_filtered_by_period(db):
    frame = compute("sea-allegations-per-1000", Filters(period_from=JAN16), (), engine=db)
    assert (frame.loc[0, "numerator"], frame.loc[0, "denominator"]) == (1, 1_200)


# --- outcomes ----------------------------------------------------------------------------------

def test_substantiated_share(db):
    total = compute("sea-substantiated-share", Filters(), (), engine=db)
    # Substantiated: 1, 4. Concluded: 1, 2, 4, 6 (5 is still pending for one perpetrator).
    assert (total.loc[0, "numerator"], total.loc[0, "denominator"]) == (2, 4)
    assert total.loc[0, "value"] == pytest.approx(50.0)
    by_mission = values(compute("sea-substantiated-share", Filters(), ("mission",),
                                engine=db), "mission")
    assert by_mission == {"MINUSCA": pytest.approx(200 / 3), "UNMISS": 0}
    by_type = compute("sea-substantiated-share", Filters(), ("personnel-type",), engine=db)
    contingent = row_of(by_type, "personnel-type", "military-contingent")
    assert (contingent["numerator"], contingent["denominator"]) == (1, 2)
    assert row_of(by_type, "personnel-type", "formed-police-unit")["value"] == 0
    assert row_of(by_type, "personnel-type", "international-civilian")["value"] == 100
    # Nothing concluded for individual police: no value, not zero.
    assert by_type["value"].isna().sum() == 3
    nepal = compute("sea-substantiated-share", Filters(countries=("NPL",)), (), engine=db)
    assert (nepal.loc[0, "numerator"], nepal.loc[0, "denominator"]) == (0, 1)


def test_median_investigation_days_even_and_odd_counts(db):
    total = compute("sea-investigation-days", Filters(), (), engine=db)
    # 50, 100, 150, 200, 300, 400: even, so the mean of 150 and 200. Allegation 2 has two
    # perpetrator rows but one investigation.
    assert total.loc[0, "value"] == pytest.approx(175)
    assert total.loc[0, "denominator"] == 6
    assert total["numerator"].isna().all()
    by_mission = compute("sea-investigation-days", Filters(), ("mission",), engine=db)
    assert values(by_mission, "mission") == {"MINUSCA": 100, "UNMISS": 300}  # 50 100 200
    assert by_mission["denominator"].tolist() == [3, 3]
    assert values(compute("sea-investigation-days", Filters(), ("year",), engine=db),
                  "year") == {2015: 200, 2016: 150}
    congo = compute("sea-investigation-days", Filters(countries=("COG",)), (), engine=db)
    assert (congo.loc[0, "value"], congo.loc[0, "denominator"]) == (350, 2)
    single = compute("sea-investigation-days", Filters(countries=("NPL",)), (), engine=db)
    assert (single.loc[0, "value"], single.loc[0, "denominator"]) == (200, 1)


def test_pending_share(db):
    total = compute("sea-pending-share", Filters(), (), engine=db)
    assert (total.loc[0, "numerator"], total.loc[0, "denominator"]) == (2, 9)  # 3 and 9
    assert values(compute("sea-pending-share", Filters(), ("mission",), engine=db),
                  "mission") == {"MINUSCA": 25, "UNMISS": 20}
    assert values(compute("sea-pending-share", Filters(), ("year",), engine=db), "year") == {
        2015: 40, 2016: 0}
    ghana = compute("sea-pending-share", Filters(countries=("GHA",)), (), engine=db)
    assert ghana.loc[0, "value"] == pytest.approx(50)


# --- the real table ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_engine(raw_dir, tmp_path_factory):
    from indicators.build import build
    from indicators.config import DataConfig
    from indicators.db import make_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('real') / 'real.sqlite'}"
    build(DataConfig(url, raw_dir), log=lambda _line: None)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.mark.realdata
def test_real_allegations_match_the_reference(real_engine):
    assert compute("sea-allegations", Filters(), (), engine=real_engine).loc[0, "value"] == 753
    by_year = values(compute("sea-allegations", Filters(), ("year",), engine=real_engine),
                     "year")
    assert by_year == {2015: 69, 2016: 104, 2017: 63, 2018: 56, 2019: 80, 2020: 66,
                       2021: 75, 2022: 79, 2023: 100, 2024: 61}
    by_mission = values(compute("sea-allegations", Filters(), ("mission",),
                                engine=real_engine), "mission")
    assert (by_mission["MINUSCA"], by_mission["MONUSCO"]) == (294, 255)
    by_type = values(compute("sea-allegations", Filters(), ("personnel-type",),
                             engine=real_engine), "personnel-type")
    # REFERENCE lists 453 military-contingent perpetrator groups; three allegations name two.
    assert by_type["military-contingent"] == 450
    assert (by_type["formed-police-unit"], by_type["individual-police"]) == (33, 46)
    assert set(by_type) <= {
        "military-contingent", "military-observer", "staff-officer", "individual-police",
        "formed-police-unit", "government-provided-personnel", "international-civilian",
        "national-staff", "un-volunteer", "contractor", "vendor-employee",
        "daily-casual-worker"}


@pytest.mark.realdata
def test_real_rates_and_shares_are_plausible(real_engine):
    rate = compute("sea-allegations-per-1000", Filters(), ("year",), engine=real_engine)
    # Allegations (2015-01 to 2024-07) meet the UN reports' mission headcounts in every year,
    # though 2018 and 2019 only in the months whose report gives missions.
    assert rate["year"].tolist() == list(range(2015, 2025))
    assert rate["value"].between(0.1, 2).all()
    substantiated = compute("sea-substantiated-share", Filters(), (), engine=real_engine)
    assert 40 <= substantiated.loc[0, "value"] <= 70
    assert substantiated.loc[0, "denominator"] <= 753
    days = compute("sea-investigation-days", Filters(), (), engine=real_engine)
    assert 100 <= days.loc[0, "value"] <= 500 and 400 <= days.loc[0, "denominator"] <= 753
    pending = compute("sea-pending-share", Filters(), ("year",), engine=real_engine)
    by_year = values(pending, "year")
    assert all(0 <= v <= 100 for v in by_year.values())
    assert by_year[2024] > by_year[2015]  # the snapshot is July 2024
