"""In real Chromium: two data versions that differ by a revised month, a new allegation and a
new month (tests/versions_fixture.py); a page opened "since" the first lists exactly those
changes, in English and in French; the since control sets the address; a bad value is said
in the notice area."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import served
from tests.dashboard.helpers import app_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def versions_server(raw_dir, tmp_path_factory):
    from tests.versions_fixture import make_two_versions

    folder = tmp_path_factory.mktemp("what-changed")
    url = f"sqlite:///{folder / 'two.sqlite'}"
    versions = make_two_versions(url, folder, raw_dir)
    with served(app_for(url).server) as base:
        yield base, versions


def listed_keys(page) -> list[str]:
    return page.eval_on_selector_all(".pk-since li[data-key]",
                                     "items => items.map(item => item.dataset.key)")


def expected_keys(versions) -> set[str]:
    """The three changes the fixture made, by their stable keys (written from the edits)."""
    month, mission, iso3, category, field, _old, _new = versions.expected.revision
    source, new_month = versions.expected.new_month
    allegation_mission = versions.expected.new_allegation[0]
    v2 = versions.new_version
    return {f"revised:personnel:{month:%Y-%m}:{mission}:{iso3}:{category}:{field}:v{v2}",
            f"allegations:{allegation_mission}:v{v2}",
            f"new-months:{source}:{new_month:%Y-%m}"}


def test_a_page_since_the_first_version_lists_exactly_its_changes(page, versions_server):
    base, versions = versions_server
    page.goto(f"{base}/women?since=v{versions.old_version}")
    panel = page.locator(".pk-since")
    expect(panel).to_contain_text(f"Since data version v{versions.old_version}",
                                  timeout=TIMEOUT_MS)
    keys = listed_keys(page)
    # Exactly the three changes, and the headline KPIs that the new month moved.
    assert {key for key in keys if not key.startswith("kpi:")} == expected_keys(versions)
    assert len(keys) == len(set(keys))
    month, mission, iso3, _category, _field, old, new = versions.expected.revision
    # Said in words from the revision's fields: the country by name, the month in full.
    expect(panel).to_contain_text(f"{mission}, ")
    expect(panel).to_contain_text(f"troops, {month:%b %Y}: women: {old} → {new}")
    expect(panel).not_to_contain_text(f"{mission}, {iso3},")
    expect(panel).to_contain_text(f"{old} → {new}, revised by IPI Peacekeeping Database")
    expect(panel).to_contain_text("MINUSCA: 1 new allegation (reported Jun 2024; personnel "
                                  "of Cameroon)")
    expect(panel).to_contain_text("Apr 2025")
    expect(page.locator("#pk-since-notice")).to_be_hidden()


def test_the_same_changes_in_french(page, versions_server):
    base, versions = versions_server
    page.goto(f"{base}/women?since=v{versions.old_version}&lang=fr")
    panel = page.locator(".pk-since")
    expect(panel).to_contain_text(f"Depuis la version des données v{versions.old_version}",
                                  timeout=TIMEOUT_MS)
    assert {key for key in listed_keys(page) if not key.startswith("kpi:")} \
        == expected_keys(versions)
    for words in ("Nouveaux mois de données", "Chiffres révisés",
                  "Nouvelles allégations par mission", "MINUSCA : 1 nouvelle allégation",
                  "Cameroun", "avr. 2025", "révisé par", "troupes, "):
        expect(panel).to_contain_text(words)


def test_the_control_sets_the_address_and_the_mission_filter_narrows(page, versions_server):
    base, versions = versions_server
    page.goto(f"{base}/conduct?mission=MINUSCA")
    page.locator("#pk-filter-since").click()
    page.get_by_role("option").filter(has_text=f"Data version v{versions.old_version} of") \
        .first.click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(f"{base}/conduct?mission=MINUSCA&since=v{versions.old_version}",
                             timeout=TIMEOUT_MS)
    panel = page.locator(".pk-since")
    expect(panel).to_contain_text("MINUSCA: 1 new allegation", timeout=TIMEOUT_MS)
    expect(panel).to_contain_text("1 change for other missions or countries is not listed")
    assert not any(key.startswith("revised:") for key in listed_keys(page))


def test_a_bad_since_is_said_in_the_notice_area(page, versions_server):
    base, _versions = versions_server
    page.goto(f"{base}/women?since=last-tuesday")
    notice = page.locator("#pk-since-notice")
    expect(notice).to_contain_text("since=last-tuesday", timeout=TIMEOUT_MS)
    expect(notice).to_contain_text("is not a date (YYYY-MM-DD), an ISO timestamp or a data "
                                   "version")
    expect(page.locator(".pk-since")).to_have_count(0)
