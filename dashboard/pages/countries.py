"""Contributing countries: one country's deployments, women, fatalities, conduct, training,
evaluations and partnerships, and a comparison with peers of similar size."""

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, html, no_update

from dashboard.exports.controls import FORMAT_NAMES, JOB_STORE, start
from dashboard.exports.request import PROFILE as PROFILE_EXPORT
from dashboard.exports.request import PROFILE_FORMATS
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
from dashboard.web.context import current_engine, stored_filters
from dashboard.web.ids import STORE
from indicators import country_articles
from indicators.filters import Filters
from indicators.i18n import N_, _
from indicators.lookups import labels
from indicators.peers import PEERS, peers, with_peers

PROMPT = N_("Choose a contributing country in the filter bar")
NAME = N_("Contributing countries")  # registered in English; shown through _()

PROFILE = (
    Panel("deployments", "uniformed-personnel", by=("year", "mission"), chart="split",
          x="year", series="mission", title=N_("Deployments by mission, per year"),
          note=N_("Mean monthly uniformed personnel in each mission; the bars add up to the "
                  "country's total.")),
    Panel("women-share", "women-share", by=("year", "ugps-group"), chart="line", x="year",
          series="ugps-group", target=True,
          title=N_("Women's share by UGPS target group, per year, against the targets"),
          note=N_("The table gives each year's target, the gap in points and the number of "
                  "women needed to meet it at current strength.")),
    Panel("fatalities", "fatalities", by=("year", "incident-type"), chart="split", x="year",
          series="incident-type", title=N_("Fatalities among its nationals, by incident type")),
    Panel("allegations", "sea-allegations", by=("year",), chart="line",
          title=N_("Allegations of sexual exploitation and abuse involving its personnel"),
          note=N_("As the UN publishes them, 1 or 2 allegations are shown as “fewer than 3”.")),
    Panel("training", "training-coverage", by=("year",), chart="line",
          title=N_("Pre-deployment training coverage, per year")),
    Panel("evaluations", "unit-evaluation-score", by=("key-factor",), chart="bars",
          title=N_("Unit evaluations: mean score by key factor")),
    Panel("partnerships", "partnerships", by=("status",), chart="bars",
          title=N_("Capacity-building partnerships it gives or receives, by status")),
)
COMPARISON = (
    Panel("peers-women", "women-share", by=("country",), chart="bars", top=PEERS + 1,
          filters_hook=with_peers, title=N_("Women's share: the country and its peers")),
    Panel("peers-size", "uniformed-personnel", by=("country",), chart="bars", top=PEERS + 1,
          filters_hook=with_peers, title=N_("Uniformed personnel: the country and its peers")),
)
PANELS = (*PROFILE, *COMPARISON)


def shows(_panel: Panel, filters: Filters) -> bool:
    """Nothing shows until a country is chosen (the prompt stands in their place)."""
    return bool(chosen_countries(filters.to_query()))


PAGE = register_page(
    __name__, PANELS, shows, path="/countries", name=NAME, order=2, nav_label=N_("Countries"),
    title=f"{NAME} · {PRODUCT_NAME}",
    description=N_("A contributing country's deployments, women's share against "
                   "target, fatalities, conduct, training and partnerships, "
                   "compared with peers of similar size."))


def ids(part: str) -> dict:
    return {"page": PAGE, "part": part}


def chosen_countries(query: dict | None) -> list[str]:
    return chosen_codes(query, "country")


def selection_view(countries: list[str], names: dict[str, str],
                   peer_codes: tuple[str, ...] = ()) -> tuple[bool, str, str]:
    """(show the prompt, heading, sentence about the peers) for the chosen countries, in the
    current language."""
    if not countries:
        return True, "", ""
    if len(countries) > 1:
        return (False, _("{countries} together").format(
                    countries=", ".join(names.get(c, c) for c in countries)),
                _("The comparison shows the chosen countries side by side."))
    code = countries[0]
    heading = f"{names.get(code, code)} ({code})"
    # French names take their article: "celui du Rwanda", "celui de la France".
    of_country = country_articles.of_country(code, names.get(code, code))
    if not peer_codes:
        return (False, heading, _("No uniformed personnel recorded for this country under "
                                  "these filters, so no peers of similar size can be chosen."))
    listed = ", ".join(names.get(c, c) for c in peer_codes)
    return (False, heading, _("Peers of similar size (mean uniformed personnel under these "
                              "filters closest to that {of_country}): {peers}.").format(
                                  of_country=of_country, peers=listed))


