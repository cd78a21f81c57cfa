"""Build a page from its declaration: heading, introduction and a grid of panel cards, each
drawn for the filters in the page's address (its first view arrives with the page)."""

from __future__ import annotations

from collections.abc import Mapping

import dash_bootstrap_components as dbc
from dash import html
from sqlalchemy.exc import SQLAlchemyError

from dashboard.panels.card import card
from dashboard.panels.spec import Panel, seen_by
from dashboard.web.context import current_engine
from dashboard.web.viewer import current_viewer
from indicators.filters import FILTER_PARAMETERS, Filters
from indicators.i18n import _
from indicators.vocabulary import load_vocabulary

# Cards whose charts are drawn with the page: a page's first row on a laptop. The others are
# drawn as they come into view.
FIRST_SCREEN = 2


def address_filters(query: Mapping[str, str]) -> Filters | None:
    """The filters in a page's address (the keywords Dash Pages passes to `layout`), read as
    the filter bar reads them into the filters store; None if the database did not answer."""
    try:
        filters, _problems = Filters.from_query(
            {k: v for k, v in query.items() if k in FILTER_PARAMETERS},
            load_vocabulary(current_engine()))
    except SQLAlchemyError:
        return None
    return filters


def chosen_codes(query: dict | None, parameter: str) -> list[str]:
    """The codes of one filter (`mission`, `country`) in the filters store, whose codes the
    filter bar already checked against the database."""
    value = (query or {}).get(parameter, "")
    items = value if isinstance(value, list) else value.split(",")
    return [item for item in items if item]


def hidden(hide: bool) -> dict:
    """A part of a page that the filters show or hide (the style its callback sets)."""
    return {"display": "none"} if hide else {}


def card_row(page: str, panels: tuple[Panel, ...], filters: Filters | None, draw: bool,
             eager: int = 0) -> dbc.Row:
    """Cards two by two. Cards hidden in the first view (`draw=False`) are drawn once the
    filters change; the first `eager` charts are drawn with the page. Cards the viewer may
    not see are absent."""
    panels = seen_by(panels, current_viewer())
    return dbc.Row([dbc.Col(card(page, panel, filters, draw=draw, eager=index < eager),
                            lg=6, xs=12) for index, panel in enumerate(panels)])


def panel_page(page: str, heading: str, intro: str, panels: tuple[Panel, ...],
               columns: int = 2, notice=None, query: Mapping[str, str] | None = None
               ) -> html.Div:
    """`notice`: an optional component (e.g. an alert) shown between the introduction and
    the panels. `query`: the page's address, whose filters the cards are first drawn for.
    `heading` and `intro` are English, marked N_() by the page; shown here in the current
    language."""
    filters = address_filters(query or {})
    panels = seen_by(panels, current_viewer())  # absent for this viewer, not greyed
    cards = [dbc.Col(card(page, panel, filters, eager=index < FIRST_SCREEN), lg=12 // columns,
                     xs=12) for index, panel in enumerate(panels)]
    return html.Div([
        html.H1(_(heading), className="h2"),
        html.P(_(intro), className="lead"),
        notice,
        dbc.Row(cards),
    ])
