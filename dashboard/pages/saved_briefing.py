"""A saved briefing (/briefings/<token>): what it was, what changed in the data since it was
made, and both sets of numbers: the pack as made (while its file is kept), and the same pack
with today's data, made on a click with its progress shown, like the page export buttons."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html, no_update
from sqlalchemy import Engine

from dashboard.exports.controls import JOB_STORE, start
from dashboard.i18n.change_words import long_day, version_words
from dashboard.panels.changes import changes_panel
from dashboard.web.briefings import pruned_words
from dashboard.web.callback_registry import app_callback
from dashboard.web.context import current_engine
from dashboard.web.page_cache import mark_incomplete
from dashboard.web.viewer import current_viewer
from indicators.briefings import Briefing, find_briefing
from indicators.change_scope import narrow
from indicators.filters import Filters
from indicators.i18n import N_, _
from indicators.lookups import labels
from indicators.since import SinceError, changes_for, read_since
from indicators.versions import version_info
from indicators.vocabulary import load_vocabulary

dash.register_page(__name__, path_template="/briefings/<token>",
                   name=N_("Saved briefing"), nav=False)
TODAY = "pk-briefing-today"  # the button that makes the same pack with today's data
TODAY_ADDRESS = "pk-briefing-today-address"
PAGE_ID = {"page": "briefing-saved", "part": "page"}


def layout(token: str = "", **_query: str) -> html.Div:
    engine = current_engine()
    # Never kept: whether the file is still kept, and the reader's own links, may change
    # without a new data version.
    mark_incomplete()
    briefing = find_briefing(engine, token, current_viewer())
    if briefing is None:
        return html.Div([html.H1(_("Saved briefing")), html.P(
            _("No saved briefing by this address that you may open."))], id=PAGE_ID)
    body = [html.H1(briefing.title), html.P(_about(briefing, engine))]
    if not briefing.kept:
        body.append(dbc.Alert(pruned_words(), color="secondary", className="pk-briefing-pruned"))
    body += [_changes(briefing, engine), _today(briefing)]
    return html.Div(body, id=PAGE_ID)


def _about(briefing: Briefing, engine: Engine) -> str:
    info = version_info(engine, briefing.data_version) if briefing.data_version else None
    made = _("Made on {day} as {format}").format(day=long_day(briefing.created),
                                                 format=briefing.fmt.upper())
    return made + (" " + _("from {version}.").format(version=version_words(info))
                   if info else ".")


def _links(briefing: Briefing) -> list[tuple[str, str]]:
    links = ([(_("The briefing as made (old numbers)"), f"{briefing.path}/file")]
             if briefing.kept else [])
    if briefing.page_address:
        links.append((_("This view now"), briefing.page_address))
    return links


def _changes(briefing: Briefing, engine: Engine):
    links = _links(briefing)
    try:
        since = read_since(engine, briefing.since_value, current_viewer())
        changes = changes_for(engine, since)
    except SinceError as error:
        return html.Div([html.P(str(error)), html.P([html.A(words, href=href)
                                                     for words, href in links[:1]])])
    if changes is None:
        return html.P(_("No data version has been recorded yet."))
    filters, _problems = Filters.from_query(_query_of(briefing), load_vocabulary(engine))
    narrowed, hidden = narrow(changes, filters)
    return changes_panel("briefing", narrowed, day=since.day, hidden=hidden,
                         country_names=labels(engine).get("country", {}), links=links)


def _today(briefing: Briefing) -> html.Div:
    """A button, not a link to /export/…: that address answers a browser with the job's
    JSON until the file is ready. The shell's export status shows progress, then the file."""
    return html.Div([
        dcc.Store(id=TODAY_ADDRESS, data=briefing.address),
        dbc.Button(_("The same pack with today's data"), id=TODAY, color="primary",
                   size="sm", n_clicks=0),
    ], className="mb-3")


def _query_of(briefing: Briefing) -> dict:
    return {key: ",".join(values) for key, values in parse_qs(briefing.query).items()}


def split_address(address: str) -> tuple[str, str, str]:
    """"/export/women.pdf?mission=UNMISS" → ("women", "pdf", "?mission=UNMISS")."""
    parts = urlsplit(address)
    page, _dot, fmt = parts.path.removeprefix("/export/").rpartition(".")
    return page, fmt, f"?{parts.query}" if parts.query else ""


@app_callback(
    Output(JOB_STORE, "data", allow_duplicate=True),
    Input(TODAY, "n_clicks"),
    State(TODAY_ADDRESS, "data"),
    prevent_initial_call=True,
)
def make_today(clicks, address):
    """The pack again from its own address, now: checked and queued as the page's buttons
    do (the reader's own scope and account; a restricted pack's page is not shown to
    another scope in the first place)."""
    if not clicks or not address:
        return no_update
    page, fmt, search = split_address(address)
    return start(page, fmt, search)
