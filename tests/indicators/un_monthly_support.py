"""The real monthly UN reports, each read once per test run (and kept between runs by checksum
in the parse cache, as `pkdash build` keeps them), for the layout, trap and series tests."""

from __future__ import annotations

import functools

import pytest

from indicators.config import DataConfig
from indicators.importers.load import sha256_of
from indicators.importers.un_monthly.parse_cache import cached_parse
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
    path = report_folder() / file_name
    cache = DataConfig.from_env().parse_cache_dir
    return cached_parse(path, sha256_of(path), cache)[0]
