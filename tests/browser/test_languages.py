"""In real Chromium: the French view of each page has no English left in its navigation and
controls, nor in its headings, chart titles and cards; plotly's mode bar speaks French, the
switch reloads the same view in the other language, and filter changes and nav links keep
`lang`."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from indicators.db import make_engine
from indicators.i18n import _catalogue
from indicators.migrate import upgrade
from tests.browser.conftest import served
from tests.dashboard.helpers import app_for
from tests.indicators.test_query_cli import insert_small_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

TIMEOUT_MS = 15_000
PAGES = ("/", "/missions", "/countries", "/women", "/conduct", "/safety", "/performance",
         "/partnerships", "/protection", "/indicators")
# The shell parts phase 1 translates: navbar (brand, links, switch), filter bar, footer.
SHELL = "header, .pk-filterbar, footer"


@pytest.fixture(scope="module")
def small_server(tmp_path_factory):
    """The app on a database with two missions, two countries and two months: enough for
    the filter controls to have choices."""
    url = f"sqlite:///{tmp_path_factory.mktemp('languages') / 'small.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    insert_small_world(engine)
    engine.dispose()
    with served(app_for(url).server) as base:
        yield base


def english_only() -> set[str]:
    """Every catalogue message whose French differs: seen verbatim on a French page, it is
    English left untranslated."""
    return {message for message, french in _catalogue("fr").items()
            if message != french and len(message) > 1}


def shell_texts(page) -> list[str]:
    """Visible texts, labels and placeholders of the shell, one per element."""
    return page.eval_on_selector_all(
        f"{SHELL.replace(', ', ' *, ')} *",
        """nodes => nodes.flatMap(node => {
            const own = [...node.childNodes].filter(n => n.nodeType === 3)
                .map(n => n.textContent.trim()).filter(Boolean);
            const attrs = ['placeholder', 'aria-label', 'title']
                .map(a => node.getAttribute(a)).filter(Boolean);
            return [...own, ...attrs];
        })""")


def page_texts(page) -> list[str]:
    """Texts, labels and titles of the page itself (everything in <main> but the filter bar,
    which the test above reads): headings, introductions, notices, cards and their charts.
    Hidden parts too (a comparison shown once missions are chosen), by their text content.
    Code samples (API parameters such as `country`) are codes, not words."""
    return page.eval_on_selector_all(
        "main *:not(.pk-filterbar):not(.pk-filterbar *):not(code):not(code *)",
        """nodes => nodes.flatMap(node => {
            const own = [...node.childNodes].filter(n => n.nodeType === 3)
                .map(n => n.textContent.trim()).filter(Boolean);
            const attrs = ['placeholder', 'aria-label', 'title']
                .map(a => node.getAttribute(a)).filter(Boolean);
            return [...own, ...attrs];
        })""")


@pytest.mark.parametrize("path", PAGES)
def test_french_view_has_no_english_in_headings_and_chart_titles(page, live_server, problems,
                                                                 path):
    page.goto(f"{live_server}{path}?lang=fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr", timeout=TIMEOUT_MS)
    expect(page.locator("main h1")).to_be_visible(timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    english = english_only()
    titles = page.eval_on_selector_all(".pk-panel h2", "nodes => nodes.map(n => n.textContent)")
    if path != "/indicators":  # the one page without charts
        assert titles, f"no chart titles on {path}?lang=fr"
    assert [title for title in titles if title in english] == []
    left = sorted(set(page_texts(page)) & english)
    assert left == [], f"English left on {path}?lang=fr: {left}"
    assert problems.errors == []


def test_french_chart_titles_are_the_catalogue_s(page, live_server):
    page.goto(f"{live_server}/women?lang=fr")
    expect(page.get_by_role("heading", name="Les femmes dans le maintien de la paix",
                            level=1)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_role("heading", name="Part des femmes par mission")).to_be_visible()


@pytest.mark.parametrize("path", PAGES)
def test_french_view_has_no_english_in_navigation_and_controls(page, live_server, problems,
                                                               path):
    page.goto(f"{live_server}{path}?lang=fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr", timeout=TIMEOUT_MS)
    expect(page.get_by_role("button", name="Effacer les filtres")).to_be_visible(
        timeout=TIMEOUT_MS)
    expect(page.locator("header").get_by_role("link", name="Indicateurs", exact=True)
           ).to_be_visible()
    page.wait_for_load_state("networkidle")
    left = sorted(set(shell_texts(page)) & english_only())
    assert left == [], f"English left on {path}?lang=fr: {left}"
    assert problems.errors == []
    assert problems.remote_requests == []


def test_switch_reloads_the_same_view_in_the_other_language(page, live_server):
    page.goto(f"{live_server}/women?gender=women")  # kept: not a control that needs options
    expect(page.get_by_role("button", name="Clear filters")).to_be_visible(timeout=TIMEOUT_MS)
    french = page.get_by_role("link", name="Français")
    expect(french).to_have_attribute("href", re.compile(r"^/women\?.*lang=fr"),
                                     timeout=TIMEOUT_MS)
    french.click()
    expect(page.get_by_role("button", name="Effacer les filtres")).to_be_visible(
        timeout=TIMEOUT_MS)
    assert "/women?" in page.url and "gender=women" in page.url and "lang=fr" in page.url
    # The cookie remembers the choice: the bare address opens in French too.
    page.goto(f"{live_server}/safety")
    expect(page.get_by_role("button", name="Effacer les filtres")).to_be_visible(
        timeout=TIMEOUT_MS)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("button", name="Clear filters")).to_be_visible(timeout=TIMEOUT_MS)


def test_nav_links_and_filter_changes_keep_lang(page, small_server):
    page.goto(f"{small_server}/women?lang=fr")
    expect(page.get_by_role("button", name="Effacer les filtres")).to_be_visible(
        timeout=TIMEOUT_MS)
    page.locator("#pk-filter-from").click()
    page.get_by_role("option").first.click()
    expect(page).to_have_url(re.compile(r"from=\d{4}-\d{2}"), timeout=TIMEOUT_MS)
    assert "lang=fr" in page.url
    safety = page.get_by_role("link", name="Sécurité", exact=True)
    expect(safety).to_have_attribute("href", re.compile(r"lang=fr"), timeout=TIMEOUT_MS)
    safety.click()
    expect(page).to_have_url(re.compile(r"/safety\?.*lang=fr"), timeout=TIMEOUT_MS)


def test_plotly_controls_speak_french_with_the_vendored_locale(page, small_server, problems):
    """The locale script in assets/ registers French with plotly.js; a graph whose config
    says {"locale": "fr"} (dashboard.i18n.plotly_locale.graph_config) gets a French mode bar."""
    page.goto(f"{small_server}/?lang=fr")
    page.wait_for_function("() => window.Plotly !== undefined", timeout=TIMEOUT_MS)
    title = page.evaluate("""async () => {
        const div = document.createElement('div');
        document.body.appendChild(div);
        await Plotly.newPlot(div, [{type: 'bar', x: [1, 2], y: [1234.5, 2]}], {},
                             {locale: 'fr', displayModeBar: true});
        return div.querySelector('[data-attr="action"][data-val="toImage"], '
                                 + '.modebar-btn[data-title]').getAttribute('data-title');
    }""")
    assert title == "Télécharger le graphique en fichier PNG"
    assert problems.remote_requests == []
