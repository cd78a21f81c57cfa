"""The briefing PDF on the real files, read back with pypdf: a page for every slide, the
messages, footers, tables and illustrative marks on the same pages as in the deck."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from dashboard.exports.citing import illustrative_mark, source_phrase
from tests.exports.conftest import YEAR_2024
from tests.exports.readers import deck, marked, pdf_pages

pytestmark = pytest.mark.realdata


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces (PDF lines wrap)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pages(rendered) -> list[str]:
    return [flat(page) for page in pdf_pages(rendered["files"]["pdf"])]


def test_pages_mirror_the_slides_and_are_landscape(rendered, pages):
    slides = list(deck(rendered["files"]["pptx"]).slides)
    assert len(pages) == len(slides) == 11
    reader = PdfReader(io.BytesIO(rendered["files"]["pdf"]))
    box = reader.pages[0].mediabox
    assert float(box.width) / float(box.height) == pytest.approx(16 / 9, rel=0.01)
    assert [marked(slide) for slide in slides] == [illustrative_mark() in page
                                                   for page in pages]
    assert sum(illustrative_mark() in page for page in pages) == 2


def test_title_page(pages):
    assert "Women in peacekeeping, 2024" in pages[0]
    assert f"Filters: {YEAR_2024.describe()}" in pages[0]
    assert pages[0].count("UNCLASSIFIED — for briefing use") == 2


def test_chart_pages_carry_messages_footer_and_numbers(pages, real_pack):
    first = pages[1]
    snapshot = real_pack.snapshots[0]
    assert snapshot.title in first
    for message in snapshot.messages:
        assert flat(message) in first
    for source in snapshot.sources:
        assert flat(source_phrase(source)) in first
    assert "Generated 4 Mar 2026 09:30 UTC" in first
    # The table beside the chart: 56 allegations reported in 2024 still pending an interim
    # action by the UN (counted from the SEA table in test_slides, direct.sea_actions).
    assert "Pending United Nations 56" in first
    assert "1 / 11" not in first and "2 / 11" in first


def test_long_tables_follow_on_their_own_page(pages, real_pack):
    numbers = pages[3]
    assert f"{real_pack.snapshots[1].title}: the numbers" in numbers
    # UNOWAS: 11 women among 21 uniformed person-months in the 2024 UN reports (52.4%).
    assert "UNOWAS 52.4" in numbers
    assert "First 15 of 22 rows" in numbers


def test_no_page_only_says_no_data_and_sources_page(pages, real_pack):
    snapshot = real_pack.snapshots[5]
    # Allegations per year, August to December 2024: the SEA table ends with July 2024. A
    # page saying so would tell nothing; the title page names the chart left out.
    assert not snapshot.has_data
    assert not any(page.startswith(snapshot.title) for page in pages)
    assert not any("No data for" in page for page in pages)
    assert f"Left out, with no data for these filters: {snapshot.title}." in pages[0]
    sources = pages[-1]
    assert sources.startswith("Sources")
    for source in real_pack.sources:
        assert flat(source.title) in sources
    assert "As of 30 Apr 2025" in sources and "As of 31 Jul 2024" in sources
    assert illustrative_mark() not in sources


def test_progress_counts_the_charts(rendered, real_pack):
    total = len(real_pack.snapshots)
    assert [(done, of) for done, of, _what in rendered["progress"]["pdf"]] == [
        (n, total) for n in range(total + 1)]
