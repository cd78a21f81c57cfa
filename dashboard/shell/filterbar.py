"""The global filter bar: mission, mission type, country, category and period, kept in the URL
query string with the same names as the API, so a copied link restores the view on any page."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, dcc, html
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from dashboard.shell.since import since_control, since_notice, since_options
from dashboard.web.callback_registry import app_clientside_callback
from dashboard.web.ids import STORE, URL
from dashboard.web.viewer import current_account_id, current_viewer
from indicators.filters import MISSION_TYPES
from indicators.i18n import N_, _, format_month
from indicators.place_names import country_name, mission_acronym, mission_name
from indicators.vocabulary import filter_choices

NOTICES = "pk-filter-notices"
CLEAR = "pk-filter-clear"
PERIOD_MONTHS = "pk-filter-months"
CONTROLS = {  # URL parameter -> control id
    "mission": "pk-filter-mission",
    "country": "pk-filter-country",
    "category": "pk-filter-category",
    "from": "pk-filter-from",
    "to": "pk-filter-to",
    "mission-type": "pk-filter-mission-type",
}
# The mission-type control's choice for no filter: a choice of its own, so the control reads
# "All" rather than being empty; it never reaches the address.
ALL_MISSION_TYPES = "all"
MISSION_TYPE_LABELS = {"peacekeeping": N_("Peacekeeping operations"),
                       "political": N_("Special political missions")}


def filter_options(engine: Engine) -> dict[str, Any]:
    """Choices for each control, read from the database (empty lists if it is unreachable),
    named in the current locale; the values are the codes, the same in every language.
    "period": the months the period controls choose from (see period_months)."""
    try:
        choices = filter_choices(engine)
    except SQLAlchemyError:
        return {**{name: [] for name in CONTROLS}, "mission-type": mission_type_options(),
                "period": period_months([]), "since": []}
    country_options = [{"label": f"{country_name(c, n)} ({c})", "value": c}
                       for c, n in choices.countries]
    return {
        "mission": [{"label": _mission_label(a, n), "value": a} for a, n in choices.missions],
        "country": sorted(country_options, key=lambda option: _sort_key(option["label"])),
        "category": [{"label": _(n), "value": s} for s, n in choices.categories],
        # The period controls get their choices in the browser (assets/period-options.js):
        # every month since 1948 would be two lists of 700 choices to send and index.
        "from": [],
        "to": [],
        "mission-type": mission_type_options(),
        "period": period_months(list(choices.months)),
        # Data versions, and the reader's own saved briefings.
        "since": since_options(engine, current_viewer(), current_account_id()),
    }


def mission_type_options() -> list[dict]:
    """All, then each mission type (the same whatever the database holds)."""
    return [{"label": _("All"), "value": ALL_MISSION_TYPES},
            *[{"label": _(MISSION_TYPE_LABELS[t]), "value": t} for t in MISSION_TYPES]]


def period_months(months: list[dt.date]) -> dict:
    """What both sides need to list the period choices: every month with data, latest first,
    as YYYY-MM; the months listed before anything is typed (one a year: From, each year's
    first month with data; To, its last); and each month's name in year 2000 in the current
    locale ("Jan 2000" / "janv. 2000"; the year is swapped in, so the labels are Babel's)."""
    values = [month.strftime("%Y-%m") for month in months]
    by_year: dict[str, list[str]] = {}
    for value in values:
        by_year.setdefault(value[:4], []).append(value)
    return {"months": values,
            "listed": {CONTROLS["from"]: [min(year) for year in by_year.values()],
                       CONTROLS["to"]: [max(year) for year in by_year.values()]},
            "labels": [_month_label(dt.date(2000, number, 1)) for number in range(1, 13)]}


def period_options(period: dict | None, control: str, value: str | None) -> list[dict]:
    """A period control's choices before anything is typed: one month a year, and the month
    chosen (from the address, say) so the control can show it. `control`: "from" or "to"."""
    if not period:
        return []
    values = list(period["listed"][CONTROLS[control]])
    if value and value not in values:
        values = sorted([*values, value], reverse=True)
    return [{"label": period["labels"][int(value[5:7]) - 1].replace("2000", value[:4]),
             "value": value} for value in values]


def _month_label(month: dt.date) -> str:
    return format_month(month)


def _mission_label(acronym: str, english: str | None) -> str:
    """"UNIFIL – United Nations Interim Force in Lebanon"; in French "FINUL (UNIFIL) – Force
    intérimaire des Nations Unies au Liban", so either acronym finds it."""
    shown = mission_acronym(acronym)
    if shown != acronym:
        shown = f"{shown} ({acronym})"
    name = mission_name(acronym, english)
    return f"{shown} – {name}" if name and name != acronym else shown


def _sort_key(label: str) -> str:
    """Alphabetical order that ignores accents and case: Égypte between Éthiopie and Équateur
    would be wrong, so É sorts as E."""
    decomposed = unicodedata.normalize("NFKD", label)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def dropdown_labels() -> dict[str, str]:
    """The words dcc.Dropdown writes itself (its search box, buttons, counts), translated;
    `{num_selected}` is filled in by the component, not by Python."""
    return {
        "select_all": _("Select all"),
        "deselect_all": _("Deselect all"),
        "selected_count": _("{num_selected} selected"),
        "search": _("Search"),
        "clear_search": _("Clear search"),
        "clear_selection": _("Clear selection"),
        "no_options_found": _("No options found"),
    }


def filter_bar(options: dict[str, Any]) -> html.Section:
    def control(name: str, label: str, multi: bool, width: int, xxl: int | None = None
                ) -> dbc.Col:
        return dbc.Col([
            dbc.Label(label, html_for=CONTROLS[name], className="small mb-1"),
            dcc.Dropdown(id=CONTROLS[name], options=options.get(name, []), multi=multi,
                         placeholder=_("All") if multi else _("Any"), clearable=True,
                         persistence=False, labels=dropdown_labels()),
        ], md=width, xxl=xxl or width, xs=12, className="mb-2")

    # Three fixed choices, one always chosen: nothing to search or clear.
    mission_type_control = dbc.Col([
        dbc.Label(_("Mission type"), html_for=CONTROLS["mission-type"], className="small mb-1"),
        dcc.Dropdown(id=CONTROLS["mission-type"], options=options.get("mission-type", []),
                     value=ALL_MISSION_TYPES, multi=False, clearable=False, searchable=False,
                     persistence=False, labels=dropdown_labels()),
    ], md=4, xxl=2, xs=12, className="mb-2")

    return html.Section([
        dcc.Location(id=URL, refresh=False),  # changes history only; never reloads the page
        dcc.Store(id=STORE, data=None),
        dcc.Store(id=PERIOD_MONTHS, data=options.get("period")),
        html.H2(_("Filters"), className="visually-hidden"),
        dbc.Row([
            # Six controls: one row on the widest screens (the period's two months share three
            # columns), two rows on narrower ones.
            control("mission", _("Mission"), True, 4, xxl=3),
            mission_type_control,
            control("country", _("Contributing country"), True, 4, xxl=2),
            control("category", _("Personnel category"), True, 4, xxl=2),
            dbc.Col(dbc.Row([control("from", _("From (month)"), False, 6),
                             control("to", _("To (month)"), False, 6)],
                            className="g-2 align-items-end"), md=8, xxl=3, xs=12),
        ], className="g-2 align-items-end"),
        since_control(options.get("since", [])),
        html.Div([
            dbc.Button(_("Clear filters"), id=CLEAR, color="link", size="sm", className="px-0"),
            html.Span(" · " + _("The address bar keeps your filters: copy it to share this "
                                "view."), className="small text-muted"),
        ]),
        dbc.Alert(id=NOTICES, color="warning", is_open=False, dismissable=True,
                  className="mt-2 mb-0"),
        since_notice(),
    ], className="pk-filterbar border-bottom pb-2 mb-4", **{"aria-label": _("Filters")})


# Once three letters are typed ("2013", "jul"), a period control lists every month that
# matches, worked out in the browser as the person types (assets/period-options.js).
# callbacks.sync_filters sets the choices (period_options) with each value it sets: the
# dropdown drops a value that is not among its choices.
for _name in ("from", "to"):
    app_clientside_callback(
        ClientsideFunction("pkdash_period", "options"),
        Output(CONTROLS[_name], "options", allow_duplicate=True),
        Input(CONTROLS[_name], "search_value"),
        State(CONTROLS[_name], "value"),
        State(PERIOD_MONTHS, "data"),
        State(CONTROLS[_name], "id"),
        prevent_initial_call=True,
    )
