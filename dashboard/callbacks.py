"""The few shared callbacks: URL <-> filter controls <-> filters store, nav links that keep
the filters, and one pattern-matching callback that fills every panel on every page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, MATCH, Input, Output, State, ctx, html, no_update
from sqlalchemy.exc import SQLAlchemyError

from dashboard.callback_registry import app_callback
from dashboard.context import current_engine
from dashboard.filterbar import CLEAR, CONTROLS, NOTICES, STORE, URL
from dashboard.panel_view import build_view
from dashboard.panels import download_href, find_panel
from indicators.compute import QueryError
from indicators.filters import FILTER_PARAMETERS, Filters
from indicators.i18n import _
from indicators.vocabulary import load_vocabulary


def _query_from_search(search: str | None) -> dict[str, list[str]]:
    return parse_qs((search or "").lstrip("?"), keep_blank_values=False)


@app_callback(
    Output(URL, "search"),
    *[Output(control, "value") for control in CONTROLS.values()],
    Output(STORE, "data"),
    Output(NOTICES, "children"),
    Output(NOTICES, "is_open"),
    Input(URL, "search"),
    *[Input(control, "value") for control in CONTROLS.values()],
    Input(CLEAR, "n_clicks"),
)
def sync_filters(search, missions, countries, categories, start, end, _clear):
    """Whichever side changed (address bar or controls) sets the other, and the store."""
    current = _query_from_search(search)
    problems = []
    vocabulary = load_vocabulary(current_engine())
    trigger = ctx.triggered_id
    if trigger == CLEAR:
        query: dict = {}
    elif trigger in CONTROLS.values():
        query = {"mission": missions or [], "country": countries or [],
                 "category": categories or [], "from": start or "", "to": end or ""}
        if "gender" in current:
            query["gender"] = current["gender"]
    else:  # first load, back/forward, or a pasted link
        query = current
    filters, problems = Filters.from_query(query, vocabulary)
    # Parameters that are not filters (e.g. lang) stay in the address bar untouched.
    others = {k: v for k, v in current.items() if k not in FILTER_PARAMETERS}
    new_search = _search({**others, **filters.to_query()})
    notices = _notice(problems)
    return (
        new_search if new_search != (search or "") else no_update,
        list(filters.missions), list(filters.countries), list(filters.categories),
        filters.period_from.strftime("%Y-%m") if filters.period_from else None,
        filters.period_to.strftime("%Y-%m") if filters.period_to else None,
        filters.to_query(),
        notices, bool(problems),
    )


def _search(query: dict) -> str:
    flat = {k: ",".join(v) if isinstance(v, list) else v for k, v in query.items() if v}
    return f"?{urlencode(flat, safe=',')}" if flat else ""


def _notice(problems) -> list:
    if not problems:
        return []
    return [html.Strong(_("Some filters in the address were not recognised and were "
                          "ignored:")), " ",
            html.Ul([html.Li(str(problem)) for problem in problems], className="mb-0")]


@app_callback(
    Output({"page": "shell", "part": "nav", "to": ALL}, "href"),
    Input(STORE, "data"),
    State(URL, "search"),
    State({"page": "shell", "part": "nav", "to": ALL}, "id"),
)
def carry_filters_across_pages(query, current_search, link_ids):
    """Nav links carry the filters, and the other parameters of the address (lang), so the
    next page opens in the same view and the same language."""
    paths = {page["module"]: page["relative_path"] for page in dash.page_registry.values()}
    others = {k: v for k, v in _query_from_search(current_search).items()
              if k not in FILTER_PARAMETERS}
    search = _search({**others, **(query or {})})
    return [paths.get(link["to"], "/") + search for link in link_ids]


def _panel_id(part: str) -> dict:
    return {"kind": f"pk-{part}", "page": MATCH, "panel": MATCH}


@app_callback(
    Output(_panel_id("figure"), "figure"),
    Output(_panel_id("grid"), "rowData"),
    Output(_panel_id("grid"), "columnDefs"),
    Output(_panel_id("caption"), "children"),
    Output(_panel_id("summary"), "children"),
    Output(_panel_id("message"), "children"),
    Output(_panel_id("body"), "style"),
    Output(_panel_id("badge"), "children"),
    Output(_panel_id("csv"), "href"),
    Output(_panel_id("xlsx"), "href"),
    Input(STORE, "data"),
    Input(_panel_id("spec"), "data"),
)
def fill_panel(query, spec):
    """Every panel on every page: compute its numbers for the filters, draw, tabulate, cite."""
    if query is None:  # the filters store is filled by sync_filters first
        return (no_update,) * 10
    panel = find_panel(spec["page"], spec["panel"])
    engine = current_engine()
    filters, _problems = Filters.from_query(query, load_vocabulary(engine))
    hrefs = (download_href(spec["page"], spec["panel"], "csv", filters.to_query()),
             download_href(spec["page"], spec["panel"], "xlsx", filters.to_query()))
    try:
        view = build_view(panel, filters, engine)
    except (QueryError, SQLAlchemyError) as error:
        message = _alert("This chart could not be drawn: the database did not answer "
                         f"({type(error).__name__}). Try again, or check the data sources page.")
        return (no_update, [], [], "", "", message, {"display": "none"}, None, *hrefs)
    badge = _illustrative_badge() if view.illustrative else _real_badge()
    if view.figure is None:
        return ({"data": [], "layout": {}}, [], [], view.caption, "",
                _alert(view.message, "info"), {"display": "none"}, badge, *hrefs)
    return (view.figure, view.rows, view.columns, view.caption, view.summary, None, {}, badge,
            *hrefs)


def _alert(text: str, colour: str = "warning"):
    return dbc.Alert(text, color=colour, className="mb-2")


def _illustrative_badge():
    return html.Span("Illustrative data", className="badge pk-badge pk-badge-illustrative",
                     title="Generated for an area with no public data; not real numbers.")


def _real_badge():
    return html.Span("Real data", className="badge pk-badge pk-badge-real",
                     title="From official public files; see the caption for source and date.")
