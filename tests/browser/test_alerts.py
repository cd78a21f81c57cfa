"""In real Chromium: a delegate opens /alerts, signs in, subscribes to new data for the UN
monthly reports and for IPI's file, and to new allegations in MINUSCA; after the second data
version (tests/versions_fixture.py) the checks run twice, and her feed and her
inbox hold exactly one entry and one e-mail per change; each links to the page "since" the
version she last saw."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

from indicators import accounts
from indicators.alerts import run_checks
from indicators.build import build
from indicators.db import make_engine
from indicators.manifest import load_manifest
from indicators.versions import latest_version_id
from tests.browser.conftest import served
from tests.conftest import real_raw_dir
from tests.dashboard.helpers import app_for
from tests.smtp_server import smtp_server  # noqa: F401 - the fixture
from tests.versions_fixture import SOURCES, make_two_versions

RAW = real_raw_dir()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
    pytest.mark.skipif(RAW is None, reason="needs the official files (PKDASH_RAW_DIR)"),
]
TIMEOUT_MS = 15_000
PASSWORD = "correct horse battery"
ATOM = "{http://www.w3.org/2005/Atom}"
QUIET = lambda line: None  # noqa: E731


def rebuild(config, edited: str) -> None:
    manifest = {s.slug: s for s in load_manifest()}
    report = build(config, log=QUIET, sources=[manifest[slug] for slug in SOURCES],
                   new_versions=frozenset({edited}))
    assert report.ok


def test_subscribe_then_one_feed_entry_and_one_email_per_change(
        page, problems, tmp_path, smtp_server):  # noqa: F811
    inbox, env = smtp_server
    # The two versions' files, prepared (and built) in a scratch database; here, version 1
    # is built, she subscribes, then version 2 arrives.
    made = make_two_versions(f"sqlite:///{tmp_path / 'scratch.sqlite'}", tmp_path / "raw", RAW)
    url = f"sqlite:///{tmp_path / 'alerts.sqlite'}"
    rebuild(dataclasses.replace(made.config_v1, database_url=url), "un-sea-allegations")
    engine = make_engine(url)
    seen = latest_version_id(engine)
    accounts.add_account(engine, "amina@gov.rw", "member-state", ["RWA"], "Amina K",
                         password=PASSWORD)
    mission, _month, _nationalities = made.expected.new_allegation
    source, _new_month = made.expected.new_month
    with served(app_for(url, secret_key="k").server) as base:
        page.goto(f"{base}/alerts")
        page.get_by_label("E-mail address").fill("amina@gov.rw")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(f"{base}/alerts", timeout=TIMEOUT_MS)
        expect(page.locator("#subscriptions")).to_have_text("None yet.")
        for followed in (source, "ipi-gender"):  # the new month; the revised figure
            page.locator("#source-subject").select_option(followed)
            page.locator("#add-source").get_by_role("button", name="Subscribe").click()
        page.locator("#allegations-mission").select_option(mission)
        page.locator("#add-allegations").get_by_role("button", name="Subscribe").click()
        items = page.locator("#subscriptions li")
        expect(items).to_have_count(3, timeout=TIMEOUT_MS)
        expect(items.nth(0)).to_contain_text(f"New data for {source}")
        expect(items.nth(1)).to_contain_text("New data for ipi-gender")
        expect(items.nth(2)).to_contain_text(f"New allegations in {mission}")
        feed_url = page.locator("#feed-url").input_value()

        rebuild(dataclasses.replace(made.config_v2, database_url=url), "ipi-gender")
        # The new month, the revised figure, the new allegation: one alert each.
        assert run_checks(engine, env) == 3
        assert run_checks(engine, env) == 0

        feed = page.request.get(feed_url)  # as a feed reader would, by its secret address
        assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
        links = sorted(entry.find(f"{ATOM}link").get("href")
                       for entry in ET.fromstring(feed.body()).findall(f"{ATOM}entry"))
        assert links == [f"{base}/conduct?mission={mission}&since=v{seen}",
                         f"{base}/indicators?since=v{seen}", f"{base}/indicators?since=v{seen}"]
        assert sorted(m["Subject"].split(": ", 1)[1].split(":")[0] for m in inbox.messages) \
            == sorted([mission, source, "ipi-gender"])
        page.reload()
        alerts = page.locator("#events li a")
        expect(alerts).to_have_count(3)
        alerts.filter(has_text=mission).click()
        expect(page).to_have_url(f"{base}/conduct?mission={mission}&since=v{seen}",
                                 timeout=TIMEOUT_MS)
    engine.dispose()
    assert problems.errors == []
