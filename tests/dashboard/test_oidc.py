"""Single sign-on end to end against a real OpenID Connect provider in its own process on
loopback (tests/oidc_provider.py): discovery, the authorization code flow, an ID token signed
with the key the provider generated at start, and the account each answer signs in."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from dashboard.settings import AuthSettings
from indicators import accounts
from indicators.audit import read_entries
from tests.dashboard.helpers import app_for, url_of
from tests.oidc_provider import ThrowawayProvider

# Where the test client's app lives (Flask's test client calls itself http://localhost).
CALLBACK = "http://localhost/sign-in/provider/callback"


@pytest.fixture(scope="module")
def provider():
    server = ThrowawayProvider().start()
    yield server
    server.stop()


def app_with(engine, provider, **claims_config):
    client_id, secret = provider.register_client(CALLBACK)
    auth = AuthSettings(oidc_issuer=provider.issuer, oidc_client_id=client_id,
                        oidc_client_secret=secret, oidc_label="UN Identity", **claims_config)
    return app_for(url_of(engine), secret_key="test-key", auth=auth)


def through_provider(client, sub: str, next_page: str = "/"):
    """Press the sign-in button, let the provider vouch for `sub`, follow it back."""
    start = client.get(f"/sign-in/provider?next={next_page}")
    assert start.status_code == 302
    authorize = start.headers["Location"]
    assert authorize.startswith(f"{authorize.split('/oauth2')[0]}/oauth2/authorize")
    asked = parse_qs(urlsplit(authorize).query)
    assert asked["redirect_uri"] == [CALLBACK] and "openid" in asked["scope"][0]
    assert asked["nonce"] and asked["state"]
    vouched = requests.post(authorize, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert vouched.status_code == 302
    back = urlsplit(vouched.headers["Location"])
    assert back.path == "/sign-in/provider/callback"
    return client.get(f"{back.path}?{back.query}")


def footer_of(client) -> str:
    return json.dumps(client.get("/_dash-layout").get_json(), ensure_ascii=False)


def test_the_provider_decides_tier_and_countries(engine, provider):
    provider.set_person("amina", {"email": "amina@gov.rw", "email_verified": True,
                                  "name": "Amina K", "pk_tier": "member-state",
                                  "pk_countries": ["RWA"]})
    app = app_with(engine, provider, oidc_tier_claim="pk_tier",
                   oidc_countries_claim="pk_countries")
    client = app.server.test_client()
    assert "Sign in with UN Identity" in client.get("/sign-in").get_data(as_text=True)
    answer = through_provider(client, "amina", "/women")
    assert answer.status_code == 303 and answer.headers["Location"] == "/women"
    assert "Signed in as Amina K — Rwanda delegation (member state)" in footer_of(client)
    made = accounts.find_account(engine, email="amina@gov.rw")
    assert (made.tier, made.countries, made.has_password) == ("member-state", ("RWA",), False)
    # The provider moves her to the Secretariat: the next sign-in follows it.
    provider.set_person("amina", {"email": "amina@gov.rw", "email_verified": True,
                                  "name": "Amina K", "pk_tier": "secretariat"})
    fresh = app.server.test_client()
    assert through_provider(fresh, "amina").status_code == 303
    assert "Secretariat (all data)" in footer_of(fresh)
    assert [(row.event, row.who, row.what) for row in read_entries(engine)] == [
        ("sign-in", "amina@gov.rw", "oidc"), ("sign-in", "amina@gov.rw", "oidc")]


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_without_claims_an_existing_account_is_needed(engine, provider):
    accounts.add_account(engine, "jean@gouv.fr", "member-state", ["FRA"], "Jean D")
    provider.set_person("jean", {"email": "jean@gouv.fr", "email_verified": True,
                                 "pk_tier": "secretariat"})  # ignored: no claim configured
    provider.set_person("stranger", {"email": "who@example.org", "email_verified": True})
    app = app_with(engine, provider)
    client = app.server.test_client()
    assert through_provider(client, "jean").status_code == 303
    assert "Signed in as Jean D — France delegation (member state)" in footer_of(client)
    other = app.server.test_client()
    refused = through_provider(other, "stranger")
    assert refused.status_code == 403
    assert "no account for who@example.org" in refused.get_data(as_text=True)
    assert "Public view" in footer_of(other)
    assert [(row.event, row.who) for row in read_entries(engine)] == [
        ("sign-in", "jean@gouv.fr"), ("failed-sign-in", "who@example.org")]


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_an_answer_not_asked_for_is_refused(engine, provider):
    """A callback whose state this browser never sent (a forged or replayed link)."""
    accounts.add_account(engine, "jean@gouv.fr", "member-state", ["FRA"], "Jean D")
    provider.set_person("jean", {"email": "jean@gouv.fr", "email_verified": True})
    app = app_with(engine, provider)
    victim, attacker = app.server.test_client(), app.server.test_client()
    start = attacker.get("/sign-in/provider").headers["Location"]
    vouched = requests.post(start, data={"sub": "jean"}, allow_redirects=False, timeout=10)
    back = urlsplit(vouched.headers["Location"])
    refused = victim.get(f"{back.path}?{back.query}")
    assert refused.status_code == 403
    assert "did not confirm the sign-in" in refused.get_data(as_text=True)
    assert "Public view" in footer_of(victim)
    assert [row.event for row in read_entries(engine)] == ["failed-sign-in"]


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_an_unverified_address_is_refused(engine, provider):
    accounts.add_account(engine, "jean@gouv.fr", "secretariat", [], "Jean D")
    provider.set_person("unverified", {"email": "jean@gouv.fr", "email_verified": False})
    client = app_with(engine, provider).server.test_client()
    refused = through_provider(client, "unverified")
    assert refused.status_code == 403
    assert "has not verified jean@gouv.fr" in refused.get_data(as_text=True)
