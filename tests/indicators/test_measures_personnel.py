"""Personnel indicators on hand-written rows, with values computed by hand; then the real files."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from indicators.compute import QueryError, compute
from indicators.filters import Filters
from indicators.measures.personnel_rows import refresh_personnel
from indicators.models.dimensions import Country, Mission, Month
from indicators.models.facts import Deployment
from indicators.targets import ugps_target

JAN, FEB, MAR = dt.date(2022, 1, 1), dt.date(2022, 2, 1), dt.date(2022, 3, 1)


def deployment(month, country, mission, category, women, men):
    return {"month": month, "country_iso3": country, "mission": mission, "category": category,
            "women": women, "men": men, "total": women + men}


@pytest.fixture
def db(engine):
    """Two countries in two missions over three months (figures chosen to be easy by hand).

    Ghana, MINUSCA troops: 10 of 100 women in Jan and Feb, absent in March.
    Nepal, MINUSCA troops: 1 of 900 women each month.
    Nepal, UNMISS formed police: 30 of 100 each month.
    """
    rows = [
        deployment(JAN, "GHA", "MINUSCA", "troops", 10, 90),
        deployment(FEB, "GHA", "MINUSCA", "troops", 10, 90),
        deployment(JAN, "NPL", "MINUSCA", "troops", 1, 899),
        deployment(FEB, "NPL", "MINUSCA", "troops", 1, 899),
        deployment(MAR, "NPL", "MINUSCA", "troops", 1, 899),
        deployment(JAN, "NPL", "UNMISS", "formed-police-units", 30, 70),
        deployment(FEB, "NPL", "UNMISS", "formed-police-units", 30, 70),
        deployment(MAR, "NPL", "UNMISS", "formed-police-units", 30, 70),
    ]
    with engine.begin() as conn:
        conn.execute(insert(Month), [{"month": m, "year": 2022, "month_number": m.month}
                                     for m in (JAN, FEB, MAR)])
        conn.execute(insert(Country), [{"iso3": "GHA", "m49": 288, "name": "Ghana"},
                                       {"iso3": "NPL", "m49": 524, "name": "Nepal"}])
        conn.execute(insert(Mission), [{"acronym": "MINUSCA"}, {"acronym": "UNMISS"}])
        conn.execute(insert(Deployment), rows)
        refresh_personnel(conn)  # the series the measures read, as every import rewrites it
    return engine


def values(frame, key):
    return {row[key]: row["value"] for row in frame.to_dict("records")}


def test_headcount_is_the_mean_of_monthly_snapshots_not_their_sum(db):
    frame = compute("uniformed-personnel", Filters(), (), engine=db)
    # Jan 1,100 · Feb 1,100 · Mar 1,000 person-months = 3,200 over 3 months.
    assert frame.loc[0, "numerator"] == 3_200
    assert frame.loc[0, "denominator"] == 3
    assert frame.loc[0, "value"] == pytest.approx(3_200 / 3)
    # Ghana left in March: its mean over the quarter counts March as zero.
    by_country = values(compute("uniformed-personnel", Filters(), ("country",), engine=db),
                        "country")
    assert by_country == {"GHA": pytest.approx(200 / 3), "NPL": pytest.approx(1_000)}
    by_month = values(compute("uniformed-personnel", Filters(), ("month",), engine=db), "month")
    assert by_month == {"2022-01": 1_100, "2022-02": 1_100, "2022-03": 1_000}


def test_headcount_by_gender_and_filtered(db):
    frame = compute("uniformed-personnel", Filters(missions=("MINUSCA",), period_from=FEB),
                    ("gender",), engine=db)
    # Feb and Mar in MINUSCA: women 11 + 1, men 989 + 899, over 2 months.
    assert values(frame, "gender") == {"women": 6, "men": 944}
    women = compute("uniformed-personnel", Filters(gender="women"), (), engine=db)
    assert women.loc[0, "value"] == pytest.approx((41 + 41 + 31) / 3)


def test_women_share_is_a_ratio_of_sums_not_a_mean_of_ratios(db):
    frame = compute("women-share", Filters(categories=("troops",)), (), engine=db)
    # Women 10+10+1+1+1 = 23 of 100+100+900+900+900 = 2,900.
    assert frame.loc[0, "value"] == pytest.approx(100 * 23 / 2_900)
    by_country = values(compute("women-share", Filters(categories=("troops",)), ("country",),
                                engine=db), "country")
    mean_of_ratios = (by_country["GHA"] + by_country["NPL"]) / 2
    assert mean_of_ratios == pytest.approx((10 + 100 / 900) / 2)
    assert frame.loc[0, "value"] != pytest.approx(mean_of_ratios)


def test_women_share_targets_gap_and_women_needed(db):
    frame = compute("women-share", Filters(), ("category", "year"), engine=db)
    rows = {row["category"]: row for row in frame.to_dict("records")}
    fpu = rows["formed-police-units"]
    assert fpu["value"] == pytest.approx(30.0)
    assert (fpu["target"], fpu["target_status"]) == (12.0, "official")  # 2022, sourced
    assert fpu["gap_points"] == pytest.approx(18.0)
    assert fpu["women_needed"] == 0
    troops = rows["troops"]
    # 2022 troops target: estimate between 8% (2021) and 15% (2028) = 9.0%.
    assert troops["target"] == pytest.approx(9.0) and troops["target_status"] == "estimate"
    # Mean strength 2,900 / 3 months; women 23 / 3: need ceil(0.09 * 966.67 - 7.67) = 80.
    assert troops["women_needed"] == 80
    assert frame.attrs["ignored_filters"] == []


def test_no_target_without_category_or_outside_published_years(db):
    frame = compute("women-share", Filters(), (), engine=db)
    assert frame["target"].isna().all() and frame["women_needed"].isna().all()
    assert ugps_target("troops", 2015) is None
    assert ugps_target("individual-police", 2025) is None  # only 2028 is published
    assert ugps_target("individual-police", 2028).official


def test_contributing_countries(db):
    frame = compute("contributing-countries", Filters(), ("month",), engine=db)
    assert values(frame, "month") == {"2022-01": 2, "2022-02": 2, "2022-03": 1}
    assert compute("contributing-countries", Filters(missions=("UNMISS",)), (),
                   engine=db).loc[0, "value"] == 1


def test_bad_dimension_and_ignored_filter_are_reported(db):
    with pytest.raises(QueryError) as error:
        compute("women-share", Filters(), ("gender",), engine=db)
    assert error.value.parameter == "by" and "women-share can be cut by" in error.value.reason
    with pytest.raises(QueryError):
        compute("no-such-indicator", Filters(), (), engine=db)
    frame = compute("women-share", Filters(gender="women"), (), engine=db)
    assert frame.attrs["ignored_filters"] == ["gender"]


@pytest.mark.realdata
def test_real_women_share_december_2013(real_engine):
    december = Filters(period_from=dt.date(2013, 12, 1), period_to=dt.date(2013, 12, 1))
    troops = compute("women-share", december, ("category",), engine=real_engine)
    row = troops.set_index("category").loc["troops"]
    assert (row["numerator"], row["denominator"]) == (2_338, 83_279)
    assert round(row["value"], 2) == 2.81
    police = compute("women-share", Filters(
        categories=("formed-police-units", "individual-police"),
        period_from=december.period_from, period_to=december.period_to), (),
        engine=real_engine)
    assert round(police.loc[0, "value"], 2) == 10.18  # UN at the time: about 10% of police


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