def layout(**query):
    # The address bar sets the first view; the callback keeps it in step with the filter bar.
    filters = address_filters(query)  # as the filters store will hold them: codes checked
    show_prompt = not (filters.countries if filters else chosen_countries(query))
    return html.Div([
        html.H1(_(NAME), className="h2"),
        html.P(_("What one contributing country provides and how its personnel fare: "
                 "deployments by mission, women's share against the Uniformed Gender Parity "
                 "Strategy targets, fatalities, allegations of misconduct, training, unit "
                 "evaluations and partnerships, then a comparison with countries of similar "
                 "size."), className="lead"),
        html.Div(dbc.Alert(sentence(_("{prompt} (the “Contributing country” box above) to see "
                                      "its profile and its peers."),
                                    prompt=html.Strong(_(PROMPT))),
                           color="info", className="mb-3"),
                 id=ids("prompt"), style=hidden(not show_prompt), role="status"),
        html.Div([
            html.Section([
                html.H2(id=ids("heading"), className="h4 mb-3"),
                profile_buttons(show=len(filters.countries if filters else
                                         chosen_countries(query)) == 1),
                card_row(PAGE, PROFILE, filters, draw=not show_prompt, eager=FIRST_SCREEN),
            ], **{"aria-label": _("Country profile")}),
            html.Section([
                html.H2(_("Peers of similar size"), className="h4 mb-1"),
                html.P(id=ids("peers"), className="text-muted"),
                card_row(PAGE, COMPARISON, filters, draw=not show_prompt),
            ], **{"aria-label": _("Comparison with peers")}),
        ], id=ids("body"), style=hidden(show_prompt)),
    ])


def profile_buttons(show: bool) -> html.Div:
    """The one-pager a delegation asks for before a ministerial: one country only."""
    return html.Div([
        html.Span(_("One-page country profile:"), className="small me-2"),
        *[dbc.Button(FORMAT_NAMES[fmt], id=ids(f"profile-{fmt}"), size="sm", color="secondary",
                     outline=True, className="me-1", n_clicks=0) for fmt in PROFILE_FORMATS],
    ], id=ids("profile"), className="mb-3", style=hidden(not show))


@app_callback(
    Output(JOB_STORE, "data", allow_duplicate=True),
    *[Input(ids(f"profile-{fmt}"), "n_clicks") for fmt in PROFILE_FORMATS],
    State(STORE, "data"),
    prevent_initial_call=True,
)
def export_profile(*args):
    """Starts the profile as a background export, as the page's briefing-pack buttons do."""
    if not isinstance(ctx.triggered_id, dict) or not any(args[:-1]):
        return no_update
    return profile_job(ctx.triggered_id["part"].removeprefix("profile-"), args[-1])


def profile_job(fmt: str, query: dict | None) -> dict:
    """The job store's entry for the chosen country's one-pager; the page's other filters are
    not the profile's (it reads its own periods), so only the country is sent."""
    countries = chosen_countries(query)
    return start(PROFILE_EXPORT, fmt, "?" + "&".join(f"country={c}" for c in countries))


@app_callback(
    Output(ids("profile"), "style"),
    Input(STORE, "data"),
)
def show_profile_buttons(query):
    return hidden(len(chosen_countries(query)) != 1)


@app_callback(
    Output(ids("prompt"), "style"),
    Output(ids("body"), "style"),
    Output(ids("heading"), "children"),
    Output(ids("peers"), "children"),
    Input(STORE, "data"),
)
def show_selection(query):
    """The prompt until a country is chosen; then its name and its peers."""
    countries = chosen_countries(query)
    if not countries:
        return hidden(False), hidden(True), "", ""
    engine = current_engine()
    names = labels(engine).get("country", {})
    peer_codes: tuple[str, ...] = ()
    if len(countries) == 1:
        filters = stored_filters(query or {})
        peer_codes = peers(engine, countries[0], filters)
    show_prompt, heading, sentence = selection_view(countries, names, peer_codes)
    return hidden(not show_prompt), hidden(show_prompt), heading, sentence
