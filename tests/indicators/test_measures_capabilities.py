"""Geo-PKO capability presence on hand-written rows, counted by hand; then the real file."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from indicators.compute import compute
from indicators.filters import Filters
from indicators.models.dimensions import Mission
from indicators.models.facts import LocationUnitType

PLACES = {  # name: (latitude, longitude)
    "Goma": (-1.68, 29.22), "Beni": (0.49, 29.47), "Bunia": (1.56, 30.25),
    "Juba": (4.85, 31.58), "Malakal": (9.53, 31.66),
}


def unit(mission, year, location, unit_type, units=1, shift=0.0):
    latitude, longitude = PLACES[location]
    return {"mission": mission, "year": year, "location": location,
            "latitude": latitude + shift, "longitude": longitude, "unit_type": unit_type,
            "units": units}


@pytest.fixture
def db(engine):
    """MONUSCO in 2023 and 2024, UNMISS in 2024.

    In 2024 Goma's medical unit is coded twice with different coordinates, as Geo-PKO does
    for a few places: it is still one location.
    """
    rows = [
        unit("MONUSCO", 2023, "Goma", "infantry", 850),
        unit("MONUSCO", 2023, "Goma", "medical", 2),
        unit("MONUSCO", 2023, "Goma", "engineering"),
        unit("MONUSCO", 2023, "Beni", "infantry", 650),
        unit("MONUSCO", 2023, "Beni", "medical"),
        unit("MONUSCO", 2023, "Bunia", "engineering"),
        unit("MONUSCO", 2024, "Goma", "infantry", 850),
        unit("MONUSCO", 2024, "Goma", "medical"),
        unit("MONUSCO", 2024, "Goma", "medical", shift=0.01),
        unit("MONUSCO", 2024, "Bunia", "engineering"),
        unit("UNMISS", 2024, "Juba", "medical"),
        unit("UNMISS", 2024, "Malakal", "medical"),
    ]
    with engine.begin() as conn:
        conn.execute(insert(Mission), [{"acronym": "MONUSCO"}, {"acronym": "UNMISS"}])
        conn.execute(insert(LocationUnitType), [{"id": i, **row}
                                                for i, row in enumerate(rows, start=1)])
    return engine


def counts(frame, *keys):
    return {tuple(row[k] for k in keys): row["value"] for row in frame.to_dict("records")}


def test_locations_per_mission_year_and_unit_type(db):
    frame = compute("capability-presence", Filters(), ("mission", "year", "unit-type"),
                    engine=db)
    assert counts(frame, "mission", "year", "unit-type") == {
        ("MONUSCO", 2023, "engineering"): 2,
        ("MONUSCO", 2023, "infantry"): 2,
        ("MONUSCO", 2023, "medical"): 2,
        ("MONUSCO", 2024, "engineering"): 1,
        ("MONUSCO", 2024, "infantry"): 1,
        ("MONUSCO", 2024, "medical"): 1,  # Goma, coded twice
        ("UNMISS", 2024, "medical"): 2,
    }
    assert frame.attrs["illustrative"] is False
    assert not frame["illustrative"].any()
    assert (frame["unit"] == "locations").all()


def test_a_snapshot_shows_the_latest_year_not_every_year_pooled(db):
    # "Present as of" is a snapshot: without a year cut, the latest year in the period
    # (2024), never the places of 2023 and 2024 together.
    frame = compute("capability-presence", Filters(missions=("MONUSCO",)), ("unit-type",),
                    engine=db)
    assert counts(frame, "unit-type") == {("engineering",): 1, ("infantry",): 1,
                                          ("medical",): 1}
    assert frame.attrs["snapshot_year"] == 2024
    everything = compute("capability-presence", Filters(), (), engine=db)
    assert everything.loc[0, "value"] == 4  # Goma, Bunia in MONUSCO; Juba, Malakal in UNMISS
    # Asked for the period up to 2023, it is 2023's; cut by year, it is the trend.
    earlier = compute("capability-presence", Filters(period_to=dt.date(2023, 12, 1)), (),
                      engine=db)
    assert earlier.loc[0, "value"] == 3 and earlier.attrs["snapshot_year"] == 2023
    trend = compute("capability-presence", Filters(), ("year",), engine=db)
    assert counts(trend, "year") == {(2023,): 3, (2024,): 4}


def test_period_is_by_year_overlap_and_places_stay_within_their_mission(db):
    late_2024 = Filters(period_from=dt.date(2024, 10, 1), period_to=dt.date(2025, 3, 1))
    frame = compute("capability-presence", late_2024, ("unit-type",), engine=db)
    # 2024 overlaps the period: MONUSCO's Goma plus UNMISS's Juba and Malakal have medical.
    assert counts(frame, "unit-type") == {("engineering",): 1, ("infantry",): 1,
                                          ("medical",): 3}
    by_mission = compute("capability-presence", late_2024, ("mission",), engine=db)
    assert counts(by_mission, "mission") == {("MONUSCO",): 2, ("UNMISS",): 2}
    up_to_2023 = compute("capability-presence", Filters(period_to=dt.date(2023, 12, 1)),
                         ("year",), engine=db)
    assert counts(up_to_2023, "year") == {(2023,): 3}


def test_country_and_category_filters_are_reported_as_ignored(db):
    frame = compute("capability-presence", Filters(countries=("RWA",), categories=("troops",)),
                    (), engine=db)
    assert frame.attrs["ignored_filters"] == ["country", "category"]
    assert frame.loc[0, "value"] == 4


@pytest.mark.realdata
@pytest.mark.parametrize("mission", ["MONUSCO", "UNMISS"])
def test_real_missions_deploy_medical_and_engineering_units(real_engine, mission):
    frame = compute("capability-presence",
                    Filters(missions=(mission,), period_from=dt.date(2023, 1, 1),
                            period_to=dt.date(2023, 12, 1)),
                    ("unit-type",), engine=real_engine)
    present = dict(zip(frame["unit-type"], frame["value"], strict=True))
    assert present["medical"] > 0
    assert present["engineering"] > 0
    assert present["infantry"] > present["medical"]  # line units hold more places
    assert set(present) <= {"infantry", "medical", "engineering", "aviation", "signals",
                            "riverine", "maintenance", "transport"}


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
