"""Fixtures for the export tests: the pages' panels registered, a database built from the
official files (once per session), and one warm kaleido browser shared by every test."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.exports import images
from dashboard.exports.render import render_pack
from dashboard.exports.snapshot import Pack, panel_snapshot
from indicators.db import make_engine
from indicators.filters import Filters
from tests.dashboard.page_checks import page_module


@pytest.fixture(scope="session", autouse=True)
def pages_registered():
    """Panels register when their page modules are imported, once an app exists."""
    for module in ("overview", "missions", "countries", "women", "conduct", "safety",
                   "performance", "partnerships", "protection"):
        page_module(module)


@pytest.fixture(scope="session", autouse=True)
def kaleido_browser():
    """One Chromium for the whole session (started by the first image), closed at the end."""
    yield
    images.stop_server()


@pytest.fixture(scope="session")
def real_url(raw_dir, tmp_path_factory) -> str:
    from indicators.build import build
    from indicators.config import DataConfig

    url = f"sqlite:///{tmp_path_factory.mktemp('exports-real') / 'real.sqlite'}"
    report = build(DataConfig(url, raw_dir), log=lambda _line: None)
    assert report.ok
    return url


@pytest.fixture(scope="session")
def real_engine(real_url):
    engine = make_engine(real_url)
    yield engine
    engine.dispose()


YEAR_2024 = Filters(period_from=dt.date(2024, 1, 1), period_to=dt.date(2024, 12, 1))
# August to December 2024: after the last month of the SEA table of allegations (July 2024).
# Every chart has data for the whole of 2024, so the pack's chart with no data asks for this.
AFTER_SEA_TABLE = Filters(period_from=dt.date(2024, 8, 1), period_to=dt.date(2024, 12, 1))
# A pack with every kind of slide: a short table beside its chart (interim actions on SEA
# allegations, 4 rows of 3 columns; training, 1 row; a 3-stage pipeline), tables on their own
# slide (22 missions; 24 months), one cut to its first rows (123 countries), generated data
# (training, partnerships) and a chart with no data (allegations per year for August to
# December 2024, after that source ends). Women's share per year by category left the pack:
# in 2024 the UGPS targets add columns to its table, which no longer fits beside the chart.
PACK_CHARTS = (
    ("conduct", "interim-actions", YEAR_2024), ("women", "share-by-mission", YEAR_2024),
    ("women", "share-by-country", YEAR_2024), ("women", "women-by-month", YEAR_2024),
    ("performance", "training-by-year", YEAR_2024), ("conduct", "by-year", AFTER_SEA_TABLE),
    ("partnerships", "status-count", YEAR_2024),
)
GENERATED_AT = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def real_pack(real_engine) -> Pack:
    snapshots = [panel_snapshot(page, key, filters, real_engine)
                 for page, key, filters in PACK_CHARTS]
    return Pack("Women in peacekeeping, 2024", YEAR_2024, snapshots, GENERATED_AT,
                subtitle="Fifth Committee preparation")


@pytest.fixture(scope="session")
def rendered(real_pack) -> dict:
    """The pack as PPTX and PDF, with the progress reported while each was made."""
    files, reports = {}, {}
    for fmt in ("pptx", "pdf"):
        calls = []
        files[fmt] = render_pack(real_pack, fmt, lambda *call, seen=calls: seen.append(call))
        reports[fmt] = calls
    return {"files": files, "progress": reports}

