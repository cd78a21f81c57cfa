"""The capability gaps and partnerships page, without a browser, and its flow figures."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures.flows import flow_sankey, pipeline_bars
from indicators.compute import compute
from indicators.filters import Filters
from indicators.illustrative import generate
from indicators.viewer import ANONYMOUS, SECRETARIAT, Viewer
from tests.dashboard.helpers import app_for, insert_version, text_of, url_of
from tests.dashboard.page_checks import (
    check_declarations,
    fill,
    find,
    ids_in,
    page_entry,
    page_module,
    render,
)

PAGE = "partnerships"
RWANDA = Viewer("member-state", frozenset({"RWA"}), "Rwanda delegation")
REAL = "capability-presence"


@pytest.fixture
def generated(engine):
    generate(engine)
    return engine


def panels():
    return page_module(PAGE).PANELS


def test_page_is_registered_at_its_path_in_order():
    entry = page_entry(PAGE)
    assert (entry["path"], entry["order"], entry["name"]) == (
        "/partnerships", 8, "Capability gaps and partnerships")


def test_panels_name_known_indicators_and_allowed_cuts():
    check_declarations(PAGE, panels())
    assert {p.indicator for p in panels()} == {
        "capability-gaps-open", "partnerships", "partnership-value", "supported-unit-score",
        "capability-presence", "capability-gap-loop", "support-effect"}


def test_layout_builds_and_says_which_chart_is_real(tmp_path):
    app = app_for(f"sqlite:///{tmp_path / 'db.sqlite'}")
    layout = render(app, PAGE, "/partnerships", viewer=SECRETARIAT)
    assert [i["panel"] for i in ids_in(layout, "pk-chart")] == [p.key for p in panels()]
    notice = text_of(find(layout, {"kind": "pk-notice", "page": PAGE}))
    assert "Geo-PKO" in notice and "generated" in notice
    assert "real data" in text_of(layout).lower()


def test_restricted_cards_are_absent_for_the_public_and_for_a_delegation(tmp_path):
    """Open gaps are the Secretariat's; supported units' scores are for delegations too
    (issue 16). Absent, not greyed."""
    app = app_for(f"sqlite:///{tmp_path / 'db.sqlite'}")
    public = ["flows", "status-count", "status-value", REAL]
    shown = {viewer: [i["panel"] for i in ids_in(render(app, PAGE, "/partnerships",
                                                        viewer=viewer), "pk-chart")]
             for viewer in (ANONYMOUS, RWANDA, SECRETARIAT)}
    assert shown[ANONYMOUS] == public
    assert shown[RWANDA] == ["flows", "status-count", "status-value", "supported-scores",
                             "supported-by-area", REAL]
    assert shown[SECRETARIAT] == [p.key for p in panels()]


def test_every_generated_panel_fills_and_is_badged_illustrative(generated):
    app = app_for(url_of(generated))
    for panel in panels():
        if panel.key == REAL:
            continue
        view = fill(app, PAGE, panel.key, viewer=SECRETARIAT)
        assert view["message"] is None, (panel.key, view["message"])
        assert view["figure"].data and view["rows"] and view["summary"], panel.key
        assert "Illustrative data" in text_of(view["badge"])


def test_geo_pko_panel_is_badged_real_and_says_when_not_loaded(generated):
    view = fill(app_for(url_of(generated)), PAGE, REAL)
    assert "Real data" in text_of(view["badge"])
    assert "not loaded yet" in text_of(view["message"])


def test_status_pipeline_keeps_pledged_matched_delivered_order(generated):
    view = fill(app_for(url_of(generated)), PAGE, "status-count")
    bars = view["figure"].data[0]
    order = ["Pledged", "Matched", "Delivered"]
    assert list(bars.x) == [name for name in order if name in bars.x]
    assert view["summary"].startswith("Capacity-building partnerships: Pledged ")


def test_sankey_carries_every_partnership(generated):
    view = fill(app_for(url_of(generated)), PAGE, "flows")
    sankey = view["figure"].data[0]
    assert sankey.type == "sankey"
    total = compute("partnerships", Filters(), (), engine=generated).loc[0, "value"]
    assert sum(sankey.link.value) == total == sum(row["value"] for row in view["rows"])
    assert view["rows"][0]["provider_name"]  # the table names the countries too


def test_before_and_after_support_in_that_order(generated):
    view = fill(app_for(url_of(generated)), PAGE, "supported-scores", viewer=SECRETARIAT)
    assert list(view["figure"].data[0].x) == ["Before support", "After support"]
    split = fill(app_for(url_of(generated)), PAGE, "supported-by-area", viewer=SECRETARIAT)
    assert [trace.name for trace in split["figure"].data] == ["Before support", "After support"]
    assert split["figure"].layout.barmode == "group"  # mean scores do not stack


def test_capability_presence_is_shown_when_geo_pko_is_loaded(generated):
    insert_version(generated, source="geo-pko-unit-types", title="Geo-PKO v2.3: unit types",
                   file_name="geo.csv", as_of=pd.Timestamp("2024-12-31").date())
    view = fill(app_for(url_of(generated)), PAGE, REAL)
    # Loaded but with no rows: the message says so, with the source's coverage (no command,
    # and no filters blamed when none is set).
    assert text_of(view["message"]).startswith(
        "No data: the sources are loaded but hold nothing for ")
    assert "Geo-PKO v2.3: unit types covers" in text_of(view["message"])
    assert "Geo-PKO v2.3: unit types, as of 31 Dec 2024" in view["caption"]


# --- figures ------------------------------------------------------------------------------

def flows_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "provider": ["CAN", "CAN", "USA", "NPL", "FRA"],
        "recipient": ["GHA", "NPL", "GHA", "GHA", "SEN"],
        "value": [3, 1, 2, 1, 1],
    })


def test_sankey_gives_each_side_its_own_nodes():
    figure = flow_sankey(flows_frame(), "provider", "recipient", labels={"NPL": "Nepal"})
    sankey = figure.data[0]
    # Nepal gives and receives: one node on each side, so no link loops back.
    assert list(sankey.node.label).count("Nepal") == 2
    assert sum(sankey.link.value) == 8
    assert all(s < len(set(flows_frame()["provider"])) for s in sankey.link.source)


def test_sankey_pools_the_smallest_into_other():
    sankey = flow_sankey(flows_frame(), "provider", "recipient", top=2).data[0]
    labels = list(sankey.node.label)
    assert labels[:2] == ["CAN", "Other providers"]
    assert "Other recipients" in labels
    assert sum(sankey.link.value) == 8  # pooling moves numbers, never drops them


def test_pipeline_follows_the_given_order_then_the_rest():
    frame = pd.DataFrame({"status": ["delivered", "pledged", "cancelled", "matched"],
                          "value": [5, 9, 1, 7]})
    bars = pipeline_bars(frame, "status", ("pledged", "matched", "delivered"),
                         labels={"pledged": "Pledged"}).data[0]
    assert list(bars.x) == ["Pledged", "matched", "delivered", "cancelled"]
    assert list(bars.y) == [9, 7, 5, 1]
