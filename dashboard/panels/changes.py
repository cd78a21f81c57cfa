"""The "What changed" panel: the heading, which two data versions are compared, one list per
kind of change, and the links to a saved briefing's old numbers and to the view now."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n.change_words import (
    change_sections,
    narrowed_words,
    no_changes_words,
    since_heading,
    span_words,
)
from indicators.change_set import ChangeSet
from indicators.i18n import _

PANEL = "pk-since-panel"  # the panel's place in the shell (dashboard/shell/since.py fills it)


def changes_panel(kind: str, changes: ChangeSet, *, day=None, hidden: int = 0,
                  country_names: dict[str, str] | None = None,
                  links: list[tuple[str, str]] = ()) -> html.Section:
    """`links`: (words, address) pairs, e.g. the saved pack and the same view now."""
    sections = change_sections(changes, country_names)
    body: list = [html.H2(since_heading(kind, changes.since, day), className="h5 mb-1"),
                  html.P(span_words(changes), className="small text-muted mb-2")]
    if not sections:
        body.append(html.P(no_changes_words(), className="mb-2"))
    for section in sections:
        body.append(html.H3(section.title, className="h6 mt-2 mb-1"))
        body.append(html.Ul([html.Li(line.text, **{"data-key": line.key})
                             for line in section.lines],
                            className="mb-1", **{"data-section": section.key}))
    if hidden:
        body.append(html.P(narrowed_words(hidden), className="small mb-1 pk-since-narrowed"))
    if links:
        body.append(html.P([item for index, (words, href) in enumerate(links)
                            for item in ([" · "] if index else []) + [html.A(words, href=href)]],
                           className="small mb-0"))
    return html.Section(dbc.Card(dbc.CardBody(body), className="border-info"),
                        className="pk-since mb-4", **{"aria-label": _("What changed")})
