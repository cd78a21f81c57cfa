"""Real Chromium on the real data: a page arrives with its panels filled for the address, the
panel callback does not compute them a second time, charts are drawn as their cards come into
view, a card's table grid is made when its tab is opened, and panels hidden in the first view
are drawn once the filters show them."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems
from tests.browser.test_filters import TIMEOUT_MS, choose, part, wait_for_panels

pytestmark = [
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]


# The women page's cards: the UGPS tracker, the contributors' grid, share by group, mission and
# country, and women and men by month.
WOMEN_PANELS = 6


def panel_answers(page, base: str) -> list[dict]:
    """What the server changed in answer to each panel callback request this page sends from
    now on (an empty dict: nothing)."""
    answers: list[dict] = []

    def record(response):
        request = response.request
        if request.url.startswith(base + "/_dash-update-component") and \
                '"pk-caption' in (request.post_data or ""):
            answers.append({} if response.status == 204 else response.json()["response"])

    page.on("response", record)
    return answers


def test_the_first_view_comes_drawn_with_the_page(page, real_server):
    problems = PageProblems(page)
    answers = panel_answers(page, real_server)
    page.goto(real_server + "/women?mission=UNMISS")
    wait_for_panels(page)
    expect(part(page, "caption", "share-by-mission")).to_contain_text("UNMISS")
    # The first row of charts comes with the page; the second, below the window, is drawn
    # after it while the browser is idle, without anyone scrolling to it.
    first = page.locator(".pk-panel").first.locator(".js-plotly-plot .main-svg .trace")
    expect(first.first).to_be_attached(timeout=TIMEOUT_MS)
    last = part(page, "chart-view", "women-by-month")
    expect(last.locator(".js-plotly-plot .main-svg .trace").first).to_be_attached(
        timeout=TIMEOUT_MS)
    assert page.evaluate("window.scrollY") == 0
    assert page.locator(".pk-panel .js-plotly-plot").count() == WOMEN_PANELS
    # Nothing drawn twice: a panel request, if any is sent, finds its card up to date.
    assert all(answer == {} for answer in answers), answers
    assert problems.errors == []


def test_a_table_grid_is_made_when_its_tab_opens(page, real_server):
    page.goto(real_server + "/women")
    wait_for_panels(page)
    # The tabs work without dbc's dashChildrenUpdate, which assets/card-tabs.js removes
    # before Dash's renderer starts.
    assert page.evaluate("'dashChildrenUpdate' in window.dash_bootstrap_components.Tabs") is False
    assert page.locator(".ag-root-wrapper").count() == 0
    card = page.locator(".pk-panel").filter(has_text="Women's share by mission")
    card.get_by_role("tab", name="Table").click()
    rows = card.locator(".ag-center-cols-container .ag-row")
    expect(rows.first).to_be_visible(timeout=TIMEOUT_MS)
    assert page.locator(".ag-root-wrapper").count() == 1
    before = rows.count()
    # The open grid follows the filters, which the panel callback computes, once per panel.
    answers = panel_answers(page, real_server)
    choose(page, "pk-filter-mission", "UNMISS")
    expect(rows).to_have_count(1, timeout=TIMEOUT_MS)
    assert before > 1
    expect(card.locator("[col-id='mission']").last).to_have_text("UNMISS")
    for _ in range(TIMEOUT_MS // 100):
        if len(answers) == WOMEN_PANELS:
            break
        page.wait_for_timeout(100)
    assert len(answers) == WOMEN_PANELS and all(answers), answers


def test_the_comparison_is_drawn_when_two_missions_are_chosen(page, real_server):
    page.goto(real_server + "/missions?mission=UNMISS")
    wait_for_panels(page)
    caption = part(page, "caption", "compare-women", page_name="missions")
    expect(caption).to_be_empty()  # hidden for one mission, so not drawn yet
    choose(page, "pk-filter-mission", "MONUSCO")
    expect(caption).to_contain_text("MONUSCO", timeout=TIMEOUT_MS)
    caption.scroll_into_view_if_needed()  # charts are drawn as they come into view
    expect(caption).to_be_visible()
    chart = page.locator(f"[id='{json.dumps(_figure_id('compare-women'), separators=(',', ':'))}']")
    expect(chart.locator(".main-svg .trace").first).to_be_attached(timeout=TIMEOUT_MS)


def _figure_id(key: str) -> dict:
    return {"kind": "pk-figure", "page": "missions", "panel": key}


# Each drawn chart's margins as the server set them and as plotly.js drew it: when plotly.js
# needs more room for labels than the margins give, it draws the chart a second time.
DRAWN_MARGINS = """() => [...document.querySelectorAll('.pk-panel .js-plotly-plot')].map((gd) => {
  const set = gd._fullLayout.margin, drawn = gd._fullLayout._size;
  return {chart: gd.id, grown: ['l', 'r', 't', 'b'].filter((side) =>
            Math.abs(set[side] - drawn[side]) > 1).map((side) => [side, set[side], drawn[side]])};
})"""


@pytest.mark.parametrize("path", ["/conduct", "/missions?mission=UNMISS,MONUSCO"])
def test_charts_are_drawn_once_with_room_made_for_their_labels(page, real_server, path):
    """The margins the server reserves (dashboard/figures/margins.py) are those plotly.js
    would make, so no chart is drawn a second time to make room."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(real_server + path)
    wait_for_panels(page)
    holders = page.locator(".pk-panel [data-pk-seen]").filter(visible=True)
    for index in range(holders.count()):  # drawn in the background, no scrolling needed
        expect(holders.nth(index).locator(".main-svg").first).to_be_attached(
            timeout=TIMEOUT_MS)
    charts = page.evaluate(DRAWN_MARGINS)
    assert len(charts) >= 8
    assert [chart for chart in charts if chart["grown"]] == []
