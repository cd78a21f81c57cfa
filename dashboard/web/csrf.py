"""Cross-site request forgery: every POST (PUT, PATCH, DELETE) must come from this site, and
one a form can send (form-encoded, multipart, plain text: what another site's page can post
without asking) must carry the session's CSRF token as well (Flask-WTF's tokens).

Dash's callbacks and the export jobs post JSON: a browser sends that cross-site only after a
CORS preflight, which this server never grants, so for them the Origin check is the guard,
and Dash needs no change. A request with an API token is exempt: no cookie vouches for it."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, jsonify, request
from flask_wtf.csrf import CSRFError, generate_csrf, validate_csrf
from wtforms import ValidationError

from indicators.i18n import _

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# The content types a cross-site <form> (or a no-CORS fetch) can send.
FORM_TYPES = frozenset({"", "application/x-www-form-urlencoded", "multipart/form-data",
                        "text/plain"})
# Doors that read JSON only and answer any other body with 415 (Flask's get_json), so a form
# can start nothing there: they keep their own answer to a form post.
JSON_ONLY_ENDPOINTS = ("_dash-update-component", "exports.start_job")
FIELD = "csrf_token"
HEADER = "X-CSRFToken"

__all__ = ["FIELD", "csrf_token", "install_csrf"]


def csrf_token() -> str:
    """The token for a form on the page being built (kept in the session)."""
    return generate_csrf()


def install_csrf(server: Flask) -> None:
    # The token lives as long as the session; the session's own expiry bounds it.
    server.config["WTF_CSRF_TIME_LIMIT"] = None
    server.config["WTF_CSRF_FIELD_NAME"] = FIELD

    @server.before_request
    def check_unsafe_request() -> Response | None:
        if request.method not in UNSAFE_METHODS:
            return None
        if request.headers.get("Authorization", "").lower().startswith("bearer "):
            return None
        if _from_another_site():
            return refusal(403, _("This request came from another site and was refused "
                                  "(cross-site request forgery protection)."))
        if request.mimetype in FORM_TYPES and not (request.endpoint or "").endswith(
                JSON_ONLY_ENDPOINTS):
            try:
                validate_csrf(request.form.get(FIELD) or request.headers.get(HEADER))
            except (ValidationError, CSRFError):
                return refusal(400, _("The form has expired or did not come from this site. "
                                      "Reload the page and try again."))
        return None


def _from_another_site() -> bool:
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    # Origin when the browser sends it (every POST in current browsers), else the Referer.
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or source == "null":
        return source == "null"  # a sandboxed or privacy-stripped origin is not ours
    return urlsplit(source).netloc != request.host


def refusal(status: int, message: str) -> Response:
    """JSON for a JSON request (Dash, scripts), plain text for a form."""
    if request.is_json:
        response = jsonify({"error": message})
    else:
        response = Response(message + "\n", mimetype="text/plain; charset=utf-8")
    response.status_code = status
    return response
