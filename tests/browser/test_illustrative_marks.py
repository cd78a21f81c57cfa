"""Real Chromium on the real data: the overview keeps its generated headline figure apart from
the real ones, in a framed group under its own label, the Table tab of an illustrative chart
says so on every row, and the restricted technology charts are absent for the public."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_filters import wait_for_panels

pytestmark = [
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]
TIMEOUT_MS = 20_000
LABEL = "Illustrative figures: generated for areas with no public data, not real"


@pytest.mark.parametrize("width", [1280, 768])
def test_the_generated_headline_figure_sits_apart_from_the_real_ones(page, real_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(real_server + "/?from=2024-01&to=2024-12")
    wait_for_panels(page)
    group = page.get_by_role("group", name=LABEL)
    expect(group).to_be_visible(timeout=TIMEOUT_MS)
    generated = group.locator("section.pk-kpi")
    expect(generated).to_have_count(1)
    expect(generated.get_by_role("heading")).to_have_text("Training coverage")
    expect(generated).to_contain_text("Illustrative data")
    real = page.locator("section.pk-kpi").filter(
        has_not=page.locator(".pk-badge-illustrative"))
    expect(real).to_have_count(4)
    # No real card inside the frame, and the frame starts below the lowest real card.
    assert group.locator(".pk-badge-real").count() == 0
    lowest = max(real.nth(i).bounding_box()["y"] + real.nth(i).bounding_box()["height"]
                 for i in range(real.count()))
    assert group.bounding_box()["y"] >= lowest
    # A frame that reads without its colour: a dashed border.
    style = group.evaluate("node => getComputedStyle(node).borderTopStyle")
    assert style == "dashed"


def test_the_table_tab_of_an_illustrative_chart_marks_every_row(page, real_server):
    page.goto(real_server + "/performance?from=2023-01&to=2023-12")
    wait_for_panels(page)
    card = page.locator(".pk-panel").filter(
        has_text="Pre-deployment training coverage by contributing country")
    card.get_by_role("tab", name="Table").click()
    rows = card.locator(".ag-center-cols-container .ag-row")
    expect(rows.first).to_be_visible(timeout=TIMEOUT_MS)
    expect(card.locator(".ag-header-cell[col-id='mark']")).to_contain_text("Data")
    assert rows.count() > 3
    for index in range(rows.count()):
        expect(rows.nth(index).locator("[col-id='mark']")).to_have_text(
            "ILLUSTRATIVE (generated, not real)")


def test_the_technology_charts_are_absent_for_the_public(page, real_server):
    """Technology assessments and unit evaluations are for delegations and the Secretariat
    (issue 16): not signed in, their cards are not on the page at all, not greyed. (What
    they show, marked illustrative, is checked as the Secretariat in
    tests/dashboard/test_performance.py; in a browser, once sign-in is merged.)"""
    page.goto(real_server + "/performance?from=2023-01&to=2023-12")
    wait_for_panels(page)
    medical = page.locator("section.pk-panel").filter(has=page.get_by_role(
        "heading", name="Casualties treated within the 10-1-2 standard, per year and stage"))
    expect(medical).to_be_visible(timeout=TIMEOUT_MS)
    for title in ("Units with technology capability at the required standard, by area",
                  "Units with technology capability at the required standard, by mission",
                  "Unit evaluation scores on the five key factors, by mission"):
        expect(page.get_by_role("heading", name=title)).to_have_count(0)
