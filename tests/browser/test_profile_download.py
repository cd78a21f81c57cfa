"""Real Chromium on the real data: the one-pager button on /countries, for Rwanda, renders in
the background and arrives as a one-page PDF that reads back with Rwanda's 2025 figures and
its sources (the command line and the export address have their own read-back tests in
tests/exports/test_profile.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from indicators.db import make_engine
from tests.browser.conftest import PageProblems
from tests.browser.test_filters import TIMEOUT_MS
from tests.exports.readers import pdf_pages
from tests.exports.test_profile import check_rwanda, rwanda_expected

pytestmark = [
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]
EXPORT_TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def expected(real_database) -> dict:
    """Worked out from the report rows of the database the browser's server reads."""
    engine = make_engine(real_database)
    try:
        return rwanda_expected(engine)
    finally:
        engine.dispose()


def test_the_one_pager_button_downloads_rwandas_pdf(page, real_server, expected):
    problems = PageProblems(page)
    page.goto(real_server + "/countries?country=RWA")
    buttons = page.locator("[id='{\"page\":\"countries\",\"part\":\"profile\"}']")
    expect(buttons).to_be_visible(timeout=TIMEOUT_MS)
    expect(buttons).to_contain_text("One-page country profile:")
    buttons.get_by_role("button", name="PDF", exact=True).click()
    link = page.locator("#pk-export-file")
    expect(link).to_be_visible(timeout=EXPORT_TIMEOUT_MS)
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert "RWA" in download.suggested_filename
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF-")
    pages = pdf_pages(content)
    assert len(pages) == 1  # one page, as a delegation asked
    check_rwanda(pages[0], expected)  # the 2025 figures, each source named
    assert problems.errors == []
