"""The page Dash Pages shows for an unknown address (found by its module name)."""

import dash
from dash import html

from dashboard.i18n.sentences import sentence
from indicators.i18n import N_, _

dash.register_page(__name__, path="/404", name=N_("Page not found"), nav=False)


def layout(**_query: str) -> html.Div:
    return html.Div([
        html.H1(_("Page not found")),
        html.P(sentence(_("There is no page at this address. {link}."),
                        link=html.A(_("Go to the first page"),
                                    href=dash.get_relative_path("/")))),
    ], id={"page": "not-found", "part": "page"})
