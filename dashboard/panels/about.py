"""A card's "About this chart": its indicator's definition, counting rules, caveats and sources."""

from __future__ import annotations

import datetime as dt

import dash
from dash import html

from dashboard.panels.indicator_list import anchor, badge, definition, unit
from dashboard.panels.spec import Panel
from indicators.catalogue import CATALOGUE
from indicators.i18n import _, format_day
from indicators.serialize import indicator_metadata

SOURCES_PAGE = "/indicators"


def about_box(page: str, panel: Panel, card_ids) -> html.Details:
    """The card's "About this chart", closed until opened: a native disclosure (<details>),
    so it opens by mouse or keyboard with no callback, and its words are in the page once,
    in the reader's language, whatever the filters. `card_ids` is card.ids."""
    entry = indicator_metadata(CATALOGUE[panel.indicator])
    body_id = f"pk-{page}-{panel.key}-about"
    return html.Details([
        html.Summary(_("About this chart"), className="btn btn-sm btn-outline-secondary",
                     **{"aria-controls": body_id}),
        html.Div(about_contents(entry), id=body_id, className="pk-about-body small mt-2"),
    ], id=card_ids("about", page, panel.key), className="pk-about mb-2")


def about_contents(entry: dict) -> list:
    """What the indicators page says of the indicator, shortened to fit a card."""
    facts = [
        (_("Data"), [badge(entry["illustrative"]), " ",
                     _("Generated for an area with no public data; not real numbers.")
                     if entry["illustrative"] else
                     _("From official public files; see the caption for source and date.")]),
        (_("Numerator"), entry["numerator"]),
        (_("Denominator"), entry["denominator"] or _("none: a count or a total")),
        (_("Unit"), unit(entry)),
        (_("Sources"), html.Ul([source_line(source) for source in entry["sources"]],
                               className="mb-0 ps-3")),
    ]
    if entry["caveats"]:
        facts.append((_("Caveats"), html.Ul([html.Li(c) for c in entry["caveats"]],
                                            className="mb-0 ps-3")))
    return [
        html.P(definition(entry), className="pk-about-definition mb-2"),
        html.Dl([part for label, value in facts
                 for part in (html.Dt(label, className="col-sm-3"),
                              html.Dd(value, className="col-sm-9"))],
                className="row mb-1"),
        html.A(_("This indicator on the Indicators page"),
               href=dash.get_relative_path(f"{SOURCES_PAGE}#{anchor(entry['slug'])}")),
    ]


def source_line(source: dict) -> html.Li:
    """Title · publisher, as of the date the published file describes; how to cite it."""
    words = [f" · {source['publisher']}"] if source.get("publisher") else []
    if source.get("as_of"):
        words.append(". " + _("As of {date}").format(
            date=format_day(dt.date.fromisoformat(source["as_of"]))) + ".")
    parts = [html.Strong(source["title"] or source["slug"]), "".join(words)]
    if source.get("citation"):
        parts += [html.Br(), html.Span(_("Cite as: {citation}").format(
            citation=source["citation"]), className="pk-citation")]
    return html.Li(parts)
