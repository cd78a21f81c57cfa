"""/alerts through the Flask server as a browser's requests would reach it: anonymous readers
are sent to sign in; a signed-in person adds and removes subscriptions with the form's CSRF
token; the secret feed address serves Atom without a cookie and stops when renewed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from dashboard.settings import AuthSettings
from indicators import accounts
from indicators.alert_subscriptions import list_subscriptions
from tests.dashboard.helpers import app_for, url_of
from tests.indicators.test_tiers import world  # noqa: F401 - the fixture

PASSWORD = "correct horse battery"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
FEED = re.compile(r'id="feed-url" readonly value="([^"]+)"')


@pytest.fixture
def client(world):  # noqa: F811
    app = app_for(url_of(world), secret_key="test-key",
                  auth=AuthSettings(signin_rate="100 per minute"))
    return app.server.test_client()


def sign_in(client, engine, email, tier, countries):
    accounts.add_account(engine, email, tier, countries, email.split("@")[0],
                         password=PASSWORD)
    token = TOKEN.search(client.get("/sign-in").get_data(as_text=True)).group(1)
    answer = client.post("/sign-in", data={"email": email, "password": PASSWORD,
                                           "csrf_token": token, "next": "/alerts"})
    assert answer.status_code == 303 and answer.headers["Location"] == "/alerts"


def page_token(client) -> str:
    return TOKEN.search(client.get("/alerts").get_data(as_text=True)).group(1)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_anonymous_readers_are_sent_to_sign_in(client):
    answer = client.get("/alerts")
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/sign-in?next=/alerts"
    assert client.post("/alerts", data={"kind": "source"}).status_code == 400  # no CSRF token


def test_add_remove_and_the_feed(client, world):  # noqa: F811
    sign_in(client, world, "amina@gov.rw", "member-state", ["RWA"])
    page = client.get("/alerts").get_data(as_text=True)
    assert "None yet." in page
    # A delegation is offered its restricted figures, never the Secretariat's.
    assert 'value="unit-evaluation-score"' in page
    assert 'value="capability-gaps-open"' not in page
    token = page_token(client)
    for form in ({"kind": "source", "subject": "un-sea-allegations"},
                 {"kind": "allegations", "mission": "MINUSCA"},
                 {"kind": "kpi", "subject": "unit-evaluation-score", "mission": "MINUSCA",
                  "threshold": "75"}):
        answer = client.post("/alerts", data={**form, "csrf_token": token})
        assert answer.status_code == 303, answer.get_data(as_text=True)
    subs = list_subscriptions(world)
    # The sources page; the conduct page; the first page of the navigation with the figure.
    assert [(s.kind, s.view_path) for s in subs] == [
        ("source", "/indicators"), ("allegations", "/conduct"), ("kpi", "/missions")]
    assert subs[2].filters == "mission=MINUSCA" and subs[2].threshold == 75
    assert subs[2].last_value == pytest.approx(80.0)  # Rwanda's own MINUSCA unit
    page = client.get("/alerts").get_data(as_text=True)
    assert "New allegations in MINUSCA" in page
    assert "Unit evaluation score crosses 75 (MINUSCA)" in page
    refused = client.post("/alerts", data={"kind": "kpi", "subject": "capability-gaps-open",
                                           "threshold": "1", "csrf_token": token})
    assert refused.status_code == 400
    assert "capability-gaps-open is restricted" in refused.get_data(as_text=True)
    assert client.post(f"/alerts/{subs[0].id}/remove",
                       data={"csrf_token": token}).status_code == 303
    assert len(list_subscriptions(world)) == 2
    feed_url = FEED.search(page).group(1)
    assert feed_url.startswith("http://localhost/alerts/feed/")
    path = feed_url.removeprefix("http://localhost")
    reader = client.application.test_client()  # a feed reader: no session cookie
    feed = reader.get(path)
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    root = ET.fromstring(feed.data)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert client.post("/alerts/feed/renew", data={"csrf_token": token}).status_code == 303
    assert reader.get(path).status_code == 404
    assert FEED.search(client.get("/alerts").get_data(as_text=True)).group(1) != feed_url


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_the_page_is_in_the_readers_language(client, world):  # noqa: F811
    sign_in(client, world, "paul@gouv.fr", "member-state", ["FRA"])
    page = client.get("/alerts?lang=fr").get_data(as_text=True)
    assert "Vos abonnements" in page and "Ajouter un abonnement" in page
