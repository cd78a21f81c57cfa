"""The real monthly UN reports, each read once per test run (and kept between runs by checksum
in the parse cache, as `pkdash build` keeps them), for the layout, trap and series tests."""

from __future__ import annotations

import csv
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


@functools.cache
def shared_manifest() -> dict[str, dict[str, str]]:
    """The shared raw folder's manifest.csv (layout, printed date...) by file name."""
    with open(report_folder().parent / "manifest.csv", newline="", encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def file_name(year: int, month: int) -> str:
    return f"UN_country_contributions_{year}_{month:02d}.pdf"


def month_report(year: int, month: int) -> ReportTables:
    """The report in the file named for this month (which may print another month)."""
    return report_tables(file_name(year, month))


def file_names(first: tuple[int, int], last: tuple[int, int]) -> list[str]:
    """The file names of every month from `first` to `last` (year, month), inclusive."""
    (year, month), found = first, []
    while (year, month) <= last:
        found.append(file_name(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found
