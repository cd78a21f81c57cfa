"""The chart card, one component (Dash's All-in-One pattern): its ids, its markup (chart and
table of the same numbers, caption with source and "as of", downloads), and the callbacks
that fill every card on every page when the filters change."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, State, dcc, html, no_update
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from dashboard.i18n.grid_locale import grid_locale_options
from dashboard.i18n.plotly_locale import graph_config
from dashboard.panels.about import about_box
from dashboard.panels.badges import illustrative_badge, real_badge
from dashboard.panels.spec import Panel, find_panel, seen_by, shown_for
from dashboard.panels.text import panel_title
from dashboard.panels.view import build_view
from dashboard.web.callback_registry import app_callback, app_clientside_callback
from dashboard.web.context import current_engine, filters_to_show
from dashboard.web.ids import STORE
from dashboard.web.page_cache import mark_incomplete
from dashboard.web.viewer import current_viewer
from indicators.compute import QueryError, one_data_version
from indicators.filters import Filters
from indicators.i18n import DEFAULT_LOCALE, _, current_locale


def ids(part: str, page: str, key: str) -> dict:
    """Component ids are dicts scoped by page and panel, so pages never collide."""
    return {"kind": f"pk-{part}", "page": page, "panel": key}


def _every_card(part: str) -> dict:  # the id of a part of every card, for their callbacks
    return ids(part, MATCH, MATCH)


def download_href(page: str, key: str, fmt: str, query: dict[str, str]) -> str:
    return f"/download/{page}/{key}.{fmt}" + (f"?{urlencode(query)}" if query else "")


@dataclass(frozen=True)
class CardContents:
    """What a card shows for one set of filters: the properties the shared callback sets, in
    its output order. `query` is those filters as the filters store holds them (None when the
    card could not be drawn, so the callback tries again)."""

    chart: dict | None  # chart_graph(): the chart, drawn once the card comes into view
    table: dict | None  # table_grid(): the Table tab's grid
    caption: Any
    summary: Any
    message: Any
    body_style: dict
    badge: Any
    csv_href: str
    xlsx_href: str
    png_href: str
    svg_href: str
    query: dict | None

    def outputs(self) -> tuple:
        return tuple(getattr(self, field.name) for field in dataclasses.fields(self))


EMPTY_FIGURE = {"data": [], "layout": {"height": 320}}
CHART_HEIGHT = 320  # px kept for a chart not drawn yet, when its figure does not say


# A card's chart is drawn with the page when the card is in its first screen (`eager`), or
# else put on the page once the card comes near the window (assets/pkdash.js sets the card's
# "seen" store); then it follows the card's chart store. Charts below the fold cost nothing
# until someone scrolls to them.
SHOW_CHART_JS = """function (chart, seen) {
    return seen ? chart : window.dash_clientside.no_update;
}"""

# The Table tab's grid is put on the page when the tab is first opened, and then follows the
# card's table store. A grid takes the browser noticeable time to set up (its code loads
# only with the first one), and a page has up to a dozen cards whose tables few people open.
SHOW_TABLE_JS = """function (activeTab, table) {
    return activeTab === "table" ? table : window.dash_clientside.no_update;
}"""


TOPOJSON_URL = "/assets/topojson/"

def table_grid(page: str, key: str, rows: list[dict], columns: list[dict]) -> dict:
    """The card's numbers as a sortable, filterable grid, in the JSON form the card's table
    store keeps until the Table tab shows it."""
    return dag.AgGrid(
        id=ids("grid", page, key),
        rowData=rows, columnDefs=columns,
        defaultColDef={"sortable": True, "resizable": True, "filter": True},
        dashGridOptions={"domLayout": "autoHeight", "ensureDomOrder": True,
                         "suppressColumnVirtualisation": True, **grid_locale_options()},
        className="ag-theme-alpine", style={"height": None},
        csvExportParams={"fileName": f"{page}-{key}.csv"},
    ).to_plotly_json()


def chart_graph(page: str, key: str, figure) -> dict:
    """The card's chart, in the JSON form the card's chart store keeps until it is seen."""
    return dcc.Graph(id=ids("figure", page, key), config={
        "displaylogo": False, "responsive": True,
        # The camera saved a bare picture, without title, source or the illustrative mark:
        # the card's PNG and SVG downloads, drawn on the server, carry them instead.
        "modeBarButtonsToRemove": ["toImage"],
        # Map outlines are vendored in assets/: plotly's default is a CDN, unreachable offline.
        "topojsonURL": TOPOJSON_URL,
        **graph_config(),  # the mode bar in the reader's language
    }, figure=figure).to_plotly_json()


app_clientside_callback(SHOW_CHART_JS, Output(_every_card("chart-view"), "children"),
                        Input(_every_card("chart"), "data"), Input(_every_card("seen"), "data"),
                        prevent_initial_call=True)


app_clientside_callback(SHOW_TABLE_JS, Output(_every_card("table-view"), "children"),
                        Input(_every_card("tabs"), "active_tab"),
                        Input(_every_card("table"), "data"),
                        prevent_initial_call=True)


def panel_card(page: str, panel: Panel, title: str, contents: CardContents | None = None,
               shown: dict | None = None, eager: bool = False) -> html.Section:
    """The card, showing `contents` (its first view, drawn with the page) or empty. The shared
    callback fills it whenever the filters differ from those it shows (`shown`, or
    `contents.query`). `title` is already in the current language (panels.text.panel_title);
    the note, declared in English with N_(), is translated here."""
    heading_id = f"pk-{page}-{panel.key}-title"
    if contents is None:
        contents = CardContents(None, None, None, None, None, {}, None, "#", "#", "#", "#",
                                shown)
    # Every card starts with its graph (empty until the callback fills it, if need be).
    chart = contents.chart or chart_graph(page, panel.key, EMPTY_FIGURE)
    # The chart's place keeps its height until it is drawn, so that the page does not move.
    height = getattr(chart["props"]["figure"], "layout", None)
    height = getattr(height, "height", None) or CHART_HEIGHT
    eager = eager and contents.chart is not None  # nothing to draw yet: wait to be seen
    # An eager card's graph is in the page; any other's place names its "seen" store.
    watched = {} if eager else {"data-pk-seen": json.dumps(ids("seen", page, panel.key))}
    view = dcc.Loading(html.Div(dcc.Graph(**chart["props"]) if eager else None,
                                 id=ids("chart-view", page, panel.key),
                                 style={"minHeight": f"{height}px"}, **watched),
                        type="dot", delay_show=300)
    return html.Section(dbc.Card([
        dbc.CardHeader([
            html.H2(title or panel.title, id=heading_id, className="h5 mb-1"),
            html.Span(contents.badge, id=ids("badge", page, panel.key)),
            html.P(_(panel.note), className="small text-muted mb-0") if panel.note else None,
        ]),
        dbc.CardBody([
            dcc.Store(id=ids("spec", page, panel.key), data={"page": page, "panel": panel.key}),
            dcc.Store(id=ids("shown", page, panel.key), data=contents.query),
            dcc.Store(id=ids("chart", page, panel.key), data=chart),
            dcc.Store(id=ids("seen", page, panel.key), data=eager),
            dcc.Store(id=ids("table", page, panel.key), data=contents.table),
            html.Div(contents.message, id=ids("message", page, panel.key), role="status"),
            html.Div(dbc.Tabs([
                dbc.Tab(view, label=_("Chart"), tab_id="chart"),
                dbc.Tab(html.Div(id=ids("table-view", page, panel.key)), label=_("Table"),
                        tab_id="table"),
            ], active_tab="chart", id=ids("tabs", page, panel.key)),
                id=ids("body", page, panel.key), style=contents.body_style),
            html.P(contents.summary, id=ids("summary", page, panel.key),
                   className="pk-summary mt-2 mb-1"),
            html.P(contents.caption, id=ids("caption", page, panel.key),
                   className="small text-muted mb-2"),
            about_box(page, panel, ids),
            html.Div([
                html.Span(_("Download these numbers:") + " ", className="small"),
                html.A("CSV", id=ids("csv", page, panel.key), href=contents.csv_href,
                       className="btn btn-sm btn-outline-primary me-1",
                       title=_("These numbers as a CSV file")),
                html.A("Excel", id=ids("xlsx", page, panel.key), href=contents.xlsx_href,
                       className="btn btn-sm btn-outline-primary me-2",
                       title=_("These numbers as an Excel workbook, with their sources")),
                html.Span(_("This chart as an image:") + " ", className="small"),
                *[html.A(fmt.upper(), id=ids(fmt, page, panel.key), href=href,
                         className="btn btn-sm btn-outline-primary me-1",
                         title=_("This chart as a picture with its title, filters, source, "
                                 "as of and, for generated data, the illustrative mark"))
                  for fmt, href in (("png", contents.png_href), ("svg", contents.svg_href))],
            ], role="group", **{"aria-label": _("Download these numbers")}),
        ]),
    ], className="mb-4"), className="pk-panel", **{"aria-labelledby": heading_id})


@app_callback(
    Output(_every_card("chart"), "data"),
    Output(_every_card("table"), "data"),
    Output(_every_card("caption"), "children"),
    Output(_every_card("summary"), "children"),
    Output(_every_card("message"), "children"),
    Output(_every_card("body"), "style"),
    Output(_every_card("badge"), "children"),
    Output(_every_card("csv"), "href"),
    Output(_every_card("xlsx"), "href"),
    Output(_every_card("png"), "href"),
    Output(_every_card("svg"), "href"),
    Output(_every_card("shown"), "data"),
    Input(STORE, "data"),
    Input(_every_card("spec"), "data"),
    State(_every_card("shown"), "data"),
    # Pages arrive with their cards drawn (card()): nothing to do when one appears.
    prevent_initial_call=True,
)
def fill_panel(query, spec, shown=None):
    """Every panel on every page: compute its numbers for the filters, draw, tabulate, cite.
    A card already showing these filters is left as it is."""
    with one_data_version():  # the filters' codes and the card read one version, once
        return _fill(query, spec, shown)


def _fill(query, spec, shown):
    filters = filters_to_show(query, shown)
    panel = find_panel(spec["page"], spec["panel"])
    if filters is None or _hidden(spec["page"], panel, filters):
        return (no_update,) * 12
    # A panel the viewer may not see: compute() raises NotPermitted, answered 401/403
    # (dashboard.web.errors), whatever the request names.
    return card_contents(spec["page"], panel, filters, current_engine()).outputs()


def _hidden(page: str, panel: Panel | None, filters: Filters) -> bool:
    """A card the filters hide (page's rule) is not built; its "shown" store keeps what it
    shows, so it is filled once they show it. One the viewer may not see is still refused."""
    return bool(panel and seen_by((panel,), current_viewer())) and not shown_for(page, panel,
                                                                               filters)


def card(page: str, panel: Panel, filters: Filters | None, title: str = "",
         draw: bool = True, eager: bool = False) -> html.Section | None:
    """A panel's card showing its first view for `filters` (None: the database did not
    answer, and the card says so). Its chart is drawn when the card comes into view, or with
    the page if `eager` (cards in the page's first screen). `draw=False`, for cards hidden in
    the first view: left empty, and filled by the shared callback once the filters change
    (which is what shows them)."""
    if not seen_by((panel,), current_viewer()):
        return None  # absent for this viewer, not greyed (issue 16)
    title = title or panel_title(panel)
    if filters is None:
        return panel_card(page, panel, title, not_drawn(None))
    if not draw:
        return panel_card(page, panel, title, shown=filters.to_query())
    return panel_card(page, panel, title, card_contents(page, panel, filters, current_engine()),
                      eager=eager)


def card_contents(page: str, panel: Panel, filters: Filters, engine: Engine) -> CardContents:
    """What a panel's card shows for these filters: numbers, chart, table and caption."""
    query = filters.to_query()
    # A saved download link keeps the language it was offered in (English: no parameter).
    language = {} if current_locale() == DEFAULT_LOCALE else {"lang": current_locale()}
    hrefs = tuple(download_href(page, panel.key, fmt, {**query, **language})
                  for fmt in ("csv", "xlsx", "png", "svg"))
    try:
        view = build_view(panel, filters, engine, current_viewer())
    except (QueryError, SQLAlchemyError) as error:
        return not_drawn(error, hrefs)
    badge = illustrative_badge() if view.illustrative else real_badge()
    if view.figure is None:
        return CardContents(None, None, view.caption, "",
                            _alert(view.message, "info"), {"display": "none"}, badge, *hrefs,
                            query=query)
    return CardContents(chart_graph(page, panel.key, view.figure),
                        table_grid(page, panel.key, view.rows, view.columns),
                        view.caption, view.summary, None, {}, badge, *hrefs, query=query)


def not_drawn(error: Exception | None, hrefs: tuple[str, ...] = ("#",) * 4) -> CardContents:
    """A card that says the database did not answer; the callback tries again when the
    filters change, and the page holding it is not kept for the next reader."""
    mark_incomplete()
    if error is None:
        text = _("This chart could not be drawn: the database did not answer. Try again, or "
                 "check the data sources page.")
    else:
        text = _("This chart could not be drawn: the database did not answer ({error}). Try "
                 "again, or check the data sources page.").format(error=type(error).__name__)
    message = _alert(text)
    return CardContents(None, None, "", "", message, {"display": "none"},
                        None, *hrefs, query=None)


def _alert(text: str, colour: str = "warning"):
    return dbc.Alert(text, color=colour, className="mb-2")
