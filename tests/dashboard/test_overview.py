"""The overview page without a browser: registration, layout, KPI cards filled by their callback
and the missions map, on hand-written rows (tests/indicators/test_kpi.py) on both engines."""

from __future__ import annotations

import datetime as dt
import importlib
import io

import dash
import pandas as pd
import pytest
from dash import no_update
from sqlalchemy import insert, update

from dashboard.panels.kpi import fill_kpi, kpi_body
from dashboard.panels.kpi_text import change_words, format_value
from dashboard.panels.spec import find_panel
from dashboard.panels.view import build_view
from indicators.filters import Filters
from indicators.i18n import use_locale
from indicators.kpi import KPIS, kpi
from indicators.lookups import deployment_sites
from indicators.models.dimensions import Mission
from indicators.models.facts import DeploymentLocation
from indicators.models.provenance import SourceVersion
from indicators.vocabulary import load_vocabulary
from tests.dashboard.helpers import app_for, text_of, url_of
from tests.dashboard.page_checks import find
from tests.indicators.test_kpi import load_rows, version

PAGE = "overview"
GEO_PKO_TITLE = "Geo-PKO deployment locations"


def load_places(engine):
    """MINUSCA's headquarters at Bangui; UNMISS has none. Two Geo-PKO sites in 2022, one in
    2021 (only the latest year is drawn)."""
    with engine.begin() as conn:
        conn.execute(update(Mission).where(Mission.acronym == "MINUSCA").values(
            name="Central African Republic mission", latitude=4.36, longitude=18.56))
        conn.execute(insert(DeploymentLocation), [
            {"id": 1, "mission": "MINUSCA", "year": 2021, "location": "Bria",
             "latitude": 6.54, "longitude": 21.99},
            {"id": 2, "mission": "MINUSCA", "year": 2022, "location": "Bria",
             "latitude": 6.54, "longitude": 21.99},
            {"id": 3, "mission": "MINUSCA", "year": 2022, "location": "Bangassou",
             "latitude": 4.74, "longitude": 22.82},
        ])
        row = version("geo-pko-locations", pd.Timestamp("2021-01-01").date(),
                      pd.Timestamp("2022-12-31").date())
        conn.execute(insert(SourceVersion), {**row, "title": GEO_PKO_TITLE})
    return engine


@pytest.fixture
def db(engine):
    return load_places(load_rows(engine))


def page_module():
    return importlib.import_module(f"dashboard.pages.{PAGE}")


def entry(module: str) -> dict:
    return next(page for page in dash.page_registry.values()
                if page["module"] == f"dashboard.pages.{module}")


def card(app, key: str, query: dict | None = None) -> tuple[object, object, object]:
    """The KPI callback, called as a plain function inside a request of this app, as when
    the filters change to `query`: (body, badge, filters shown)."""
    with app.server.test_request_context("/"):
        return fill_kpi(query or {}, {"page": PAGE, "kpi": key})


def test_overview_is_the_first_page_and_the_sources_page_moved(tmp_path):
    app_for(f"sqlite:///{tmp_path / 'db.sqlite'}")
    overview, sources = entry("overview"), entry("sources")
    assert (overview["path"], overview["order"], overview["name"]) == ("/", 0, "Overview")
    assert (sources["path"], sources["name"]) == ("/indicators", "Indicators and sources")


