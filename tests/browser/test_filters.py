"""Real Chromium on the real data: pages load clean, filters change charts and the URL, a copied
URL restores the view, and a download carries the same numbers as the table."""

from __future__ import annotations

import csv
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]
TIMEOUT_MS = 20_000
PAGES = ("/", "/missions", "/countries", "/women", "/conduct", "/safety", "/performance",
         "/partnerships", "/protection", "/indicators")


def wait_for_panels(page):
    """Wait until every displayed panel has its caption and the network is idle. (Panels
    hidden in the first view, e.g. the comparison of several missions, are drawn once the
    filters change to show them.)"""
    page.wait_for_load_state("networkidle")
    captions = page.locator(".pk-panel").filter(visible=True).locator("p.small.text-muted.mb-2")
    for index in range(captions.count()):
        expect(captions.nth(index)).not_to_be_empty(timeout=TIMEOUT_MS)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_without_console_errors(page, real_server, path):
    problems = PageProblems(page)
    page.goto(real_server + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Page not found")
    wait_for_panels(page)
    assert problems.errors == []
    assert problems.remote_requests == []
    assert not [url for url, status in problems.responses.items() if status >= 500]


def choose(page, control_id: str, text: str):
    """Pick an option in a dcc.Dropdown: open it, search, choose the first match, close it."""
    page.locator(f"#{control_id}").click()
    page.locator("input.dash-dropdown-search").fill(text)
    page.get_by_role("option").filter(has_text=text).first.click()
    page.keyboard.press("Escape")


def panel(page, key: str):
    return page.locator(".pk-panel").filter(has=page.locator(f"[id*='\"panel\":\"{key}\"']"))


def part(page, kind: str, key: str, page_name: str = "women"):
    """A panel's component by its dict id (Dash writes it as sorted-key JSON)."""
    return page.locator(
        f"[id='{{\"kind\":\"pk-{kind}\",\"page\":\"{page_name}\",\"panel\":\"{key}\"}}']")


def summary_of(page, key: str) -> str:
    locator = part(page, "summary", key)
    expect(locator).not_to_be_empty(timeout=TIMEOUT_MS)
    return locator.inner_text()


def test_filters_change_the_charts_and_the_url_and_the_url_restores_the_view(
        page, real_server, browser):
    page.goto(real_server + "/women")
    wait_for_panels(page)
    before = summary_of(page, "share-by-mission")

    choose(page, "pk-filter-mission", "UNMISS")
    expect(page).to_have_url(re.compile(r"mission=UNMISS"), timeout=TIMEOUT_MS)
    choose(page, "pk-filter-country", "Rwanda")
    expect(page).to_have_url(re.compile(r"country=RWA"), timeout=TIMEOUT_MS)
    # Caption and summary come in the same callback response: once the caption names both
    # filters, the summary is the filtered one.
    expect(part(page, "caption", "share-by-mission")).to_contain_text(
        "UNMISS · Rwanda", timeout=TIMEOUT_MS)
    wait_for_panels(page)
    after = summary_of(page, "share-by-mission")
    assert after != before
    assert after.startswith("Women as a share of uniformed personnel, highest: UNMISS")

    # A new browser (no shared state) opening the copied address sees the same view.
    shared_url = page.url
    other = browser.new_context().new_page()
    problems = PageProblems(other)
    other.goto(shared_url)
    wait_for_panels(other)
    expect(other.locator("#pk-filter-mission")).to_contain_text("UNMISS")
    expect(other.locator("#pk-filter-country")).to_contain_text("Rwanda")
    assert summary_of(other, "share-by-mission") == after
    assert problems.errors == []

    # The filters travel with the navigation links.
    href = other.get_by_role("navigation").get_by_role("link", name="Women", exact=True)
    expect(href).to_have_attribute("href", re.compile(r"mission=UNMISS&country=RWA"),
                                   timeout=TIMEOUT_MS)
    other.context.close()


def test_unknown_codes_in_the_url_are_reported_and_ignored(page, real_server):
    page.goto(real_server + "/women?mission=UNMISS,NOPE&from=2013-99")
    notice = page.locator("#pk-filter-notices")
    expect(notice).to_contain_text("mission='NOPE'", timeout=TIMEOUT_MS)
    expect(notice).to_contain_text("from='2013-99'")
    expect(page).to_have_url(re.compile(r"^((?!NOPE).)*$"), timeout=TIMEOUT_MS)
    wait_for_panels(page)


def test_a_download_carries_the_same_numbers_as_the_table(page, real_server):
    page.goto(real_server + "/women?mission=UNMISS&from=2013-01&to=2013-12")
    wait_for_panels(page)
    card = page.locator(".pk-panel").filter(has_text="Women's share by contributing country")
    card.get_by_role("tab", name="Table").click()
    grid_rows = card.locator(".ag-center-cols-container .ag-row")
    expect(grid_rows.first).to_be_visible(timeout=TIMEOUT_MS)
    table = {}
    for index in range(grid_rows.count()):
        row = grid_rows.nth(index)
        country = row.locator("[col-id='country']").inner_text()
        table[country] = float(row.locator("[col-id='value']").inner_text().replace(",", ""))

    with page.expect_download() as download_info:
        card.get_by_role("link", name="CSV").click()
    path = download_info.value.path()
    with open(path, newline="", encoding="utf-8") as handle:
        downloaded = {row["country"]: float(row["value"]) for row in csv.DictReader(handle)}
    assert downloaded.keys() == table.keys()
    for country, shown in table.items():
        assert downloaded[country] == pytest.approx(shown, abs=1e-4)

    # The XLSX link answers with a workbook (read back in tests/dashboard).
    href = card.get_by_role("link", name="Excel").get_attribute("href")
    with urllib.request.urlopen(real_server + href) as response:
        assert response.headers["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        assert response.read(2) == b"PK"


def test_a_month_is_found_by_typing_and_an_address_keeps_its_period(page, real_server):
    page.goto(real_server + "/women")
    wait_for_panels(page)
    # Before anything is typed: one month a year, not every month since 1948.
    page.locator("#pk-filter-from").click()
    listed = page.get_by_role("option")
    expect(listed.first).to_be_visible(timeout=TIMEOUT_MS)
    assert 10 < listed.count() <= 100
    page.keyboard.press("Escape")
    choose(page, "pk-filter-from", "Jul 2013")  # typed: every matching month is offered
    expect(page).to_have_url(re.compile(r"from=2013-07"), timeout=TIMEOUT_MS)
    # An address with months that are not one-a-year choices shows them and keeps them.
    page.goto(real_server + "/women?from=2013-07&to=2014-03")
    expect(page.locator("#pk-filter-from")).to_contain_text("Jul 2013", timeout=TIMEOUT_MS)
    expect(page.locator("#pk-filter-to")).to_contain_text("Mar 2014", timeout=TIMEOUT_MS)
    wait_for_panels(page)
    assert "from=2013-07" in page.url and "to=2014-03" in page.url
