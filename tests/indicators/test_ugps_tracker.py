"""The UGPS tracker and the overview's shared period, on hand-written rows (values by hand), on
both engines: target groups, the 2028 target, women needed, DPO's colour code, the tracker's
month, and the one period a row of headline figures shares."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from indicators.compute import compute
from indicators.filters import Filters
from indicators.kpi import KPIS, kpi, row_period
from indicators.measures.personnel_rows import refresh_personnel
from indicators.models.dimensions import Country
from indicators.models.facts import Deployment
from indicators.models.provenance import SourceVersion
from indicators.targets import final_target, group_target, ugps_target
from indicators.ugps import tracker_filters
from tests.indicators.test_kpi import deployment, load_rows, month, version

DEC_2022 = dt.date(2022, 12, 1)


@pytest.fixture
def db(engine):
    """test_kpi's rows (MINUSCA's Ghanaian troops, 2021-22: 1,200 a month in 2022, 132 women in
    Jul-Dec), plus in Dec 2022: 20 staff officers (5 women) and 30 experts on mission (1 woman)
    from Ghana, and 100 Nepali troops, all men."""
    load_rows(engine)
    with engine.begin() as conn:
        conn.execute(insert(Country), [{"iso3": "NPL", "m49": 524, "name": "Nepal"}])
        conn.execute(insert(Deployment), [
            deployment(DEC_2022, 5, 20, category="staff-officers"),
            deployment(DEC_2022, 1, 30, category="experts-on-mission"),
            deployment(DEC_2022, 0, 100, country="NPL"),
        ])
        refresh_personnel(conn)
    return engine


def test_targets_by_group():
    # Staff officers and experts share the individual-military target: 18% in 2021, 25% in
    # 2028, so 19% in 2022 (one seventh of the way).
    assert ugps_target("staff-officers", 2022) == ugps_target("experts-on-mission", 2022)
    assert group_target("individual-military", 2022).percent == pytest.approx(19.0)
    assert not group_target("individual-military", 2022).official
    assert final_target("troops").percent == 15.0 and final_target("troops").official
    # Individual police have only their 2028 target: no year before has one.
    assert group_target("individual-police", 2025) is None
    assert final_target("individual-police").percent == 30.0


def test_one_month_by_target_group(db):
    december = Filters(period_from=DEC_2022, period_to=DEC_2022)
    frame = compute("women-share", december, ("ugps-group",), engine=db).set_index("ugps-group")
    assert set(frame.index) == {"troops", "individual-military"}
    military = frame.loc["individual-military"]
    # 6 women of 50: 12%, against 19% for 2022: 0.19 x 50 = 9.5, so 4 more (rounded up);
    # against 25% in 2028: 12.5 - 6, so 7 more.
    assert (military["numerator"], military["denominator"]) == (6, 50)
    assert military["value"] == pytest.approx(12.0)
    assert military["target"] == pytest.approx(19.0)
    assert military["target_status"] == "estimate"
    assert military["gap_points"] == pytest.approx(-7.0)
    assert (military["women_needed"], military["target_2028"]) == (4, 15.0 + 10.0)
    assert military["women_needed_2028"] == 7
    assert military["parity"] == "some women"
    # Troops: Ghana's 132 of 1,200 and Nepal's 0 of 100: 132 / 1,300 = 10.15%, over the 9%
    # estimated for 2022.
    troops = frame.loc["troops"]
    assert troops["value"] == pytest.approx(100 * 132 / 1300)
    assert troops["parity"] == "met" and troops["women_needed"] == 0


def test_each_contributor_gets_dpo_colour(db):
    december = Filters(period_from=DEC_2022, period_to=DEC_2022)
    frame = compute("women-share", december, ("country", "ugps-group"), engine=db)
    colours = {(row["country"], row["ugps-group"]): row["parity"]
               for row in frame.to_dict("records")}
    # Ghana's troops 11% against 9%: green; its individual military 12% against 19%: yellow;
    # Nepal's troops have no women: red.
    assert colours == {("GHA", "troops"): "met", ("GHA", "individual-military"): "some women",
                       ("NPL", "troops"): "no women"}


def test_the_tracker_reads_the_latest_month_unless_a_period_is_chosen(db):
    latest = tracker_filters(Filters(), db)
    assert (latest.period_from, latest.period_to) == (DEC_2022, DEC_2022)
    # Only an end month: that month. A chosen period is kept as it is.
    june = tracker_filters(Filters(period_to=month("2022-06")), db)
    assert (june.period_from, june.period_to) == (month("2022-06"), month("2022-06"))
    chosen = Filters(period_from=month("2021-01"), period_to=month("2021-12"))
    assert tracker_filters(chosen, db) == chosen
    # A mission with no personnel has no month to read: the filters stay as they were.
    assert tracker_filters(Filters(missions=("UNMISS",)), db) == Filters(missions=("UNMISS",))


def test_a_row_of_headline_figures_shares_one_period(db):
    # Personnel and women's share run to Dec 2022, fatalities' source to Dec 2022: the row is
    # Jan-Dec 2022. Training is illustrative and yearly: it keeps its own year.
    keys = tuple(KPIS)
    row = row_period(keys, Filters(), db)
    assert (row.period.start, row.period.end) == (month("2022-01"), DEC_2022)
    assert set(row.shared) == {"uniformed-personnel", "women-share",
                               "malicious-act-fatalities"}
    assert "training-coverage" not in row.ends
    assert kpi("uniformed-personnel", Filters(), db, row).period == "Jan 2022 – Dec 2022"


def reload_fatalities(engine, coverage_end: dt.date, hour: int) -> None:
    """The fatalities source loaded again, now covering Jan 2021 to `coverage_end` (a later
    load time, so cached results are not reused)."""
    loaded = version("un-fatalities", dt.date(2021, 1, 4), coverage_end)
    loaded["loaded_at"] = dt.datetime(2025, 1, 2, hour, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execute(SourceVersion.__table__.delete()
                     .where(SourceVersion.source == "un-fatalities"))
        conn.execute(insert(SourceVersion), [loaded])


def test_a_series_ending_earlier_sets_the_row_or_keeps_its_own_months(db):
    # Fatalities' source said to end in Sep 2022, three months before personnel: the row
    # ends there, and the personnel card is computed for Oct 2021 - Sep 2022.
    reload_fatalities(db, dt.date(2022, 9, 28), hour=1)
    keys = ("uniformed-personnel", "malicious-act-fatalities")
    row = row_period(keys, Filters(), db)
    assert (row.period.start, row.period.end) == (month("2021-10"), month("2022-09"))
    assert row.limited_by() == ("malicious-act-fatalities",)
    personnel = kpi("uniformed-personnel", Filters(), db, row)
    # Oct-Dec 2021 at 1,000 and Jan-Sep 2022 at 1,200.
    assert personnel.value == pytest.approx((3 * 1000 + 9 * 1200) / 12)
    # Ending more than six months before the newest (Mar 2022): fatalities keep their own
    # latest 12 months and no longer set the row.
    reload_fatalities(db, dt.date(2022, 3, 28), hour=2)
    row = row_period(keys, Filters(), db)
    assert row.shared == ("uniformed-personnel",)
    assert (row.period.start, row.period.end) == (month("2022-01"), DEC_2022)
    assert kpi("malicious-act-fatalities", Filters(), db, row).period == "Apr 2021 – Mar 2022"


def test_a_chosen_end_month_sets_every_figure(db):
    row = row_period(tuple(KPIS), Filters(period_to=month("2022-06")), db)
    assert row.period is None  # each card reads the chosen 12 months itself
