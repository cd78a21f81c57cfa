"""Narrow screens: no page scrolls sideways on a tablet or a phone, in either language, and
no status pill runs out of its card."""

from __future__ import annotations

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

PATHS = ("/", "/missions", "/countries", "/women", "/conduct", "/safety", "/performance",
         "/partnerships", "/protection", "/indicators", "/briefing")
WIDTHS = (768, 390)  # a tablet held upright, a phone
CARD_WIDTHS = (768, 1024, 1280, 1440)

_FIT = """() => {
  const root = document.scrollingElement;
  const bar = document.querySelector('header .navbar').getBoundingClientRect();
  return {scroll: root.scrollWidth, client: root.clientWidth,
          bar: [bar.left, bar.right]};
}"""
_PILLS = """() => [...document.querySelectorAll('.pk-status')].map(pill => {
  const box = pill.getBoundingClientRect(), card = pill.closest('.card').getBoundingClientRect();
  return {text: pill.textContent, left: box.left, right: box.right,
          cardLeft: card.left, cardRight: card.right};
})"""


@pytest.fixture
def narrow_page(browser, request):
    """A page of the given width, with scrollbars drawn as on a desktop (they take room)."""
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("narrow_page", WIDTHS, indirect=True)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_page_scrolls_sideways_and_the_navbar_spans_the_width(narrow_page, real_server,
                                                                  lang):
    wrong = []
    for path in PATHS:
        narrow_page.goto(f"{real_server}{path}?lang={lang}")
        narrow_page.wait_for_load_state("networkidle")
        fit = narrow_page.evaluate(_FIT)
        if fit["scroll"] > fit["client"]:
            wrong.append(f"{path}: scrolls to {fit['scroll']} px in {fit['client']} px")
        if fit["bar"][0] > 0 or fit["bar"][1] < fit["scroll"]:
            wrong.append(f"{path}: navbar spans {fit['bar']} of {fit['scroll']} px")
    assert wrong == []


@pytest.mark.parametrize("narrow_page", CARD_WIDTHS, indirect=True)
def test_french_status_pills_stay_inside_their_card(narrow_page, real_server):
    narrow_page.goto(f"{real_server}/?lang=fr")
    # The pills come with the KPI callbacks, which a busy machine may answer after the first
    # quiet half-second ("networkidle"): wait for the one this test is about.
    narrow_page.get_by_text("Pas de cible pour cette période").first.wait_for(timeout=30_000)
    pills = narrow_page.evaluate(_PILLS)
    assert any("Pas de cible pour cette période" in pill["text"] for pill in pills)
    outside = [pill for pill in pills
               if pill["left"] < pill["cardLeft"] or pill["right"] > pill["cardRight"]]
    assert outside == []
