"""In Chromium, with a real PostgreSQL stopped: the page says the database is briefly
unavailable (its updates are answered 503), and the notice goes once the database is back."""

from __future__ import annotations

import pytest

from tests.dashboard.test_database_restart import restartable_postgres, served  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]
BANNER = "#pk-database-unavailable"


def test_page_says_the_database_is_briefly_unavailable(page, served, restartable_postgres):  # noqa: F811
    base, _app = served
    page.goto(base + "/women?mission=MINUSCA")
    page.wait_for_selector(".pk-panel")
    assert page.locator(BANNER).count() == 0
    restartable_postgres.pause()
    page.goto(base + "/missions?mission=MINUSCA")
    banner = page.wait_for_selector(BANNER, timeout=20_000)
    assert "briefly unavailable" in banner.text_content()
    restartable_postgres.resume()
    # The failed update again (the filter bar's, on a change of address): it succeeds now.
    page.evaluate("window.history.pushState({}, '', '/missions?mission=MONUSCO');"
                  "window.dispatchEvent(new PopStateEvent('popstate'))")
    page.locator(BANNER).wait_for(state="detached", timeout=20_000)
