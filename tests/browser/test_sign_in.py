"""In real Chromium: a delegate signs in through the form (its CSRF token and all), the
footer names her delegation and tier on every page, and signing out returns the public view;
and the same through the identity provider (a real OpenID Connect provider on loopback), after
which the performance page shows her the restricted cards with her country's rows only, while
the public's performance page has no such card (issue 16)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from indicators import accounts
from indicators.compute import compute
from indicators.db import make_engine
from indicators.filters import Filters
from indicators.illustrative import generate
from indicators.migrate import upgrade
from indicators.viewer import SECRETARIAT, Viewer
from tests.browser.conftest import _free_port, served
from tests.dashboard.helpers import app_for
from tests.indicators.test_query_cli import insert_small_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

TIMEOUT_MS = 15_000
EVALUATIONS = "Unit evaluation scores on the five key factors, by mission"
TECHNOLOGY = "Units with technology capability at the required standard, by mission"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def server_with_account(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('sign-in') / 'small.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    insert_small_world(engine)
    accounts.add_account(engine, "amina@gov.rw", "member-state", ["RWA"], "Amina K",
                         password=PASSWORD)
    engine.dispose()
    with served(app_for(url, secret_key="k").server) as base:
        yield base


def test_sign_in_through_the_form_then_out(page, server_with_account, problems):
    base = server_with_account
    page.goto(f"{base}/women")
    footer = page.locator("footer.pk-footer")
    expect(footer).to_contain_text("Public view", timeout=TIMEOUT_MS)
    footer.get_by_role("link", name="sign in").click()
    page.get_by_label("E-mail address").fill("amina@gov.rw")
    page.get_by_label("Password").fill("not her password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("not right")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(footer).to_contain_text("Signed in as Amina K — Rwanda delegation (member state)",
                                   timeout=TIMEOUT_MS)
    # Still signed in on the next page, which Dash draws without reloading.
    page.get_by_role("link", name="Missions", exact=True).click()
    expect(page).to_have_url(f"{base}/missions", timeout=TIMEOUT_MS)
    expect(footer).to_contain_text("Rwanda delegation (member state)")
    # The filter callbacks still answer (they post JSON to Dash with no form token).
    page.goto(f"{base}/missions?lang=fr")
    expect(footer).to_contain_text("délégation : Rwanda (État membre)", timeout=TIMEOUT_MS)
    footer.get_by_role("button", name="Se déconnecter").click()
    expect(footer).to_contain_text("Vue publique", timeout=TIMEOUT_MS)
    assert problems.errors == []


@pytest.fixture(scope="module")
def provider():
    from tests.oidc_provider import ThrowawayProvider

    server = ThrowawayProvider().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server_with_provider(tmp_path_factory, provider):
    """The app, registered with the loopback provider as a client sending people back to its
    own address (so its port is chosen first)."""
    from dashboard.settings import AuthSettings

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    client_id, secret = provider.register_client(f"{base}/sign-in/provider/callback")
    provider.set_person("amina", {"email": "amina@gov.rw", "email_verified": True,
                                  "name": "Amina K", "pk_tier": "member-state",
                                  "pk_countries": "RWA"})
    url = f"sqlite:///{tmp_path_factory.mktemp('sso') / 'small.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    insert_small_world(engine)
    # Generated unit evaluations and technology assessments (illustrative): Rwanda's units
    # serve in MINUSCA only; Bangladesh's in both missions.
    generate(engine)
    engine.dispose()
    auth = AuthSettings(oidc_issuer=provider.issuer, oidc_client_id=client_id,
                        oidc_client_secret=secret, oidc_label="UN Identity",
                        oidc_tier_claim="pk_tier", oidc_countries_claim="pk_countries")
    with served(app_for(url, secret_key="k", auth=auth).server, port):
        yield base, url


def test_sign_in_through_the_identity_provider(page, server_with_provider, provider):
    base, url = server_with_provider
    page.goto(f"{base}/sign-in?next=/countries")
    page.get_by_role("link", name="Sign in with UN Identity").click()
    # The provider's own page, on its own port: say who is signing in.
    expect(page).to_have_url(re.compile(re.escape(provider.issuer) + "/oauth2/authorize"),
                             timeout=TIMEOUT_MS)
    page.locator("input[name=sub]").fill("amina")
    page.get_by_role("button", name="Authorize").click()
    expect(page).to_have_url(f"{base}/countries", timeout=TIMEOUT_MS)
    footer = page.locator("footer.pk-footer")
    expect(footer).to_contain_text("Signed in as Amina K — Rwanda delegation (member state)",
                                   timeout=TIMEOUT_MS)
    # Her country's restricted cards, with Rwanda's rows only: the evaluations of Rwandan
    # units (MINUSCA alone), not every contingent's scores.
    page.get_by_role("link", name="Performance", exact=True).click()
    expect(page).to_have_url(f"{base}/performance", timeout=TIMEOUT_MS)
    expect(page.get_by_role("heading", name=TECHNOLOGY)).to_be_visible(timeout=TIMEOUT_MS)
    card = page.locator("section.pk-panel").filter(
        has=page.get_by_role("heading", name=EVALUATIONS))
    card.get_by_role("tab", name="Table").click()
    rows = card.locator(".ag-center-cols-container .ag-row")
    expect(rows.first).to_be_visible(timeout=TIMEOUT_MS)
    shown = {(rows.nth(i).locator("[col-id='mission']").inner_text(),
              rows.nth(i).locator("[col-id='value']").inner_text())
             for i in range(rows.count())}
    engine = make_engine(url)
    rwanda = Viewer("member-state", frozenset({"RWA"}))
    own, everyone = (compute("unit-evaluation-score", Filters(), ("mission", "key-factor"),
                             engine=engine, viewer=viewer) for viewer in (rwanda, SECRETARIAT))
    engine.dispose()
    assert set(everyone["mission"]) == {"MINUSCA", "MONUSCO"}  # there is more to withhold
    assert {mission for mission, _ in shown} == {"MINUSCA"} and len(shown) == len(own)
    # The grid shows two decimals at most: compare to what compute() gives each viewer.
    figures = sorted(float(value) for _, value in shown)
    assert figures == pytest.approx(sorted(own["value"]), abs=0.006)
    assert figures != pytest.approx(
        sorted(everyone[everyone["mission"] == "MINUSCA"]["value"]), abs=0.006)


def test_the_public_performance_page_lacks_the_restricted_cards(page, server_with_provider):
    base, _ = server_with_provider
    page.goto(f"{base}/performance")
    expect(page.locator("footer.pk-footer")).to_contain_text("Public view", timeout=TIMEOUT_MS)
    # A public card of the same page is drawn; the restricted ones are not there at all.
    expect(page.get_by_role("heading", name="In-mission training participants by course area")
           ).to_be_visible(timeout=TIMEOUT_MS)
    for title in (EVALUATIONS, TECHNOLOGY):
        expect(page.get_by_role("heading", name=title)).to_have_count(0)
