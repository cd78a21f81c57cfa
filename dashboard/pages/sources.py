"""Indicators and sources page: every indicator from the catalogue, then what is loaded, from
whom, for which months, and how to load the rest."""

from __future__ import annotations

import datetime as dt
import logging

import dash
import dash_bootstrap_components as dbc
from dash import html
from sqlalchemy import Engine

from dashboard.i18n import PRODUCT_NAME
from dashboard.i18n.sentences import sentence
from dashboard.panels.indicator_list import badge, indicator_section
from dashboard.web.context import current_engine, current_settings
from indicators.i18n import N_, _, current_locale, format_day, format_number
from indicators.serialize import catalogue_payload
from indicators.status import (
    FETCH_COMMAND,
    ImportLogEntry,
    SourceStatus,
    StatusUnavailable,
    import_log,
    source_status,
)

PAGE = "sources"
PATH = "/indicators"  # "/" is the overview
NAME = N_("Indicators and sources")  # registered in English; shown through _()
IMPORT_LOG_LIMIT = 20
# import_log.status values, as a reader should see them.
OUTCOMES = {"loaded": N_("loaded"), "replaced": N_("replaced"), "rejected": N_("rejected"),
            "unchanged": N_("unchanged")}

log = logging.getLogger(__name__)

dash.register_page(
    __name__, nav_label=N_("Indicators"),
    path=PATH,
    name=NAME,
    title=f"{NAME} · {PRODUCT_NAME}",  # dashboard.i18n.language shows it in the reader's language
    description=N_("Every indicator's definition and source; which official sources are "
                   "loaded, their coverage, as-of dates and citations."),
    order=10,  # after the nine topic pages
    nav=True,
)


def ids(part: str) -> dict[str, str]:
    """Component ids scoped to this page, so no other page can collide with them."""
    return {"page": PAGE, "part": part}


def layout(**_query: str) -> html.Div:
    """Called by Dash Pages on each visit: read the status fresh, never at import."""
    return sources_view(current_engine(), show_detail=current_settings().debug)


def sources_view(engine: Engine, show_detail: bool = False) -> html.Div:
    # The catalogue is code, so the indicator list shows even when the database is down.
    indicators = catalogue_payload(current_locale())
    try:
        statuses = source_status(engine)
        history = import_log(engine, IMPORT_LOG_LIMIT)
    except StatusUnavailable as problem:
        log.warning("data sources page: %s (%s)", problem.kind, problem.detail)
        return page([intro(), database_problem(problem, engine, show_detail),
                     indicator_section(indicators, None)])
    loaded = [status for status in statuses if status.loaded]
    missing = [status for status in statuses if not status.loaded]
    children = [intro(), indicator_section(indicators, {s.slug: s for s in statuses}),
                html.H2(_("Data sources"), id="data-sources", className="mt-4")]
    if not loaded:
        children.append(nothing_loaded())
    else:
        children.append(loaded_table(loaded))
    if missing:
        children.append(missing_list(missing))
    children.append(import_history(history))
    return page(children)


def page(children: list) -> html.Div:
    return html.Div(children, id=ids("page"))


def intro() -> html.Div:
    return html.Div([
        html.H1(_(NAME)),
        html.P([
            _("What each indicator means and how it is computed, what the dashboard has "
              "loaded, who published it, and which months it covers."), " ",
            *sentence(_("{real} data come from official public files."),
                      real=badge(illustrative=False)), " ",
            *sentence(_("{illustrative} data are generated for areas with no public data, and "
                        "are labelled wherever they appear."),
                      illustrative=badge(illustrative=True)),
        ], className="lead"),
        html.P([html.A(_("Indicators"), href="#indicators"), " · ",
                html.A(_("Data sources"), href="#data-sources")], className="small"),
    ])


def loaded_table(loaded: list[SourceStatus]) -> html.Section:
    header = html.Thead(html.Tr([
        html.Th(_(label), scope="col", className=align)
        for label, align in ((N_("Source"), ""), (N_("Publisher"), ""),
                             (N_("Rows loaded"), "text-end"), (N_("Coverage"), ""),
                             (N_("As of"), ""), (N_("Data"), ""), (N_("Citation"), ""))
    ]))
    body = html.Tbody([
        html.Tr([
            html.Th(status.title, scope="row"),
            html.Td(status.publisher),
            html.Td(format_number(status.rows), className="text-end pk-number"),
            html.Td(status.coverage_label or "—", className="text-nowrap"),
            html.Td(day_label(status.as_of), className="text-nowrap"),
            html.Td(badge(status.illustrative)),
            html.Td(status.citation, className="small pk-citation"),
        ], id=ids(f"row-{status.slug}"))
        for status in loaded
    ])
    table = dbc.Table(
        [html.Caption(_("1 loaded source") if len(loaded) == 1
                      else _("{count} loaded sources").format(count=format_number(len(loaded)))),
         header, body],
        id=ids("table"), striped=True, bordered=False, className="align-middle caption-top",
    )
    return html.Section([
        html.H3(_("Loaded"), id=ids("loaded-heading"), className="h4"),
        scroll_region(table, _("Loaded sources")),
    ])


