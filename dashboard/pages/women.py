"""Women in peacekeeping: the Uniformed Gender Parity Strategy tracker."""

import dash

from dashboard.page_builder import panel_page
from dashboard.panels import Panel, register_panels
from indicators.i18n import N_

PAGE = "women"
NAME = N_("Women in peacekeeping")  # registered in English; shown through _()
dash.register_page(__name__, nav_label=N_("Women"),
                   path="/women", name=NAME, order=4, title=NAME)

PANELS = register_panels(PAGE, (
    Panel("share-by-category", "women-share", by=("year", "category"), chart="line",
          x="year", series="category", target=True,
          title=N_("Women's share by category, per year, against the UGPS targets"),
          note=N_("Targets appear for the years the strategy covers (2018-2028).")),
    Panel("share-by-mission", "women-share", by=("mission",), chart="bars",
          title=N_("Women's share by mission")),
    Panel("share-by-country", "women-share", by=("country",), chart="bars", top=20,
          title=N_("Women's share by contributing country (top 20)")),
    Panel("women-by-month", "uniformed-personnel", by=("month", "gender"), chart="line",
          x="month", series="gender", title=N_("Uniformed women and men, month by month")),
))


def layout(**query):
    return panel_page(
        PAGE, NAME,
        N_("Women as a share of uniformed personnel, by category and mission, against the "
           "Uniformed Gender Parity Strategy (2018-2028) targets."),
        PANELS, query=query)
