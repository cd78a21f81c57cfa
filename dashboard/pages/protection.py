"""Protection of civilians: early-warning alerts and how quickly missions answer them
(illustrative data)."""

import dash

from dashboard.notices import generated_data_notice
from dashboard.page_builder import panel_page
from dashboard.panels import Panel, register_panels
from indicators.i18n import N_

PAGE = "protection"
NAME = N_("Protection of civilians")  # registered in English; shown through _()
dash.register_page(__name__, nav_label=N_("Protection"),
                   path="/protection", name=NAME, order=9, title=NAME)

PANELS = register_panels(PAGE, (
    Panel("response-by-mission", "poc-alert-response", by=("mission",), chart="bars",
          title=N_("Alerts answered within the mission's standard, by mission"),
          note=N_("Each mission sets its own response time, so compare missions with care.")),
    Panel("alerts-by-mission", "poc-alerts", by=("mission",), chart="bars",
          title=N_("Early-warning alerts received, by mission")),
    Panel("response-by-month", "poc-alert-response", by=("month",), chart="line",
          title=N_("Alerts answered in time, month by month"),
          note=N_("A month with few alerts moves a lot with each one.")),
    # Counts by month, not by year: the first and last years of the data are partial, and a
    # yearly total would read as a fall in alerts.
    Panel("alerts-by-month", "poc-alerts", by=("month",), chart="line",
          title=N_("Early-warning alerts received, month by month")),
    Panel("response-by-year", "poc-alert-response", by=("year",), chart="line",
          title=N_("Alerts answered in time, per year")),
))


def layout(**query):
    return panel_page(
        PAGE, NAME,
        N_("How many early-warning alerts of threats to civilians reach each mission, and "
           "what share the mission answers within its own response standard."),
        PANELS, query=query,
        notice=generated_data_notice(
            PAGE, N_("Every chart on this page shows generated data: missions' early-warning "
                     "and response records are not published.")),
    )
