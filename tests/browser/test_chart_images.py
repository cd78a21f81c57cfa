"""Real Chromium on the real data: every chart card offers PNG and SVG pictures drawn on the
server with title, filters, source and the illustrative mark, and the mode bar no longer
saves a bare picture without them."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ElementTree

import pytest
from playwright.sync_api import expect

from tests.browser.test_filters import wait_for_panels

pytestmark = [
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]
TIMEOUT_MS = 20_000
QUERY = "?from=2023-01&to=2023-12"


def test_every_card_offers_pictures_with_title_source_and_mark(page, real_server):
    page.goto(real_server + "/performance" + QUERY)
    wait_for_panels(page)
    card = page.locator("section.pk-panel").filter(
        has=page.get_by_role("heading", name="Pre-deployment training coverage, per year"))
    png_link = card.get_by_role("link", name="PNG", exact=True)
    svg_link = card.get_by_role("link", name="SVG", exact=True)
    expect(png_link).to_be_visible(timeout=TIMEOUT_MS)
    assert "from=2023-01" in svg_link.get_attribute("href")
    svg = page.request.get(real_server + svg_link.get_attribute("href"))
    assert svg.ok and svg.headers["content-type"].startswith("image/svg+xml")
    text = svg.text()
    ElementTree.fromstring(text)  # a well-formed SVG
    assert "Pre-deployment training coverage, per year" in text
    assert "ILLUSTRATIVE DATA" in text
    assert "Illustrative (generated) data" in text  # the source
    assert "Jan 2023 – Dec 2023" in text  # the filters
    png = page.request.get(real_server + png_link.get_attribute("href")).body()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert 1000 <= width <= 4000 and 600 <= height <= 4000
    # Every card on the page has both.
    cards = page.locator("section.pk-panel").filter(visible=True)
    for index in range(cards.count()):
        expect(cards.nth(index).get_by_role("link", name="SVG", exact=True)).to_have_count(1)


def test_the_mode_bar_has_no_bare_camera(page, real_server):
    page.goto(real_server + "/women" + QUERY)
    wait_for_panels(page)
    graph = page.locator(".js-plotly-plot").first
    expect(graph).to_be_visible(timeout=TIMEOUT_MS)
    graph.hover()
    buttons = page.locator(".modebar-btn")
    expect(buttons.first).to_be_attached(timeout=TIMEOUT_MS)
    titles = [buttons.nth(i).get_attribute("data-title") or ""
              for i in range(buttons.count())]
    assert titles and not any("Download plot" in title for title in titles)

