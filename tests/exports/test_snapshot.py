"""Chart snapshots on hand-written rows (tests/indicators/test_kpi.py), on SQLite and
PostgreSQL: the screen's figure, numbers and caption, messages worked out by hand, the panels
each page shows, and the no-data case."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from dashboard.exports.snapshot import (
    CLASSIFICATION,
    Pack,
    UnknownChart,
    page_snapshots,
    panel_snapshot,
)
from dashboard.panels.spec import find_panel, page_panels
from dashboard.panels.table import file_frame
from dashboard.panels.view import build_view, panel_frame
from indicators.compute import compute, get_indicator
from indicators.filters import Filters
from indicators.serialize import to_csv
from indicators.viewer import SECRETARIAT
from tests.indicators.test_kpi import load_rows

YEAR_2021 = Filters(period_from=dt.date(2021, 1, 1), period_to=dt.date(2021, 12, 1))


@pytest.fixture
def db(engine):
    return load_rows(engine)


def test_snapshot_is_what_the_screen_draws(db):
    panel = find_panel("women", "share-by-category")
    view = build_view(panel, Filters(), db)
    snapshot = panel_snapshot("women", "share-by-category", Filters(), db)
    # The same picture. Only the screen's hovers, which a file has no use for, also name
    # each point's source file (the workbook's About sheet names the chart's files).
    screen, drawn = view.figure.to_plotly_json(), snapshot.figure.to_plotly_json()
    assert all(line.endswith("<br>Source: f") for line in screen["data"][0]["customdata"])
    for trace in (*screen["data"], *drawn["data"]):
        trace.pop("customdata", None)
    assert drawn == screen
    assert snapshot.caption == view.caption
    assert snapshot.summary == view.summary
    assert snapshot.title == panel.title
    assert snapshot.indicator is get_indicator("women-share")
    assert not snapshot.illustrative
    assert [source.slug for source in snapshot.sources] == ["ipi-gender"]


def test_frame_is_the_csv_download(db):
    snapshot = panel_snapshot("women", "share-by-category", Filters(), db)
    frame = panel_frame(find_panel("women", "share-by-category"), Filters(), db)
    # The card's frame less the screen's words ("70 of 1,000"): what the XLSX writes.
    assert file_frame(snapshot.frame).equals(frame)
    header = next(csv.reader(io.StringIO(to_csv(frame, snapshot.indicator))))
    assert header == list(file_frame(snapshot.frame).columns)


def test_messages_read_the_target_columns(db):
    """2022: 1,368 women of 14,400 = 9.5%; target 9.0% (estimate between 8% in 2021 and 15%
    in 2028); 2021: 70 of 1,000 = 7.0%, so 2.5 points up."""
    snapshot = panel_snapshot("women", "share-by-category", Filters(), db)
    assert snapshot.messages == [
        "Women as a share of uniformed personnel, 2022: Military contingents: 9.5%.",
        "Military contingents: 9.5% in 2022, 0.5 points above the target of 9.0%. That target "
        "is an estimate between two published targets.",
        "Military contingents: up 2.5 points since 2021 (7.0%).",
    ]


def test_a_missed_target_names_the_gap_and_the_women_needed(db):
    """2021: 7.0% against the published 8.0%: 1.0 point below; 8% of 1,000 is 80, 10 more
    than the 70 serving."""
    snapshot = panel_snapshot("women", "share-by-category", YEAR_2021, db)
    frame = compute("women-share", YEAR_2021, ("year", "category"), engine=db)
    assert frame.loc[0, "gap_points"] == pytest.approx(-1.0)
    assert snapshot.messages[1] == ("Military contingents: 7.0% in 2021, 1.0 points below the "
                                    "target of 8.0%. 10 more women would be needed at current "
                                    "strength.")


def test_time_series_messages_give_latest_change_and_range(db):
    """Training (illustrative): 80% in 2020, 85% in 2021, 90% in 2022."""
    snapshot = panel_snapshot("performance", "training-by-year", Filters(), db)
    assert snapshot.illustrative and snapshot.shows_generated_data
    # Each bullet carries the mark: one pasted alone still says its number is generated.
    assert snapshot.messages == [f"[ILLUSTRATIVE (generated, not real)] {message}" for message in (
        "Pre-deployment training coverage: 90.0% in 2022.",
        "Up 5.0 points from 85.0% in 2021.",
        "Highest over the period: 90.0% in 2022; lowest: 80.0% in 2020.",
    )]


def test_no_data_gives_the_pages_message_not_a_figure(db):
    snapshot = panel_snapshot("conduct", "by-year", Filters(), db)
    view = build_view(find_panel("conduct", "by-year"), Filters(), db)
    assert snapshot.figure is None and not snapshot.has_data
    assert snapshot.no_data == view.message and "not loaded" in snapshot.no_data
    assert snapshot.messages == []
    assert not snapshot.shows_generated_data


def test_page_snapshots_follow_the_page_order(db):
    keys = [s.panel for s in page_snapshots("women", Filters(), db)]
    assert keys == [panel.key for panel in page_panels("women")]


def test_missions_comparison_only_for_two_missions_and_countries_need_one(db):
    comparison = {"compare-strength", "compare-women", "compare-fatality-rate",
                  "compare-sea-rate"}
    alone = {s.panel for s in page_snapshots("missions", Filters(missions=("MINUSCA",)), db)}
    assert not alone & comparison and "strength" in alone
    both = {s.panel for s in page_snapshots("missions",
                                            Filters(missions=("MINUSCA", "UNMISS")), db)}
    assert comparison <= both
    assert page_snapshots("countries", Filters(), db) == []
    ghana = Filters(countries=("GHA",))
    assert len(page_snapshots("countries", ghana, db, SECRETARIAT)) == len(
        page_panels("countries"))
    # The public's pack leaves out what the public's page leaves out (unit evaluations).
    public = {s.panel for s in page_snapshots("countries", ghana, db)}
    assert public == {p.key for p in page_panels("countries")} - {"evaluations"}


def test_unknown_chart_is_refused(db):
    with pytest.raises(UnknownChart, match="nowhere/nothing"):
        panel_snapshot("nowhere", "nothing", Filters(), db)


def test_pack_lists_each_source_once_and_knows_when_data_are_generated(db):
    snapshots = [panel_snapshot("women", "share-by-mission", Filters(), db),
                 panel_snapshot("women", "women-by-month", Filters(), db),
                 panel_snapshot("performance", "training-by-year", Filters(), db)]
    pack = Pack("Briefing", Filters(), snapshots, dt.datetime(2025, 1, 2, tzinfo=dt.UTC))
    assert [s.slug for s in pack.sources] == ["ipi-gender", "illustrative"]
    assert pack.illustrative
    assert pack.classification == CLASSIFICATION
    assert not Pack("Briefing", Filters(), snapshots[:2], pack.generated_at).illustrative
