"""Capability gaps and partnerships: a Light Coordination Mechanism view of open gaps, pledges
from providers to recipients, their status, and units' scores before and after support."""

from dashboard.panels.page import panel_page
from dashboard.panels.spec import Panel, register_page
from dashboard.shell.notices import generated_data_notice
from indicators.i18n import N_

NAME = N_("Capability gaps and partnerships")  # registered in English; shown through _()

PIPELINE = ("pledged", "matched", "delivered")

PANELS = (
    Panel("gaps-heat", "capability-gaps-open", by=("mission", "capability-area"),
          chart="heat", title=N_("Open capability gaps by mission and capability area"),
          note=N_("Gaps open at the end of the period; blank cells have none.")),
    Panel("flows", "partnerships", by=("provider", "recipient"), chart="sankey", top=12,
          title=N_("Partnerships from provider to recipient country"),
          note=N_("Each band is the number of partnerships one country gives another; the "
                  "table lists every pair.")),
    Panel("status-count", "partnerships", by=("status",), chart="pipeline", order=PIPELINE,
          title=N_("Partnerships by status: pledged → matched → delivered"),
          note=N_("The latest status of each partnership pledged in the period.")),
    Panel("status-value", "partnership-value", by=("status",), chart="pipeline",
          order=PIPELINE, title=N_("Value of partnerships by status (US dollars)")),
    Panel("supported-scores", "supported-unit-score", by=("stage",), chart="pipeline",
          order=("before-support", "after-support"),
          title=N_("Evaluation scores of supported units, before and after support"),
          note=N_("Only units evaluated both before and after the delivery; not cause and "
                  "effect.")),
    Panel("supported-by-area", "supported-unit-score", by=("capability-area", "stage"),
          chart="split", x="capability-area", series="stage",
          order=("before-support", "after-support"),
          title=N_("Supported units' scores by capability area, before and after support")),
    Panel("capability-presence", "capability-presence", by=("unit-type",), chart="bars",
          title=N_("For context, real data: deployment locations with each unit type (Geo-PKO)"),
          note=N_("Where missions actually had enabling units, from Geo-PKO's coding of UN "
                  "deployment maps.")),
)
PAGE = register_page(
    __name__, PANELS, path="/partnerships", name=NAME, order=8, nav_label=N_("Partnerships"),
    title=NAME)


def layout(**query):
    return panel_page(
        PAGE, NAME,
        N_("A Light Coordination Mechanism view: which capabilities missions lack, which "
           "countries pledge support to which contributors, how far pledges have got, and how "
           "supported units score before and after the support arrives."),
        PANELS, query=query,
        notice=generated_data_notice(
            PAGE, N_("All charts except the last, which uses Geo-PKO's real deployment data, "
                     "show generated gaps, pledges and scores.")),
    )
