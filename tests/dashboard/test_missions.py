"""The missions page without a browser: registration, panel declarations, the prompt and the
comparison shown for the chosen missions, and panels filled with hand-computed numbers."""

from __future__ import annotations

import importlib

import dash
import pytest

from dashboard.panels.card import fill_panel
from dashboard.panels.spec import find_panel
from dashboard.panels.view import build_view
from indicators.catalogue import CATALOGUE
from indicators.filters import Filters
from indicators.viewer import ANONYMOUS, SECRETARIAT, Viewer
from tests.dashboard.helpers import app_for, text_of, url_of
from tests.dashboard.page_checks import as_viewer
from tests.dashboard.test_overview import load_places
from tests.indicators.test_kpi import load_rows

PAGE = "missions"
HIDDEN = {"display": "none"}


@pytest.fixture
def db(engine):
    return load_places(load_rows(engine))


@pytest.fixture
def app(tmp_path):
    return app_for(f"sqlite:///{tmp_path / 'db.sqlite'}")


def page_module():
    return importlib.import_module(f"dashboard.pages.{PAGE}")


def render(app, query: dict | None = None, viewer: Viewer = ANONYMOUS):
    with app.server.test_request_context("/missions"):
        as_viewer(viewer)
        return page_module().layout(**(query or {}))


def find(component, wanted_id):
    if getattr(component, "id", None) == wanted_id:
        return component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        return next((found for child in children
                     if (found := find(child, wanted_id)) is not None), None)
    if children is not None and not isinstance(children, str | int | float):
        return find(children, wanted_id)
    return None


def part(layout, name: str):
    return find(layout, {"page": PAGE, "part": name})


def test_page_is_registered_second(app):
    entry = next(page for page in dash.page_registry.values()
                 if page["module"] == "dashboard.pages.missions")
    assert (entry["path"], entry["order"], entry["name"]) == ("/missions", 1, "Missions")


def test_panels_name_known_indicators_and_allowed_cuts(app):
    for panel in page_module().PANELS:
        indicator = CATALOGUE.get(panel.indicator)
        assert indicator is not None, panel.key
        assert set(panel.by) <= set(indicator.dimensions), (panel.key, panel.by)
        assert {panel.x, panel.series} - {None} <= set(panel.by), panel.key
        if panel.chart == "line":
            assert {"year", "month"} & set(panel.by), panel.key
        if panel.chart == "split":
            assert len(panel.by) == 2, panel.key
    indicators = {panel.indicator for panel in page_module().PROFILE}
    assert indicators == {"uniformed-personnel", "women-share", "fatalities", "sea-allegations",
                          "capability-presence", "training-coverage", "unit-evaluation-score"}


def test_without_a_mission_the_page_prompts_and_hides_the_comparison(app):
    layout = render(app)
    prompt = part(layout, "prompt")
    assert "Choose one or more missions in the filter bar" in text_of(prompt)
    assert prompt.style != HIDDEN
    assert part(layout, "comparison").style == HIDDEN
    assert text_of(part(layout, "heading")) == "Profile: all missions"
    flat = repr(render(app, viewer=SECRETARIAT))
    for panel in page_module().PANELS:
        assert repr({"kind": "pk-chart", "page": PAGE, "panel": panel.key}) in flat
    # Unit evaluations are for delegations and the Secretariat: absent for the public.
    assert repr({"kind": "pk-chart", "page": PAGE, "panel": "performance"}) not in repr(layout)


def test_two_missions_in_the_address_show_the_comparison(app):
    layout = render(app, {"mission": "MINUSCA,UNMISS"})
    assert part(layout, "prompt").style == HIDDEN
    assert part(layout, "comparison").style != HIDDEN
    assert text_of(part(layout, "heading")) == "Profile: MINUSCA, UNMISS together"


def test_selection_callback_follows_the_filters_store(db):
    app = app_for(url_of(db))
    show = page_module().show_selection
    with app.server.test_request_context("/missions"):
        prompt, comparison, heading = show({})
        assert prompt != HIDDEN and comparison == HIDDEN
        prompt, comparison, heading = show({"mission": "MINUSCA"})
        assert prompt == HIDDEN and comparison == HIDDEN
        assert heading == "Profile: MINUSCA – Central African Republic mission"
        prompt, comparison, heading = show({"mission": "MINUSCA,UNMISS"})
        assert comparison != HIDDEN and heading == "Profile: MINUSCA, UNMISS together"


def values(frame, *keys):
    return {tuple(row[k] for k in keys): row["value"] for row in frame.to_dict("records")}


def test_profile_panels_show_the_chosen_mission(db):
    minusca = Filters(missions=("MINUSCA",))
    contributors = build_view(find_panel(PAGE, "contributors"), minusca, db)
    assert values(contributors.frame, "country") == {("GHA",): pytest.approx(1_100)}
    fatalities = build_view(find_panel(PAGE, "fatalities"), minusca, db)
    assert values(fatalities.frame, "year", "incident-type") == {
        (2021, "malicious-act"): 2, (2021, "accident"): 1,
        (2022, "malicious-act"): 4, (2022, "illness"): 1}
    women = build_view(find_panel(PAGE, "women-share"), minusca, db).frame
    assert values(women, "year", "ugps-group") == {
        (2021, "troops"): pytest.approx(7.0), (2022, "troops"): pytest.approx(9.5)}
    assert list(women["target"]) == [pytest.approx(8.0), pytest.approx(9.0)]
    training = build_view(find_panel(PAGE, "training"), minusca, db)
    assert training.illustrative
    assert values(training.frame, "year")[(2022,)] == pytest.approx(90.0)


def test_comparison_panels_put_missions_side_by_side(db):
    both = Filters(missions=("MINUSCA", "UNMISS"))
    strength = build_view(find_panel(PAGE, "compare-strength"), both, db).frame
    assert values(strength, "year", "mission") == {
        (2021, "MINUSCA"): pytest.approx(1_000), (2022, "MINUSCA"): pytest.approx(1_200)}


def test_panels_without_data_say_so_instead_of_drawing_empty_axes(db):
    app = app_for(url_of(db))
    with app.server.test_request_context("/missions"):
        as_viewer(SECRETARIAT)
        outputs = fill_panel({"mission": "MINUSCA"}, {"page": PAGE, "panel": "performance"})
    chart, table, message, body_style = outputs[0], outputs[1], outputs[4], outputs[5]
    assert chart is None and table is None
    assert "No data" in text_of(message)
    assert body_style == HIDDEN
