"""In real Chromium, on generated data: /partnerships draws the LCM loop, the difference in
differences beside the before-after with the units behind each, the list of unmatched and
duplicated gaps (following the mission filter), and the sentence naming the effect the
generator builds in, read from its constant; in English and in French. The loop, the
estimate and the gap list are the Secretariat's (issue 16): the tests sign in as the
Secretariat through the form, and check that the public sees none of them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indicators import accounts
from indicators.db import make_engine
from indicators.i18n import format_number, use_locale
from indicators.illustrative import generate
from indicators.illustrative_lcm import SUPPORT_EFFECT
from indicators.migrate import upgrade
from tests.browser.conftest import served
from tests.browser.test_filters import wait_for_panels
from tests.dashboard.helpers import app_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]
TIMEOUT_MS = 20_000
PASSWORD = "correct horse battery"
# Who signs in: (e-mail, tier, countries).
SIGN_INS = {"secretariat": ("dpo@un.org", "secretariat", []),
            "rwanda": ("amina@gov.rw", "member-state", ["RWA"])}

# (lang, loop title, a funnel stage, DiD label, unmatched, duplicated, the sentence's words)
WORDS = {
    "en": ("The coordination loop", "Unit evaluated before and after",
           "Difference in differences", "Unmatched: no pledge",
           "Duplicated: two or more providers", "demonstrates the method, not a finding"),
    "fr": ("La boucle de coordination", "Unité évaluée avant et après",
           "Différence de différences", "Sans réponse : aucune promesse",
           "En double : deux fournisseurs ou plus", "démontre donc la méthode"),
}


@pytest.fixture(scope="module")
def generated_server(tmp_path_factory):
    """The app on an empty database filled by the generator's fallback pairs."""
    url = f"sqlite:///{tmp_path_factory.mktemp('lcm') / 'generated.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    generate(engine)
    for email, tier, countries in SIGN_INS.values():
        accounts.add_account(engine, email, tier, countries, email, password=PASSWORD)
    engine.dispose()
    with served(app_for(url, secret_key="k").server) as base:
        yield base


def sign_in(page, base: str, who: str) -> None:
    """Through the sign-in form, as a person does; back on the page it was asked from."""
    email = SIGN_INS[who][0]
    page.goto(f"{base}/sign-in")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("footer.pk-footer")).to_contain_text(f"Signed in as {email}",
                                                             timeout=TIMEOUT_MS)


def card(page, title: str):
    return page.locator("section.pk-panel").filter(
        has=page.locator("h2", has_text=title))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_loop_the_estimate_the_gap_list_and_the_built_in_effect(page, generated_server,
                                                                    lang):
    loop_title, stage, did, unmatched, duplicated, sentence = WORDS[lang]
    sign_in(page, generated_server, "secretariat")
    page.goto(f"{generated_server}/partnerships?lang={lang}")
    wait_for_panels(page)
    loop = card(page, loop_title)
    expect(loop.locator(".js-plotly-plot")).to_contain_text(stage, timeout=TIMEOUT_MS)
    # Five stages drawn as five bars (plotly draws one path per bar in its bar layer).
    expect(loop.locator(".js-plotly-plot .barlayer .point")).to_have_count(5)
    effect = card(page, did)
    expect(effect.locator(".js-plotly-plot")).to_contain_text(did, timeout=TIMEOUT_MS)
    expect(effect.locator(".js-plotly-plot")).to_contain_text("n = ")
    # Three points, each with its interval drawn around it.
    error = effect.locator(".js-plotly-plot").evaluate("n => n.data[0].error_x.array.length")
    assert error == 3
    gaps = page.locator("table.pk-gap-list")
    expect(gaps).to_be_visible(timeout=TIMEOUT_MS)
    expect(gaps.locator("tr[data-problem='unmatched']").first).to_contain_text(unmatched)
    expect(gaps.locator("tr[data-problem='duplicated']").first).to_contain_text(duplicated)
    with use_locale(lang):
        points = format_number(SUPPORT_EFFECT, 1)
    effect_note = page.locator(".pk-built-in-effect")
    expect(effect_note).to_contain_text(f"{points} points")
    expect(effect_note).to_contain_text(sentence)


def test_the_gap_list_follows_the_mission_filter(page, generated_server):
    sign_in(page, generated_server, "secretariat")
    page.goto(f"{generated_server}/partnerships?mission=UNIFIL")
    wait_for_panels(page)
    rows = page.locator("table.pk-gap-list tbody tr")
    expect(rows.first).to_be_visible(timeout=TIMEOUT_MS)
    for index in range(rows.count()):
        expect(rows.nth(index).locator("td").nth(1)).to_have_text("UNIFIL")


def test_each_tier_sees_its_own_cards(page, generated_server):
    """Not signed in: no loop, no estimate, no gap list, no unit evaluations. The Rwanda
    delegation, signed in: its own units' evaluations and supported scores, still no gaps."""
    base = generated_server
    page.goto(f"{base}/partnerships")
    wait_for_panels(page)
    expect(card(page, "Partnerships from provider to recipient country")).to_be_visible(
        timeout=TIMEOUT_MS)
    for title in ("The coordination loop", "Difference in differences",
                  "Evaluation scores of supported units"):
        expect(card(page, title)).to_have_count(0)
    expect(page.locator("table.pk-gap-list")).to_have_count(0)
    sign_in(page, base, "rwanda")
    page.goto(f"{base}/performance")
    wait_for_panels(page)
    heat = card(page, "Unit evaluation scores on the five key factors, by mission")
    expect(heat.locator(".js-plotly-plot")).to_contain_text("MINUSCA", timeout=TIMEOUT_MS)
    expect(heat.locator(".js-plotly-plot")).not_to_contain_text("UNIFIL")  # not Rwanda's
    page.goto(f"{base}/partnerships")
    wait_for_panels(page)
    expect(card(page, "Evaluation scores of supported units")).to_be_visible(
        timeout=TIMEOUT_MS)
    expect(card(page, "The coordination loop")).to_have_count(0)
    expect(page.locator("table.pk-gap-list")).to_have_count(0)
