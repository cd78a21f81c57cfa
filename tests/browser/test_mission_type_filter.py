"""In real Chromium: the mission-type control in the filter bar changes the charts and the
address, a copied address restores it, and the French view names the types in French."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import update

from indicators.db import make_engine
from indicators.migrate import upgrade
from indicators.models.dimensions import Mission
from tests.browser.conftest import PageProblems, served
from tests.dashboard.helpers import app_for
from tests.indicators.test_query_cli import insert_small_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]
TIMEOUT_MS = 20_000
CONTROL = "#pk-filter-mission-type"


@pytest.fixture(scope="module")
def typed_server(tmp_path_factory):
    """The app on two missions and two months: MONUSCO a peacekeeping operation, MINUSCA
    standing in for a special political mission."""
    url = f"sqlite:///{tmp_path_factory.mktemp('mission-type') / 'small.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    insert_small_world(engine)
    with engine.begin() as conn:
        conn.execute(update(Mission).where(Mission.acronym == "MONUSCO")
                     .values(is_peacekeeping=True))
    engine.dispose()
    with served(app_for(url).server) as base:
        yield base


def caption(page):
    """The caption of the women's share by mission, which names the filters."""
    return page.locator(
        "[id='{\"kind\":\"pk-caption\",\"page\":\"women\",\"panel\":\"share-by-mission\"}']")


def pick(page, text: str):
    page.locator(CONTROL).click()
    page.get_by_role("option", name=text, exact=True).click()


def test_the_control_filters_and_the_address_keeps_it(page, typed_server, browser):
    problems = PageProblems(page)
    page.goto(typed_server + "/women")
    expect(page.locator(CONTROL)).to_contain_text("All", timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")

    pick(page, "Special political missions")
    expect(page).to_have_url(re.compile(r"mission-type=political"), timeout=TIMEOUT_MS)
    expect(caption(page)).to_contain_text("special political missions", timeout=TIMEOUT_MS)
    summary = page.locator(
        "[id='{\"kind\":\"pk-summary\",\"page\":\"women\",\"panel\":\"share-by-mission\"}']")
    expect(summary).to_contain_text("MINUSCA", timeout=TIMEOUT_MS)
    expect(summary).not_to_contain_text("MONUSCO")

    # The navigation links carry it, and a new browser opening the address sees the same view.
    link = page.get_by_role("navigation").get_by_role("link", name="Safety", exact=True)
    expect(link).to_have_attribute("href", re.compile(r"mission-type=political"),
                                   timeout=TIMEOUT_MS)
    other = browser.new_context().new_page()
    other_problems = PageProblems(other)
    other.goto(page.url)
    expect(other.locator(CONTROL)).to_contain_text("Special political missions",
                                                   timeout=TIMEOUT_MS)
    expect(caption(other)).to_contain_text("special political missions", timeout=TIMEOUT_MS)
    other.wait_for_load_state("networkidle")
    other.context.close()

    # "All" takes it out of the address.
    pick(page, "All")
    expect(page).not_to_have_url(re.compile(r"mission-type"), timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    assert problems.errors == [] and other_problems.errors == []


def test_a_bad_value_is_reported_and_the_french_view_names_the_types(page, typed_server):
    page.goto(typed_server + "/women?mission-type=spm&lang=fr")
    notice = page.locator("#pk-filter-notices")
    expect(notice).to_contain_text("mission-type='spm'", timeout=TIMEOUT_MS)
    expect(page).not_to_have_url(re.compile(r"spm"), timeout=TIMEOUT_MS)
    expect(page.get_by_text("Type de mission", exact=True)).to_be_visible()
    page.wait_for_load_state("networkidle")
    pick(page, "Opérations de maintien de la paix")
    expect(page).to_have_url(re.compile(r"mission-type=peacekeeping"), timeout=TIMEOUT_MS)
    assert "lang=fr" in page.url
    expect(caption(page)).to_contain_text("opérations de maintien de la paix",
                                          timeout=TIMEOUT_MS)
