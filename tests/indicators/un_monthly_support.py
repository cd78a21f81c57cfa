"""The real monthly UN reports, each read once per test run, for the layout and trap tests."""

from __future__ import annotations

import functools

import pytest

from indicators.importers.un_monthly.layouts import layout_for
from indicators.importers.un_monthly.pdf_text import read_pages
from indicators.importers.un_monthly.report import ReportTables
from tests.conftest import real_raw_dir


def report_folder():
    raw = real_raw_dir()
    if raw is None:
        pytest.skip("official files not found: set PKDASH_RAW_DIR to the raw data folder")
    return raw / "un_dpo_contributions_monthly" / "pdf"


@functools.cache
def report_tables(file_name: str) -> ReportTables:
    """The report read by the layout module that recognises it (cached for the whole run)."""
    pages = read_pages(report_folder() / file_name)
    module = layout_for(pages)
    assert module is not None, f"no layout recognises {file_name}"
    return module.parse(pages)
