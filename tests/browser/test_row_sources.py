"""Real Chromium on the real data: a point of a personnel chart, hovered with the mouse, names
the UN monthly report it was read from and the pages; the card's Table tab says the same in
its Source column (issue 20: a figure's own origin)."""

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

QUERY = "/missions?mission=UNMISS&from=2025-01&to=2025-04"
# UNMISS's troops in April 2025 are printed on pages 21 to 26 of that month's report (read
# from the PDF in tests/dashboard/test_row_sources.py).
SOURCE = "UN_country_contributions_2025_04.pdf, pp. 21–26"

# Where plotly.js drew a trace's point, in page pixels: the axes' own conversion.
POINT_JS = """([gd, name, x]) => {
  const trace = gd._fullData.findIndex(t => t.name === name);
  const data = gd._fullData[trace];
  const index = Array.from(data.x).findIndex(v => String(v).startsWith(x));
  const layout = gd._fullLayout, box = gd.getBoundingClientRect();
  return {x: box.left + layout.xaxis._offset + layout.xaxis.d2p(data.x[index]),
          y: box.top + layout.yaxis._offset + layout.yaxis.d2p(data.y[index])};
}"""


def test_a_hovered_point_and_the_table_name_the_report_and_its_pages(page, real_server):
    problems = PageProblems(page)
    page.goto(real_server + QUERY)
    wait_for_panels(page)
    view = part(page, "chart-view", "strength", "missions")
    view.scroll_into_view_if_needed()
    plot = view.locator(".js-plotly-plot")
    expect(plot.locator(".main-svg .trace").first).to_be_attached(timeout=TIMEOUT_MS)
    point = plot.evaluate(f"gd => ({POINT_JS})([gd, 'Troops', '2025-04'])")
    page.mouse.move(point["x"], point["y"])
    label = plot.locator(".hoverlayer")
    expect(label).to_contain_text("Source: " + SOURCE, timeout=TIMEOUT_MS)

    card = page.locator("section.pk-panel", has=view)
    card.get_by_role("tab", name="Table").click()
    grid = part(page, "table-view", "strength", "missions")
    expect(grid.locator(".ag-header-cell-text", has_text="Source")).to_be_visible(
        timeout=TIMEOUT_MS)
    row = grid.locator(".ag-row").filter(has=page.locator("[col-id='month']",
                                                          has_text="2025-04")).filter(
        has=page.locator("[col-id='category']", has_text="troops"))
    expect(row.locator("[col-id='origin']")).to_have_text(SOURCE)
    assert problems.errors == []
