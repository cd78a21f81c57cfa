"""Briefing builder: collect charts from any page into one pack, order them, title it, export it
(PowerPoint, PDF or Excel) with the filters of the filter bar."""

from __future__ import annotations

from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard.exports.controls import FORMAT_NAMES, JOB_STORE, start
from dashboard.exports.request import BRIEFING
from dashboard.exports.routes import export_limits
from dashboard.panels.spec import find_panel, page_panels, seen_by
from dashboard.panels.text import panel_title
from dashboard.web.callback_registry import app_callback
from dashboard.web.ids import URL
from dashboard.web.viewer import current_viewer
from indicators.i18n import N_, _

dash.register_page(__name__, path="/briefing", name=N_("Briefing builder"),
                   nav_label=N_("Briefing"), order=90, title="Briefing builder")

CHARTS = "pk-briefing-charts"  # the chosen charts, kept in the browser between visits
PICKER = "pk-briefing-picker"
ADD = "pk-briefing-add"
LIST = "pk-briefing-list"
TITLE = "pk-briefing-title"
LINK = "pk-briefing-link"
BUTTONS = {"pk-briefing-pptx": "pptx", "pk-briefing-pdf": "pdf", "pk-briefing-xlsx": "xlsx"}


def chart_name(page: str, key: str) -> str:
    """'Women in peacekeeping — Women's share by mission', in the current language."""
    panel = find_panel(page, key)
    if panel is None:
        return f"{page}/{key}"
    return f"{_(_page_name(page))} — {panel_title(panel)}"


def _page_name(page: str) -> str:
    for entry in dash.page_registry.values():
        if entry["module"].rsplit(".", 1)[-1] == page:
            return entry["name"]
    return page


def chart_options() -> list[dict]:
    """Every chart of every page the viewer may see, in navbar order."""
    viewer = current_viewer()
    pages = sorted((entry for entry in dash.page_registry.values()),
                   key=lambda entry: (entry.get("order") is None, entry.get("order") or 0))
    options = []
    for entry in pages:
        page = entry["module"].rsplit(".", 1)[-1]
        options += [{"label": chart_name(page, panel.key), "value": f"{page}/{panel.key}"}
                    for panel in seen_by(page_panels(page), viewer)]
    return options


def layout(**_query):
    return html.Div([
        html.H1(_("Briefing builder"), className="h2"),
        html.P(_("Collect charts from any page into one pack, put them in the order of your "
                 "briefing, give it a title and export it. Every chart uses the filters "
                 "above; the pack carries the same numbers as the pages."), className="lead"),
        dcc.Store(id=CHARTS, storage_type="local"),
        dbc.Row([
            dbc.Col([
                dbc.Label(_("Pack title"), html_for=TITLE),
                dbc.Input(id=TITLE, type="text", maxLength=200,
                          placeholder=_("e.g. Briefing for the Fifth Committee")),
            ], md=6),
        ], className="mb-3"),
        dbc.Row([
            dbc.Col([
                dbc.Label(_("Add a chart"), html_for=PICKER),
                dcc.Dropdown(id=PICKER, options=chart_options(), clearable=True,
                             placeholder=_("Choose a chart…")),
            ], md=9),
            dbc.Col(dbc.Button(_("Add to the pack"), id=ADD, color="primary", n_clicks=0,
                               className="mt-md-4"), md=3),
        ], className="mb-3"),
        html.H2(_("Charts in the pack"), className="h5"),
        html.Div(id=LIST, className="mb-3"),
        html.Div([
            html.Span(_("Export the pack:"), className="me-2"),
            *[dbc.Button(FORMAT_NAMES[fmt], id=button, color="primary", outline=True,
                         className="me-1", n_clicks=0) for button, fmt in BUTTONS.items()],
        ], className="mb-2"),
        html.P(id=LINK, className="small text-muted"),
    ])


def _move_id(action: str) -> dict:
    return {"kind": "pk-briefing-move", "action": action, "index": ALL}


