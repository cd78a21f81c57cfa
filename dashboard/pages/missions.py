"""Missions: the profile of the missions chosen in the filter bar, and, for two or more, a
side-by-side comparison."""

import dash_bootstrap_components as dbc
from dash import Input, Output, html

from dashboard.i18n import PRODUCT_NAME
from dashboard.i18n.sentences import sentence
from dashboard.panels.page import (
    FIRST_SCREEN,
    address_filters,
    card_row,
    chosen_codes,
    hidden,
)
from dashboard.panels.spec import Panel, register_page
from dashboard.web.callback_registry import app_callback
from dashboard.web.context import current_engine
from dashboard.web.ids import STORE
from indicators.filters import Filters
from indicators.i18n import N_, _
from indicators.lookups import labels

PROMPT = N_("Choose one or more missions in the filter bar")
NAME = N_("Missions")  # registered in English; shown through _()

PROFILE = (
    Panel("strength", "uniformed-personnel", by=("month", "category"), chart="line",
          x="month", series="category",
          title=N_("Strength over time by category of personnel"),
          note=N_("Mean uniformed personnel each month, by category.")),
    Panel("contributors", "uniformed-personnel", by=("country",), chart="bars", top=15,
          title=N_("Top contributing countries (uniformed personnel)")),
    Panel("women-share", "women-share", by=("year", "ugps-group"), chart="line", x="year",
          series="ugps-group", target=True,
          title=N_("Women's share by UGPS target group, per year, against the targets"),
          note=N_("Targets appear for the years the Uniformed Gender Parity Strategy covers.")),
    Panel("fatalities", "fatalities", by=("year", "incident-type"), chart="split",
          x="year", series="incident-type", title=N_("Fatalities by incident type, per year")),
    Panel("sea", "sea-allegations", by=("year",), chart="line",
          title=N_("Allegations of sexual exploitation and abuse, per year")),
    Panel("capabilities", "capability-presence", by=("unit-type",), chart="bars",
          title=N_("Capabilities present: deployment locations with each unit type")),
    Panel("training", "training-coverage", by=("year",), chart="line",
          title=N_("Pre-deployment training coverage, per year")),
    Panel("performance", "unit-evaluation-score", by=("key-factor",), chart="bars",
          title=N_("Unit evaluations: mean score by key factor")),
)
# Real data (UNPMM), apart from PROFILE's list so the profile's indicators stay as they are.
MANDATE = (
    Panel("mandate", "mandate-tasks", by=("year", "task"), chart="line", x="year",
          series="task", title=N_("Mandate tasks in force, per year"),
          note=N_("1 means the task is in the chosen mission's mandate that year (from the "
                  "year the Security Council established it); for several missions, how many "
                  "of them. Coverage ends in 2022.")),
)
COMPARISON = (
    Panel("compare-strength", "uniformed-personnel", by=("year", "mission"), chart="line",
          x="year", series="mission", title=N_("Uniformed personnel by mission, per year")),
    Panel("compare-women", "women-share", by=("mission",), chart="bars",
          title=N_("Women's share of uniformed personnel by mission")),
    Panel("compare-fatality-rate", "fatalities-per-1000", by=("mission",), chart="bars",
          title=N_("Malicious-act fatalities per 1,000 uniformed personnel per year, by mission")),
    Panel("compare-sea-rate", "sea-allegations-per-1000", by=("mission",), chart="bars",
          title=N_("SEA allegations per 1,000 uniformed personnel per year, by mission")),
)
PANELS = (*PROFILE, *MANDATE, *COMPARISON)


def shows(panel: Panel, filters: Filters) -> bool:
    """The side-by-side comparison shows for two or more missions only (selection_view)."""
    _prompt, comparison, _heading = selection_view(list(filters.missions), {})
    return comparison or panel not in COMPARISON


PAGE = register_page(
    __name__, PANELS, shows, path="/missions", name=NAME, order=1, nav_label=N_("Missions"),
    title=f"{NAME} · {PRODUCT_NAME}",
    description=N_("A mission's profile: strength, contributors, women's share, "
                   "fatalities, conduct, capabilities, training and "
                   "performance."))


def ids(part: str) -> dict:
    return {"page": PAGE, "part": part}


def chosen_missions(query: dict | None) -> list[str]:
    return chosen_codes(query, "mission")


def selection_view(missions: list[str], names: dict[str, str]) -> tuple[bool, bool, str]:
    """(show the prompt, show the comparison, profile heading) for the chosen missions, the
    heading in the current language (mission codes stay as they are)."""
    if not missions:
        return True, False, _("Profile: all missions")
    if len(missions) == 1:
        code = missions[0]
        name = names.get(code, code)
        if name == code:
            return False, False, _("Profile: {mission}").format(mission=code)
        return False, False, _("Profile: {mission} – {name}").format(mission=code, name=name)
    return False, True, _("Profile: {missions} together").format(missions=", ".join(missions))


def layout(**query):
    # The address bar's missions set the first view; the callback keeps it in step after.
    filters = address_filters(query)  # as the filters store will hold them: codes checked
    missions = list(filters.missions) if filters else chosen_missions(query)
    show_prompt, show_comparison, heading = selection_view(missions, {})
    return html.Div([
        html.H1(_(NAME), className="h2"),
        html.P(_("The profile of the missions chosen in the filter bar: strength, "
                 "contributors, women's share, fatalities, conduct, capabilities, training and "
                 "performance. Choose two or more to compare them side by side."),
               className="lead"),
        html.Div(dbc.Alert(sentence(_("{prompt} (the “Mission” box above) to see its profile. "
                                      "Until then the panels below show all missions "
                                      "together."), prompt=html.Strong(_(PROMPT))),
                           color="info", className="mb-3"),
                 id=ids("prompt"), style=hidden(not show_prompt), role="status"),
        html.Section([
            html.H2(heading, id=ids("heading"), className="h4 mb-3"),
            card_row(PAGE, (*PROFILE, *MANDATE), filters, draw=True, eager=FIRST_SCREEN),
        ], **{"aria-label": _("Mission profile")}),
        html.Section([
            html.H2(_("Side by side"), className="h4 mb-1"),
            html.P(_("The chosen missions next to each other. Rates are per 1,000 uniformed "
                     "personnel per year, so missions of different sizes compare fairly."),
                   className="text-muted"),
            card_row(PAGE, COMPARISON, filters, draw=show_comparison),
        ], id=ids("comparison"), style=hidden(not show_comparison),
            **{"aria-label": _("Missions side by side")}),
    ])


@app_callback(
    Output(ids("prompt"), "style"),
    Output(ids("comparison"), "style"),
    Output(ids("heading"), "children"),
    Input(STORE, "data"),
)
def show_selection(query):
    """Prompt when no mission is chosen; the comparison only for two or more."""
    missions = chosen_missions(query)
    names = labels(current_engine()).get("mission_name", {}) if len(missions) == 1 else {}
    show_prompt, show_comparison, heading = selection_view(missions, names)
    return hidden(not show_prompt), hidden(not show_comparison), heading
