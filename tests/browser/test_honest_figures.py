"""Real Chromium on the real data: what the conduct charts draw for a partial year (2024 runs
January to July), for uncertainty (error bars on rates) and for withheld small numbers (a
labelled mark with no length, never a bar)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems
from tests.browser.test_filters import TIMEOUT_MS, part, wait_for_panels

pytestmark = [
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]


def drawn(page, key: str):
    """The card's plot once drawn (scrolled to, as a reader would), with its SVG."""
    view = part(page, "chart-view", key, "conduct")
    view.scroll_into_view_if_needed()
    plot = view.locator(".js-plotly-plot")
    expect(plot.locator(".main-svg .trace").first).to_be_attached(timeout=TIMEOUT_MS)
    return plot


def test_the_conduct_charts_draw_small_and_partial_numbers_as_they_are(page, real_server):
    problems = PageProblems(page)
    page.goto(real_server + "/conduct")
    wait_for_panels(page)
    # 2024 (January to July) is drawn as a hollow point, and its hover says so.
    # What plotly.js drew from (_fullData: arrays decoded from the figure's binary form).
    line = drawn(page, "by-year").evaluate(
        "gd => ({x: Array.from(gd._fullData[0].x), symbol: Array.from("
        "gd._fullData[0].marker.symbol), details: Array.from(gd._fullData[0].customdata)})")
    partial = line["x"].index(2024)
    assert line["symbol"][partial] >= 100 and line["symbol"][partial - 1] < 100
    assert "Partial year: Jan–Jul only" in line["details"][partial]
    # Rates per 1,000 carry their 95% intervals as error bars drawn on the bars.
    rates = drawn(page, "rate-by-mission")
    assert rates.locator(".errorbar").count() > 0
    # "Fewer than 3" is a label on the axis, not a bar as long as a real 3.
    nationality = drawn(page, "by-nationality")
    expect(nationality.locator(".textpoint", has_text="fewer than 3").first).to_be_attached()
    withheld = nationality.evaluate(
        "gd => gd._fullData.filter(t => t.type === 'bar')"
        ".flatMap(t => Array.from(t.text || []))")
    assert not any("fewer than 3" in str(text) for text in withheld)
    assert problems.errors == []
