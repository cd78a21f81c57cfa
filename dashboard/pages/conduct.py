"""Conduct and discipline: allegations of sexual exploitation and abuse, investigations,
outcomes and the actions taken, with small numbers per nationality withheld."""

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import PRODUCT_NAME
from dashboard.panels.card import card
from dashboard.panels.page import address_filters, panel_page
from dashboard.panels.spec import Panel, register_page
from indicators.i18n import N_, _

NAME = N_("Conduct and discipline")  # registered in English; shown through _()

ALLEGATIONS = (
    Panel("by-year", "sea-allegations", by=("year",), chart="line",
          title=N_("Allegations per year"), note=N_("Dated by the month reported to the UN.")),
    Panel("by-mission", "sea-allegations", by=("mission",), chart="bars",
          title=N_("Allegations by mission")),
    Panel("by-personnel", "sea-allegations", by=("personnel-type",), chart="bars",
          title=N_("Allegations by category of personnel"),
          note=N_("An allegation against two categories counts in each.")),
    Panel("by-nationality", "sea-allegations", by=("nationality",), chart="bars", top=80,
          title=N_("Allegations by nationality of the uniformed personnel involved"),
          note=N_("As the UN publishes them, 1 or 2 allegations per nationality show as "
                  "“fewer than 3”. So that no small number can be worked out by subtraction, "
                  "figures per nationality are given for whole calendar years and all "
                  "missions together; the table says why a figure is withheld. Civilians "
                  "have no nationality in the UN table.")),
    Panel("rate-by-year", "sea-allegations-per-1000", by=("year",), chart="line",
          title=N_("Allegations per 1,000 uniformed personnel per year"),
          note=N_("Only where a monthly headcount exists (January 2015 to March 2017).")),
    Panel("rate-by-mission", "sea-allegations-per-1000", by=("mission",), chart="bars",
          title=N_("Allegations per 1,000 uniformed personnel per year, by mission")),
    Panel("investigation-days", "sea-investigation-days", by=("year",), chart="line",
          title=N_("Investigation timeliness: median days to complete, per year reported"),
          note=N_("Recent years include only the investigations already completed.")),
    Panel("pending", "sea-pending-share", by=("year",), chart="line",
          title=N_("Share of allegations with the investigation pending, per year reported")),
    Panel("substantiated", "sea-substantiated-share", by=("year",), chart="line",
          title=N_("Outcomes: share of concluded allegations substantiated, per year reported")),
)
# Full width: the UN's action names are long, and the two actors sit side by side.
ACTIONS = (
    Panel("interim-actions", "sea-actions", by=("action", "actor"), chart="heat",
          where=(("stage", "interim"),),
          title=N_("Interim actions, by the UN and by national governments"),
          note=N_("Allegations with each action while the case is open.")),
    Panel("final-actions", "sea-actions", by=("action", "actor"), chart="heat",
          where=(("stage", "final"),),
          title=N_("Final actions, by the UN and by national governments"),
          note=N_("Allegations with each action once the case is concluded.")),
)
PANELS = (*ALLEGATIONS, *ACTIONS)
PAGE = register_page(
    __name__, PANELS, path="/conduct", name=NAME, order=5, nav_label=N_("Conduct"),
    title=f"{NAME} · {PRODUCT_NAME}",
    description=N_("Allegations of sexual exploitation and abuse: over time, by "
                   "mission, category of personnel and nationality; rates, "
                   "investigations, outcomes and actions."))
INTRO = N_("Allegations of sexual exploitation and abuse against UN personnel in field missions, "
           "from the UN's table of allegations: how many, where and against whom, how fast "
           "they are investigated, what they find and what is done. The country filter "
           "selects the nationality of the uniformed personnel involved. As the UN publishes "
           "them, 1 or 2 allegations per nationality show as “fewer than 3”.")


def layout(**query):
    filters = address_filters(query)
    return html.Div([
        panel_page(PAGE, NAME, INTRO, ALLEGATIONS, query=query),
        html.Section([
            html.H2(_("Actions taken"), className="h4 mb-3"),
            dbc.Row([dbc.Col(card(PAGE, panel, filters), xs=12) for panel in ACTIONS]),
        ], **{"aria-label": _("Actions taken")}),
    ])
