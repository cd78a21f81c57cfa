"""Alerts over two real data versions (tests/versions_fixture.py: a revised IPI figure, a new
allegation in MINUSCA naming Cameroonian personnel, a new UN monthly report), on SQLite and
PostgreSQL, with a real SMTP server: exactly one event, e-mail and feed entry per change."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import func, select

from indicators import accounts
from indicators.alert_feed import atom_feed
from indicators.alert_subscriptions import add_subscription
from indicators.alerts import run_checks
from indicators.build import build
from indicators.db import make_engine
from indicators.filters import Filters
from indicators.kpi import kpi
from indicators.manifest import load_manifest
from indicators.models.alerts import AlertEvent
from tests.conftest import ENGINES, real_raw_dir
from tests.smtp_server import smtp_server  # noqa: F401 - the fixture
from tests.versions_fixture import SOURCES, make_two_versions

RAW = real_raw_dir()
pytestmark = pytest.mark.skipif(RAW is None, reason="needs the official files (PKDASH_RAW_DIR)")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module", params=ENGINES)
def versions(request, database_url_factory, tmp_path_factory):
    url = database_url_factory(request.param)
    made = make_two_versions(url, tmp_path_factory.mktemp("alert-versions"), RAW)
    engine = make_engine(url)
    yield made, engine
    engine.dispose()


def entries(engine, account_id) -> list[ET.Element]:
    feed = atom_feed(engine, account_id, "https://dash.example.org/alerts/feed/t",
                     "https://dash.example.org")
    return ET.fromstring(feed).findall(f"{ATOM}entry")


def test_one_event_email_and_entry_per_real_change(versions, smtp_server):  # noqa: F811
    made, engine = versions
    inbox, env = smtp_server
    mission, _month, nationalities = made.expected.new_allegation
    source, new_month = made.expected.new_month
    person = accounts.add_account(engine, "officer@un.org", "secretariat", [], "Officer")
    old = made.old_version
    for kind, values in (("source", {"subject": source}),
                         ("source", {"subject": "ipi-gender"}),
                         ("source", {"subject": "geo-pko-locations"}),  # did not change
                         ("allegations", {"mission": mission}),
                         ("allegations", {"mission": "UNMISS"}),  # no new allegation
                         ("allegations", {"nationality": nationalities[0]})):
        add_subscription(engine, person, kind, seen_version=old, view_path="/x", **values)
    assert run_checks(engine, env) == 4  # the new month, the revision, mission, nationality
    assert run_checks(engine, env) == 0
    with engine.connect() as conn:
        keys = sorted(conn.scalars(select(AlertEvent.change_key)))
        assert conn.scalar(select(func.count()).select_from(AlertEvent).where(
            AlertEvent.email != "sent")) == 0
    assert keys == sorted([
        f"new-months:{source}:{new_month:%Y-%m}",
        f"revised:ipi-gender:v{old}-v{made.new_version}",
        f"allegations:{mission}:v{made.new_version}",
        f"allegations:{mission}:v{made.new_version}"])
    assert len(inbox.messages) == 4
    links = sorted(e.find(f"{ATOM}link").get("href") for e in entries(engine, person.id))
    assert links == sorted([
        f"https://dash.example.org/x?since=v{old}",
        f"https://dash.example.org/x?since=v{old}",
        f"https://dash.example.org/x?mission={mission}&since=v{old}",
        f"https://dash.example.org/x?country={nationalities[0]}&since=v{old}"])


def test_a_kpi_crossing_between_real_builds(versions, smtp_server):  # noqa: F811
    """Rebuild version 1's files, subscribe to women's share for the one revised figure's
    mission, country, category and month with a line half-way between version 1's and
    version 2's value, rebuild version 2's: one alert, with the new value, once."""
    made, engine = versions
    inbox, env = smtp_server
    month, mission, iso3, category, _field, _old, _new = made.expected.revision
    query = (f"mission={mission}&country={iso3}&category={category}"
             f"&from={month:%Y-%m}&to={month:%Y-%m}")
    cut = Filters(missions=(mission,), countries=(iso3,), categories=(category,),
                  period_from=month, period_to=month)
    manifest = {s.slug: s for s in load_manifest()}
    sources = [manifest[slug] for slug in SOURCES]
    quiet = lambda line: None  # noqa: E731
    after = kpi("women-share", cut, engine).value  # the database holds version 2's data
    assert build(made.config_v1, log=quiet, sources=sources,
                 new_versions=frozenset({"un-sea-allegations"})).ok
    before = kpi("women-share", cut, engine).value
    assert before < after  # one more woman among the troops
    person = accounts.add_account(engine, "analyst@un.org", "secretariat", [], "Analyst")
    seen = add_subscription(engine, person, "kpi", subject="women-share", filters=query,
                            threshold=round((before + after) / 2, 1), view_path="/women")
    assert seen.last_value == pytest.approx(before) and seen.last_side == "below"
    assert build(made.config_v2, log=quiet, sources=sources,
                 new_versions=frozenset({"ipi-gender"})).ok
    sent_before = len(inbox.messages)
    run_checks(engine, env)
    run_checks(engine, env)
    mine = [m for m in inbox.messages[sent_before:] if m["To"] == "analyst@un.org"]
    assert len(mine) == 1
    assert mine[0]["Subject"].startswith(f"Dashboard alert: Women's share ({mission}")
    assert f"rose to {after:.2f}" in mine[0]["Subject"]
    link = f"https://dash.example.org/women?{query}&since=v{seen.last_version}"
    assert link in mine[0].get_content()
    assert len(entries(engine, person.id)) == 1
