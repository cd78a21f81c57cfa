"""A saved briefing (/briefings/<id>): what it was, what changed in the data since it was made,
and both sets of numbers: the pack as made, and the same address now."""

from __future__ import annotations

from urllib.parse import parse_qs

import dash
from dash import html
from sqlalchemy import Engine

from dashboard.i18n.change_words import long_day, version_words
from dashboard.panels.changes import changes_panel
from dashboard.web.context import current_engine
from dashboard.web.page_cache import mark_incomplete
from dashboard.web.viewer import current_viewer
from indicators.briefings import Briefing, find_briefing
from indicators.change_scope import narrow
from indicators.filters import Filters
from indicators.i18n import N_, _
from indicators.lookups import labels
from indicators.since import SinceError, changes_for, read_since
from indicators.versions import version_info
from indicators.vocabulary import load_vocabulary

dash.register_page(__name__, path_template="/briefings/<briefing_id>",
                   name=N_("Saved briefing"), nav=False)


def layout(briefing_id: str = "", **_query: str) -> html.Div:
    engine = current_engine()
    number = int(briefing_id) if briefing_id.isdigit() else None
    briefing = find_briefing(engine, number, current_viewer()) if number is not None else None
    if briefing is None:
        mark_incomplete()  # a briefing saved later must not find this page kept
        return html.Div([html.H1(_("Saved briefing")), html.P(
            _("No saved briefing by this number that you may open."))],
            id={"page": "briefing-saved", "part": "page"})
    return html.Div([html.H1(briefing.title), html.P(_about(briefing, engine)),
                     _changes(briefing, engine)],
                    id={"page": "briefing-saved", "part": "page"})


def _about(briefing: Briefing, engine: Engine) -> str:
    info = version_info(engine, briefing.data_version) if briefing.data_version else None
    made = _("Made on {day} as {format}").format(day=long_day(briefing.created),
                                                 format=briefing.fmt.upper())
    return made + (" " + _("from {version}.").format(version=version_words(info))
                   if info else ".")


def _changes(briefing: Briefing, engine: Engine):
    links = [(_("The briefing as made (old numbers)"), f"/briefings/{briefing.id}/file"),
             (_("The same pack with today's data"), briefing.address)]
    if briefing.page_address:
        links.append((_("This view now"), briefing.page_address))
    try:
        since = read_since(engine, briefing.since_value, current_viewer())
        changes = changes_for(engine, since)
    except SinceError as error:
        return html.Div([html.P(str(error)), html.P([html.A(words, href=href) for words, href
                                                     in links[:1]])])
    if changes is None:
        return html.P(_("No data version has been recorded yet."))
    filters, _problems = Filters.from_query(_query_of(briefing), load_vocabulary(engine))
    narrowed, hidden = narrow(changes, filters)
    return changes_panel("briefing", narrowed, day=since.day, hidden=hidden,
                         country_names=labels(engine).get("country", {}), links=links)


def _query_of(briefing: Briefing) -> dict:
    return {key: ",".join(values) for key, values in parse_qs(briefing.query).items()}
