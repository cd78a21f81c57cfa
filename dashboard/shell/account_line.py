"""The footer's line saying who is signed in and what tier they see, with the sign-out
button; or that this is the public view, with the way to sign in."""

from __future__ import annotations

import dash
import pycountry
from dash import dcc, html

from dashboard.web.csrf import FIELD, csrf_token
from dashboard.web.viewer import current_viewer
from indicators.i18n import _
from indicators.place_names import country_name
from indicators.viewer import ANONYMOUS, Viewer

ACCOUNT_LINE_ID = "pk-account-line"


def delegation(countries) -> str:
    """'Rwanda delegation', in the reader's language."""
    names = [country_name(code, getattr(pycountry.countries.get(alpha_3=code), "name", code))
             for code in sorted(countries)]
    return _("{countries} delegation").format(countries=", ".join(names))


def tier_description(viewer: Viewer) -> str:
    if viewer.tier == "member-state":
        return _("{delegation} (member state)").format(delegation=delegation(viewer.countries))
    if viewer.tier == "secretariat":
        return _("Secretariat (all data)")
    return _("public view")


def account_line() -> html.Div:
    viewer = current_viewer()
    if viewer == ANONYMOUS:
        return html.Div([
            _("Public view"), " — ",
            html.A(_("sign in"), href=dash.get_relative_path("/sign-in")),
        ], id=ACCOUNT_LINE_ID, className="mb-2")
    return html.Div([
        html.Span(_("Signed in as {name} — {tier}").format(
            name=viewer.name, tier=tier_description(viewer))),
        " · ", html.A(_("Alerts"), href=dash.get_relative_path("/alerts")), " ",
        html.Form([
            dcc.Input(type="hidden", name=FIELD, value=csrf_token()),
            html.Button(_("Sign out"), type="submit",
                        className="btn btn-link btn-sm p-0 align-baseline"),
        ], action=dash.get_relative_path("/sign-out"), method="POST", className="d-inline"),
    ], id=ACCOUNT_LINE_ID, className="mb-2")
