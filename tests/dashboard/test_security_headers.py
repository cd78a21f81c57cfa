"""Security headers on every route, a CSP whose script hashes cover the page's inline scripts,
and cookies marked Secure over HTTPS (directly, or as a trusted proxy says)."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from tests.dashboard.callback_bodies import ENDPOINT
from tests.dashboard.helpers import app_for
from tests.indicators.test_query_cli import insert_small_world

ROUTES = ["/", "/women?mission=MINUSCA", "/_dash-layout", "/_dash-dependencies",
          "/api/v1/indicators", "/api/v1/openapi.json", "/api/v1/nope",
          "/api/v1/indicators/women-share?mission=zzz", "/download/women/tracker.csv",
          "/assets/pkdash.css", "/_dash-component-suites/dash/dcc/dash_core_components.js",
          "/_favicon.ico"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>",
                           re.DOTALL)


@pytest.fixture
def url(engine):
    insert_small_world(engine)
    return engine.url.render_as_string(hide_password=False)


def check_headers(response) -> None:
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_every_route_has_the_headers(url):
    client = app_for(url).server.test_client()
    for route in ROUTES:
        response = client.get(route)
        assert response.status_code < 500, route
        check_headers(response)
    check_headers(client.post(ENDPOINT, json=[]))  # a 400
    check_headers(app_for("sqlite:////nonexistent/x.sqlite").server.test_client()
                  .get("/api/v1/indicators/women-share"))  # a 503


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_the_policy_names_every_inline_script_of_the_page(url):
    client = app_for(url).server.test_client()
    page = client.get("/").get_data(as_text=True)
    csp = client.get("/").headers["Content-Security-Policy"]
    # Dash's Internet Explorer warning sits in an <!--[if IE]> comment: no browser we serve
    # runs it.
    scripts = INLINE_SCRIPT.findall(re.sub(r"<!--.*?-->", "", page, flags=re.DOTALL))
    assert scripts  # Dash starts its renderer from an inline script
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_cookies_are_secure_over_https_only(url):
    plain = app_for(url).server.test_client()
    assert "Secure" not in plain.get("/?lang=fr").headers["Set-Cookie"]
    # A forwarded scheme is believed only from a configured proxy.
    spoofed = plain.get("/?lang=fr", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" not in spoofed.headers["Set-Cookie"]
    proxied = app_for(url, proxy_hops=1).server.test_client()
    forwarded = proxied.get("/?lang=fr", headers={"X-Forwarded-Proto": "https"})
    assert "; Secure" in forwarded.headers["Set-Cookie"]
    assert "; Secure" in plain.get("/?lang=fr", base_url="https://localhost").headers["Set-Cookie"]
    forced = app_for(url, secure_cookies=True).server.test_client()
    assert "; Secure" in forced.get("/?lang=fr").headers["Set-Cookie"]
    assert forced.application.config["SESSION_COOKIE_SECURE"] is True
