"""Real Chromium on the real data: a page's briefing pack renders in the background with a
progress bar and arrives as a file; the builder collects charts from two pages, reorders
them and exports them; the page stays usable meanwhile."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pptx import Presentation

from tests.browser.conftest import PageProblems
from tests.browser.test_filters import choose, wait_for_panels

pytestmark = [
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]
TIMEOUT_MS = 20_000
EXPORT_TIMEOUT_MS = 120_000
QUERY = "?category=formed-police-units,individual-police&from=2013-12&to=2013-12"


def test_page_pack_renders_in_the_background_with_progress(page, real_server):
    problems = PageProblems(page)
    page.goto(real_server + "/women" + QUERY)
    wait_for_panels(page)
    page.get_by_role("button", name="PowerPoint").click()
    # The progress bar shows while the pack renders...
    expect(page.locator("#pk-export-status .progress")).to_be_visible(timeout=TIMEOUT_MS)
    # ...and the page stays usable meanwhile: the table tab of a chart still opens.
    page.get_by_role("tab", name="Table").first.click()
    expect(page.locator(".ag-row").first).to_be_visible(timeout=TIMEOUT_MS)
    link = page.locator("#pk-export-file")
    expect(link).to_be_visible(timeout=EXPORT_TIMEOUT_MS)
    with page.expect_download() as download_info:
        link.click()
    deck = Presentation(download_info.value.path())
    titles = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes
              if shape.has_text_frame]
    assert "Women in peacekeeping" in titles
    assert any("Formed police units" in text for text in titles)
    assert problems.errors == []


def test_builder_collects_orders_and_exports_charts_from_two_pages(page, real_server):
    problems = PageProblems(page)
    page.goto(real_server + "/briefing" + QUERY)
    expect(page.get_by_role("heading", level=1)).to_have_text("Briefing builder",
                                                               timeout=TIMEOUT_MS)
    for chart in ("Women's share by mission", "Conduct and discipline — Allegations"):
        choose(page, "pk-briefing-picker", chart)
        page.get_by_role("button", name="Add to the pack").click()
    items = page.locator(".pk-briefing-list li")
    expect(items).to_have_count(2, timeout=TIMEOUT_MS)
    expect(items.nth(0)).to_contain_text("Women's share by mission")
    # Move the second chart up: the allegations now open the pack.
    items.nth(1).get_by_role("button", name="↑").click()
    expect(items.nth(0)).to_contain_text("Conduct and discipline")
    page.get_by_label("Pack title").fill("Fifth Committee")
    expect(page.locator("#pk-briefing-link a")).to_contain_text("title=Fifth")
    page.get_by_role("button", name="Excel").click()
    link = page.locator("#pk-export-file")
    expect(link).to_be_visible(timeout=EXPORT_TIMEOUT_MS)
    with page.expect_download() as download_info:
        link.click()
    book = load_workbook(io.BytesIO(open(download_info.value.path(), "rb").read()))
    sheets = [sheet.title for sheet in book.worksheets if sheet.title != "About"]
    assert len(sheets) == 2
    about = " ".join(str(cell) for row in book["About"].iter_rows(values_only=True)
                     for cell in row if cell)
    assert "Fifth Committee" in about
    assert about.index("llegation") < about.index("Women")
    # The choice survives a reload (kept in the browser), in the new order.
    page.reload()
    expect(page.locator(".pk-briefing-list li").nth(0)).to_contain_text(
        "Conduct and discipline", timeout=TIMEOUT_MS)
    assert problems.errors == []


def test_pages_without_charts_offer_no_pack(page, real_server):
    page.goto(real_server + "/indicators")
    expect(page.get_by_role("heading", level=1)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("#pk-export-bar")).to_be_hidden(timeout=TIMEOUT_MS)
    page.goto(real_server + "/safety")
    expect(page.locator("#pk-export-bar")).to_be_visible(timeout=TIMEOUT_MS)
