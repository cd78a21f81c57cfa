"""GET /api/v1/audit on SQLite and PostgreSQL: the Secretariat reads who did what, when and
with which filters, newest first, page by page; the public gets a 401, a delegation a 403."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from indicators.models.accounts import AuditEntry
from indicators.viewer import SECRETARIAT
from tests.dashboard.helpers import app_for, url_of
from tests.dashboard.test_tiers_doors import FRANCE, RWANDA, signed_in

DAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def client(engine):
    app = app_for(url_of(engine))
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    # Seven exports an hour apart on one day, and a failed sign-in the day before.
    with engine.begin() as conn:
        conn.execute(insert(AuditEntry), [
            {"at": DAY + dt.timedelta(hours=n), "who": f"person{n}@gov.rw", "event": "export",
             "what": f"/export/performance.pdf?n={n}", "filters": f"n={n}", "ip": "10.0.0.1"}
            for n in range(7)] + [
            {"at": DAY - dt.timedelta(days=1), "who": "someone@example.org",
             "event": "failed-sign-in", "what": "password", "filters": "", "ip": "10.0.0.2"}])
    return client


def test_the_public_gets_401_naming_how_to_sign_in(client):
    response = client.get("/api/v1/audit")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "for the Secretariat" in response.get_json()["error"]["reason"]
    assert "entries" not in response.get_json()


@pytest.mark.parametrize("viewer", [RWANDA, FRANCE], ids=lambda v: v.name)
def test_a_delegation_gets_403(client, engine, viewer):
    response = client.get("/api/v1/audit", headers=signed_in(engine, viewer))
    assert response.status_code == 403
    reason = response.get_json()["error"]["reason"]
    assert reason.startswith("The audit log is for the Secretariat") and "delegation" in reason
    assert "person0@gov.rw" not in response.get_data(as_text=True)


def test_the_secretariat_reads_it_newest_first_page_by_page(client, engine):
    headers = signed_in(engine, SECRETARIAT)
    first = client.get("/api/v1/audit?event=export&per_page=3", headers=headers).get_json()
    assert first["total"] == 7 and first["page"] == 1 and first["per_page"] == 3
    assert [entry["who"] for entry in first["entries"]] == [
        "person6@gov.rw", "person5@gov.rw", "person4@gov.rw"]
    assert first["entries"][0] == {"at": "2026-03-02T15:00:00Z", "who": "person6@gov.rw",
                                   "event": "export", "what": "/export/performance.pdf?n=6",
                                   "filters": "n=6", "ip": "10.0.0.1"}
    seen = [entry["who"] for entry in first["entries"]]
    following = first["next"]
    while following:  # the next page keeps the filters
        page = client.get(following, headers=headers).get_json()
        seen += [entry["who"] for entry in page["entries"]]
        following = page["next"]
    assert seen == [f"person{n}@gov.rw" for n in range(6, -1, -1)]


def test_since_and_event_narrow_the_log(client, engine):
    headers = signed_in(engine, SECRETARIAT)
    since = client.get("/api/v1/audit?since=2026-03-02T13:00", headers=headers).get_json()
    # From 13:00 on that day: three exports; then the entries of today (this test's own
    # sign-in token use is written after each answer, so the first read has none of its own).
    old = [e for e in since["entries"] if e["at"].startswith("2026-03-02")]
    assert [e["what"][-3:] for e in old] == ["n=6", "n=5", "n=4"]
    failed = client.get("/api/v1/audit?event=failed-sign-in", headers=headers).get_json()
    assert [e["who"] for e in failed["entries"]] == ["someone@example.org"]
    everything = client.get("/api/v1/audit", headers=headers).get_json()
    # The Secretariat's own reads are in the log too (a token's API calls are audited).
    assert everything["entries"][0]["event"] == "api"
    assert everything["entries"][0]["what"] == "/api/v1/audit"
    assert everything["entries"][-1]["event"] == "failed-sign-in"  # the oldest, last


@pytest.mark.parametrize(("query", "parameter"), [
    ("since=yesterday", "since"), ("event=coffee", "event"), ("page=0", "page"),
    ("per_page=501", "per_page"), ("who=me", "who")])
def test_a_bad_parameter_is_a_400_naming_it(client, engine, query, parameter):
    response = client.get(f"/api/v1/audit?{query}", headers=signed_in(engine, SECRETARIAT))
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == parameter
