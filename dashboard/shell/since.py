"""The "since" control in the filter bar, kept in the address as ?since= (a date, an ISO
timestamp, a data version "v3", or a saved briefing "briefing-12"), and the callback that
shows the "What changed" panel for it, or says in the notice area what was wrong."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update
from indicators.versions import latest_version_id, version_info
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from dashboard.i18n.change_words import long_day
from dashboard.panels.changes import PANEL, changes_panel
from dashboard.web.callback_registry import app_callback
from dashboard.web.context import current_engine, stored_filters
from dashboard.web.ids import STORE, URL
from dashboard.web.viewer import current_viewer
from indicators.briefings import latest_briefings
from indicators.change_scope import narrow
from indicators.i18n import _
from indicators.lookups import labels
from indicators.since import SinceError, changes_for, read_since
from indicators.viewer import Viewer

SINCE = "pk-filter-since"
SINCE_NOTICE = "pk-since-notice"
PARAMETER = "since"
VERSIONS_LISTED = 24  # the latest builds offered; older ones by typing ?since=v3 or a date


def since_options(engine: Engine, viewer: Viewer) -> list[dict]:
    """The latest data versions, then the saved briefings the viewer may open; [] when the
    database cannot say (the page says so elsewhere)."""
    try:
        latest = latest_version_id(engine)
        versions = [version_info(engine, number)
                    for number in range(latest or 0, max(0, (latest or 0) - VERSIONS_LISTED), -1)]
        briefings = latest_briefings(engine, viewer)
    except SQLAlchemyError:
        return []
    options = [{"label": _("Data version v{id} of {day}").format(
        id=info.id, day=long_day(info.created_at)), "value": f"v{info.id}"}
        for info in versions if info is not None]
    options += [{"label": _("Your briefing of {day}: {title}").format(
        day=long_day(briefing.created), title=briefing.title), "value": briefing.since_value}
        for briefing in briefings]
    return options


def since_control(options: list[dict]) -> dbc.Row:
    return dbc.Row([dbc.Col([
        dbc.Label(_("What changed since"), html_for=SINCE, className="small mb-1"),
        dcc.Dropdown(id=SINCE, options=options, multi=False, clearable=True,
                     persistence=False, placeholder=_("A data version or a saved briefing")),
    ], md=6, xxl=4, xs=12, className="mb-2")], className="g-2")


def since_notice() -> dbc.Alert:
    return dbc.Alert(id=SINCE_NOTICE, color="warning", is_open=False, dismissable=True,
                     className="mt-2 mb-0")


def since_panel() -> html.Div:
    return html.Div(id=PANEL)


@app_callback(
    Output(URL, "search", allow_duplicate=True),
    Output(SINCE, "value"),
    Output(SINCE, "options"),
    Output(PANEL, "children"),
    Output(SINCE_NOTICE, "children"),
    Output(SINCE_NOTICE, "is_open"),
    Input(URL, "search"),
    Input(SINCE, "value"),
    Input(STORE, "data"),
    State(SINCE, "options"),
    prevent_initial_call="initial_duplicate",
)
def show_changes(search, chosen, query, options):
    """The control sets the address; the address (a pasted link, back/forward) sets the
    control; either way the panel follows, narrowed by the page's mission/country filters."""
    current = parse_qs((search or "").lstrip("?"))
    if ctx.triggered_id == SINCE:
        text = chosen or ""
        new_search = _with_since(current, text)
    else:
        text = (current.get(PARAMETER) or [""])[0]
        new_search = no_update
    options = list(options or [])
    if not text:
        return new_search, None, options, [], [], False
    engine = current_engine()
    try:
        since = read_since(engine, text, current_viewer())
        changes = changes_for(engine, since)
    except SinceError as error:
        problem = html.Span([html.Strong(_("The “since” value was not understood and was "
                                           "ignored:")), f" since={text}: {error}"])
        return _with_since(current, ""), None, options, [], problem, True
    if changes is None:
        return new_search, text, options, [], _("No data version has been recorded yet."), True
    if text not in {option["value"] for option in options}:
        options.append({"label": text, "value": text})
    narrowed, hidden = narrow(changes, stored_filters(query or {}))
    panel = changes_panel(since.kind, narrowed, day=since.day, hidden=hidden,
                          country_names=labels(engine).get("country", {}),
                          links=_briefing_links(since))
    return new_search, text, options, panel, [], False


def _with_since(current: dict, text: str) -> str:
    query = {key: ",".join(values) for key, values in current.items() if key != PARAMETER}
    if text:
        query[PARAMETER] = text
    return f"?{urlencode(query, safe=',')}" if query else ""


def _briefing_links(since) -> list[tuple[str, str]]:
    """A saved briefing offers both: its pack as made (the old numbers) and now (the new)."""
    briefing = since.briefing
    if briefing is None:
        return []
    links = [(_("The briefing as made (old numbers)"), f"/briefings/{briefing.id}/file"),
             (_("The same pack with today's data"), briefing.address)]
    if briefing.page_address:
        links.append((_("This view now"), briefing.page_address))
    links.append((_("About this briefing"), f"/briefings/{briefing.id}"))
    return links
