"""The shell around every page: skip link, navbar built from the page registry, footer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard.exports.controls import export_bar, export_status
from dashboard.i18n import PRODUCT_NAME
from dashboard.i18n.sentences import sentence
from dashboard.panels.spec import page_seen_by
from dashboard.shell.account_line import account_line
from dashboard.shell.filterbar import filter_bar
from dashboard.shell.language_switch import language_switch
from dashboard.shell.since import since_panel
from dashboard.web.viewer import current_viewer
from indicators.i18n import N_, _

MAIN_ID = "main-content"  # plain string: the skip link's #fragment must match it
ILLUSTRATIVE_NOTE = N_(
    "Numbers marked Illustrative are generated for areas where no public data exist. "
    "They show how the dashboard will work and describe no real mission; do not cite them."
)


def nav_pages(registry: Mapping[str, Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Pages that asked to be in the navbar (`nav=False` opts out), in their declared order;
    a page whose every chart the viewer may not see is absent."""
    viewer = current_viewer()
    pages = [page for page in registry.values() if page.get("nav", True)
             and not page["module"].endswith("not_found_404")
             and page_seen_by(page["module"].rpartition(".")[2], viewer)]
    return sorted(pages, key=lambda page: (page.get("order") is None, page.get("order") or 0,
                                           page["name"]))


def navbar(pages: Iterable[Mapping[str, Any]]) -> html.Header:
    """Brand on top, then every page as a short link; the row wraps on narrow screens instead
    of hiding links behind a menu, so each stays one Tab away. Page names are registered in
    English and shown through the catalogue."""
    links = [
        dbc.NavItem(dbc.NavLink(_(page.get("nav_label", page["name"])),
                                href=page["relative_path"], active="exact",
                                id={"page": "shell", "part": "nav", "to": page["module"]}))
        for page in pages
    ]
    return html.Header(
        dbc.Navbar(
            dbc.Container([
                dbc.NavbarBrand(_(PRODUCT_NAME), href=dash.get_relative_path("/")),
                language_switch(),  # top right, beside the brand; the links wrap below
                dbc.Nav(links, navbar=True, className="flex-row flex-wrap pk-nav w-100"),
            ], fluid="lg", className="flex-wrap"),
            color="dark", dark=True, expand=True, role="navigation",
        ),
    )


def footer() -> html.Footer:
    return html.Footer(
        dbc.Container([
            account_line(),
            html.P(_(ILLUSTRATIVE_NOTE), className="mb-1"),
            html.P(sentence(
                _("Real numbers come from the official public files listed on {page}, each "
                  "with its publisher, citation and “as of” date."),
                page=html.A(_("Indicators and sources"),
                            href=dash.get_relative_path("/indicators")),
            ), className="mb-0"),
        ], fluid="lg"),
        className="pk-footer border-top mt-5 py-3 small",
    )


def shell(registry: Mapping[str, Mapping[str, Any]],
          filter_choices: Mapping[str, list] | None = None) -> html.Div:
    """The app layout: filter bar, then the page router (`dash.page_container`) in <main>."""
    return html.Div([
        html.A(_("Skip to main content"), href=f"#{MAIN_ID}",
               className="visually-hidden-focusable"),
        navbar(nav_pages(registry)),
        html.Main(dbc.Container([filter_bar(filter_choices or {}), since_panel(), export_bar(),
                                 export_status(), dash.page_container],
                                fluid="lg", className="py-4"),
                  id=MAIN_ID, tabIndex="-1"),
        footer(),
    ])
