"""Protection of civilians: early-warning alerts and how quickly missions answer them
(illustrative data), and which missions' mandates include protection of civilians, early
warning and the use of force (UNPMM, real data)."""

from dashboard.panels.page import panel_page
from dashboard.panels.spec import Panel, register_page
from dashboard.shell.notices import generated_data_notice
from indicators.i18n import N_

NAME = N_("Protection of civilians")  # registered in English; shown through _()

PANELS = (
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
    # Real data: the Security Council mandates, as coded by UNPMM (to 2022).
    Panel("mandates-by-year", "mandate-tasks", by=("year", "task"), chart="line", x="year",
          series="task", title=N_("Missions whose mandate includes each task, per year"),
          note=N_("A task counts from the year the Security Council established it; the "
                  "mandates are coded to 2022.")),
    Panel("poc-mandates", "mandate-tasks", by=("mission", "year"), chart="heat", x="mission",
          series="year", where=(("task", "poc"),),
          title=N_("Protection of civilians in the mandate, by mission and year")),
    Panel("tasks-by-mission", "mandate-tasks", by=("mission", "task"), chart="heat",
          x="mission", series="task",
          title=N_("Mandate tasks each mission has had in the period"),
          note=N_("Missions with none of the three tasks in the period are not listed.")),
)
PAGE = register_page(
    __name__, PANELS, path="/protection", name=NAME, order=9, nav_label=N_("Protection"),
    title=NAME)


def layout(**query):
    return panel_page(
        PAGE, NAME,
        N_("How many early-warning alerts of threats to civilians reach each mission, and "
           "what share the mission answers within its own response standard; and which "
           "missions the Security Council mandated to protect civilians, to warn early of "
           "violence and to use force."),
        PANELS, query=query,
        notice=generated_data_notice(
            PAGE, N_("The alert and response charts on this page show generated data: "
                     "missions' early-warning and response records are not published. The "
                     "mandate charts are real (UNPMM).")),
    )
