"""Single sign-on through an OpenID Connect provider (Authlib): /sign-in/provider sends the
person there, /sign-in/provider/callback checks the answer (state, nonce, the ID token's
signature, issuer and audience) and signs in the account it names.

Which account: with PKDASH_OIDC_TIER_CLAIM set, the provider decides the tier (and, through
PKDASH_OIDC_COUNTRIES_CLAIM, the countries) and the account is made or brought in step at each
sign-in; without it, an account with the same verified e-mail address must exist already."""

from __future__ import annotations

import re

from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Blueprint, Flask, current_app, g, redirect, request, session, url_for

from dashboard.settings import AuthSettings
from dashboard.web.audit import record
from dashboard.web.auth import sign_in
from dashboard.web.context import current_engine, current_settings
from dashboard.web.signin_page import render_page, safe_next
from indicators.accounts import (
    AccountError,
    AccountInfo,
    add_account,
    checked_countries,
    find_account,
    set_claims,
)
from indicators.i18n import _
from indicators.viewer import TIERS

blueprint = Blueprint("oidc", __name__)
CLIENT = "provider"
EXTENSION = "authlib.integrations.flask_client"  # where OAuth(app) keeps itself
NEXT_KEY = "pkdash_oidc_next"


class Refused(Exception):
    """The provider vouched for someone this dashboard will not sign in; says why."""


def install_oidc(server: Flask, auth: AuthSettings) -> None:
    if not auth.oidc_enabled:
        return
    oauth = OAuth(server)
    oauth.register(
        CLIENT, client_id=auth.oidc_client_id, client_secret=auth.oidc_client_secret,
        server_metadata_url=f"{auth.oidc_issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": "openid email profile"})
    server.register_blueprint(blueprint)


def _client():
    return current_app.extensions[EXTENSION].create_client(CLIENT)


@blueprint.get("/sign-in/provider")
def start():
    session[NEXT_KEY] = safe_next(request.args.get("next"))
    return _client().authorize_redirect(url_for("oidc.callback", _external=True))


@blueprint.get("/sign-in/provider/callback")
def callback():
    claims: dict = {}
    try:
        token = _client().authorize_access_token()
        claims = token.get("userinfo") or {}
        account = account_for_claims(claims, current_settings().auth)
    except (OAuthError, Refused) as error:
        reason = str(error) if isinstance(error, Refused) else _(
            "The identity provider did not confirm the sign-in ({error}).").format(
                error=getattr(error, "error", "") or error)
        who = str(claims.get("email") or "")
        g.account = find_account(current_engine(), email=who) if who else None
        record("failed-sign-in", what="oidc", who=who or "?", filters="")
        g.account = None
        return render_page(reason, status=403)
    target = session.pop(NEXT_KEY, "/")
    sign_in(account, "oidc")
    return redirect(safe_next(target), 303)


def account_for_claims(claims: dict, auth: AuthSettings) -> AccountInfo:
    email = str(claims.get("email") or "").strip().lower()
    if not email:
        raise Refused(_("The identity provider did not give an e-mail address."))
    if claims.get("email_verified") is False:
        raise Refused(_("The identity provider has not verified {email}.").format(email=email))
    engine = current_engine()
    account = find_account(engine, email=email)
    if auth.oidc_tier_claim and claims.get(auth.oidc_tier_claim) is not None:
        tier, countries = _tier_and_countries(claims, auth)
        name = str(claims.get("name") or email)
        try:
            if account is None:
                account = add_account(engine, email, tier, countries, name)
            else:
                set_claims(engine, account.id, tier, countries, name)
                account = find_account(engine, email=email)
        except AccountError as error:
            raise Refused(str(error)) from None
    if account is None:
        raise Refused(_("There is no account for {email} on this dashboard. Ask the "
                        "Secretariat to create one.").format(email=email))
    if not account.active:
        raise Refused(_("The account for {email} is switched off.").format(email=email))
    return account


def _tier_and_countries(claims: dict, auth: AuthSettings) -> tuple[str, tuple[str, ...]]:
    tier = str(claims[auth.oidc_tier_claim]).strip().lower()
    if tier not in TIERS:
        raise Refused(_("The identity provider gave the tier {tier!r}, not one of {tiers}.")
                      .format(tier=tier, tiers=", ".join(TIERS)))
    raw = claims.get(auth.oidc_countries_claim, []) if auth.oidc_countries_claim else []
    codes = raw if isinstance(raw, list) else re.split(r"[\s,]+", str(raw))
    try:
        countries = checked_countries([str(code) for code in codes if str(code).strip()])
    except AccountError as error:
        raise Refused(str(error)) from None
    return tier, countries if tier == "member-state" else ()