@app_callback(
    Output(CHARTS, "data"),
    Input(ADD, "n_clicks"),
    Input(_move_id("up"), "n_clicks"),
    Input(_move_id("down"), "n_clicks"),
    Input(_move_id("remove"), "n_clicks"),
    State(PICKER, "value"),
    State(CHARTS, "data"),
    prevent_initial_call=True,
)
def edit_pack(_add, _up, _down, _remove, chosen, charts):
    """Add the chosen chart, or move/remove one: the list is the pack's order."""
    charts = list(charts or [])
    trigger = ctx.triggered_id
    if trigger == ADD:
        # The deployment's PKDASH_EXPORT_MAX_CHARTS, so the builder never makes a pack the
        # export door would refuse (nor stops short of one it would accept).
        if not chosen or chosen in charts or len(charts) >= export_limits().charts:
            return no_update
        return [*charts, chosen]
    if not isinstance(trigger, dict) or not ctx.triggered[0]["value"]:
        return no_update  # a list redraw, not a click
    index, action = trigger["index"], trigger["action"]
    if not 0 <= index < len(charts):
        return no_update
    if action == "remove":
        return charts[:index] + charts[index + 1:]
    other = index - 1 if action == "up" else index + 1
    if 0 <= other < len(charts):
        charts[index], charts[other] = charts[other], charts[index]
    return charts


@app_callback(
    Output(LIST, "children"),
    Output(LINK, "children"),
    Input(CHARTS, "data"),
    Input(TITLE, "value"),
    Input(URL, "search"),
)
def show_pack(charts, title, search):
    charts = [chart for chart in charts or [] if find_panel(*chart.split("/", 1))]
    if not charts:
        return (dbc.Alert(_("No charts yet: choose one above and press “Add to the pack”."),
                          color="light"), None)
    rows = [html.Li([
        html.Span(chart_name(*chart.split("/", 1)), className="me-2"),
        dbc.ButtonGroup([
            dbc.Button("↑", id={"kind": "pk-briefing-move", "action": "up", "index": i},
                       size="sm", outline=True, color="secondary", disabled=i == 0,
                       title=_("Move up")),
            dbc.Button("↓", id={"kind": "pk-briefing-move", "action": "down", "index": i},
                       size="sm", outline=True, color="secondary",
                       disabled=i == len(charts) - 1, title=_("Move down")),
            dbc.Button("✕", id={"kind": "pk-briefing-move", "action": "remove", "index": i},
                       size="sm", outline=True, color="danger", title=_("Remove")),
        ], size="sm"),
    ], className="d-flex justify-content-between align-items-center mb-1")
        for i, chart in enumerate(charts)]
    link = pack_address("pptx", charts, title, search)
    return html.Ol(rows, className="pk-briefing-list"), [
        _("Stable address of this pack: "), html.A(link, href=link, className="text-break")]


def pack_address(fmt: str, charts: list[str], title: str | None, search: str | None) -> str:
    """/export/briefing.<fmt>?chart=…&title=…&<filters>: the same pack from a script."""
    query = [("chart", ",".join(charts))]
    if title:
        query.append(("title", title))
    extra = (search or "").lstrip("?")
    return f"/export/{BRIEFING}.{fmt}?{urlencode(query, safe=',/')}" + (
        f"&{extra}" if extra else "")


@app_callback(
    Output(JOB_STORE, "data", allow_duplicate=True),
    *[Input(button, "n_clicks") for button in BUTTONS],
    State(CHARTS, "data"),
    State(TITLE, "value"),
    State(URL, "search"),
    prevent_initial_call=True,
)
def export_pack(*args):
    charts, title, search = args[-3], args[-2], args[-1]
    if ctx.triggered_id not in BUTTONS or not any(args[:-3]):
        return no_update
    if not charts:
        return {"error": _("the pack has no charts yet")}
    extra = {"chart": [",".join(charts)], **({"title": [title]} if title else {})}
    return start(BRIEFING, BUTTONS[ctx.triggered_id], search, extra)
