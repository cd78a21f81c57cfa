"""The briefing builder stops adding charts at the deployment's PKDASH_EXPORT_MAX_CHARTS, the
same limit the export door applies, whatever that limit is set to."""

from __future__ import annotations

import pytest

from dashboard.settings import ExportLimits
from indicators.db import make_engine
from indicators.migrate import upgrade
from tests.dashboard.callback_bodies import ENDPOINT, body_for, find_callback
from tests.dashboard.helpers import app_for

CHARTS = ["women/tracker", "conduct/by-year", "missions/strength"]


@pytest.fixture
def client_with_limit(tmp_path):
    url = f"sqlite:///{tmp_path / 'brief.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()

    def make(charts: int):
        client = app_for(url, limits=ExportLimits(charts=charts)).server.test_client()
        assert client.get("/briefing").status_code == 200
        return client
    return make


def add_chart(client, chosen: str, charts: list[str]):
    deps = client.get("/_dash-dependencies").get_json()
    dep = find_callback(deps, "pk-briefing-charts.data")
    body = body_for(dep, [1, [None], [None], [None]], [chosen, charts])
    body["changedPropIds"] = ["pk-briefing-add.n_clicks"]
    return client.post(ENDPOINT, json=body)


def test_the_builder_stops_at_the_configured_limit(client_with_limit):
    client = client_with_limit(2)
    added = add_chart(client, CHARTS[1], CHARTS[:1])
    assert added.status_code == 200
    assert added.get_json()["response"]["pk-briefing-charts"]["data"] == CHARTS[:2]
    refused = add_chart(client, CHARTS[2], CHARTS[:2])  # a third chart is over the limit
    # No update (Dash answers 204, or 200 with nothing in "response"): the list stays.
    assert refused.status_code == 204 or refused.get_json()["response"] == {}


def test_a_higher_limit_lets_the_builder_go_past_the_default(client_with_limit):
    default = ExportLimits().charts
    chosen = [f"women/chart-{n}" for n in range(default)]
    client = client_with_limit(default + 1)
    added = add_chart(client, "conduct/by-year", chosen)
    assert added.status_code == 200
    assert len(added.get_json()["response"]["pk-briefing-charts"]["data"]) == default + 1
