"""Who is asking, for every request: an API token (`Authorization: Bearer`) or the signed-in
session (Flask-Login) becomes `flask.g.viewer`; anyone else is the anonymous public viewer.
Also signing in and out, and the session's expiry."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import time

from flask import Flask, Response, g, jsonify, request, session
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import generate_csrf

from dashboard.web.audit import record
from dashboard.web.context import current_engine
from indicators.accounts import AccountInfo, account_for_token, find_account
from indicators.i18n import _
from indicators.viewer import ANONYMOUS

SIGNED_IN_AT = "pkdash_signed_in_at"  # session key: when the password or provider was checked
BEARER = "bearer "
log = logging.getLogger(__name__)


class SignedIn(UserMixin):
    """The account behind a session, as Flask-Login wants it."""

    def __init__(self, account: AccountInfo) -> None:
        self.account = account
        self.id = str(account.id)


def install_auth(server: Flask, secret_key: str | None, session_hours: float) -> None:
    """Flask-Login on the server, and the hook that sets g.viewer before each request."""
    if not secret_key:
        # Sessions and CSRF tokens need a key. A random one works for a single process; it
        # signs everyone out at each restart and does not span several workers.
        log.warning("SECRET_KEY is not set: sign-in sessions last until this process stops")
        secret_key = secrets.token_hex(32)
    server.secret_key = secret_key
    server.permanent_session_lifetime = dt.timedelta(hours=session_hours)
    # The cookie expires with the sign-in, not an hour after the last click; and not sent
    # again with every answer: a callback answered late would put back a cookie older than
    # the one the page's layout just set.
    server.config["SESSION_REFRESH_EACH_REQUEST"] = False
    manager = LoginManager(server)
    manager.session_protection = "basic"

    @manager.user_loader
    def load_account(account_id: str) -> SignedIn | None:
        if not account_id.isdigit():
            return None
        account = find_account(current_engine(), account_id=int(account_id))
        return SignedIn(account) if account is not None and account.active else None

    @server.before_request
    def set_viewer() -> Response | None:
        g.viewer, g.account, g.via_token = ANONYMOUS, None, False
        header = request.headers.get("Authorization", "")
        if header.lower().startswith(BEARER):
            return _viewer_from_token(header[len(BEARER):].strip())
        if not current_user.is_authenticated:
            return None
        signed_in_at = session.get(SIGNED_IN_AT, 0)
        if time.time() - signed_in_at > session_hours * 3600:
            # The cookie's own expiry slides with each request; this one does not.
            logout_user()
            session.clear()
            return None
        g.account = current_user.account
        g.viewer = g.account.viewer
        return None

    @server.after_request
    def note_api_call(response: Response) -> Response:
        # A script's calls are worth knowing about; the public's are not (nothing restricted).
        if g.get("via_token") and request.path.startswith("/api/") and response.status_code < 400:
            record("api", what=request.path)
        return response


def _viewer_from_token(token: str) -> Response | None:
    account = account_for_token(current_engine(), token) if token else None
    if account is None:
        response = jsonify({"error": _(
            "This API token is unknown or has been revoked. Ask the Secretariat for a new "
            "one (pkdash users token), or call without an Authorization header for public "
            "data.")})
        response.status_code = 401
        response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response
    g.account, g.viewer, g.via_token = account, account.viewer, True
    return None


def sign_in(account: AccountInfo, how: str) -> None:
    """Start a session for an account whose password or provider answer was checked."""
    session.clear()  # nothing from before the sign-in carries over (a fresh CSRF token too)
    session.permanent = True
    login_user(SignedIn(account))
    session[SIGNED_IN_AT] = time.time()
    # The form token now, in this answer's cookie: made later by the page's layout, while its
    # callbacks are in flight, a callback's answer could drop it again (sign-out would fail).
    generate_csrf()
    g.account, g.viewer = account, account.viewer
    record("sign-in", what=how)


def sign_out() -> None:
    if g.get("account") is not None:
        record("sign-out")
    logout_user()
    session.clear()
    g.account, g.viewer = None, ANONYMOUS
