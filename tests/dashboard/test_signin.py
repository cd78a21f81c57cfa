"""Signing in and out through the Flask server, as a browser's requests would: CSRF tokens on
forms, same-origin posts, the session cookie's flags and expiry, the sign-in rate limit, API
tokens as viewers, and the audit entries each of these writes."""

from __future__ import annotations

import json
import re

import pytest
from flask import g, jsonify

from dashboard.settings import AuthSettings
from dashboard.web.auth import SIGNED_IN_AT
from indicators import accounts
from indicators.audit import read_entries
from tests.dashboard.helpers import app_for, url_of
from tests.dashboard.test_app import _router_payload

PASSWORD = "correct horse battery"
TOKEN_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
FOOTER_TOKEN = re.compile(r'"name": "csrf_token"[^}]*?"value": "([^"]+)"'
                          r'|"value": "([^"]+)"[^}]*?"name": "csrf_token"')


def make_app(engine, **auth):
    accounts.add_account(engine, "amina@gov.rw", "member-state", ["RWA"], "Amina K",
                         password=PASSWORD)
    app = app_for(url_of(engine), secret_key="test-key",
                  auth=AuthSettings(**{"signin_rate": "100 per minute", **auth}))

    @app.server.get("/_test/viewer")
    def show_viewer():
        # What every front door will read: the viewer this request was given.
        return jsonify(tier=g.viewer.tier, countries=sorted(g.viewer.countries),
                       name=g.viewer.name)

    return app


@pytest.fixture
def app(engine):
    return make_app(engine)


def form_token(client) -> str:
    return TOKEN_FIELD.search(client.get("/sign-in").get_data(as_text=True)).group(1)


def sign_in(client, password=PASSWORD, **extra):
    data = {"email": "amina@gov.rw", "password": password, "csrf_token": form_token(client),
            **extra}
    return client.post("/sign-in", data=data)


def footer_of(client, lang="en") -> str:
    """The shell's layout as text, characters unescaped (the footer is part of it)."""
    layout = client.get(f"/_dash-layout?lang={lang}").get_json()
    return json.dumps(layout, ensure_ascii=False)