def missing_list(missing: list[SourceStatus]) -> html.Section:
    items = []
    for status in missing:
        where = []
        if status.url:
            where = [" ", *sentence(
                _("Published at {page} (file: {file})."),
                page=html.A(status.landing_page or status.url,
                            href=status.landing_page or status.url),
                file=html.A(status.url.rsplit("/", 1)[-1], href=status.url))]
        items.append(html.Li([
            html.Strong(status.title), " ", badge(status.illustrative),
            html.Br(),
            html.Span(status.publisher, className="text-body-secondary"), html.Br(),
            *sentence(_("Load it with {command}."), command=html.Code(status.how_to_load)),
            *where,
        ], className="mb-3", id=ids(f"missing-{status.slug}")))
    return html.Section([
        html.H3(_("Not loaded yet"), className="h4"),
        html.P(_("These sources are known to the dashboard but are not in its database.")),
        html.Ul(items, className="list-unstyled", id=ids("missing")),
    ])


def import_history(history: list[ImportLogEntry]) -> html.Section:
    if not history:
        return html.Section([html.H3(_("Recent imports"), className="h4"),
                             html.P(_("No imports recorded yet."))])
    header = html.Thead(html.Tr([
        html.Th(_(label), scope="col", className=align)
        for label, align in ((N_("Finished (UTC)"), ""), (N_("Source"), ""), (N_("File"), ""),
                             (N_("Outcome"), ""), (N_("Rows read"), "text-end"),
                             (N_("Loaded"), "text-end"), (N_("Set aside"), "text-end"),
                             (N_("Message"), ""))
    ]))
    body = html.Tbody([
        html.Tr([
            html.Td(moment_label(entry.finished_at), className="text-nowrap"),
            html.Td(entry.source),
            html.Td(entry.file_name), html.Td(_(OUTCOMES.get(entry.status, entry.status))),
            html.Td(format_number(entry.rows_read), className="text-end pk-number"),
            html.Td(format_number(entry.rows_loaded), className="text-end pk-number"),
            html.Td(format_number(entry.rows_set_aside), className="text-end pk-number"),
            html.Td(entry.message, className="small"),
        ])
        for entry in history
    ])
    caption = (_("The only import attempt") if len(history) == 1
               else _("The last {count} import attempts, newest first").format(
                   count=format_number(len(history))))
    table = dbc.Table([html.Caption(caption), header, body],
                      id=ids("import-log"), size="sm", className="caption-top")
    return html.Section([html.H3(_("Recent imports"), className="h4"),
                         scroll_region(table, _("Recent imports"))])


def nothing_loaded() -> dbc.Alert:
    return dbc.Alert([
        html.H2(_("No data loaded yet"), className="h4 alert-heading"),
        html.P(sentence(_("The database is reachable but holds no source. Download and load "
                          "the official files with {command}; the sources it will load are "
                          "listed below."), command=html.Code(FETCH_COMMAND)),
               className="mb-0"),
    ], color="info", id=ids("empty"))


def database_problem(problem: StatusUnavailable, engine: Engine, show_detail: bool
                     ) -> dbc.Alert:
    if problem.kind == "not_migrated":
        heading = _("The database is empty")
        advice = sentence(_("It has no tables yet. Create them and load the official files "
                            "with {command}."), command=html.Code(FETCH_COMMAND))
    else:
        heading = _("The database cannot be reached")
        advice = sentence(_("Check that {variable} names the right database and that its "
                            "server is running, then reload this page."),
                          variable=html.Code("DATABASE_URL"))
    children = [html.H2(heading, className="h4 alert-heading"), html.P(advice)]
    if show_detail:  # driver messages can name hosts and users: only in development
        children.append(html.P([
            _("Database:"), " ", html.Code(engine.url.render_as_string(hide_password=True)),
            html.Br(), _("Detail:"), " ", html.Code(problem.detail),
        ], className="small mb-0"))
    return dbc.Alert(children, color="warning", id=ids("problem"))


def scroll_region(table, label: str) -> html.Div:
    """Wide tables scroll sideways; a focusable labelled region lets keyboards scroll too."""
    return html.Div(table, className="table-responsive", tabIndex="0", role="region",
                    **{"aria-label": label})


def day_label(day: dt.date | None) -> str:
    """31 Aug 2014 (en) / 31 août 2014 (fr)."""
    return format_day(day) if day else "—"


def moment_label(moment: dt.datetime | None) -> str:
    """Times are stored in UTC; SQLite hands them back naive, PostgreSQL with a zone."""
    if moment is None:
        return "—"
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return f"{day_label(moment.date())} {moment:%H:%M}"
