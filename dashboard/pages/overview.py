"""Overview: headline figures for the chosen filters, and a map of the missions."""

from dash import html

from dashboard.i18n import PRODUCT_NAME
from dashboard.panels.card import card
from dashboard.panels.kpi import kpi_row
from dashboard.panels.page import address_filters
from dashboard.panels.spec import Panel, register_page
from indicators.i18n import N_, _
from indicators.kpi import KPIS, PERIOD_RULE, ROW_PERIOD_RULE, STATUS_RULE, row_period_filters

NAME = N_("Overview")  # registered in English; shown through _() (dashboard.i18n.language)

KPI_KEYS = tuple(KPIS)  # personnel, women's share, malicious-act fatalities, SEA, training


def headline_period(filters, engine):
    """The map reads the period the headline figures share, so it shows the missions active
    then, sized by their headcount then (the chosen period, if one is chosen)."""
    return row_period_filters(KPI_KEYS, filters, engine)


PANELS = (
    Panel("mission-map", "uniformed-personnel", by=("mission",), chart="map",
          filters_hook=headline_period,
          title=N_("Missions: headquarters sized by uniformed personnel, and deployment locations"),
          note=N_("Circles are the headquarters of the missions with personnel in the headline "
                  "figures' period, sized by their mean monthly uniformed personnel then; small "
                  "diamonds are the latest Geo-PKO deployment locations.")),
)
PAGE = register_page(
    __name__, PANELS, headline=KPI_KEYS, path="/", name=NAME, order=0, nav_label=N_("Overview"),
    title=f"{NAME} · {PRODUCT_NAME}",
    description=N_("Headline figures on UN peacekeeping for the chosen missions, "
                   "countries, categories and period, and a map of the "
                   "missions."))


def layout(**query):
    filters = address_filters(query)
    cards = [card(PAGE, panel, filters, eager=True) for panel in PANELS]  # the map, in view
    return html.Div([
        html.H1(_(NAME), className="h2"),
        html.P(_("Headline figures for the missions, countries, categories and period chosen "
                 "above, each against the previous period of the same length."),
               className="lead"),
        html.Section([
            html.H2(_("Headline figures"), className="visually-hidden"),
            kpi_row(PAGE, KPI_KEYS, filters),
            html.Details([
                html.Summary(_("How these figures are worked out"), className="small"),
                html.P(_(ROW_PERIOD_RULE), className="small text-muted mb-1"),
                html.P(_(PERIOD_RULE), className="small text-muted mb-1"),
                html.P(_(STATUS_RULE), className="small text-muted mb-0"),
            ], className="mb-4"),
        ], **{"aria-label": _("Headline figures")}),
        *cards,
    ])
