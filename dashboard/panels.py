"""Panels: what a page declares (an indicator, a grouping, a chart kind) and the card each
becomes — chart and table of the same numbers, caption with source and "as of", downloads."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from indicators.filters import Filters

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Engine

TOPOJSON_URL = "/assets/topojson/"
CHART_KINDS = ("line", "bars", "split", "heat", "number", "sankey", "pipeline",
               "map")


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


_REGISTRY: dict[str, dict[str, Panel]] = {}


def register_panels(page: str, panels: tuple[Panel, ...]) -> tuple[Panel, ...]:
    """Record a page's panels so the shared callback and the download route can find them."""
    keys = [panel.key for panel in panels]
    if len(set(keys)) != len(keys):
        raise ValueError(f"page {page}: two panels share a key")
    _REGISTRY[page] = {panel.key: panel for panel in panels}
    return panels


def find_panel(page: str, key: str) -> Panel | None:
    return _REGISTRY.get(page, {}).get(key)


def registered_pages() -> tuple[str, ...]:
    """The pages that declared panels, by name (`overview`, `women`, ...)."""
    return tuple(sorted(_REGISTRY))


def page_panels(page: str) -> tuple[Panel, ...]:
    return tuple(_REGISTRY.get(page, {}).values())


def ids(part: str, page: str, key: str) -> dict:
    """Component ids are dicts scoped by page and panel, so pages never collide."""
    return {"kind": f"pk-{part}", "page": page, "panel": key}


def download_href(page: str, key: str, fmt: str, query: dict[str, str]) -> str:
    suffix = f"?{urlencode(query)}" if query else ""
    return f"/download/{page}/{key}.{fmt}{suffix}"


def panel_card(page: str, panel: Panel, title: str) -> html.Section:
    """The empty card; the shared callback fills it whenever the filters change."""
    heading_id = f"pk-{page}-{panel.key}-title"
    chart = dcc.Loading(
        dcc.Graph(id=ids("figure", page, panel.key), config={
            "displaylogo": False, "responsive": True,
            "toImageButtonOptions": {"filename": f"{page}-{panel.key}"},
            # Map outlines are vendored in assets/: plotly's default is a CDN, unreachable offline.
            "topojsonURL": TOPOJSON_URL,
        }, figure={"data": [], "layout": {"height": 320}}),
        type="dot", delay_show=300,
    )
    table = dag.AgGrid(
        id=ids("grid", page, panel.key),
        rowData=[], columnDefs=[],
        defaultColDef={"sortable": True, "resizable": True, "filter": True},
        dashGridOptions={"domLayout": "autoHeight", "ensureDomOrder": True,
                         "suppressColumnVirtualisation": True},
        className="ag-theme-alpine", style={"height": None},
        csvExportParams={"fileName": f"{page}-{panel.key}.csv"},
    )
    return html.Section(dbc.Card([
        dbc.CardHeader([
            html.H2(title or panel.title, id=heading_id, className="h5 mb-1"),
            html.Span(id=ids("badge", page, panel.key)),
            html.P(panel.note, className="small text-muted mb-0") if panel.note else None,
        ]),
        dbc.CardBody([
            dcc.Store(id=ids("spec", page, panel.key), data={"page": page, "panel": panel.key}),
            html.Div(id=ids("message", page, panel.key), role="status"),
            html.Div(dbc.Tabs([
                dbc.Tab(chart, label="Chart", tab_id="chart"),
                dbc.Tab(table, label="Table", tab_id="table"),
            ], active_tab="chart"), id=ids("body", page, panel.key)),
            html.P(id=ids("summary", page, panel.key), className="pk-summary mt-2 mb-1"),
            html.P(id=ids("caption", page, panel.key), className="small text-muted mb-2"),
            html.Div([
                html.Span("Download these numbers: ", className="small"),
                html.A("CSV", id=ids("csv", page, panel.key), href="#",
                       className="btn btn-sm btn-outline-primary me-1"),
                html.A("Excel", id=ids("xlsx", page, panel.key), href="#",
                       className="btn btn-sm btn-outline-primary"),
            ]),
        ]),
    ], className="mb-4"), className="pk-panel", **{"aria-labelledby": heading_id})
