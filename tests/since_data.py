"""For the "What changed" tests: a ChangeSet written by hand (one of each kind of change), and
two real data versions built once per session and engine (tests/versions_fixture.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from indicators.change_set import (
    ChangeSet,
    DataVersionInfo,
    KpiMove,
    NewAllegations,
    NewMonths,
    Revision,
)

V3 = DataVersionInfo(3, dt.datetime(2025, 6, 30, 9, 0, tzinfo=dt.UTC), {
    "ipi-gender": {"sha256": "a" * 64, "file_name": "gender_2025_05.csv", "as_of": "2025-05-31"}})
V4 = DataVersionInfo(4, dt.datetime(2025, 8, 2, 9, 0, tzinfo=dt.UTC), {
    "ipi-gender": {"sha256": "b" * 64, "file_name": "gender_2025_07.csv", "as_of": "2025-07-31"}})


def hand_made_changes() -> ChangeSet:
    return ChangeSet(
        since=V3, until=V4,
        new_months=[NewMonths("new-months:un-dpo-contributions:2025-07", "un-dpo-contributions",
                              (dt.date(2025, 6, 1), dt.date(2025, 7, 1)))],
        revisions=[
            Revision("revised:personnel:2025-03:UNMISS:RWA:troops:total:v4", "personnel",
                     "ipi-gender", "revised", "UNMISS, RWA, troops, 2025-03: total", "120",
                     "118", 3, 4, dt.date(2025, 3, 1), "UNMISS", "RWA"),
            Revision("revised:personnel:2025-03:MINUSCA:BGD:troops:total:v4", "personnel",
                     "ipi-gender", "withdrawn", "MINUSCA, BGD, troops, 2025-03: total", "40",
                     None, 3, 4, dt.date(2025, 3, 1), "MINUSCA", "BGD"),
        ],
        new_allegations=[NewAllegations("allegations:MINUSCA:v4", "MINUSCA", 2, ("CMR",),
                                        (dt.date(2025, 7, 1),))],
        kpi_moves=[KpiMove("kpi:women-share-troops:v4", "women-share-troops", 7.9, 8.4, 8.0,
                           "reached")],
    )


@pytest.fixture(scope="module", params=("sqlite", "postgresql"), name="two_versions")
def two_versions_fixture(request, database_url_factory, raw_dir, tmp_path_factory):
    """(database URL, TwoVersions): version 1 and version 2 differ by a revised month, a new
    allegation and a new month (and the headline KPIs those move)."""
    from tests.versions_fixture import make_two_versions

    url = database_url_factory(request.param)
    return url, make_two_versions(url, tmp_path_factory.mktemp("two-versions"), raw_dir)
