"""KPI cards: a card per headline figure, filled for the page's address when the page is built,
and one pattern-matching callback that refills every card with indicators.kpi() when the
filters change."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, State, dcc, html, no_update
from sqlalchemy.exc import SQLAlchemyError

from dashboard.figures.kpi import kpi_sparkline
from dashboard.i18n.dimensions import FILTER_WORDS
from dashboard.i18n.plotly_locale import graph_config
from dashboard.panels.kpi_text import (
    change_words,
    format_value,
    no_data_text,
    row_note,
    row_period_text,
    trend_text,
)
from dashboard.web.callback_registry import app_callback
from dashboard.web.context import current_engine, filters_to_show
from dashboard.web.ids import STORE
from dashboard.web.page_cache import mark_incomplete
from dashboard.web.viewer import current_viewer
from indicators.compute import QueryError, get_indicator
from indicators.filters import Filters
from indicators.i18n import N_, _
from indicators.kpi import (
    KPIS,
    MET,
    NO_TARGET,
    OFF_TRACK,
    PROGRESSING,
    Kpi,
    RowPeriod,
    kpi,
    row_period,
)

# Each status has a symbol and words as well as a colour (Okabe–Ito), so colour is never the
# only carrier of meaning.
STATUS_LOOK = {
    MET: ("✓", N_("Target met"), "pk-status-met"),
    PROGRESSING: ("↗", N_("Progressing toward target"), "pk-status-progressing"),
    OFF_TRACK: ("✗", N_("Off track"), "pk-status-off-track"),
    NO_TARGET: ("–", N_("No target"), "pk-status-none"),
}
STATUS_COLOURS = {"pk-status-met": "#009E73", "pk-status-progressing": "#E69F00",
                  "pk-status-off-track": "#D55E00", "pk-status-none": "#6c757d"}
BETTER, WORSE, NEUTRAL = "#007A5A", "#B8470A", "#495057"  # dark enough for small text


def kpi_ids(part: str, page: str, key: str) -> dict:
    return {"kind": f"pk-kpi-{part}", "page": page, "kpi": key}


def kpi_card(page: str, key: str, filters: Filters | None = None,
             row: tuple[str, ...] = (), shared: RowPeriod | None = None) -> html.Section:
    """The card, filled for `filters` (the page's address) so the page arrives with its
    figures; left empty if None (the database did not answer: the callback tries again when
    the filters change). `fill_kpi` refills it whenever the filters differ from those shown.
    `row` are the keys of the cards it shares a period with (kpi_row), and `shared` that
    period when the row has worked it out already."""
    heading_id = f"pk-{page}-kpi-{key}-title"
    body, badge_mark, shown = [], None, None
    if filters is not None:
        body, badge_mark = kpi_contents(key, filters, current_engine(), row, shared)
        shown = filters.to_query()
    return html.Section(dbc.Card([
        dbc.CardBody([
            html.H2(_(KPIS[key].title) if key in KPIS else key, id=heading_id,
                    className="h6 mb-1"),
            html.Div(badge_mark, id=kpi_ids("badge", page, key), className="small mb-1"),
            dcc.Store(id=kpi_ids("spec", page, key),
                      data={"page": page, "kpi": key, "row": list(row)}),
            dcc.Store(id=kpi_ids("shown", page, key), data=shown),
            dcc.Loading(html.Div(body, id=kpi_ids("body", page, key), className="pk-kpi-body",
                                 **{"aria-live": "polite"}),
                        type="dot", delay_show=300),
        ], className="p-3"),
    ], className="h-100"), className="pk-kpi h-100", **{"aria-labelledby": heading_id})


def kpi_row(page: str, keys: tuple[str, ...], filters: Filters | None = None) -> html.Div:
    """The period the row shares, said once, then the cards: one a row on phones, two on
    tablets, all the real ones in one row on a laptop; generated figures under them, in a
    framed group of their own with a label, never among the real ones."""
    period_text, shared = None, None
    generated = tuple(key for key in keys if key in KPIS and is_illustrative(key))
    real = tuple(key for key in keys if key not in generated)
    if filters is not None:
        try:
            shared = row_period(keys, filters, current_engine())  # once for the whole row
            period_text = row_period_text(shared, keys)
        except (QueryError, SQLAlchemyError):
            mark_incomplete()
    return html.Div([
        dcc.Store(id=period_ids("keys", page), data=list(keys)),
        dcc.Store(id=period_ids("shown", page), data=filters.to_query() if filters else None),
        html.P(period_text, id=period_ids("text", page), className="pk-kpi-period mb-2",
               **{"aria-live": "polite"}),
        *[group for group in (
            _cards(page, real, filters, keys, shared, len(real), "pk-kpi-row mb-3"),
            _illustrative_group(page, generated, filters, keys, shared, len(real)))
          if group is not None],
    ])


def _cards(page, keys, filters, row, shared, across, kind) -> dbc.Row | None:
    if not keys:
        return None
    return dbc.Row([dbc.Col(kpi_card(page, key, filters, row, shared)) for key in keys],
                   className=f"g-3 row-cols-1 row-cols-sm-2 row-cols-lg-{across} {kind}")


def _illustrative_group(page, keys, filters, row, shared, across) -> html.Div | None:
    """The generated figures, apart: a framed group under its own label, cards as wide as the
    real ones."""
    if not keys:
        return None
    label_id = f"pk-{page}-kpi-illustrative-label"
    return html.Div([
        html.P(_("Illustrative figures: generated for areas with no public data, not real"),
               id=label_id, className="pk-kpi-illustrative-label small fw-bold mb-2"),
        _cards(page, keys, filters, row, shared, max(across, len(keys)),
               "pk-kpi-row-illustrative"),
    ], className="pk-kpi-illustrative p-2 mb-3", role="group",
        **{"aria-labelledby": label_id})


def is_illustrative(key: str) -> bool:
    """Whether a headline figure is generated: a property of its indicator, whatever the
    filters."""
    return bool(get_indicator(KPIS[key].indicator).illustrative)


def period_ids(part: str, page: str) -> dict:
    return {"kind": f"pk-kpi-period-{part}", "page": page}


@app_callback(
    Output(period_ids("text", MATCH), "children"),
    Output(period_ids("shown", MATCH), "data"),
    Input(STORE, "data"),
    State(period_ids("keys", MATCH), "data"),
    State(period_ids("shown", MATCH), "data"),
    prevent_initial_call=True,
)
def fill_row_period(query, keys, shown=None):
    """The row's period sentence, for the filters in the address."""
    filters = filters_to_show(query, shown)
    if filters is None:
        return no_update, no_update
    engine = current_engine()
    try:
        text = row_period_text(row_period(tuple(keys), filters, engine), tuple(keys))
    except (QueryError, SQLAlchemyError):
        mark_incomplete()
        return no_update, no_update
    return text, filters.to_query()


def _kpi_id(part: str) -> dict:
    return {"kind": f"pk-kpi-{part}", "page": MATCH, "kpi": MATCH}


@app_callback(
    Output(_kpi_id("body"), "children"),
    Output(_kpi_id("badge"), "children"),
    Output(_kpi_id("shown"), "data"),
    Input(STORE, "data"),
    Input(_kpi_id("spec"), "data"),
    State(_kpi_id("shown"), "data"),
    # Cards arrive filled for the page's address (kpi_card): nothing to do when one appears.
    prevent_initial_call=True,
)
def fill_kpi(query, spec, shown=None):
    """Every KPI card on every page: the figure for the filters, its change and status.
    A card already showing these filters is left as it is."""
    filters = filters_to_show(query, shown)
    if filters is None:
        return no_update, no_update, no_update
    body, badge_mark = kpi_contents(spec["kpi"], filters, current_engine(),
                                    tuple(spec.get("row", ())))
    return body, badge_mark, filters.to_query()


def kpi_contents(key: str, filters: Filters, engine, row: tuple[str, ...] = (),
                 shared: RowPeriod | None = None) -> tuple[list | dbc.Alert, object]:
    """A card's body and badge for these filters, or a message if the database failed.
    With `row`, the card uses the period those cards share (`shared`, or worked out here)."""
    try:
        if shared is None and row:
            shared = row_period(row, filters, engine)
        figure = kpi(key, filters, engine, shared, current_viewer())
    except (QueryError, SQLAlchemyError) as error:
        mark_incomplete()  # the page holding this card is not kept for the next reader
        return dbc.Alert(_("This figure could not be computed: the database did not answer "
                           "({error}).").format(error=type(error).__name__),
                         color="warning", className="mb-0 small"), None
    body = kpi_body(figure)
    note = row_note(key, shared)
    if note and figure.value is not None:
        body.append(html.P(note, className="small text-muted mb-0 mt-1 pk-kpi-row-note"))
    return body, badge(figure.illustrative)


def badge(illustrative: bool) -> html.Span:
    if illustrative:
        return html.Span(_("Illustrative data"),
                         className="badge pk-badge pk-badge-illustrative",
                         title=_("Generated for an area with no public data; not real numbers."))
    return html.Span(_("Real data"), className="badge pk-badge pk-badge-real",
                     title=_("From official public files."))


def kpi_body(figure: Kpi) -> list:
    """The card's contents in plain components (testable without a browser)."""
    if figure.value is None:
        return [html.P(_("No data"), className="pk-kpi-value fs-4 fw-bold text-muted mb-1"),
                html.P(no_data_text(figure), className="small text-muted mb-0")]
    children = [
        html.P(format_value(figure.value, figure.unit), className="pk-kpi-value fs-3 fw-bold mb-0"),
        html.P([_(figure.measure), html.Br(),
                html.Span(figure.period, className="fw-semibold")],
               className="small text-muted mb-1"),
        change_line(figure),
        status_line(figure),
    ]
    if len(figure.series) > 1:
        # Hidden from screen readers: the sentence after it says the same in words.
        children.append(html.Div(dcc.Graph(
            figure=kpi_sparkline(figure.series, figure.time, figure.unit, figure.current_from),
            config={"displayModeBar": False, "responsive": True, **graph_config()},
            style={"height": "64px"}), className="pk-sparkline", **{"aria-hidden": "true"}))
        children.append(html.P(trend_text(figure), className="visually-hidden"))
    if figure.ignored:
        children.append(html.P(_("Not applicable here, so not applied: {filters} filter.")
                               .format(filters=", ".join(_(FILTER_WORDS.get(name, name))
                                                         for name in figure.ignored)),
                               className="small text-muted mb-0 mt-1"))
    return children


def change_line(figure: Kpi) -> html.P:
    if figure.change is None:
        return html.P(_("No comparable figure for {period}.").format(
            period=figure.previous_period), className="small text-muted mb-1")
    words = change_words(figure)
    colour = NEUTRAL
    if figure.change and figure.higher_is_better is not None:
        better = (figure.change > 0) == figure.higher_is_better
        colour = BETTER if better else WORSE
    arrow = "▲" if figure.change > 0 else "▼" if figure.change < 0 else "■"
    return html.P([html.Span(f"{arrow} {words}", style={"color": colour},
                             className="fw-semibold"),
                   " ", _("vs {period} ({value})").format(
                       period=figure.previous_period,
                       value=format_value(figure.previous, figure.unit))],
                  className="small mb-1")


def status_line(figure: Kpi) -> html.P:
    symbol, words, css = STATUS_LOOK.get(figure.status, STATUS_LOOK[NO_TARGET])
    words = _(words)
    if figure.status == NO_TARGET and figure.has_target:
        words = _("No target for this period")
    detail = ""
    if figure.target is not None:
        detail = " " + _("(target {value})").format(value=format_value(figure.target,
                                                                        figure.unit))
    colour = STATUS_COLOURS[css]
    # Dark text on white with a coloured border and symbol: readable at any colour contrast.
    pill = html.Span([html.Span(symbol, style={"color": colour}, **{"aria-hidden": "true"}),
                      f" {words}"], className=f"badge pk-status {css}",
                     style={"border": f"2px solid {colour}", "color": "#212529",
                            "backgroundColor": "white", "fontWeight": 600})
    return html.P([pill, detail], className="small mb-1")


