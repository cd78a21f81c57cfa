"""The protection-of-civilians page, without a browser, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from indicators.compute import compute
from indicators.filters import Filters
from indicators.illustrative import generate
from tests.dashboard.helpers import app_for, text_of, url_of
from tests.dashboard.page_checks import (
    check_declarations,
    fill,
    find,
    ids_in,
    page_entry,
    page_module,
    render,
)

PAGE = "protection"


@pytest.fixture
def generated(engine):
    generate(engine)
    return engine


def panels():
    return page_module(PAGE).PANELS


def test_page_is_registered_at_its_path_in_order():
    entry = page_entry(PAGE)
    assert (entry["path"], entry["order"], entry["name"]) == (
        "/protection", 9, "Protection of civilians")


def test_panels_cover_alerts_and_response_by_mission_year_and_month():
    check_declarations(PAGE, panels())
    cuts = {(p.indicator, p.by) for p in panels()}
    assert {("poc-alert-response", ("mission",)), ("poc-alert-response", ("year",)),
            ("poc-alert-response", ("month",)), ("poc-alerts", ("mission",)),
            ("poc-alerts", ("month",))} <= cuts


def test_layout_builds_with_the_generated_data_notice(tmp_path):
    app = app_for(f"sqlite:///{tmp_path / 'db.sqlite'}")
    layout = render(app, PAGE, "/protection")
    assert [i["panel"] for i in ids_in(layout, "pk-chart")] == [p.key for p in panels()]
    assert "generated data" in text_of(find(layout, {"kind": "pk-notice", "page": PAGE}))


def test_every_alert_panel_fills_and_is_badged_illustrative(generated):
    """The alert panels; the mandate panels (real UNPMM data) are tested in
    tests/dashboard/test_mandate_annotations.py."""
    app = app_for(url_of(generated))
    for panel in panels():
        if panel.indicator == "mandate-tasks":
            continue
        view = fill(app, PAGE, panel.key)
        assert view["message"] is None, (panel.key, view["message"])
        assert view["figure"].data and view["rows"] and view["summary"], panel.key
        assert "Illustrative data" in text_of(view["badge"])


def test_response_by_mission_matches_compute_and_filters(generated):
    app = app_for(url_of(generated))
    view = fill(app, PAGE, "response-by-mission")
    expected = compute("poc-alert-response", Filters(), ("mission",), engine=generated)
    shown = {row["mission"]: row["value"] for row in view["rows"]}
    assert shown == dict(zip(expected["mission"], expected["value"], strict=True))
    mission = expected["mission"].iloc[0]
    narrowed = fill(app, PAGE, "alerts-by-month", {"mission": [mission], "from": "2020-01",
                                                   "to": "2020-06"})
    assert [row["month"] for row in narrowed["rows"]] == [f"2020-0{m}" for m in range(1, 7)]
    assert "2020" in narrowed["caption"] and mission in narrowed["caption"]


def test_a_period_without_data_gives_a_message(generated):
    view = fill(app_for(url_of(generated)), PAGE, "alerts-by-mission",
                {"from": "1995-01", "to": "1995-12"})
    assert "No data for" in text_of(view["message"])
    assert view["body_style"] == {"display": "none"}
