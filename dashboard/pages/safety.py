"""Safety and security: peacekeeper fatalities by incident type, mission, nationality and
category of personnel, and the malicious-act rate per 1,000."""

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import PRODUCT_NAME
from dashboard.panels.card import card
from dashboard.panels.page import address_filters
from dashboard.panels.spec import Panel, register_page
from indicators.i18n import N_, _

NAME = N_("Safety and security")  # registered in English; shown through _()

# Full width: the series runs from 1948, one bar per year.
OVER_TIME = Panel("by-incident-type", "fatalities", by=("year", "incident-type"),
                  chart="split", x="year", series="incident-type",
                  title=N_("Fatalities by incident type, per year"),
                  note=N_("Data before 2000 may be incomplete."))
BREAKDOWNS = (
    Panel("malicious-rate", "fatalities-per-1000", by=("year",), chart="line",
          title=N_("Malicious-act fatalities per 1,000 uniformed personnel per year"),
          note=N_("Only where a monthly headcount exists; the country filter does not apply.")),
    Panel("malicious-rate-by-mission", "fatalities-per-1000", by=("mission",), chart="bars",
          title=N_("Malicious-act fatalities per 1,000 uniformed personnel per year, by mission")),
    Panel("by-mission", "fatalities", by=("mission",), chart="bars",
          title=N_("Fatalities by mission")),
    Panel("by-nationality", "fatalities", by=("nationality",), chart="bars", top=20,
          title=N_("Fatalities by nationality (top 20)")),
    Panel("by-personnel", "fatalities", by=("personnel-type",), chart="bars",
          title=N_("Fatalities by category of personnel")),
)
PANELS = (OVER_TIME, *BREAKDOWNS)
PAGE = register_page(
    __name__, PANELS, path="/safety", name=NAME, order=6, nav_label=N_("Safety"),
    title=f"{NAME} · {PRODUCT_NAME}",
    description=N_("Peacekeeper fatalities by incident type over time, the "
                   "malicious-act rate per 1,000 uniformed personnel, by "
                   "mission and by nationality."))


def layout(**query):
    filters = address_filters(query)
    return html.Div([
        html.H1(_(NAME), className="h2"),
        html.P(_("Deaths of personnel serving in UN peace operations, as notified to UN "
                 "Headquarters: by incident type, mission, nationality and category of "
                 "personnel. The rate puts malicious acts against the number of uniformed "
                 "personnel deployed, so missions of different sizes compare fairly. The "
                 "country filter selects the nationality of the deceased."), className="lead"),
        dbc.Row(dbc.Col(card(PAGE, OVER_TIME, filters, eager=True), xs=12)),  # in view
        dbc.Row([dbc.Col(card(PAGE, panel, filters), lg=6, xs=12)
                 for panel in BREAKDOWNS]),
    ])