def test_sign_in_and_out_are_audited(app, engine):
    client = app.server.test_client()
    assert client.get("/_test/viewer").get_json()["tier"] == "public"
    assert "Public view" in footer_of(client)
    refused = sign_in(client, password="wrong")
    assert refused.status_code == 200  # the form again, with the message
    assert "not right" in refused.get_data(as_text=True)
    assert client.get("/_test/viewer").get_json()["tier"] == "public"
    answer = sign_in(client, next="/women?country=RWA")
    assert answer.status_code == 303 and answer.headers["Location"] == "/women?country=RWA"
    assert client.get("/_test/viewer").get_json() == {
        "tier": "member-state", "countries": ["RWA"], "name": "Amina K"}
    footer = footer_of(client)
    assert "Signed in as Amina K — Rwanda delegation (member state)" in footer
    assert "Connecté en tant que Amina K — délégation : Rwanda (État membre)" in footer_of(
        client, "fr")
    token = next(group for group in FOOTER_TOKEN.search(footer).groups() if group)
    assert client.post("/sign-out", data={"csrf_token": token}).status_code == 303
    assert client.get("/_test/viewer").get_json()["tier"] == "public"
    rows = read_entries(engine)
    assert [(row.event, row.who, row.what) for row in rows] == [
        ("failed-sign-in", "amina@gov.rw", "password"),
        ("sign-in", "amina@gov.rw", "password"),
        ("sign-out", "amina@gov.rw", ""),
    ]
    assert rows[0].ip == "127.0.0.1"


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_form_post_without_the_token_is_refused(app):
    client = app.server.test_client()
    answer = client.post("/sign-in", data={"email": "amina@gov.rw", "password": PASSWORD})
    assert answer.status_code == 400
    assert "did not come from this site" in answer.get_data(as_text=True)
    wrong = client.post("/sign-in", data={"email": "amina@gov.rw", "password": PASSWORD,
                                          "csrf_token": "forged"})
    assert wrong.status_code == 400
    assert client.get("/_test/viewer").get_json()["tier"] == "public"
    # Signed in, sign-out needs the token too: another site cannot sign a person out.
    sign_in(client)
    assert client.post("/sign-out").status_code == 400
    assert client.get("/_test/viewer").get_json()["tier"] == "member-state"


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_post_from_another_site_is_refused_even_with_a_token(app):
    client = app.server.test_client()
    data = {"email": "amina@gov.rw", "password": PASSWORD, "csrf_token": form_token(client)}
    answer = client.post("/sign-in", data=data, headers={"Origin": "https://evil.example"})
    assert answer.status_code == 403
    fetched = client.post("/sign-in", data=data, headers={"Sec-Fetch-Site": "cross-site"})
    assert fetched.status_code == 403
    # Dash's callbacks post JSON: refused from elsewhere, answered from the page itself.
    client.get("/")  # registers the page router, as a browser's first visit does
    router = next(dep["output"] for dep in client.get("/_dash-dependencies").get_json()
                  if "_pages_content.children" in dep["output"])
    payload = _router_payload(router, "/no-such-page")
    other = client.post("/_dash-update-component", json=payload,
                        headers={"Origin": "https://evil.example"})
    assert other.status_code == 403
    same = client.post("/_dash-update-component", json=payload,
                       headers={"Origin": "http://localhost"})
    assert same.status_code == 200 and "Page not found" in same.get_data(as_text=True)
    assert client.post("/_dash-update-component", json=payload).status_code == 200
    # A form can start nothing at Dash's door: it reads JSON only.
    form = client.post("/_dash-update-component", data={"output": router})
    assert form.status_code in (400, 415)
    assert sign_in(client, next="https://evil.example/").headers["Location"] == "/"


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_session_cookie_is_secure_http_only_and_expires(engine):
    app = app_for(url_of(engine), secret_key="k", secure_cookies=True,
                  auth=AuthSettings(session_hours=2))
    accounts.add_account(engine, "amina@gov.rw", "member-state", ["RWA"], password=PASSWORD)
    client = app.server.test_client()
    answer = sign_in(client)
    cookie = next(c for c in answer.headers.getlist("Set-Cookie") if c.startswith("session="))
    parts = [part.strip().lower() for part in cookie.split(";")]
    assert {"secure", "httponly", "samesite=lax"} <= set(parts)
    assert any(part.startswith("expires=") for part in parts)
    assert "Signed in as amina@gov.rw — Rwanda delegation" in footer_of(client)
    with client.session_transaction() as session:
        session[SIGNED_IN_AT] -= 2 * 3600 + 1  # signed in just over two hours ago
    assert "Public view" in footer_of(client)
    assert "Signed in as" not in footer_of(client)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_sign_in_is_rate_limited_per_address(engine):
    app = make_app(engine, signin_rate="3 per minute")
    client = app.server.test_client()
    token = form_token(client)
    data = {"email": "amina@gov.rw", "password": "guess", "csrf_token": token}
    assert [client.post("/sign-in", data=data).status_code for _ in range(3)] == [200] * 3
    refused = client.post("/sign-in", data={**data, "password": PASSWORD})
    assert refused.status_code == 429
    assert "PKDASH_SIGNIN_RATE" in refused.get_data(as_text=True)
    assert client.get("/sign-in").status_code == 200  # the page itself stays open


def test_api_tokens_set_the_viewer_and_revoked_ones_are_refused(app, engine):
    client = app.server.test_client()
    token_id, token = accounts.issue_token(engine, "amina@gov.rw", "nightly")
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/_test/viewer", headers=bearer).get_json()["countries"] == ["RWA"]
    assert client.get("/api/v1/indicators", headers=bearer).status_code == 200
    assert client.get("/api/v1/indicators").status_code == 200  # public without a token
    api_calls = read_entries(engine, event="api")
    assert [(row.who, row.what) for row in api_calls] == [("amina@gov.rw", "/api/v1/indicators")]
    unknown = client.get("/api/v1/indicators", headers={"Authorization": "Bearer pkd_nope"})
    assert unknown.status_code == 401
    assert "unknown or has been revoked" in unknown.get_json()["error"]
    assert unknown.headers["WWW-Authenticate"].startswith("Bearer")
    accounts.revoke_token(engine, token_id)
    revoked = client.get("/api/v1/indicators", headers=bearer)
    assert revoked.status_code == 401
    assert "revoked" in revoked.get_json()["error"]
