"""The indicator list, generated from the catalogue: an index table, then one entry per
indicator with its definition, unit, formula, cuts, sources, coverage, caveats and API links."""

from __future__ import annotations

import datetime as dt

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n.sentences import sentence
from dashboard.web.viewer import current_viewer
from indicators.i18n import N_, _, current_locale, format_day, format_number
from indicators.status import SourceStatus

API_PREFIX = "/api/v1/indicators"
# Who sees an indicator of each tier (indicators.viewer.TIERS), in words.
AUDIENCE = {"public": N_("everyone"),
            "member-state": N_("member-state delegations, each its own countries' rows; the "
                               "Secretariat, every row"),
            "secretariat": N_("the Secretariat only")}
DIRECTION = {True: N_("higher is better"), False: N_("lower is better"),
             None: N_("neither higher nor lower is better in itself")}
# Units as a reader should see them (indicators.indicator.UNIT_SCALES has the codes).
UNIT_WORDS = {
    "persons": N_("persons"), "count": N_("count"), "countries": N_("countries"),
    "allegations": N_("allegations"), "fatalities": N_("fatalities"), "days": N_("days"),
    "score": N_("score"), "USD": N_("USD"), "locations": N_("locations"),
    "percent": N_("percent"), "per 1,000 personnel per year": N_("per 1,000 personnel per year"),
}


def anchor(slug: str) -> str:
    """A plain string id, so "#indicator-<slug>" links scroll to the entry."""
    return f"indicator-{slug}"


def title(entry: dict) -> str:
    """The indicator's title in the current locale (the catalogue has English and French)."""
    return entry["title"].get(current_locale()) or entry["title"]["en"]


def definition(entry: dict) -> str:
    return entry["definition"].get(current_locale()) or entry["definition"]["en"]


def unit(entry: dict) -> str:
    return _(UNIT_WORDS.get(entry["unit"], entry["unit"]))


def badge(illustrative: bool) -> html.Span:
    """Colour-blind-safe (Okabe–Ito blue / orange with a dashed border) and always worded."""
    if illustrative:
        return html.Span(_("Illustrative"), className="badge pk-badge pk-badge-illustrative")
    return html.Span(_("Real"), className="badge pk-badge pk-badge-real")


def indicator_section(payload: list[dict], statuses: dict[str, SourceStatus] | None
                      ) -> html.Section:
    """`statuses` by source slug, or None when the database cannot say what is loaded."""
    return html.Section([
        html.H2(_("Indicators"), id="indicators"),
        html.P(_("{count} indicators. Each is defined once and computed the same way on every "
                 "page, in every download and in the API; rates are ratios of sums at the "
                 "grain shown, never averages of rates.").format(
                     count=format_number(len(payload)))),
        index_table(payload, statuses),
        html.Div([indicator_entry(entry, statuses) for entry in payload],
                 className="pk-indicator-list"),
    ], **{"aria-labelledby": "indicators"})


def index_table(payload: list[dict], statuses: dict[str, SourceStatus] | None) -> html.Div:
    header = html.Thead(html.Tr([
        html.Th(_(label), scope="col")
        for label in (N_("Indicator"), N_("Unit"), N_("Data"), N_("Source"), N_("Coverage"),
                      N_("As of"))]))
    body = html.Tbody([
        html.Tr([
            html.Th(html.A(title(entry), href=f"#{anchor(entry['slug'])}"), scope="row"),
            html.Td(unit(entry)),
            html.Td(badge(entry["illustrative"])),
            html.Td(_lines([source["title"] or source["slug"] for source in entry["sources"]])),
            html.Td(_lines([coverage(statuses, s["slug"]) for s in entry["sources"]]),
                    className="text-nowrap"),
            html.Td(_lines([as_of(statuses, s) for s in entry["sources"]]),
                    className="text-nowrap"),
        ])
        for entry in payload
    ])
    table = dbc.Table([html.Caption(_("Every indicator, with its source and coverage")),
                       header, body], size="sm", className="caption-top align-middle",
                      id="indicator-index")
    return html.Div(table, className="table-responsive", tabIndex="0", role="region",
                    **{"aria-label": _("Indicator index")})


