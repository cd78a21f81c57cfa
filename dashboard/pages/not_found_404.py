"""The page Dash Pages shows for an unknown address (found by its module name)."""

import dash
from dash import html

dash.register_page(__name__, path="/404", name="Page not found", nav=False)


def layout(**_query: str) -> html.Div:
    return html.Div([
        html.H1("Page not found"),
        html.P(["There is no page at this address. ",
                html.A("Go to the first page", href=dash.get_relative_path("/")), "."]),
    ], id={"page": "not-found", "part": "page"})
