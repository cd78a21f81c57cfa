"""The training and performance page, without a browser: declarations, layout, every panel
filled from generated data on SQLite and PostgreSQL, messages when there is nothing to show."""

from __future__ import annotations

import pytest

from indicators.illustrative import generate
from indicators.measures.performance import VALUE_LABELS
from indicators.measures.technology import VALUE_LABELS as TECHNOLOGY_LABELS
from indicators.viewer import SECRETARIAT
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

PAGE = "performance"


@pytest.fixture
def generated(engine):
    generate(engine)
    return engine


def panels():
    return page_module(PAGE).PANELS


def test_page_is_registered_at_its_path_in_order():
    entry = page_entry(PAGE)
    assert (entry["path"], entry["order"], entry["name"]) == (
        "/performance", 7, "Training and performance")


def test_panels_name_known_indicators_and_allowed_cuts():
    check_declarations(PAGE, panels())
    assert {p.indicator for p in panels()} == {
        "training-coverage", "in-mission-training", "unit-evaluation-score",
        "medical-10-1-2-compliance", "technology-capability"}


def test_layout_has_a_card_per_panel_and_says_the_data_are_generated(tmp_path):
    app = app_for(f"sqlite:///{tmp_path / 'db.sqlite'}")
    layout = render(app, PAGE, "/performance", viewer=SECRETARIAT)
    keys = [identifier["panel"] for identifier in ids_in(layout, "pk-chart")]
    assert keys == [panel.key for panel in panels()]
    notice = find(layout, {"kind": "pk-notice", "page": PAGE})
    assert notice is not None
    assert "generated data" in text_of(notice) and "must not be cited" in text_of(notice)


def test_restricted_cards_are_absent_for_the_public(tmp_path):
    """Unit evaluations and technology assessments are for delegations and the Secretariat
    (issue 16): not greyed, absent."""
    app = app_for(f"sqlite:///{tmp_path / 'db.sqlite'}")
    layout = render(app, PAGE, "/performance")
    keys = [identifier["panel"] for identifier in ids_in(layout, "pk-chart")]
    assert keys == ["training-by-year", "training-by-country", "in-mission-by-course",
                    "medical-10-1-2"]
    assert "evaluations-heat" not in str(layout) and "technology-by-area" not in str(layout)


def test_every_panel_fills_from_generated_data(generated):
    app = app_for(url_of(generated))
    for panel in panels():
        view = fill(app, PAGE, panel.key, viewer=SECRETARIAT)
        assert view["message"] is None, (panel.key, view["message"])
        assert view["figure"].data, panel.key
        assert view["rows"], panel.key
        assert "Illustrative data" in text_of(view["badge"])
        assert "Illustrative (generated) data" in view["caption"]
        assert view["summary"]
        assert view["csv"] == f"/download/{PAGE}/{panel.key}.csv"


def test_heat_strip_names_the_five_key_factors(generated):
    view = fill(app_for(url_of(generated)), PAGE, "evaluations-heat", viewer=SECRETARIAT)
    heat = view["figure"].data[0]
    assert heat.type == "heatmap"
    assert sorted(heat.x) == sorted(VALUE_LABELS["key-factor"].values())
    # The text alternative names the cell: mission and key factor, not the mission alone.
    assert any(name in view["summary"] for name in VALUE_LABELS["key-factor"].values())


def test_medical_lines_one_per_stage_with_readable_names(generated):
    view = fill(app_for(url_of(generated)), PAGE, "medical-10-1-2")
    names = {trace.name for trace in view["figure"].data}
    assert names == {"First aid within 10 minutes", "Resuscitation within 1 hour",
                     "Surgery within 2 hours"}
    assert view["summary"].startswith("Casualties treated within the 10-1-2 standard, in ")


def test_technology_panels_sit_beside_medical_by_area_and_by_mission(generated):
    keys = [panel.key for panel in panels()]
    assert keys[keys.index("medical-10-1-2") + 1:] == ["technology-by-area",
                                                       "technology-by-mission"]
    app = app_for(url_of(generated))
    by_area = fill(app, PAGE, "technology-by-area", viewer=SECRETARIAT)
    shown = {str(label) for trace in by_area["figure"].data
             for axis in (trace.x, trace.y) if axis is not None for label in axis}
    assert set(TECHNOLOGY_LABELS["technology-area"].values()) <= shown
    assert {row["technology-area"] for row in by_area["rows"]} == set(
        TECHNOLOGY_LABELS["technology-area"])
    assert "Illustrative data" in text_of(by_area["badge"])
    by_mission = fill(app, PAGE, "technology-by-mission", viewer=SECRETARIAT)
    assert {row["mission"] for row in by_mission["rows"]} == {
        "MINUSCA", "MONUSCO", "UNIFIL", "UNMISS"}  # the fallback pairs' missions
    assert all(0 <= row["value"] <= 100 for row in by_mission["rows"])
    assert "Illustrative data" in text_of(by_mission["badge"])


def test_a_mission_filter_narrows_the_numbers(generated):
    app = app_for(url_of(generated))
    everything = fill(app, PAGE, "evaluations-heat", viewer=SECRETARIAT)
    mission = everything["rows"][0]["mission"]
    one = fill(app, PAGE, "evaluations-heat", {"mission": [mission]}, viewer=SECRETARIAT)
    assert {row["mission"] for row in one["rows"]} == {mission}
    assert one["csv"] == f"/download/{PAGE}/evaluations-heat.csv?mission={mission}"


def test_no_data_gives_a_message_not_an_empty_axis(engine):
    app = app_for(url_of(engine))  # migrated, nothing loaded
    view = fill(app, PAGE, "training-by-year")
    assert "not loaded yet" in text_of(view["message"])
    assert view["body_style"] == {"display": "none"}
    assert "Illustrative data" in text_of(view["badge"])


def test_download_gives_the_panel_numbers(generated):
    client = app_for(url_of(generated)).server.test_client()
    response = client.get("/download/performance/training-by-country.csv")
    assert response.status_code == 200
    header = response.get_data(as_text=True).splitlines()[0]
    assert header.startswith("country,numerator,denominator,value")
    # A restricted chart's download, not signed in: 401 naming its indicator.
    refused = client.get("/download/performance/evaluations-heat.csv")
    assert refused.status_code == 401
    assert "unit-evaluation-score" in refused.get_data(as_text=True)
