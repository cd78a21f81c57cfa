"""Headline figures (KPIs) on hand-written rows, every value worked out by hand, on both engines."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, insert

from indicators.filters import Filters
from indicators.kpi import (
    MET,
    NO_DATA,
    NO_TARGET,
    OFF_TRACK,
    PROGRESSING,
    Period,
    add_months,
    kpi,
    status,
)
from indicators.measures.personnel_rows import refresh_personnel
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.facts import Deployment, Fatality
from indicators.models.illustrative import Training
from indicators.models.provenance import SourceVersion

MONTHS_2021 = [dt.date(2021, m, 1) for m in range(1, 13)]
MONTHS_2022 = [dt.date(2022, m, 1) for m in range(1, 13)]


def month(text: str) -> dt.date:
    return dt.date(int(text[:4]), int(text[5:]), 1)


def version(source: str, start: dt.date, end: dt.date, illustrative: bool = False) -> dict:
    return {"source": source, "title": source, "publisher": "test", "file_name": "f",
            "sha256": "0" * 64, "as_of": end, "coverage_start": start, "coverage_end": end,
            "rows_loaded": 1, "illustrative": illustrative, "citation": "",
            "loaded_at": dt.datetime(2025, 1, 1, tzinfo=dt.UTC)}


def deployment(when: dt.date, women: int, total: int, mission="MINUSCA", country="GHA",
               category="troops") -> dict:
    return {"month": when, "country_iso3": country, "mission": mission, "category": category,
            "women": women, "men": total - women, "total": total}


def fatality(id_: int, when: dt.date, incident: str, mission="MINUSCA") -> dict:
    return {"id": id_, "casualty_id": f"C{id_}", "incident_date": when.replace(day=10),
            "month": when, "mission": mission, "gender": "male", "nationality_iso3": "GHA",
            "nationality_name": "Ghana", "personnel_type": "military",
            "incident_type": incident}


def load_rows(engine: Engine) -> Engine:
    """Two years of one deployment, fatalities and training, with figures easy by hand.

    Personnel (MINUSCA, Ghanaian troops): 2021, 1,000 a month with 70 women (7%);
    2022, 1,200 a month with 96 women Jan-Jun (8%) and 132 women Jul-Dec (11%).
    UGPS targets for troops: 8.0% in 2021 (published), 9.0% in 2022 (between 8 and 15 in 2028).
    Fatalities (source covers Jan 2021 - Dec 2022): malicious acts 2 in Mar 2021, 1 in Feb
    2022, 3 in Nov 2022, and 1 in UNMISS in Jun 2022; an accident and an illness besides.
    Training (yearly, illustrative): 80 of 100 certified in 2020, 85 of 100 in 2021, 180 of
    200 in 2022.
    """
    deployments = (
        [deployment(m, 70, 1000) for m in MONTHS_2021]
        + [deployment(m, 96 if m.month <= 6 else 132, 1200) for m in MONTHS_2022]
    )
    fatalities = [
        fatality(1, month("2021-03"), "malicious-act"),
        fatality(2, month("2021-03"), "malicious-act"),
        fatality(3, month("2021-05"), "accident"),
        fatality(4, month("2022-02"), "malicious-act"),
        fatality(5, month("2022-11"), "malicious-act"),
        fatality(6, month("2022-11"), "malicious-act"),
        fatality(7, month("2022-11"), "malicious-act"),
        fatality(8, month("2022-11"), "illness"),
        fatality(9, month("2022-06"), "malicious-act", mission="UNMISS"),
    ]
    training = [
        {"country_iso3": "GHA", "mission": "MINUSCA", "category": "troops", "year": year,
         "personnel_deployed": deployed, "certified": certified, "illustrative": True}
        for year, deployed, certified in ((2020, 100, 80), (2021, 100, 85), (2022, 200, 180))
    ]
    with engine.begin() as conn:
        conn.execute(insert(Month), [{"month": m, "year": m.year, "month_number": m.month}
                                     for m in MONTHS_2021 + MONTHS_2022])
        conn.execute(insert(Country), [{"iso3": "GHA", "m49": 288, "name": "Ghana"}])
        conn.execute(insert(Mission), [{"acronym": "MINUSCA"}, {"acronym": "UNMISS"}])
        conn.execute(insert(Deployment), deployments)
        refresh_personnel(conn)  # the series the measures read, as every import rewrites it
        conn.execute(insert(Fatality), fatalities)
        conn.execute(insert(Training), training)
        conn.execute(insert(SourceVersion), [
            version("ipi-gender", dt.date(2021, 1, 1), dt.date(2022, 12, 1)),
            version("un-fatalities", dt.date(2021, 1, 4), dt.date(2022, 12, 28)),
            version("illustrative", dt.date(2020, 1, 1), dt.date(2022, 12, 1), True),
        ])
    return engine


@pytest.fixture
def db(engine):
    return load_rows(engine)


def test_period_arithmetic():
    period = Period(month("2021-07"), month("2022-06"), "month")
    assert period.length == 12
    assert period.previous() == Period(month("2020-07"), month("2021-06"), "month")
    assert period.label() == "Jul 2021 – Jun 2022"
    years = Period.years(2021, 2022)
    assert (years.length, years.previous(), years.label()) == (
        2, Period.years(2019, 2020), "2021–2022")
    assert add_months(month("2021-11"), 3) == month("2022-02")
    assert add_months(month("2021-01"), -1) == month("2020-12")


@pytest.mark.parametrize(("value", "previous", "target", "higher", "expected"), [
    (9.5, 7.0, 9.0, True, MET),
    (9.0, 9.5, 9.0, True, MET),  # exactly on target counts as met
    (8.0, 7.0, 9.0, True, PROGRESSING),
    (7.0, 7.0, 8.0, True, OFF_TRACK),  # standing still is not progress
    (7.0, None, 8.0, True, OFF_TRACK),
    (3.0, 5.0, 2.0, False, PROGRESSING),  # lower is better: falling toward the target
    (1.0, 5.0, 2.0, False, MET),
    (6.0, 5.0, 2.0, False, OFF_TRACK),
    (6.0, 5.0, None, False, NO_TARGET),
    (None, 5.0, 2.0, False, NO_DATA),
])
def test_status_rule(value, previous, target, higher, expected):
    assert status(value, previous, target, higher) == expected


def test_personnel_defaults_to_the_latest_12_months(db):
    figure = kpi("uniformed-personnel", Filters(), db)
    assert figure.period == "Jan 2022 – Dec 2022"
    assert figure.previous_period == "Jan 2021 – Dec 2021"
    assert figure.value == pytest.approx(1_200)  # mean of the monthly snapshots
    assert figure.previous == pytest.approx(1_000)
    assert figure.change == pytest.approx(200)
    assert figure.relative_change == pytest.approx(0.2)
    assert figure.status == NO_TARGET and figure.target is None
    assert not figure.illustrative
    # The sparkline: 24 months ending with the period, the current part from Jan 2022.
    assert figure.time == "month" and len(figure.series) == 24
    assert figure.series["month"].iloc[0] == "2021-01"
    assert figure.series["value"].iloc[-1] == pytest.approx(1_200)
    assert figure.current_from == "2022-01"


def test_women_share_meets_the_target_over_the_latest_year(db):
    figure = kpi("women-share", Filters(), db)
    # 2022: (6 x 96 + 6 x 132) / (12 x 1,200) = 1,368 / 14,400 = 9.5%; 2021: 7%.
    assert figure.value == pytest.approx(9.5)
    assert figure.previous == pytest.approx(7.0)
    assert figure.change == pytest.approx(2.5)
    assert figure.target == pytest.approx(9.0)
    assert figure.status == MET


def test_women_share_target_is_weighted_by_personnel_across_years(db):
    period = Filters(period_from=month("2021-07"), period_to=month("2022-06"))
    figure = kpi("women-share", period, db)
    # Jul-Dec 2021: 420 of 6,000 women; Jan-Jun 2022: 576 of 7,200.
    assert figure.value == pytest.approx(996 / 13_200 * 100)
    # Targets 8% (6,000 person-months) and 9% (7,200): (48,000 + 64,800) / 13,200.
    assert figure.target == pytest.approx(112_800 / 13_200)
    # Previous 12 months (Jul 2020 - Jun 2021) hold only Jan-Jun 2021, at 7%.
    assert figure.previous == pytest.approx(7.0)
    assert figure.status == PROGRESSING


def test_women_share_off_track_when_it_does_not_move(db):
    figure = kpi("women-share", Filters(period_from=month("2021-07"),
                                        period_to=month("2021-12")), db)
    assert figure.value == pytest.approx(7.0) and figure.previous == pytest.approx(7.0)
    assert figure.target == pytest.approx(8.0)
    assert figure.status == OFF_TRACK


def test_women_share_has_no_target_where_the_ugps_sets_none(db):
    figure = kpi("women-share", Filters(categories=("individual-police",)), db)
    assert figure.value is None  # no police at all in these rows
    assert figure.status == NO_TARGET


def test_malicious_act_fatalities_pick_one_incident_type(db):
    figure = kpi("malicious-act-fatalities", Filters(), db)
    # The source covers to Dec 2022: 2022 has 1 + 3 (MINUSCA) + 1 (UNMISS); 2021 has 2.
    assert figure.period == "Jan 2022 – Dec 2022"
    assert figure.value == 5 and figure.previous == 2 and figure.change == 3
    assert figure.status == NO_TARGET
    # Months without a fatality count as zero inside the source's coverage.
    series = figure.series.set_index("month")["value"]
    assert len(series) == 24 and series.sum() == 7
    assert series["2022-11"] == 3 and series["2022-10"] == 0


def test_fatalities_by_mission_count_zero_where_covered(db):
    figure = kpi("malicious-act-fatalities", Filters(missions=("UNMISS",)), db)
    assert figure.value == 1 and figure.previous == 0


def test_fatalities_outside_the_source_coverage_have_no_value(db):
    figure = kpi("malicious-act-fatalities", Filters(period_from=month("2019-01"),
                                                     period_to=month("2019-12")), db)
    assert figure.value is None
    # A comparison period the source covers only in part is not compared.
    figure = kpi("malicious-act-fatalities", Filters(period_from=month("2021-01"),
                                                     period_to=month("2021-12")), db)
    assert figure.value == 2 and figure.previous is None and figure.change is None


def test_only_an_end_month_means_the_12_months_up_to_it(db):
    figure = kpi("malicious-act-fatalities", Filters(period_to=month("2022-06")), db)
    # Jul 2021 - Jun 2022: Feb 2022 (MINUSCA) and Jun 2022 (UNMISS); before: Mar 2021.
    assert figure.period == "Jul 2021 – Jun 2022"
    assert figure.value == 2
    assert figure.previous is None  # Jul 2020 - Jun 2021 starts before the coverage


def test_only_a_start_month_runs_to_the_latest_data(db):
    figure = kpi("uniformed-personnel", Filters(period_from=month("2022-07")), db)
    assert figure.period == "Jul 2022 – Dec 2022"
    assert figure.previous_period == "Jan 2022 – Jun 2022"
    assert figure.value == pytest.approx(1_200)


def test_category_filter_is_reported_where_it_does_not_apply(db):
    figure = kpi("malicious-act-fatalities", Filters(categories=("troops",)), db)
    assert figure.ignored == ("category",)
    assert figure.value == 5


def test_yearly_training_coverage_uses_the_latest_year(db):
    figure = kpi("training-coverage", Filters(), db)
    assert figure.period == "2022" and figure.previous_period == "2021"
    assert figure.value == pytest.approx(90.0)  # 180 / 200
    assert figure.previous == pytest.approx(85.0)
    assert figure.change == pytest.approx(5.0)
    assert figure.illustrative
    assert figure.time == "year"
    assert list(figure.series["year"]) == [2020, 2021, 2022]
    assert figure.current_from == 2022


def test_yearly_period_covers_the_years_it_overlaps(db):
    figure = kpi("training-coverage", Filters(period_from=month("2021-03"),
                                              period_to=month("2022-02")), db)
    assert figure.period == "2021–2022"
    assert figure.value == pytest.approx(265 / 300 * 100)  # (85 + 180) / (100 + 200)
    assert figure.previous == pytest.approx(80.0)  # 2019-2020: 2020 only


def test_empty_database_gives_no_data_not_an_error(engine):
    figure = kpi("uniformed-personnel", Filters(), engine)
    assert figure.value is None and figure.period == ""
    assert figure.series.empty


def test_a_partly_covered_period_is_compared_on_the_same_months(db):
    # Jul 2022 - Jun 2023 chosen; the sources stop in Dec 2022. Jul-Dec 2022 is set against
    # Jul-Dec 2021, never against the twelve months Jul 2021 - Jun 2022.
    figure = kpi("malicious-act-fatalities", Filters(period_from=month("2022-07"),
                                                     period_to=month("2023-06")), db)
    assert (figure.period, figure.previous_period) == ("Jul–Dec 2022", "Jul–Dec 2021")
    assert figure.value == 3 and figure.previous == 0 and figure.change == 3
    # Not an event count: the mean over the months covered against the same months before.
    share = kpi("women-share", Filters(period_from=month("2022-07"),
                                       period_to=month("2023-06")), db)
    assert (share.period, share.previous_period) == ("Jul–Dec 2022", "Jul–Dec 2021")
    assert share.value == pytest.approx(11.0) and share.previous == pytest.approx(7.0)


def test_a_partly_covered_period_with_nothing_before_it_is_not_compared(db):
    # 2020 - 2021 chosen: Jan-Dec 2021 is covered, the same months of 2019-2020 are not.
    figure = kpi("uniformed-personnel", Filters(period_from=month("2020-01"),
                                                period_to=month("2021-12")), db)
    assert figure.period == "2021" and figure.value == pytest.approx(1_000)
    assert figure.previous is None and figure.change is None
    assert figure.previous_period == "2019"  # the card: "No comparable figure for 2019."
