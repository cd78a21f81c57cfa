"""The since control's callback: address <-> control, and the "What changed" panel for the
since value, narrowed by the page's filters, or the notice naming what was wrong."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from dash import Input, Output, State, ctx, html, no_update

from dashboard.panels.changes import PANEL, changes_panel
from dashboard.shell.since import PARAMETER, SINCE, SINCE_NOTICE
from dashboard.web.callback_registry import app_callback
from dashboard.web.context import current_engine, stored_filters
from dashboard.web.ids import STORE, URL
from dashboard.web.viewer import current_viewer
from indicators.change_scope import narrow
from indicators.i18n import _
from indicators.lookups import labels
from indicators.since import SinceError, changes_for, read_since


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
    links = ([(_("The briefing as made (old numbers)"), f"{briefing.path}/file")]
             if briefing.kept else [])
    if briefing.page_address:
        links.append((_("This view now"), briefing.page_address))
    # Its page offers the same pack with today's data (a click starts it, shows progress).
    links.append((_("About this briefing"), briefing.path))
    return links
