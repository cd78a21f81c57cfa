"""The global filter bar: mission, country, category and period, kept in the URL query string
with the same names as the API, so a copied link restores the view on any page."""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
from dash import dcc, html
from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from indicators.models.dimensions import Country, Mission, Month, PersonnelCategory

URL = "pk-url"
STORE = "pk-filters"
NOTICES = "pk-filter-notices"
CLEAR = "pk-filter-clear"
CONTROLS = {  # URL parameter -> control id
    "mission": "pk-filter-mission",
    "country": "pk-filter-country",
    "category": "pk-filter-category",
    "from": "pk-filter-from",
    "to": "pk-filter-to",
}


def filter_options(engine: Engine) -> dict[str, list[dict]]:
    """Choices for each control, read from the database (empty lists if it is unreachable)."""
    try:
        with engine.connect() as conn:
            missions = conn.execute(select(Mission.acronym, Mission.name)
                                    .order_by(Mission.acronym)).all()
            countries = conn.execute(select(Country.iso3, Country.name)
                                     .order_by(Country.name)).all()
            categories = conn.execute(select(PersonnelCategory.slug, PersonnelCategory.name)
                                      .order_by(PersonnelCategory.position)).all()
            months = conn.scalars(select(Month.month).order_by(Month.month.desc())).all()
    except SQLAlchemyError:
        return {name: [] for name in CONTROLS}
    month_options = [{"label": _month_label(m), "value": m.strftime("%Y-%m")} for m in months]
    return {
        "mission": [{"label": f"{a} – {n}" if n else a, "value": a} for a, n in missions],
        "country": [{"label": f"{n} ({c})", "value": c} for c, n in countries],
        "category": [{"label": n, "value": s} for s, n in categories],
        "from": month_options,
        "to": month_options,
    }


def _month_label(month: dt.date) -> str:
    return month.strftime("%b %Y")


def filter_bar(options: dict[str, list[dict]]) -> html.Section:
    def control(name: str, label: str, multi: bool, width: int) -> dbc.Col:
        return dbc.Col([
            dbc.Label(label, html_for=CONTROLS[name], className="small mb-1"),
            dcc.Dropdown(id=CONTROLS[name], options=options.get(name, []), multi=multi,
                         placeholder="All" if multi else "Any", clearable=True,
                         persistence=False),
        ], md=width, xs=12, className="mb-2")

    return html.Section([
        dcc.Location(id=URL, refresh=False),  # changes history only; never reloads the page
        dcc.Store(id=STORE, data=None),
        html.H2("Filters", className="visually-hidden"),
        dbc.Row([
            control("mission", "Mission", True, 3),
            control("country", "Contributing country", True, 3),
            control("category", "Personnel category", True, 2),
            control("from", "From (month)", False, 2),
            control("to", "To (month)", False, 2),
        ], className="g-2 align-items-end"),
        html.Div([
            dbc.Button("Clear filters", id=CLEAR, color="link", size="sm", className="px-0"),
            html.Span(" · The address bar keeps your filters: copy it to share this view.",
                      className="small text-muted"),
        ]),
        dbc.Alert(id=NOTICES, color="warning", is_open=False, dismissable=True,
                  className="mt-2 mb-0"),
    ], className="pk-filterbar border-bottom pb-2 mb-4", **{"aria-label": "Filters"})
