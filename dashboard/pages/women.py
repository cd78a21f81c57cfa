"""Women in peacekeeping: the Uniformed Gender Parity Strategy tracker."""

from dashboard.panels.page import panel_page
from dashboard.panels.spec import Panel, register_page
from indicators.i18n import N_
from indicators.ugps import tracker_filters

NAME = N_("Women in peacekeeping")  # registered in English; shown through _()

PANELS = (
    Panel("tracker", "women-share", by=("ugps-group",), chart="bars", target=True,
          filters_hook=tracker_filters,
          title=N_("UGPS tracker: women's share by target group, latest month"),
          note=N_("Each group against its target for the year, as the DPO's monthly report "
                  "reads it; the table gives the gap, the women needed, and the 2028 "
                  "target.")),
    Panel("parity-by-country", "women-share", by=("country", "ugps-group"), chart="parity",
          top=20, filters_hook=tracker_filters,
          title=N_("The 20 largest contributors against the UGPS targets, latest month"),
          note=N_("DPO's colour code: green meets the year's target, yellow has some women, "
                  "red has none. The table lists every contributor.")),
    Panel("share-by-category", "women-share", by=("year", "ugps-group"), chart="line",
          x="year", series="ugps-group", target=True,
          title=N_("Women's share by UGPS target group, per year, against the targets"),
          note=N_("Targets appear for the years the strategy covers (2018-2028); staff "
                  "officers and experts on mission form one group, individual military.")),
    Panel("share-by-mission", "women-share", by=("mission",), chart="bars",
          title=N_("Women's share by mission")),
    Panel("share-by-country", "women-share", by=("country",), chart="bars", top=20,
          title=N_("Women's share by contributing country (top 20)")),
    Panel("women-by-month", "uniformed-personnel", by=("month", "gender"), chart="line",
          x="month", series="gender", title=N_("Uniformed women and men, month by month")),
)
PAGE = register_page(
    __name__, PANELS, path="/women", name=NAME, order=4, nav_label=N_("Women"), title=NAME)


def layout(**query):
    return panel_page(
        PAGE, NAME,
        N_("Women as a share of uniformed personnel, by category and mission, against the "
           "Uniformed Gender Parity Strategy (2018-2028) targets."),
        PANELS, query=query)
