"""render_pack: one entry point for every format, with progress, refusing unknown formats."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from dashboard.exports.render import FORMATS, render_pack
from dashboard.exports.snapshot import Pack, panel_snapshot
from indicators.filters import Filters
from tests.exports.readers import deck, pdf_pages
from tests.indicators.test_kpi import load_rows

WHEN = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def pack(engine):
    db = load_rows(engine)
    return Pack("Ghana in MINUSCA", Filters(), [
        panel_snapshot("safety", "by-incident-type", Filters(), db),
        panel_snapshot("conduct", "by-year", Filters(), db),  # no SEA source: no data
    ], WHEN)


def test_every_format_renders_and_reports_progress(pack):
    assert FORMATS == ("pptx", "pdf", "xlsx")
    for fmt in FORMATS:
        calls = []
        content = render_pack(pack, fmt, lambda *call, seen=calls: seen.append(call))
        assert calls[-1][:2] == (2, 2), fmt
        if fmt == "pptx":
            # Title, fatalities by incident type (4 rows: the table fits beside the chart),
            # sources; the allegations, with no data, are named on the title slide only.
            assert len(deck(content).slides) == 3
        elif fmt == "pdf":
            assert len(pdf_pages(content)) == 3
        else:
            assert len(load_workbook(io.BytesIO(content)).sheetnames) == 3


def test_an_empty_pack_is_a_title_and_a_sources_page():
    empty = Pack("Nothing chosen", Filters(), [], WHEN)
    slides = list(deck(render_pack(empty, "pptx")).slides)
    assert len(slides) == 2
    pages = pdf_pages(render_pack(empty, "pdf"))
    assert len(pages) == 2 and "No charts to show for these filters." in " ".join(
        pages[0].split())


def test_unknown_format_is_refused(pack):
    with pytest.raises(ValueError, match="docx"):
        render_pack(pack, "docx")
