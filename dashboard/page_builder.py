"""Build a page from its declaration: heading, introduction and a grid of panel cards."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.panels import Panel, panel_card
from indicators.compute import get_indicator
from indicators.indicator import Indicator

BY_WORDS = {
    "mission": "by mission", "country": "by contributing country", "category": "by category",
    "gender": "by gender", "year": "per year", "month": "per month",
    "incident-type": "by incident type", "personnel-type": "by category of personnel",
    "nationality": "by nationality", "unit-type": "by unit type",
    "capability-area": "by capability area", "status": "by status",
    "key-factor": "by key factor", "course-area": "by course area", "stage": "by stage",
    "provider": "by provider", "recipient": "by recipient",
}


def default_title(panel: Panel, indicator: Indicator) -> str:
    words = [BY_WORDS.get(d, d) for d in panel.by]
    return " ".join([indicator.title_en, *words])


def panel_page(page: str, heading: str, intro: str, panels: tuple[Panel, ...],
               columns: int = 2, notice=None) -> html.Div:
    """`notice`: an optional component (e.g. an alert) shown between the introduction and
    the panels."""
    cards = [
        dbc.Col(panel_card(page, panel, panel.title or default_title(
            panel, get_indicator(panel.indicator))), lg=12 // columns, xs=12)
        for panel in panels
    ]
    return html.Div([
        html.H1(heading, className="h2"),
        html.P(intro, className="lead"),
        notice,
        dbc.Row(cards),
    ])