def indicator_entry(entry: dict, statuses: dict[str, SourceStatus] | None) -> html.Article:
    slug = entry["slug"]
    heading = f"{anchor(slug)}-title"
    direction = DIRECTION[entry["higher_is_better"]]
    facts = [
        (_("Unit"), unit(entry)),
        (_("Numerator"), entry["numerator"]),
        (_("Denominator"), entry["denominator"] or _("none: a count or a total")),
        (_("Can be cut by"), _codes(entry["dimensions"]) or _("nothing: one number")),
        (_("Filters that apply"), _codes(entry["filters"]) or _("none")),
        (_("Direction"), _(direction)),
        (_("Sources"), html.Ul([source_item(source, statuses) for source in entry["sources"]],
                               className="mb-0 ps-3")),
    ]
    if entry["caveats"]:
        facts.append((_("Caveats"), html.Ul([html.Li(c) for c in entry["caveats"]],
                                            className="mb-0 ps-3")))
    tier = entry["visibility"]
    facts.append((_("Who sees it"), _(AUDIENCE[tier])))
    if current_viewer().may_see(tier):  # absent where it would answer 401/403
        facts.append((_("API"), api_links(slug, entry["dimensions"])))
    return html.Article(dbc.Card(dbc.CardBody([
        html.H3([title(entry), " ", badge(entry["illustrative"])], id=heading,
                className="h5"),
        html.P(html.Code(slug), className="small mb-1"),
        html.P(definition(entry)),
        html.Dl([part for label, value in facts
                 for part in (html.Dt(label, className="col-sm-2"),
                              html.Dd(value, className="col-sm-10"))],
                className="row mb-0 small"),
    ]), className="mb-3"), id=anchor(slug), **{"aria-labelledby": heading})


def source_item(source: dict, statuses: dict[str, SourceStatus] | None) -> html.Li:
    parts = [html.Strong(source["title"] or source["slug"])]
    if source.get("publisher"):
        parts.append(f" · {source['publisher']}")
    parts.append(". " + _("Coverage: {coverage}; as of {as_of}.").format(
        coverage=coverage(statuses, source["slug"]), as_of=as_of(statuses, source)))
    if source.get("citation"):
        parts += [html.Br(), html.Span(_("Cite as: {citation}").format(
            citation=source["citation"]), className="pk-citation")]
    return html.Li(parts)


def api_links(slug: str, dimensions: list[str]) -> html.Span:
    json_path = dash.get_relative_path(f"{API_PREFIX}/{slug}")
    csv_path = dash.get_relative_path(f"{API_PREFIX}/{slug}.csv")
    example = f"?by={dimensions[0] if dimensions else 'year'}&from=2012-01&to=2013-12"
    return html.Span([
        html.A(html.Code(f"{API_PREFIX}/{slug}"), href=json_path), " (JSON) · ",
        html.A(html.Code(f"{API_PREFIX}/{slug}.csv"), href=csv_path), " (CSV). ",
        *sentence(_("Cut and filter it with the same parameters as the pages, e.g. "
                    "{example}."), example=html.Code(example)),
    ])


def coverage(statuses: dict[str, SourceStatus] | None, slug: str) -> str:
    if statuses is None:
        return _("unknown (database unavailable)")
    status = statuses.get(slug)
    if status is None or not status.loaded:
        return _("not loaded yet")
    return status.coverage_label or "—"


def as_of(statuses: dict[str, SourceStatus] | None, source: dict) -> str:
    status = (statuses or {}).get(source["slug"])
    day = status.as_of if status and status.loaded else None
    if day is not None:
        return format_day(day)
    if source["slug"] == "illustrative":
        return _("— (generated)")
    if source.get("as_of"):  # the manifest's date: what the published file describes
        day = dt.date.fromisoformat(source["as_of"])
        return _("{day} (file not loaded)").format(day=format_day(day))
    return "—"


def _codes(names: list[str]) -> list:
    parts: list = []
    for index, name in enumerate(names):
        parts += ([", "] if index else []) + [html.Code(name)]
    return parts


def _lines(texts: list[str]) -> list:
    parts: list = []
    for index, text in enumerate(texts):
        parts += ([html.Br()] if index else []) + [text]
    return parts