def test_layout_has_a_card_per_kpi_and_the_map(tmp_path):
    app = app_for(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with app.server.test_request_context("/"):
        layout = page_module().layout()
    flat = repr(layout)
    for key in KPIS:
        assert repr({"kind": "pk-kpi-body", "page": PAGE, "kpi": key}) in flat
    assert repr({"kind": "pk-chart", "page": PAGE, "panel": "mission-map"}) in flat
    text = text_of(layout)
    assert "Overview" in text and "Training coverage" in text
    assert "Off track" in text  # the status rule is spelled out on the page


def test_map_panel_names_a_known_indicator_and_cut():
    panel = find_panel(PAGE, "mission-map") or page_module().PANELS[0]
    assert panel.chart == "map" and panel.by == ("mission",)
    assert panel.indicator == "uniformed-personnel"


def test_kpi_cards_show_hand_computed_figures(db):
    app = app_for(url_of(db))
    body, badge, _shown = card(app, "uniformed-personnel")
    text = text_of(body)
    assert "1,200" in text and "Jan 2022 – Dec 2022" in text
    assert "+200 (+20%)" in text and "(1,000)" in text
    assert "No target" in text
    assert "Real data" in text_of(badge)

    text = text_of(card(app, "women-share")[0])
    assert "9.5%" in text and "+2.5 points" in text
    assert "Target met" in text and "target 9.0%" in text

    text = text_of(card(app, "malicious-act-fatalities")[0])
    assert "5" in text and "+3 (+150%)" in text

    body, badge, _shown = card(app, "training-coverage")
    assert "90.0%" in text_of(body) and "2022" in text_of(body)
    assert "Illustrative data" in text_of(badge)


def test_kpi_cards_follow_the_filters(db):
    app = app_for(url_of(db))
    text = text_of(card(app, "malicious-act-fatalities", {"mission": "UNMISS"})[0])
    assert "▲ +1" in text  # 1 in 2022 against 0 in 2021
    text = text_of(card(app, "women-share", {"from": "2021-07", "to": "2022-06"})[0])
    assert "Progressing toward target" in text
    text = text_of(card(app, "uniformed-personnel", {"category": "troops"})[0])
    assert "not applied" not in text


def test_kpi_card_says_when_there_is_no_data(db):
    app = app_for(url_of(db))
    text = text_of(card(app, "malicious-act-fatalities", {"from": "2019-01", "to": "2019-12"})[0])
    assert "No data" in text and "Jan 2019 – Dec 2019" in text


def test_kpi_card_reports_filters_that_do_not_apply(db):
    app = app_for(url_of(db))
    text = text_of(card(app, "malicious-act-fatalities", {"category": "troops"})[0])
    assert "Not applicable here, so not applied: category filter." in text


def test_kpi_callback_waits_for_the_filters_store(db):
    app = app_for(url_of(db))
    with app.server.test_request_context("/"):
        assert fill_kpi(None, {"page": PAGE, "kpi": "women-share"}) == (no_update,) * 3


def test_the_page_arrives_with_its_cards_filled_for_its_address(db):
    # The figures a reader sees first are those the callback computes for the same filters,
    # and the callback then leaves those cards alone (no second computation per card).
    app = app_for(url_of(db))
    query = {"mission": "UNMISS"}
    with app.server.test_request_context("/?mission=UNMISS"):
        layout = page_module().layout(**query)
    for key in KPIS:
        body = find(layout, {"kind": "pk-kpi-body", "page": PAGE, "kpi": key})
        shown = find(layout, {"kind": "pk-kpi-shown", "page": PAGE, "kpi": key})
        expected_body, _badge, expected_shown = card(app, key, query)
        assert text_of(body.children) == text_of(expected_body) != ""
        assert shown.data == expected_shown == query
        with app.server.test_request_context("/"):
            assert fill_kpi(query, {"page": PAGE, "kpi": key}, shown.data) == (no_update,) * 3
    assert "+1" in text_of(find(
        layout, {"kind": "pk-kpi-body", "page": PAGE, "kpi": "malicious-act-fatalities"}))


def test_kpi_body_has_a_text_alternative_to_the_sparkline(db):
    body = kpi_body(kpi("uniformed-personnel", Filters(), db))
    text = text_of(body)
    assert "Trend by month: 1,000 in January 2021, 1,200 in December 2022." in text


def test_value_and_change_formats():
    assert format_value(98061.6, "persons") == "98,062"
    assert format_value(3.766, "percent") == "3.8%"
    assert format_value(None, "percent") == "–"

    class Small:
        unit, change, relative_change = "percent", -0.03, None

    assert change_words(Small) == "-0.03 points"


def test_map_places_missions_and_counts_sites(db):
    view = build_view(find_panel(PAGE, "mission-map"), Filters(), db)
    frame = view.frame.set_index("mission")
    # The headline figures' period: 2022, the latest 12 months personnel, women's share and
    # fatalities all cover; MINUSCA had 1,200 a month then (1,000 in 2021).
    assert frame.loc["MINUSCA", "value"] == pytest.approx(1_200)
    assert frame.loc["MINUSCA", "mission_name"] == "Central African Republic mission"
    assert frame.loc["MINUSCA", "latitude"] == pytest.approx(4.36)
    assert frame.loc["MINUSCA", "locations"] == 2 and frame.loc["MINUSCA", "locations_year"] == 2022
    kinds = [trace.type for trace in view.figure.data]
    assert kinds == ["scattergeo", "scattergeo"]  # deployment sites, then headquarters
    assert len(view.figure.data[0].lat) == 2
    assert "Geo-PKO records 2 deployment locations in 2022 for 1 mission." in view.summary
    assert "Uniformed personnel, highest: MINUSCA 1,200" in view.summary
    assert "Jan 2022 – Dec 2022" in view.caption  # the period the map reads, said
    assert GEO_PKO_TITLE in view.caption and "as of" in view.caption
    assert any(column["headerName"] == "HQ latitude" for column in view.columns)


def test_map_download_gives_the_table_numbers(db):
    client = app_for(url_of(db)).server.test_client()
    response = client.get("/download/overview/mission-map.csv?mission=MINUSCA")
    assert response.status_code == 200
    frame = pd.read_csv(io.StringIO(response.get_data(as_text=True)))
    assert list(frame["mission"]) == ["MINUSCA"]
    assert frame.loc[0, "value"] == pytest.approx(1_200)  # 2022, the headline period
    assert frame.loc[0, "locations"] == 2


def test_deployment_sites_are_the_latest_year_within_the_period(db):
    # 2022 is the latest Geo-PKO year overall, 2021 the latest by the end of 2021; a period
    # with no Geo-PKO year, or a mission without sites, gives none.
    def sites(**query):
        return deployment_sites(db, Filters.from_query(query, load_vocabulary(db))[0])

    assert sorted(sites()["location"]) == ["Bangassou", "Bria"]
    assert list(sites()["year"]) == [2022, 2022]
    until_2021 = sites(to="2021-12")
    assert list(until_2021["year"]) == [2021] and list(until_2021["location"]) == ["Bria"]
    assert sites(**{"from": "2023-01"}).empty
    assert sites(mission="UNMISS").empty


def test_a_kpi_card_over_a_partly_covered_period_compares_the_same_months(db):
    # Jul 2022 - Jun 2023 chosen, fatalities known to Dec 2022: the card says so, in French
    # too, and sets Jul-Dec 2022 (3) against Jul-Dec 2021 (0), not against 12 months.
    chosen = Filters(period_from=dt.date(2022, 7, 1), period_to=dt.date(2023, 6, 1))
    text = text_of(kpi_body(kpi("malicious-act-fatalities", chosen, db)))
    assert "Jul–Dec 2022" in text and "vs Jul–Dec 2021 (0)" in text
    with use_locale("fr"):
        french = text_of(kpi_body(kpi("malicious-act-fatalities", chosen, db)))
    assert "juil.–déc. 2022" in french and "juil.–déc. 2021" in french
