"""The "since" control in the filter bar, kept in the address as ?since= (a date, an ISO
timestamp, a data version "v3", or a saved briefing "briefing-<token>"), its notice and the place
of the "What changed" panel (the callback: dashboard/shell/since_sync.py)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from dashboard.i18n.change_words import long_day
from dashboard.panels.changes import PANEL
from indicators.briefings import own_briefings
from indicators.i18n import _
from indicators.versions import recent_versions
from indicators.viewer import Viewer

SINCE = "pk-filter-since"
SINCE_NOTICE = "pk-since-notice"
PARAMETER = "since"
VERSIONS_LISTED = 24  # the latest builds offered; older ones by typing ?since=v3 or a date


def since_options(engine: Engine, viewer: Viewer, account_id: int | None = None) -> list[dict]:
    """The latest data versions, then the reader's own saved briefings (none for an
    anonymous reader); [] when the database cannot say (the page says so elsewhere)."""
    try:
        versions = recent_versions(engine, VERSIONS_LISTED)
        briefings = own_briefings(engine, account_id, viewer)
    except SQLAlchemyError:
        return []
    options = [{"label": _("Data version v{id} of {day}").format(
        id=number, day=long_day(created)), "value": f"v{number}"}
        for number, created in versions]
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
