"""Security headers on every response (CSP with hashed inline scripts, nosniff, no framing,
referrer policy), Secure cookies over HTTPS, and the scheme and host a trusted proxy forwards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

if TYPE_CHECKING:
    import dash

    from dashboard.settings import Settings

# Styles keep 'unsafe-inline': plotly.js and dash-ag-grid set style attributes and inject
# <style> elements at run time, which no hash can name. Scripts have no such need: Dash's own
# inline scripts are listed by hash (app.csp_hashes()).
STYLE_SOURCES = "'self' 'unsafe-inline'"
# data: and blob: for plotly's "download as PNG" and the map's images.
IMAGE_SOURCES = "'self' data: blob:"
STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # for browsers that ignore CSP frame-ancestors
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def content_security_policy(script_hashes: list[str]) -> str:
    scripts = " ".join(["'self'", *script_hashes])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        f"style-src {STYLE_SOURCES}",
        f"img-src {IMAGE_SOURCES}",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def secure_the_server(app: dash.Dash, settings: Settings) -> None:
    """Install the headers and cookie rules on the app's Flask server."""
    server = app.server
    if settings.proxy_hops:
        # Only behind a proxy we run: otherwise any client could claim to be on HTTPS.
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=settings.proxy_hops,
                                   x_proto=settings.proxy_hops, x_host=settings.proxy_hops)
    server.config["SESSION_COOKIE_SECURE"] = settings.secure_cookies
    server.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    policy: list[str] = []  # worked out at the first response, once every callback is known

    @server.after_request
    def add_headers(response: Response) -> Response:
        if not policy:
            policy.append(content_security_policy(list(app.csp_hashes())))
        response.headers["Content-Security-Policy"] = policy[0]
        for name, value in STATIC_HEADERS.items():
            response.headers.setdefault(name, value)
        if settings.secure_cookies or request.is_secure:
            _mark_cookies_secure(response)
        return response


def _mark_cookies_secure(response: Response) -> None:
    cookies = response.headers.getlist("Set-Cookie")
    if not cookies:
        return
    response.headers.remove("Set-Cookie")
    for cookie in cookies:
        secure = "secure" in [part.strip().lower() for part in cookie.split(";")]
        response.headers.add("Set-Cookie", cookie if secure else f"{cookie}; Secure")
