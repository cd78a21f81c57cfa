"""The mission-type filter at the dashboard's doors: the API (SQLite and PostgreSQL), and the
filter bar's control kept in the address, through Dash's own callback endpoint."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from dashboard.shell.filterbar import ALL_MISSION_TYPES, CONTROLS, filter_options
from indicators.catalogue import CATALOGUE
from indicators.compute import compute
from indicators.filters import Filters
from indicators.i18n import use_locale
from indicators.models.dimensions import Mission
from indicators.viewer import SECRETARIAT, Viewer
from tests.dashboard.helpers import app_for, url_of
from tests.indicators.test_query_cli import insert_small_world

BASE = "/api/v1/indicators"
CONTROL = CONTROLS["mission-type"]


@pytest.fixture
def small_db(engine):
    """Two missions, two months (tests.indicators.test_query_cli): MONUSCO a peacekeeping
    operation, MINUSCA standing in for a special political mission."""
    insert_small_world(engine)
    with engine.begin() as conn:
        conn.execute(update(Mission).where(Mission.acronym == "MONUSCO")
                     .values(is_peacekeeping=True))
    return engine


@pytest.fixture
def client(small_db):
    return app_for(url_of(small_db)).server.test_client()


# --- the API ----------------------------------------------------------------------------------

def test_the_api_filters_and_cuts_by_type(client):
    response = client.get(f"{BASE}/uniformed-personnel?mission-type=peacekeeping&by=mission")
    assert response.status_code == 200
    payload = response.get_json()
    assert payload["filters"] == {"mission-type": "peacekeeping"}
    assert payload["ignored_filters"] == []
    # MONUSCO: 300 + 400 person-months over 2 report months (hand-computed in test_query_cli).
    assert [(r["mission"], r["value"]) for r in payload["rows"]] == [("MONUSCO", 350)]

    cut = client.get(f"{BASE}/uniformed-personnel?by=mission-type").get_json()
    assert {r["mission-type"]: r["value"] for r in cut["rows"]} == {
        "peacekeeping": 350, "political": 225}
    everyone = client.get(f"{BASE}/uniformed-personnel").get_json()
    assert everyone["rows"][0]["value"] == 350 + 225


@pytest.mark.parametrize("value", ["bogus", "SPM"])
def test_a_bad_value_is_a_400_naming_it_never_a_500(client, value):
    response = client.get(f"{BASE}/women-share?mission-type={value}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert (error["parameter"], error["value"]) == ("mission-type", value)
    assert "peacekeeping or political" in error["reason"]
    french = client.get(f"{BASE}/women-share?mission-type={value}&lang=fr").get_json()
    assert "missions politiques spéciales" in french["error"]["reason"]


@pytest.mark.parametrize("slug", list(CATALOGUE))
def test_every_indicator_answers_the_filter(client, small_db, slug):
    """The condition runs on both engines for every indicator: a 200 with the filter echoed
    and reported as applied, never a 500. A restricted indicator answers the public 401
    (tests/dashboard/test_tiers_doors); its condition is run as the Secretariat and, for a
    delegation's indicator, with a delegation's own rows."""
    response = client.get(f"{BASE}/{slug}?mission-type=political")
    if CATALOGUE[slug].visibility != "public":
        assert response.status_code == 401
        viewers = [SECRETARIAT] + ([Viewer("member-state", frozenset({"GHA"}))]
                                   if CATALOGUE[slug].visibility == "member-state" else [])
        for viewer in viewers:
            frame = compute(slug, Filters(mission_type="political"), (), engine=small_db,
                            viewer=viewer)
            assert frame.attrs["filters"] == {"mission-type": "political"}
            assert frame.attrs["ignored_filters"] == []
        return
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    payload = response.get_json()
    assert payload["filters"] == {"mission-type": "political"}
    assert payload["ignored_filters"] == []


# --- the filter bar ---------------------------------------------------------------------------

def test_the_control_offers_all_and_the_two_types_in_each_language(small_db):
    options = filter_options(small_db)["mission-type"]
    assert options == [{"label": "All", "value": ALL_MISSION_TYPES},
                       {"label": "Peacekeeping operations", "value": "peacekeeping"},
                       {"label": "Special political missions", "value": "political"}]
    with use_locale("fr"):
        french = [o["label"] for o in filter_options(small_db)["mission-type"]]
    assert french == ["Tous", "Opérations de maintien de la paix",
                      "Missions politiques spéciales"]


class FilterSync:
    """Calls the filter bar's callback through Dash's endpoint, as the browser does."""

    def __init__(self, engine):
        self.client = app_for(url_of(engine)).server.test_client()
        self.client.get("/")
        self.sync = next(dep for dep in self.client.get("/_dash-dependencies").get_json()
                         if "pk-filters.data" in dep["output"])

    def __call__(self, values: dict, changed: str) -> dict:
        def props(items):
            return [{**item, "value": values.get(f"{item['id']}.{item['property']}")}
                    for item in items]

        outputs = [dict(zip(("id", "property"), output.rsplit(".", 1), strict=True))
                   for output in self.sync["output"].strip(".").split("...")]
        response = self.client.post("/_dash-update-component", json={
            "output": self.sync["output"], "outputs": outputs,
            "inputs": props(self.sync["inputs"]), "state": props(self.sync["state"]),
            "changedPropIds": [changed]})
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
        return response.get_json()["response"]


def test_an_address_sets_the_control_and_the_filters(small_db):
    sync = FilterSync(small_db)
    answer = sync({"pk-url.search": "?mission-type=political&lang=fr"}, "pk-url.search")
    assert answer[CONTROL]["value"] == "political"
    assert answer["pk-filters"]["data"] == {"mission-type": "political"}
    assert answer["pk-filter-notices"]["is_open"] is False


def test_choosing_a_type_puts_it_in_the_address_and_all_takes_it_out(small_db):
    sync = FilterSync(small_db)
    answer = sync({"pk-url.search": "?mission=MONUSCO&lang=fr", f"{CONTROL}.value": "peacekeeping",
                   "pk-filter-mission.value": ["MONUSCO"]}, f"{CONTROL}.value")
    assert answer["pk-url"]["search"] == "?lang=fr&mission=MONUSCO&mission-type=peacekeeping"
    assert answer["pk-filters"]["data"] == {"mission": "MONUSCO",
                                            "mission-type": "peacekeeping"}

    answer = sync({"pk-url.search": "?mission-type=peacekeeping",
                   f"{CONTROL}.value": ALL_MISSION_TYPES}, f"{CONTROL}.value")
    assert answer["pk-url"]["search"] == ""
    assert answer["pk-filters"]["data"] == {}
    assert answer[CONTROL]["value"] == ALL_MISSION_TYPES


def test_a_bad_value_in_the_address_is_reported_and_dropped(small_db):
    sync = FilterSync(small_db)
    answer = sync({"pk-url.search": "?mission-type=bogus&mission=MONUSCO"}, "pk-url.search")
    assert answer["pk-url"]["search"] == "?mission=MONUSCO"
    assert answer[CONTROL]["value"] == ALL_MISSION_TYPES
    assert answer["pk-filter-notices"]["is_open"] is True
    assert "mission-type='bogus'" in str(answer["pk-filter-notices"]["children"])
