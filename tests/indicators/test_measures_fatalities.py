"""Fatality indicators on hand-written rows, with values computed by hand; then the real files."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from indicators.compute import compute
from indicators.filters import Filters
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.facts import Fatality, MissionMonthTotal

DEC14, JAN15, FEB15, JAN16 = (dt.date(2014, 12, 1), dt.date(2015, 1, 1), dt.date(2015, 2, 1),
                              dt.date(2016, 1, 1))


def fatality(id_, month, mission, nationality, personnel_type, incident_type):
    return {"id": id_, "casualty_id": f"C{id_}", "incident_date": month.replace(day=15),
            "month": month, "mission": mission, "gender": "male",
            "nationality_iso3": nationality, "nationality_name": nationality,
            "personnel_type": personnel_type, "incident_type": incident_type}


def headcount(month, mission, total):
    return {"month": month, "mission": mission, "troops": total, "police": 0, "observers": 0,
            "total": total, "contributors": 1}


@pytest.fixture
def db(engine):
    """Eight fatalities in two missions; monthly headcounts that make person-years round.

    MINUSCA: 1,200 in Jan and Feb 2015 and 2,400 in Jan 2016 = 400 person-years; a December
    2014 headcount lies before the first fatality month, so outside what the source covers.
    UNMISS: 12,000 in Jan 2015 and Jan 2016 = 2,000 person-years; no headcount in Feb 2015.
    """
    rows = [
        fatality(1, JAN15, "MINUSCA", "GHA", "military", "malicious-act"),
        fatality(2, JAN15, "MINUSCA", "NPL", "police", "malicious-act"),
        fatality(3, FEB15, "MINUSCA", "GHA", "military-observer", "malicious-act"),
        fatality(4, FEB15, "MINUSCA", "GHA", "military", "illness"),
        fatality(5, JAN16, "MINUSCA", None, "local", "malicious-act"),  # civilian
        fatality(6, JAN15, "UNMISS", "NPL", "military", "malicious-act"),
        fatality(7, FEB15, "UNMISS", "NPL", "military", "malicious-act"),  # no headcount
        fatality(8, JAN16, "UNMISS", None, "military", "accident"),
    ]
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
                                       {"iso3": "NPL", "m49": 524, "name": "Nepal"}])
        conn.execute(insert(Mission), [{"acronym": "MINUSCA"}, {"acronym": "UNMISS"}])
        conn.execute(insert(Fatality), rows)
        conn.execute(insert(MissionMonthTotal), totals)
    return engine


def values(frame, key):
    return {row[key]: row["value"] for row in frame.to_dict("records")}


def test_fatalities_count_and_cuts(db):
    assert compute("fatalities", Filters(), (), engine=db).loc[0, "value"] == 8
    assert values(compute("fatalities", Filters(), ("incident-type",), engine=db),
                  "incident-type") == {"malicious-act": 6, "illness": 1, "accident": 1}
    assert values(compute("fatalities", Filters(), ("personnel-type",), engine=db),
                  "personnel-type") == {"military": 5, "police": 1, "military-observer": 1,
                                        "local": 1}
    assert values(compute("fatalities", Filters(), ("year",), engine=db), "year") == {
        2015: 6, 2016: 2}
    assert values(compute("fatalities", Filters(), ("month",), engine=db), "month") == {
        "2015-01": 3, "2015-02": 3, "2016-01": 2}


def test_undetermined_nationality_is_its_own_group(db):
    frame = compute("fatalities", Filters(), ("nationality",), engine=db)
    assert len(frame) == 3
    known = frame[frame["nationality"].notna()]
    assert dict(zip(known["nationality"], known["value"], strict=True)) == {"GHA": 3, "NPL": 3}
    assert frame.loc[frame["nationality"].isna(), "value"].tolist() == [2]


def test_fatalities_filters(db):
    nepal = compute("fatalities", Filters(countries=("NPL",)), ("mission",), engine=db)
    assert values(nepal, "mission") == {"MINUSCA": 1, "UNMISS": 2}
    later = Filters(missions=("UNMISS",), period_from=FEB15)
    assert compute("fatalities", later, (), engine=db).loc[0, "value"] == 2
    january = Filters(period_from=JAN15, period_to=JAN15)
    assert compute("fatalities", january, (), engine=db).loc[0, "value"] == 3


def test_rate_counts_uniformed_malicious_deaths_in_months_with_a_headcount(db):
    frame = compute("fatalities-per-1000", Filters(), ("mission",), engine=db)
    rows = {row["mission"]: row for row in frame.to_dict("records")}
    # MINUSCA: deaths 1, 2, 3 (not the illness, not the local staff member) / 400 person-years.
    # The December 2014 headcount precedes the first fatality month: not in the denominator.
    assert (rows["MINUSCA"]["numerator"], rows["MINUSCA"]["denominator"]) == (3, 400)
    assert rows["MINUSCA"]["value"] == pytest.approx(7.5)
    # UNMISS: death 7 fell in a month without a headcount, so only death 6 counts.
    assert (rows["UNMISS"]["numerator"], rows["UNMISS"]["denominator"]) == (1, 2_000)
    assert rows["UNMISS"]["value"] == pytest.approx(0.5)


def test_rate_is_a_ratio_of_sums_not_a_mean_of_rates(db):
    total = compute("fatalities-per-1000", Filters(), (), engine=db)
    assert (total.loc[0, "numerator"], total.loc[0, "denominator"]) == (4, 2_400)
    assert total.loc[0, "value"] == pytest.approx(4 * 1000 / 2_400)
    mean_of_rates = (7.5 + 0.5) / 2
    assert total.loc[0, "value"] != pytest.approx(mean_of_rates)
    by_year = values(compute("fatalities-per-1000", Filters(), ("year",), engine=db), "year")
    # 2015: 4 deaths / (1,200 + 1,200 + 12,000) / 12; 2016: none / (2,400 + 12,000) / 12.
    assert by_year == {2015: pytest.approx(4 * 1000 / 1_200), 2016: 0}


def test_rate_filters_and_ignored_country(db):
    january = Filters(period_from=JAN15, period_to=JAN15)
    frame = compute("fatalities-per-1000", january, (), engine=db)
    assert (frame.loc[0, "numerator"], frame.loc[0, "denominator"]) == (3, 1_100)
    frame = compute("fatalities-per-1000", Filters(missions=("UNMISS",), countries=("GHA",)),
                    (), engine=db)
    assert frame.loc[0, "value"] == pytest.approx(0.5)  # the country filter does not apply
    assert frame.attrs["ignored_filters"] == ["country"]


# --- the real files ----------------------------------------------------------------------------

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
def test_real_fatalities_match_the_reference(real_engine):
    assert compute("fatalities", Filters(), (), engine=real_engine).loc[0, "value"] == 4_429
    by_type = values(compute("fatalities", Filters(), ("incident-type",), engine=real_engine),
                     "incident-type")
    assert by_type == {"illness": 1_643, "accident": 1_412, "malicious-act": 1_134,
                       "self-inflicted": 148, "to-be-determined": 60, "unknown": 32}
    by_nationality = compute("fatalities", Filters(), ("nationality",), engine=real_engine)
    assert by_nationality["value"].sum() == 4_429


@pytest.mark.realdata
def test_real_fatality_rate_is_plausible(real_engine):
    total = compute("fatalities-per-1000", Filters(), (), engine=real_engine)
    # 669 deaths over 2.15 million person-years (1990-11 to 2025-02; IPI's headcounts to 2014,
    # the UN's reports after, months without mission detail left out).
    assert 640 <= total.loc[0, "numerator"] <= 700
    assert 2.0e6 <= total.loc[0, "denominator"] <= 2.3e6
    assert 0.2 <= total.loc[0, "value"] <= 0.5
    by_year = compute("fatalities-per-1000", Filters(), ("year",), engine=real_engine)
    assert by_year["year"].min() == 1990 and by_year["year"].max() == 2025
    assert by_year["value"].between(0, 3).all()
    # 1993 (Somalia) is the deadliest year for uniformed peacekeepers in the series.
    assert by_year.set_index("year")["value"].idxmax() == 1993
