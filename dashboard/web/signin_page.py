"""The /sign-in page (an address and a password, or the identity provider's button) and the
/sign-out form's target; a plain Flask page, so it works before any Dash script loads."""

from __future__ import annotations

from urllib.parse import urlsplit

import dash
from flask import (
    Blueprint,
    Flask,
    current_app,
    g,
    redirect,
    render_template_string,
    request,
    url_for,
)
from flask_limiter import Limiter

from dashboard.i18n import PRODUCT_NAME
from dashboard.web.audit import record
from dashboard.web.auth import sign_in, sign_out
from dashboard.web.context import current_engine, current_settings
from dashboard.web.csrf import FIELD, csrf_token
from indicators.accounts import check_password, find_account
from indicators.i18n import _, current_locale

blueprint = Blueprint("signin", __name__, template_folder="templates")
OIDC_START = "oidc.start"  # the identity provider's door, when one is configured

PAGE = """{% extends "plain_page.html" %}
{% set main_class = "py-5" %}{% set max_width = "28rem" %}
{% block content %}
{% if provider %}
<p><a class="btn btn-primary w-100" href="{{ provider }}">{{ provider_text }}</a></p>
<p class="text-muted text-center">{{ or_text }}</p>
{% endif %}
<form method="post" action="{{ action }}">
<input type="hidden" name="{{ field }}" value="{{ token }}">
<input type="hidden" name="next" value="{{ next }}">
<div class="mb-3"><label class="form-label" for="email">{{ email_label }}</label>
<input class="form-control" id="email" name="email" type="email" autocomplete="username"
 required value="{{ email }}"></div>
<div class="mb-3"><label class="form-label" for="password">{{ password_label }}</label>
<input class="form-control" id="password" name="password" type="password"
 autocomplete="current-password" required></div>
<button class="btn btn-outline-primary w-100" type="submit">{{ submit }}</button>
</form>
<p class="mt-4 small text-muted">{{ note }}</p>
{% endblock %}
"""


def install_signin(server: Flask, limiter: Limiter, rate: str) -> None:
    """The pages, with sign-in attempts limited per address (PKDASH_SIGNIN_RATE)."""
    server.register_blueprint(blueprint)
    limit = limiter.limit(rate, methods=["POST"], error_message=lambda: _(
        "Too many sign-in attempts from this address: at most {rate} (PKDASH_SIGNIN_RATE). "
        "Wait, then try again.").format(rate=rate))
    server.view_functions["signin.sign_in_page"] = limit(
        server.view_functions["signin.sign_in_page"])


def safe_next(target: str | None) -> str:
    """Only a path on this site: a sign-in page must not send people to another one."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else "/"


def render_page(message: str = "", email: str = "", status: int = 200):
    auth = current_settings().auth
    provider = None
    if auth.oidc_enabled and OIDC_START in current_app.view_functions:
        provider = url_for(OIDC_START, next=safe_next(request.values.get("next")))
    html = render_template_string(
        PAGE, lang=current_locale(), product=_(PRODUCT_NAME), heading=_("Sign in"),
        home=dash.get_relative_path("/"), stylesheet=dash.get_asset_url("bootstrap.min.css"),
        message=message,
        provider=provider,
        provider_text=_("Sign in with {provider}").format(
            provider=auth.oidc_label or _("your organisation's account")),
        or_text=_("or with an account of this dashboard"),
        action=url_for("signin.sign_in_page"), field=FIELD, token=csrf_token(),
        next=safe_next(request.values.get("next")), email=email,
        email_label=_("E-mail address"), password_label=_("Password"), submit=_("Sign in"),
        note=_("Member-state delegations and the Secretariat sign in to see restricted "
               "figures. Everyone else sees the public dashboard without signing in."))
    return html, status, {"Cache-Control": "no-store"}


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in_page():
    if request.method == "GET":
        return render_page()
    email = request.form.get("email", "").strip()
    account = check_password(current_engine(), email, request.form.get("password", ""))
    if account is None:
        known = find_account(current_engine(), email=email) if email else None
        g.account = known  # names the account in the log when the address is one
        record("failed-sign-in", what="password", who=email)
        g.account = None
        # 200, the form again with the message: a 401 needs a WWW-Authenticate scheme, which
        # a form is not, and browsers log it as a failed resource.
        return render_page(_("The e-mail address or the password is not right."), email)
    sign_in(account, "password")
    return redirect(safe_next(request.form.get("next")), 303)


@blueprint.post("/sign-out")
def sign_out_page():
    sign_out()
    return redirect(dash.get_relative_path("/"), 303)
