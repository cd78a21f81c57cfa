"""Panels: what a page declares (an indicator, a grouping, a chart kind) and the card each
becomes — chart and table of the same numbers, caption with source and "as of", downloads."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, dcc, html

from dashboard.i18n.grid_locale import grid_locale_options
from dashboard.i18n.plotly_locale import graph_config
from dashboard.web.callback_registry import app_clientside_callback
from indicators.filters import Filters
from indicators.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import Engine

TOPOJSON_URL = "/assets/topojson/"
CHART_KINDS = ("line", "bars", "split", "heat", "number", "sankey", "pipeline",
               "map", "parity")


@dataclass(frozen=True)
class Panel:
    """One chart on a page. `by` are the indicator's dimensions to group by; `x` and `series`
    say which of them go on the axis and in the legend."""

    key: str
    indicator: str
    by: tuple[str, ...] = ()
    chart: str = "bars"
    title: str = ""
    x: str | None = None
    series: str | None = None
    top: int = 15
    categories: tuple[str, ...] = ()  # this panel only shows these categories
    target: bool = False  # draw the indicator's target column
    note: str = ""  # one sentence under the title: why this chart matters
    order: tuple[str, ...] = ()  # fixed order of the values shown (a pipeline's stages)
    # Maps (filters, engine) to the filters this panel computes with, when it needs a set
    # the filter bar cannot express (a country and its peers). Lives in `indicators` or the
    # page module; the caption then describes the filters it returns.
    filters_hook: Callable[[Filters, Engine], Filters] | None = None
    # Values of other dimensions this panel keeps, e.g. (("stage", "final"),): computed by
    # them too, then selected and dropped, so the chart and table see `by` only.
    where: tuple[tuple[str, str], ...] = ()

    def __post_init__(self):
        if self.chart not in CHART_KINDS:
            raise ValueError(f"panel {self.key}: chart must be one of {CHART_KINDS}")

    def filters_for(self, filters: Filters) -> Filters:
        """The page filters narrowed by the panel's own category subset, if any."""
        if not self.categories:
            return filters
        wanted = tuple(c for c in self.categories if not filters.categories
                       or c in filters.categories)
        # If the person's choice excludes every category this panel is about, show nothing
        # rather than silently widening their filter.
        return dataclasses.replace(filters, categories=wanted or ("-none-",))


# Which of a page's panels it shows for some filters (`register_page`'s `shows`).
VisibilityRule = Callable[[Panel, Filters], bool]

_REGISTRY: dict[str, dict[str, Panel]] = {}
_SHOWN: dict[str, VisibilityRule] = {}


def _always(_panel: Panel, _filters: Filters) -> bool:
    return True


def register_page(module: str, panels: tuple[Panel, ...], shows: VisibilityRule | None = None,
                  **page: Any) -> str:
    """Register a page once: with Dash Pages (`page` are dash.register_page's keywords: path,
    name, order, ...), and its panels, with the rule for which of them it shows for some
    filters (all of them unless `shows` says otherwise), so the shared callback, the downloads
    and the exports ask the registry, never a page module. Returns the page's name, its
    module's (`dashboard.pages.missions` -> `missions`). Named as Dash's on purpose: Dash
    imports only the page files that say `register_page`."""
    name = module.rpartition(".")[2]
    keys = [panel.key for panel in panels]
    if len(set(keys)) != len(keys):
        raise ValueError(f"page {name}: two panels share a key")
    dash.register_page(module, **page)
    _REGISTRY[name] = {panel.key: panel for panel in panels}
    _SHOWN[name] = shows or _always
    return name


def find_panel(page: str, key: str) -> Panel | None:
    return _REGISTRY.get(page, {}).get(key)


def registered_pages() -> tuple[str, ...]:
    """The pages that declared panels, by name (`overview`, `women`, ...)."""
    return tuple(sorted(_REGISTRY))


def page_panels(page: str) -> tuple[Panel, ...]:
    return tuple(_REGISTRY.get(page, {}).values())


def visible_panels(page: str, filters: Filters) -> tuple[Panel, ...]:
    """The page's panels that its layout shows for these filters, by the page's own rule."""
    shows = _SHOWN.get(page, _always)
    return tuple(panel for panel in page_panels(page) if shows(panel, filters))


def ids(part: str, page: str, key: str) -> dict:
    """Component ids are dicts scoped by page and panel, so pages never collide."""
    return {"kind": f"pk-{part}", "page": page, "panel": key}


def download_href(page: str, key: str, fmt: str, query: dict[str, str]) -> str:
    suffix = f"?{urlencode(query)}" if query else ""
    return f"/download/{page}/{key}.{fmt}{suffix}"


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
        "toImageButtonOptions": {"filename": f"{page}-{key}"},
        # Map outlines are vendored in assets/: plotly's default is a CDN, unreachable offline.
        "topojsonURL": TOPOJSON_URL,
        **graph_config(),  # the mode bar in the reader's language
    }, figure=figure).to_plotly_json()


def _any_card(part: str) -> dict:
    return {"kind": f"pk-{part}", "page": MATCH, "panel": MATCH}


app_clientside_callback(SHOW_CHART_JS, Output(_any_card("chart-view"), "children"),
                        Input(_any_card("chart"), "data"), Input(_any_card("seen"), "data"),
                        prevent_initial_call=True)
app_clientside_callback(SHOW_TABLE_JS, Output(_any_card("table-view"), "children"),
                        Input(_any_card("tabs"), "active_tab"), Input(_any_card("table"), "data"),
                        prevent_initial_call=True)


def panel_card(page: str, panel: Panel, title: str, contents: CardContents | None = None,
               shown: dict | None = None, eager: bool = False) -> html.Section:
    """The card, showing `contents` (its first view, drawn with the page) or empty. The shared
    callback fills it whenever the filters differ from those it shows (`shown`, or
    `contents.query`). `title` is already in the current language (page_builder.panel_title);
    the note, declared in English with N_(), is translated here."""
    heading_id = f"pk-{page}-{panel.key}-title"
    if contents is None:
        contents = CardContents(None, None, None, None, None, {}, None, "#", "#", shown)
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
            html.Div([
                html.Span(_("Download these numbers:") + " ", className="small"),
                html.A("CSV", id=ids("csv", page, panel.key), href=contents.csv_href,
                       className="btn btn-sm btn-outline-primary me-1",
                       title=_("These numbers as a CSV file")),
                html.A("Excel", id=ids("xlsx", page, panel.key), href=contents.xlsx_href,
                       className="btn btn-sm btn-outline-primary",
                       title=_("These numbers as an Excel workbook, with their sources")),
            ], role="group", **{"aria-label": _("Download these numbers")}),
        ]),
    ], className="mb-4"), className="pk-panel", **{"aria-labelledby": heading_id})
