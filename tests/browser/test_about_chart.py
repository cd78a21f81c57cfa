"""A card's "About this chart" opens on a click and from the keyboard, and shows the
indicator's definition; closed, it takes no room."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indicators.catalogue import CATALOGUE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

WOMEN_SHARE = CATALOGUE["women-share"]
MOST_TABS = 400  # more stops than the page has before its first card's control

_FOCUSED = """() => {
  const el = document.activeElement;
  return el && el.tagName === 'SUMMARY' ? el.parentElement.id : null;
}"""


def test_a_click_shows_the_definition_and_a_second_hides_it(page, live_server, problems):
    page.goto(f"{live_server}/women")
    about = page.locator("details.pk-about").first
    summary = about.locator("summary")
    expect(summary).to_have_text("About this chart")
    definition = about.locator(".pk-about-definition")
    expect(definition).to_be_hidden()
    summary.click()
    expect(definition).to_be_visible()
    expect(definition).to_have_text(WOMEN_SHARE.definition_en)
    expect(about.locator("a")).to_have_attribute(
        "href", "/indicators#indicator-women-share")
    summary.click()
    expect(definition).to_be_hidden()
    assert problems.errors == []


def test_the_control_is_reached_with_tab_and_opened_with_enter(page, live_server):
    page.goto(f"{live_server}/women?lang=fr")
    first = page.locator("details.pk-about").first
    expect(first.locator("summary")).to_have_text("À propos de ce graphique")
    page.locator("body").focus()
    for _stop in range(MOST_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(_FOCUSED):
            break
    else:
        pytest.fail("Tab never reached an 'About this chart' control")
    page.keyboard.press("Enter")
    opened = page.locator("details.pk-about[open]")
    expect(opened).to_have_count(1)
    expect(opened.locator(".pk-about-definition")).to_have_text(WOMEN_SHARE.definition_fr)
    page.keyboard.press("Space")  # the same control closes it again
    expect(page.locator("details.pk-about[open]")).to_have_count(0)
