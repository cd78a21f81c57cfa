"""Build a page from its declaration: heading, introduction and a grid of panel cards, each
drawn for the filters in the page's address (its first view arrives with the page)."""

from __future__ import annotations

from collections.abc import Mapping

import dash_bootstrap_components as dbc
from dash import html
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from dashboard.panels.spec import (
    CardContents,
    Panel,
    chart_graph,
    download_href,
    panel_card,
    table_grid,
)
from dashboard.panels.view import build_view
from dashboard.web.context import current_engine
from dashboard.web.page_cache import mark_incomplete
from indicators.compute import QueryError, get_indicator
from indicators.filters import FILTER_PARAMETERS, Filters
from indicators.i18n import DEFAULT_LOCALE, N_, _, current_locale
from indicators.indicator import Indicator
from indicators.vocabulary import load_vocabulary

# How a default title names each grouping, in English; shown through _() in the current locale.
BY_WORDS = {
    "mission": N_("by mission"), "country": N_("by contributing country"),
    "category": N_("by category"), "gender": N_("by gender"), "year": N_("per year"),
    "month": N_("per month"), "incident-type": N_("by incident type"),
    "personnel-type": N_("by category of personnel"), "nationality": N_("by nationality"),
    "unit-type": N_("by unit type"), "capability-area": N_("by capability area"),
    "status": N_("by status"), "key-factor": N_("by key factor"),
    "course-area": N_("by course area"), "stage": N_("by stage"),
    "provider": N_("by provider"), "recipient": N_("by recipient"),
}


def default_title(panel: Panel, indicator: Indicator) -> str:
    """A title made from the indicator and its cuts, in the current language (computed when
    shown, never at import)."""
    locale = current_locale()
    words = [_(BY_WORDS[d]) if d in BY_WORDS else d for d in panel.by]
    return " ".join([indicator.title(locale), *words])


def panel_title(panel: Panel, indicator: Indicator | None = None) -> str:
    """The card's heading in the current language: the panel's declared title (marked N_()
    where declared) through the catalogue, or one made from the indicator and its cuts."""
    if panel.title:
        return _(panel.title)
    return default_title(panel, indicator or get_indicator(panel.indicator))


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


def card_contents(page: str, panel: Panel, filters: Filters, engine: Engine) -> CardContents:
    """What a panel's card shows for these filters: numbers, chart, table and caption."""
    query = filters.to_query()
    # A saved download link keeps the language it was offered in (English: no parameter).
    language = {} if current_locale() == DEFAULT_LOCALE else {"lang": current_locale()}
    hrefs = (download_href(page, panel.key, "csv", {**query, **language}),
             download_href(page, panel.key, "xlsx", {**query, **language}))
    try:
        view = build_view(panel, filters, engine)
    except (QueryError, SQLAlchemyError) as error:
        return not_drawn(error, hrefs)
    badge = _illustrative_badge() if view.illustrative else _real_badge()
    if view.figure is None:
        return CardContents(None, None, view.caption, "",
                            _alert(view.message, "info"), {"display": "none"}, badge, *hrefs,
                            query=query)
    return CardContents(chart_graph(page, panel.key, view.figure),
                        table_grid(page, panel.key, view.rows, view.columns),
                        view.caption, view.summary, None, {}, badge, *hrefs, query=query)


def not_drawn(error: Exception | None, hrefs: tuple[str, str] = ("#", "#")) -> CardContents:
    """A card that says the database did not answer; the callback tries again when the
    filters change, and the page holding it is not kept for the next reader."""
    mark_incomplete()
    if error is None:
        text = _("This chart could not be drawn: the database did not answer. Try again, or "
                 "check the data sources page.")
    else:
        text = _("This chart could not be drawn: the database did not answer ({error}). Try "
                 "again, or check the data sources page.").format(error=type(error).__name__)
    message = _alert(text)
    return CardContents(None, None, "", "", message, {"display": "none"},
                        None, *hrefs, query=None)


def card(page: str, panel: Panel, filters: Filters | None, title: str = "",
         draw: bool = True, eager: bool = False) -> html.Section:
    """A panel's card showing its first view for `filters` (None: the database did not
    answer, and the card says so). Its chart is drawn when the card comes into view, or with
    the page if `eager` (cards in the page's first screen). `draw=False`, for cards hidden in
    the first view: left empty, and filled by the shared callback once the filters change
    (which is what shows them)."""
    title = title or panel_title(panel)
    if filters is None:
        return panel_card(page, panel, title, not_drawn(None))
    if not draw:
        return panel_card(page, panel, title, shown=filters.to_query())
    return panel_card(page, panel, title, card_contents(page, panel, filters, current_engine()),
                      eager=eager)


def panel_page(page: str, heading: str, intro: str, panels: tuple[Panel, ...],
               columns: int = 2, notice=None, query: Mapping[str, str] | None = None
               ) -> html.Div:
    """`notice`: an optional component (e.g. an alert) shown between the introduction and
    the panels. `query`: the page's address, whose filters the cards are first drawn for.
    `heading` and `intro` are English, marked N_() by the page; shown here in the current
    language."""
    filters = address_filters(query or {})
    cards = [dbc.Col(card(page, panel, filters, eager=index < FIRST_SCREEN), lg=12 // columns,
                     xs=12) for index, panel in enumerate(panels)]
    return html.Div([
        html.H1(_(heading), className="h2"),
        html.P(_(intro), className="lead"),
        notice,
        dbc.Row(cards),
    ])


def _alert(text: str, colour: str = "warning"):
    return dbc.Alert(text, color=colour, className="mb-2")


def _illustrative_badge():
    return html.Span(_("Illustrative data"), className="badge pk-badge pk-badge-illustrative",
                     title=_("Generated for an area with no public data; not real numbers."))


def _real_badge():
    return html.Span(_("Real data"), className="badge pk-badge pk-badge-real",
                     title=_("From official public files; see the caption for source and "
                             "date."))
