"""Every page loads in real Chromium with no console error and nothing fetched off the machine."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    # pytest-playwright's own base_url fixture trips a pytest 9 deprecation; not ours to fix.
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

TIMEOUT_MS = 15_000


def test_sources_page_shows_the_loaded_source(page, live_server, loaded_row, problems):
    _, row = loaded_row
    page.goto(f"{live_server}/indicators")
    table = page.get_by_role("table", name=re.compile("loaded source"))
    expect(table).to_be_visible(timeout=TIMEOUT_MS)
    expect(table.get_by_role("rowheader", name=row["title"])).to_be_visible()
    expect(table).to_contain_text("43,255")
    expect(table).to_contain_text("Nov 2009 – Aug 2014")
    expect(table).to_contain_text("Real")
    expect(page.get_by_role("heading", level=1, name="Indicators and sources")).to_be_visible()
    expect(page.get_by_role("heading", name="Not loaded yet")).to_be_visible()
    expect(page).to_have_title(re.compile("Indicators and sources"))
    page.wait_for_load_state("networkidle")
    assert problems.errors == []
    assert problems.remote_requests == []


def test_bootstrap_is_served_locally_and_applied(page, live_server, problems):
    page.goto(f"{live_server}/indicators")
    expect(page.get_by_role("table").first).to_be_visible(timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    bootstrap = [url for url in problems.responses if url.split("?")[0].endswith(
        "/assets/bootstrap.min.css")]
    assert bootstrap and all(url.startswith(live_server) for url in bootstrap)
    assert problems.responses[bootstrap[0]] == 200
    # Bootstrap's reboot sets the body font to the system stack; unstyled pages keep serif.
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "system-ui" in font
    assert problems.remote_requests == []
    assert problems.errors == []


def test_navbar_and_skip_link_are_keyboard_reachable(page, live_server, problems):
    page.goto(f"{live_server}/indicators")
    expect(page.get_by_role("table").first).to_be_visible(timeout=TIMEOUT_MS)
    nav = page.get_by_role("navigation")
    expect(nav).to_contain_text("Peacekeeping performance dashboard")
    expect(nav.get_by_role("link", name="Indicators", exact=True)).to_be_visible()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    assert problems.errors == []


def test_unknown_address_shows_a_not_found_page(page, live_server, problems):
    page.goto(f"{live_server}/no-such-page")
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible(
        timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    assert problems.errors == []
    assert problems.remote_requests == []
