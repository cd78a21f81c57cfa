"""A page arrives with its first view drawn: the layout Dash Pages asks for holds each panel's
chart, table, caption and downloads for the filters in the address (the chart and the table
kept in stores, put on the page when the card comes into view and when its Table tab opens),
and the shared panel callback leaves a card alone while the filters are those it shows."""

from __future__ import annotations

import json

from dash import no_update

from dashboard.panels.card import EMPTY_FIGURE, fill_panel
from indicators.viewer import SECRETARIAT
from tests.dashboard.helpers import app_for, text_of, url_of
from tests.dashboard.page_checks import FILL_OUTPUTS, fill, find, page_module, render
from tests.dashboard.test_missions import db  # noqa: F401  (the fixture: two missions' rows)

PAGE = "missions"
MINUSCA = {"mission": "MINUSCA"}


def card(layout, part: str, key: str):
    return find(layout, {"kind": f"pk-{part}", "page": PAGE, "panel": key})


def test_the_layout_holds_each_panel_drawn_for_the_address(db):  # noqa: F811
    app = app_for(url_of(db))
    layout = render(app, PAGE, "/missions", mission="minusca")  # codes as typed in the address
    chart = card(layout, "chart", "contributors").data  # the dcc.Graph, drawn once seen
    assert chart["type"] == "Graph" and chart["props"]["id"]["kind"] == "pk-figure"
    contributors = chart["props"]["figure"]
    assert contributors.data and contributors.data[0].type == "bar"
    # In the first row: the graph is in the page, drawn with it.
    view = card(layout, "chart-view", "contributors")
    assert view.children.figure == contributors and card(layout, "seen", "contributors").data
    # Further down: the chart's place keeps the figure's height, names the card's "seen"
    # store for assets/pkdash.js, and gets the graph when the card comes into view.
    view = card(layout, "chart-view", "fatalities")
    fatalities = card(layout, "chart", "fatalities").data["props"]["figure"]
    assert fatalities.data and card(layout, "seen", "fatalities").data is False
    assert view.children is None
    assert view.style == {"minHeight": f"{fatalities.layout.height}px"}
    assert json.loads(getattr(view, "data-pk-seen")) == {"kind": "pk-seen", "page": PAGE,
                                                         "panel": "fatalities"}
    # The same numbers, caption and links the callback gives for these filters.
    filled = fill(app, PAGE, "contributors", MINUSCA)
    assert contributors == filled["figure"]
    table = card(layout, "table", "contributors").data  # the Table tab's grid
    assert table == filled["table"] and table["props"]["rowData"] == filled["rows"] != []
    caption = text_of(card(layout, "caption", "contributors"))
    assert caption == filled["caption"] and "MINUSCA" in caption
    assert text_of(card(layout, "summary", "contributors")) == filled["summary"] != ""
    assert card(layout, "csv", "contributors").href == "/download/missions/contributors.csv" \
        "?mission=MINUSCA"
    assert "Real data" in text_of(card(layout, "badge", "contributors"))
    # The card records the filters it shows, in the form the filters store holds them.
    assert card(layout, "shown", "contributors").data == MINUSCA


def test_the_callback_leaves_a_card_showing_the_same_filters(db):  # noqa: F811
    app = app_for(url_of(db))
    spec = {"page": PAGE, "panel": "contributors"}
    with app.server.test_request_context("/"):
        assert fill_panel(MINUSCA, spec, MINUSCA) == (no_update,) * len(FILL_OUTPUTS)
        outputs = dict(zip(FILL_OUTPUTS, fill_panel({}, spec, MINUSCA), strict=True))
    assert outputs["shown"] == {} and "All missions" in outputs["caption"]
    assert outputs["chart"]["props"]["figure"].data


def test_hidden_comparison_is_drawn_once_the_filters_show_it(db):  # noqa: F811
    app = app_for(url_of(db))
    layout = render(app, PAGE, "/missions", mission="MINUSCA")
    for panel in page_module(PAGE).COMPARISON:  # hidden for one mission: not drawn yet
        assert card(layout, "chart", panel.key).data["props"]["figure"] == EMPTY_FIGURE
        assert text_of(card(layout, "caption", panel.key)) == ""
        assert card(layout, "shown", panel.key).data == MINUSCA
    both = {"mission": "MINUSCA,UNMISS"}
    with app.server.test_request_context("/"):
        outputs = fill_panel(both, {"page": PAGE, "panel": "compare-strength"}, MINUSCA)
    filled = dict(zip(FILL_OUTPUTS, outputs, strict=True))
    assert filled["chart"]["props"]["figure"].data and filled["shown"] == both
    shown = render(app, PAGE, "/missions", mission="MINUSCA,UNMISS")
    assert card(shown, "chart", "compare-strength").data["props"]["figure"].data


def test_a_card_the_filters_hide_is_not_built_until_they_show_it(db):  # noqa: F811
    """Issue 19: one mission hides the comparison, so the callback builds none of its cards
    (the browser still asks for every card when the filters change)."""
    app = app_for(url_of(db))
    spec = {"page": PAGE, "panel": "compare-women"}
    both = {"mission": "MINUSCA,UNMISS"}
    with app.server.test_request_context("/"):
        assert fill_panel(MINUSCA, spec, both) == (no_update,) * len(FILL_OUTPUTS)
        assert fill_panel({}, spec, both) == (no_update,) * len(FILL_OUTPUTS)
        # Shown by the filters again: built (from a card first drawn for one mission).
        outputs = dict(zip(FILL_OUTPUTS, fill_panel(both, spec, MINUSCA), strict=True))
    assert outputs["shown"] == both and outputs["chart"]["props"]["figure"].data


def test_a_database_that_does_not_answer_leaves_the_cards_to_the_callback(tmp_path):
    app = app_for(f"sqlite:///{tmp_path / 'empty.sqlite'}")  # no tables
    for module, path in (("women", "/women"), ("missions", "/missions")):
        layout = render(app, module, path, viewer=SECRETARIAT)  # every card, restricted too
        for panel in page_module(module).PANELS:
            key = {"page": module, "panel": panel.key}
            # Marked as showing no filters: the callback draws it when the filters change.
            assert find(layout, {"kind": "pk-shown", **key}).data is None
            chart = find(layout, {"kind": "pk-chart", **key}).data
            assert chart["props"]["figure"] == EMPTY_FIGURE
            assert "the database did not answer" in text_of(
                find(layout, {"kind": "pk-message", **key}))
