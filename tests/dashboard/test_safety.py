"""The safety and security page without a browser: declarations, layout, and every panel
filled from hand-written fatalities and headcounts on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from indicators.models.dimensions import Country, Mission, Month
from indicators.models.facts import Fatality, MissionMonthTotal
from tests.dashboard.helpers import app_for, text_of, url_of
from tests.dashboard.page_checks import (
    check_declarations,
    fill,
    ids_in,
    page_entry,
    page_module,
    render,
)

PAGE = "safety"
JAN, FEB = dt.date(2015, 1, 1), dt.date(2016, 1, 1)
# (mission, month, nationality, personnel type, incident type)
DEATHS = [
    ("MINUSMA", JAN, "TCD", "military", "malicious-act"),
    ("MINUSMA", JAN, "TCD", "military", "malicious-act"),
    ("MINUSMA", FEB, "GIN", "military", "malicious-act"),
    ("MINUSMA", FEB, "TCD", "police", "accident"),
    ("UNMISS", FEB, None, "local", "illness"),
]


@pytest.fixture
def db(engine):
    """MINUSMA: 12,000 uniformed in each month, so 1,000 person-years a month reported and
    3 malicious-act deaths over 2,000 person-years: 1.5 per 1,000 per year."""
    with engine.begin() as conn:
        conn.execute(insert(Month), [{"month": m, "year": m.year, "month_number": 1}
                                     for m in (JAN, FEB)])
        conn.execute(insert(Country), [{"iso3": "TCD", "name": "Chad"},
                                       {"iso3": "GIN", "name": "Guinea"}])
        conn.execute(insert(Mission), [{"acronym": "MINUSMA"}, {"acronym": "UNMISS"}])
        conn.execute(insert(Fatality), [
            {"id": i, "casualty_id": str(i), "incident_date": month, "month": month,
             "mission": mission, "nationality_iso3": nationality, "personnel_type": kind,
             "incident_type": incident}
            for i, (mission, month, nationality, kind, incident) in enumerate(DEATHS, 1)])
        conn.execute(insert(MissionMonthTotal), [
            {"month": m, "mission": "MINUSMA", "troops": 12_000, "police": 0, "observers": 0,
             "total": 12_000, "contributors": 1} for m in (JAN, FEB)])
    return engine


def panels():
    return page_module(PAGE).PANELS


def test_page_is_registered_at_its_path_in_order():
    entry = page_entry(PAGE)
    assert (entry["path"], entry["order"], entry["name"]) == (
        "/safety", 6, "Safety and security")


def test_panels_name_known_indicators_and_allowed_cuts():
    check_declarations(PAGE, panels())
    cuts = {(p.indicator, p.by) for p in panels()}
    assert cuts == {
        ("fatalities", ("year", "incident-type")), ("fatalities-per-1000", ("year",)),
        ("fatalities-per-1000", ("mission",)), ("fatalities", ("mission",)),
        ("fatalities", ("nationality",)), ("fatalities", ("personnel-type",))}
    assert next(p for p in panels() if p.by == ("nationality",)).top == 20


def test_layout_has_a_card_per_panel(tmp_path):
    layout = render(app_for(f"sqlite:///{tmp_path / 'db.sqlite'}"), PAGE, "/safety")
    assert [i["panel"] for i in ids_in(layout, "pk-chart")] == [p.key for p in panels()]
    assert "Safety and security" in text_of(layout)


def test_every_panel_fills_with_real_data_badges(db):
    app = app_for(url_of(db))
    for panel in panels():
        view = fill(app, PAGE, panel.key)
        assert view["message"] is None, (panel.key, view["message"])
        assert view["figure"].data and view["rows"] and view["summary"], panel.key
        assert "Real data" in text_of(view["badge"])


def test_numbers_match_the_rows_by_hand(db):
    app = app_for(url_of(db))
    rate = fill(app, PAGE, "malicious-rate-by-mission")["rows"]
    assert [(r["mission"], r["numerator"], r["value"]) for r in rate] == [
        ("MINUSMA", 3, pytest.approx(1.5))]
    split = fill(app, PAGE, "by-incident-type")
    assert {trace.name for trace in split["figure"].data} == {"Malicious act", "Accident",
                                                             "Illness"}
    nationality = fill(app, PAGE, "by-nationality")
    bars = dict(zip(nationality["figure"].data[0].y, nationality["figure"].data[0].x,
                    strict=True))
    assert bars == {"Chad": 3, "Guinea": 1, "Not given": 1}  # undetermined, not "nan"
    chad = fill(app, PAGE, "by-personnel", {"country": "TCD"})["rows"]
    assert {r["personnel-type"]: r["value"] for r in chad} == {"military": 2, "police": 1}


def test_no_data_gives_a_message(engine):
    view = fill(app_for(url_of(engine)), PAGE, "by-mission")
    assert "not loaded yet" in text_of(view["message"])
