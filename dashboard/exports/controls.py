"""The "briefing pack" controls on every chart page and the progress of a background export:
buttons start a job, a timer asks how far it is, a link appears when the file is ready."""

from __future__ import annotations

from urllib.parse import parse_qs

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update

from dashboard.exports.jobs import JobRefused
from dashboard.exports.request import ExportRequestError, read_export_request
from dashboard.exports.routes import export_limits, job_payload, refused_message, submit_export
from dashboard.panels.spec import page_panels
from dashboard.web.callback_registry import app_callback
from dashboard.web.context import current_engine
from dashboard.web.ids import URL
from dashboard.web.viewer import current_viewer
from indicators.i18n import _, current_locale

JOB_STORE = "pk-export-job"
POLL = "pk-export-poll"
STATUS = "pk-export-status"
BAR = "pk-export-bar"
POLL_MS = 500
# Button id → format, in the order shown.
PAGE_BUTTONS = {"pk-export-pptx": "pptx", "pk-export-pdf": "pdf", "pk-export-xlsx": "xlsx"}
FORMAT_NAMES = {"pptx": "PowerPoint", "pdf": "PDF", "xlsx": "Excel"}


def export_bar() -> html.Div:
    """Shown on pages with charts (the callback hides it elsewhere)."""
    buttons = [dbc.Button(FORMAT_NAMES[fmt], id=button, size="sm", color="secondary",
                          outline=True, className="me-1", n_clicks=0)
               for button, fmt in PAGE_BUTTONS.items()]
    # The flex row is inside: Bootstrap's d-flex is !important and would beat display:none.
    return html.Div(html.Div([
        html.Span(_("Briefing pack of this page, as filtered:"), className="small me-2"),
        *buttons,
    ], className="d-flex flex-wrap align-items-center"), id=BAR, className="pk-export-bar mb-2",
        style={"display": "none"})


def export_status() -> html.Div:
    """Progress of the current export; shared by the page buttons and the briefing builder."""
    return html.Div([
        dcc.Store(id=JOB_STORE),
        dcc.Interval(id=POLL, interval=POLL_MS, disabled=True),
        html.Div(id=STATUS, role="status", **{"aria-live": "polite"}),
    ])


def page_of(pathname: str | None) -> str | None:
    """The export name of the page at a path (`overview` for `/`), if it has charts."""
    for entry in dash.page_registry.values():
        if entry["relative_path"] == (pathname or "/"):
            name = entry["module"].rsplit(".", 1)[-1]
            return name if page_panels(name) else None
    return None


def start(page: str, fmt: str, search: str | None, extra: dict | None = None) -> dict:
    """Check and queue an export; what the job store holds (a job id, or the problems)."""
    query = parse_qs((search or "").lstrip("?"))
    query.setdefault("lang", [current_locale()])
    query.update(extra or {})
    try:
        export = read_export_request(page, fmt, query, current_engine(), export_limits().charts,
                                     current_viewer())
        return {"id": submit_export(export).id, "format": fmt}
    except ExportRequestError as error:
        return {"error": str(error)}
    except JobRefused as refused:
        return {"error": refused_message(refused)}


@app_callback(Output(BAR, "style"), Input(URL, "pathname"))
def show_bar(pathname):
    return {} if page_of(pathname) else {"display": "none"}


@app_callback(
    Output(JOB_STORE, "data"),
    *[Input(button, "n_clicks") for button in PAGE_BUTTONS],
    State(URL, "pathname"),
    State(URL, "search"),
    prevent_initial_call=True,
)
def start_page_export(*args):
    pathname, search = args[-2], args[-1]
    page = page_of(pathname)
    if ctx.triggered_id not in PAGE_BUTTONS or not any(args[:-2]) or page is None:
        return no_update
    return start(page, PAGE_BUTTONS[ctx.triggered_id], search)


@app_callback(
    Output(STATUS, "children"),
    Output(POLL, "disabled"),
    Input(JOB_STORE, "data"),
    Input(POLL, "n_intervals"),
)
def show_progress(job, _ticks):
    """Poll until the job is done or failed, then stop the timer and offer the file."""
    if not job:
        return None, True
    if job.get("error"):
        return dbc.Alert([html.Strong(_("The export was not made: ")), job["error"]],
                         color="warning", className="mb-2"), True
    status = job_payload(job["id"])
    if status is None:
        return dbc.Alert(_("This export has expired; please start it again."), color="warning",
                         className="mb-2"), True
    if status["state"] == "failed":
        return dbc.Alert(_("The export failed: {error}").format(error=status["error"]),
                         color="danger", className="mb-2"), True
    if status["state"] == "done":
        return dbc.Alert([
            _("Your file is ready: "),
            html.A(status["filename"], href=status["file_url"], className="alert-link",
                   id="pk-export-file", download=status["filename"]),
        ], color="success", className="mb-2"), True
    label = (_("Drawing {what} ({done} of {total})").format(
        what=status["what"], done=status["done"], total=status["total"])
        if status["total"] else _("Starting…"))
    return html.Div([
        html.Span(label, className="small"),
        dbc.Progress(value=max(status["percent"], 5), striped=True, animated=True,
                     className="mb-2", label=f"{status['percent']}%"),
    ]), False
