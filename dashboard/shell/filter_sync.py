"""The filter bar's callbacks: URL <-> filter controls <-> filters store, and nav links that
keep the filters (the cards follow the store: panels/card.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import dash
from dash import ALL, Input, Output, State, ctx, html, no_update

from dashboard.shell.filterbar import (
    ALL_MISSION_TYPES,
    CLEAR,
    CONTROLS,
    NOTICES,
    PERIOD_MONTHS,
    period_options,
)
from dashboard.web.callback_registry import app_callback
from dashboard.web.context import current_engine
from dashboard.web.ids import STORE, URL
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
    Output(CONTROLS["from"], "options"),
    Output(CONTROLS["to"], "options"),
    Input(URL, "search"),
    *[Input(control, "value") for control in CONTROLS.values()],
    Input(CLEAR, "n_clicks"),
    State(PERIOD_MONTHS, "data"),
)
def sync_filters(search, missions, countries, categories, start, end, mission_type, _clear,
                 period=None):
    """Whichever side changed (address bar or controls) sets the other, and the store. The
    period controls get their choices with their values: a dropdown drops a value that is
    not among its choices."""
    current = _query_from_search(search)
    problems = []
    vocabulary = load_vocabulary(current_engine())
    trigger = ctx.triggered_id
    if trigger == CLEAR:
        query: dict = {}
    elif trigger in CONTROLS.values():
        query = {"mission": missions or [], "country": countries or [],
                 "category": categories or [], "from": start or "", "to": end or "",
                 "mission-type": "" if mission_type == ALL_MISSION_TYPES else mission_type or ""}
        if "gender" in current:
            query["gender"] = current["gender"]
    else:  # first load, back/forward, or a pasted link
        query = current
    filters, problems = Filters.from_query(query, vocabulary)
    # Parameters that are not filters (e.g. lang) stay in the address bar untouched.
    others = {k: v for k, v in current.items() if k not in FILTER_PARAMETERS}
    new_search = _search({**others, **filters.to_query()})
    notices = _notice(problems)
    start = filters.period_from.strftime("%Y-%m") if filters.period_from else None
    end = filters.period_to.strftime("%Y-%m") if filters.period_to else None
    return (
        new_search if new_search != (search or "") else no_update,
        list(filters.missions), list(filters.countries), list(filters.categories), start, end,
        filters.mission_type or ALL_MISSION_TYPES,
        filters.to_query(),
        notices, bool(problems),
        period_options(period, "from", start), period_options(period, "to", end),
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
