"""Capability gaps and partnerships: the Light Coordination Mechanism loop from open gaps to
pledges, delivery and the recipient units' scores, its unmatched gaps and duplicated offers,
the difference-in-differences estimate of what support changed, and the partnerships' flows."""

import dash_bootstrap_components as dbc
from dash import Input, Output, html

from dashboard.i18n.numbers import day_text
from dashboard.panels.page import address_filters, panel_page
from dashboard.panels.spec import Panel, register_page
from dashboard.shell.notices import generated_data_notice
from dashboard.web.callback_registry import app_callback
from dashboard.web.context import current_engine, stored_filters
from dashboard.web.ids import STORE
from dashboard.web.viewer import current_viewer
from indicators.catalogue import CATALOGUE
from indicators.did import ESTIMATES
from indicators.filters import Filters
from indicators.i18n import N_, _, format_number
from indicators.illustrative_lcm import SUPPORT_EFFECT
from indicators.lookups import labels
from indicators.measures.lcm import LOOP_SLUG, LOOP_STAGES, gap_problems

NAME = N_("Capability gaps and partnerships")  # registered in English; shown through _()

PIPELINE = ("pledged", "matched", "delivered")

PANELS = (
    Panel("loop", "capability-gap-loop", by=("stage",), chart="funnel", order=LOOP_STAGES,
          title=N_("The coordination loop: open gaps → pledged → matched → delivered → "
                   "evaluated before and after"),
          note=N_("Each gap open in the period, counted at every stage it reached, with its "
                  "share of the gaps open; what falls out between two stages is where the loop "
                  "leaks.")),
    Panel("effect", "support-effect", by=("estimate",), chart="estimate", order=ESTIMATES,
          title=N_("What support changed: difference in differences beside the before-after"),
          note=N_("Supported units' change minus the change of comparable unsupported units "
                  "over the same years; bars are 95% intervals; n is the number of units.")),
    Panel("unmatched", "capability-gap-loop", by=("mission", "capability-area"),
          where=(("stage", "unmatched"),), chart="heat",
          title=N_("Unmatched gaps (no pledge) by mission and capability area"),
          note=N_("0: the mission had gaps in the area and each got a pledge; blank: it had "
                  "none.")),
    Panel("duplicated", "capability-gap-loop", by=("mission", "capability-area"),
          where=(("stage", "duplicated"),), chart="heat",
          title=N_("Gaps with duplicated offers (two or more providers) by mission and "
                   "capability area"),
          note=N_("0: the mission had gaps in the area, none offered twice; blank: it had "
                  "none.")),
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


def ids(part: str) -> dict:
    return {"page": PAGE, "part": part}


def built_in_effect() -> str:
    """The sentence that keeps the estimate from being read as a finding; the number is the
    generator's own constant, so the page cannot disagree with what was built in."""
    return _("The illustrative generator builds an effect of {points} points into the scores "
             "of every unit that support reaches, so this view demonstrates the method, not a "
             "finding: the difference in differences should find about {points} points, and "
             "the before-after alone adds the drift that every unit shows.").format(
                 points=format_number(SUPPORT_EFFECT, 1))


def layout(**query):
    page = panel_page(
        PAGE, NAME,
        N_("A Light Coordination Mechanism view: which capabilities missions lack, which "
           "countries pledge support for them and to whom, how far pledges have got, which "
           "gaps no one answers or two providers answer at once, and how much supported "
           "units' scores changed compared with units that were not supported."),
        PANELS, query=query,
        notice=html.Div([
            generated_data_notice(
                PAGE, N_("All charts except the last, which uses Geo-PKO's real deployment "
                         "data, show generated gaps, pledges and scores.")),
            dbc.Alert(built_in_effect(), color="secondary", className="pk-built-in-effect"),
        ]),
    )
    filters = address_filters(query)
    if not current_viewer().may_see(CATALOGUE[LOOP_SLUG].visibility):
        return page  # the gap list is the loop's gaps: absent where the loop's cards are
    page.children.append(html.Section([
        html.H2(_("Unmatched gaps and duplicated offers"), className="h4 mt-3"),
        html.P(_("The gaps open in the period that no one pledged for, and those two or more "
                 "providers pledged for at once: the two failures the coordination mechanism "
                 "exists to avoid (illustrative data). The country filter does not apply: a "
                 "gap is a mission's."), className="text-muted"),
        html.Div(gap_table(filters) if filters is not None else None, id=ids("gap-list")),
    ], **{"aria-label": _("Unmatched gaps and duplicated offers")}))
    return page


PROBLEMS = {"unmatched": N_("Unmatched: no pledge"),
            "duplicated": N_("Duplicated: two or more providers")}


def gap_table(filters: Filters) -> dbc.Table | html.P:
    """The unmatched and duplicated gaps under these filters, one row each, named."""
    engine = current_engine()
    found = gap_problems(filters, engine, current_viewer())  # NotPermitted: 401/403
    if found.empty:
        return html.P(_("No unmatched gaps and no duplicated offers under these filters."))
    names = labels(engine)
    areas = names.get("capability-area", {})
    countries = names.get("country", {})
    header = html.Thead(html.Tr([html.Th(_(title)) for title in (
        N_("Problem"), N_("Mission"), N_("Capability area"), N_("Gap opened"),
        N_("Providers who pledged"))]))
    body = html.Tbody([html.Tr([
        html.Td(_(PROBLEMS[row.problem])), html.Td(row.mission),
        html.Td(areas.get(row.capability_area, row.capability_area)),
        html.Td(day_text(row.opened_on)),
        html.Td(", ".join(countries.get(c, c) for c in row.providers.split(", ") if c) or "—"),
    ], **{"data-problem": row.problem}) for row in found.itertuples()])
    return dbc.Table([html.Caption(_("{count} gaps listed").format(
        count=format_number(len(found)))), header, body], size="sm", striped=True,
        responsive=True, className="pk-gap-list")  # responsive: scrolls inside, not the page


@app_callback(Output(ids("gap-list"), "children"), Input(STORE, "data"),
              prevent_initial_call=True)
def show_gap_list(query):
    """The list follows the filter bar, as the cards do."""
    return gap_table(stored_filters(query or {}))
