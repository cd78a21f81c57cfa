"""Mission milestones on trend charts (start, end, first year of each mandate task), and the
mandate panels of the missions and protection pages: figures from tiny frames, views built on
hand-written rows (SQLite and PostgreSQL), and the real UNPMM file."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest
from sqlalchemy import insert, update

from dashboard.figures.timeseries import line_chart, mark_milestones
from dashboard.panels.spec import find_panel
from dashboard.panels.view import build_view
from indicators.filters import Filters
from indicators.i18n import use_locale
from indicators.importers.load import import_file
from indicators.manifest import source_by_slug
from indicators.milestones import mission_milestones
from indicators.models.dimensions import Mission
from indicators.models.mandates import MandateTask
from tests.dashboard.page_checks import check_declarations, page_module
from tests.indicators.test_kpi import load_rows

MINUSCA = Filters(missions=("MINUSCA",))


def mandate(mission: str, first_years: dict[str, int], years: range) -> list[dict]:
    """MandateTask rows: each task established in its first year and in force after it."""
    return [{"mission": mission, "year": year, "task": task,
             "established": year == first_years.get(task),
             "in_mandate": task in first_years and year >= first_years[task],
             "mission_type": "PKO"}
            for year in years for task in ("poc", "early-warning", "use-of-force")]


@pytest.fixture
def db(engine):
    """load_rows' MINUSCA deployments (2021-2022, monthly) and fatalities, with hand-written
    dates and mandate: MINUSCA from 10 Apr 2014, ended (here) 30 Sep 2022, PoC from 2014,
    use of force from 2022; UNMISS from 8 Jul 2011, PoC and early warning from 2011."""
    load_rows(engine)
    with engine.begin() as conn:
        conn.execute(update(Mission).where(Mission.acronym == "MINUSCA").values(
            start_date=dt.date(2014, 4, 10), end_date=dt.date(2022, 9, 30)))
        conn.execute(update(Mission).where(Mission.acronym == "UNMISS").values(
            start_date=dt.date(2011, 7, 8)))
        conn.execute(insert(MandateTask), [
            *mandate("MINUSCA", {"poc": 2014, "use-of-force": 2022}, range(2014, 2023)),
            *mandate("UNMISS", {"poc": 2011, "early-warning": 2011}, range(2011, 2023)),
        ])
    return engine


def annotations(figure: go.Figure) -> list[tuple]:
    return [(a.x, a.text) for a in figure.layout.annotations]


# --- the lookup ------------------------------------------------------------------------------

def test_milestones_come_from_the_missions_table_and_the_indicator(db):
    found = mission_milestones(db, ["UNMISS", "MINUSCA"])
    rows = [(r.mission, r.kind, r.day, int(r.year)) for r in found.itertuples()]
    assert rows == [
        ("UNMISS", "start", dt.date(2011, 7, 8), 2011),
        # Known to the year only; the mission began later in its first year.
        ("UNMISS", "poc", dt.date(2011, 7, 8), 2011),
        ("UNMISS", "early-warning", dt.date(2011, 7, 8), 2011),
        ("MINUSCA", "start", dt.date(2014, 4, 10), 2014),
        ("MINUSCA", "poc", dt.date(2014, 4, 10), 2014),
        ("MINUSCA", "use-of-force", dt.date(2022, 1, 1), 2022),
        ("MINUSCA", "end", dt.date(2022, 9, 30), 2022),
    ]
    assert mission_milestones(db, []).empty
    assert mission_milestones(db, ["NOSUCH"]).empty


# --- the figure, from tiny frames ------------------------------------------------------------

MILESTONES = pd.DataFrame({
    "mission": ["MINUSCA", "MINUSCA", "MINUSCA", "UNMISS"],
    "kind": ["start", "poc", "end", "start"],
    "day": [dt.date(2014, 4, 10), dt.date(2014, 4, 10), dt.date(2022, 9, 30),
            dt.date(2011, 7, 8)],
    "year": pd.array([2014, 2014, 2022, 2011], dtype="Int64"),
})


def test_yearly_chart_marks_the_milestones_in_its_years():
    frame = pd.DataFrame({"year": [2013, 2014, 2015, 2016], "value": [1.0, 2.0, 3.0, 4.0]})
    figure = mark_milestones(line_chart(frame, "year"), MILESTONES, "year", frame["year"])
    # Only 2014 is within 2013-2016; start and PoC share one line and one label.
    assert annotations(figure) == [(2014, "MINUSCA: start, PoC")]
    assert len(figure.layout.shapes) == 1
    shape = figure.layout.shapes[0]
    assert (shape.x0, shape.x1, shape.yref, shape.line.dash) == (2014, 2014, "paper", "dot")
    hover = figure.layout.annotations[0].hovertext
    assert hover == ("MINUSCA starts<br>MINUSCA: protection of civilians in the mandate "
                     "from 2014")
    assert len(figure.data) == 1  # the chart's own traces are untouched


def test_monthly_chart_marks_days_and_several_missions_share_a_label_by_line():
    frame = pd.DataFrame({"month": ["2011-06", "2014-04", "2022-09"], "value": [1.0, 2, 3]})
    together = pd.concat([MILESTONES, pd.DataFrame({
        "mission": ["UNMISS"], "kind": ["use-of-force"], "day": [dt.date(2014, 4, 10)],
        "year": pd.array([2014], dtype="Int64")})], ignore_index=True)
    figure = mark_milestones(line_chart(frame, "month"), together, "month", frame["month"],
                             labels={"UNMISS": "MINUSS"})
    texts = {pd.Timestamp(x).date(): text for x, text in annotations(figure)}
    # 30 Sep 2022 is within the last month shown (September 2022).
    assert texts == {dt.date(2011, 7, 8): "MINUSS: start",
                     dt.date(2014, 4, 10): "MINUSCA: start, PoC<br>MINUSS: Ch. VII",
                     dt.date(2022, 9, 30): "MINUSCA: end"}


def test_nothing_to_mark_leaves_the_figure_as_it_was():
    frame = pd.DataFrame({"year": [2000, 2001], "value": [1.0, 2.0]})
    figure = line_chart(frame, "year")
    before = figure.to_plotly_json()
    assert mark_milestones(figure, MILESTONES, "year", frame["year"]).to_plotly_json() == before
    empty = MILESTONES.iloc[0:0]
    assert mark_milestones(figure, empty, "year", frame["year"]).to_plotly_json() == before


# --- the pages' trend charts, through build_view ---------------------------------------------

@pytest.fixture
def pages():
    return page_module("missions"), page_module("protection")


def test_a_missions_trend_chart_marks_its_milestones(db, pages):
    strength = build_view(find_panel("missions", "strength"), MINUSCA, db)  # monthly, 2021-22
    texts = {pd.Timestamp(x).date(): text for x, text in annotations(strength.figure)}
    assert texts == {dt.date(2022, 1, 1): "MINUSCA: Ch. VII",
                     dt.date(2022, 9, 30): "MINUSCA: end"}
    assert len(strength.figure.layout.shapes) == 2
    yearly = build_view(find_panel("missions", "compare-strength"), MINUSCA, db)
    assert annotations(yearly.figure) == [(2022, "MINUSCA: Ch. VII, end")]
    # The numbers are the chart's own: the marks add no trace and change no row.
    plain = build_view(find_panel("missions", "strength"), Filters(), db)
    assert len(strength.figure.data) == len(plain.figure.data)


def test_marks_only_for_one_to_three_chosen_missions_and_only_on_trend_charts(db, pages):
    assert not annotations(build_view(find_panel("missions", "strength"), Filters(),
                                      db).figure)
    four = Filters(missions=("MINUSCA", "UNMISS", "MONUSCO", "UNAMID"))
    view = build_view(find_panel("missions", "strength"), four, db)
    assert view.figure is None or not annotations(view.figure)
    bars = build_view(find_panel("missions", "contributors"), MINUSCA, db)
    assert not bars.figure.layout.annotations and not bars.figure.layout.shapes


def test_marks_speak_french(db, pages):
    with use_locale("fr"):
        view = build_view(find_panel("missions", "compare-strength"),
                          Filters(missions=("MINUSCA", "UNMISS")), db)
    assert annotations(view.figure) == [(2022, "MINUSCA : chap. VII, fin")]


def test_the_mandate_panels_are_declared_and_drawn(db, pages):
    missions, protection = pages
    check_declarations("missions", missions.PANELS)
    check_declarations("protection", protection.PANELS)
    profile = build_view(find_panel("missions", "mandate"), Filters(missions=("UNMISS",)), db)
    assert profile.summary == ("Missions mandated with each task, in 2022: Early warning 1, "
                               "Protection of civilians 1.")
    # A trend chart too: UNMISS's start and first tasks fall in 2011, its first year.
    assert annotations(profile.figure) == [(2011, "UNMISS: start, PoC, early warning")]
    poc = build_view(find_panel("protection", "poc-mandates"), Filters(), db)
    assert {(r["mission"], r["year"]) for r in poc.rows} == {
        *(("MINUSCA", y) for y in range(2014, 2023)), *(("UNMISS", y) for y in range(2011, 2023))}
    assert poc.figure.data[0].type == "heatmap"
    tasks = build_view(find_panel("protection", "tasks-by-mission"), Filters(), db)
    assert {(r["mission"], r["task"]) for r in tasks.rows} == {
        ("MINUSCA", "poc"), ("MINUSCA", "use-of-force"), ("UNMISS", "poc"),
        ("UNMISS", "early-warning")}
    by_year = build_view(find_panel("protection", "mandates-by-year"), Filters(), db)
    in_2022 = {r["task"]: r["value"] for r in by_year.rows if r["year"] == 2022}
    assert in_2022 == {"poc": 2, "early-warning": 1, "use-of-force": 1}


# --- the real file ---------------------------------------------------------------------------

@pytest.mark.realdata
def test_monusco_trend_chart_on_the_real_files(engine, raw_dir, pages):
    for slug in ("un-pko-missions", "unpmm-mandates"):
        source = source_by_slug(slug)
        assert import_file(engine, source, source.local_path(raw_dir)).status == "loaded"
    view = build_view(find_panel("missions", "mandate"), Filters(missions=("MONUSCO",)),
                      engine)
    assert annotations(view.figure) == [
        (2010, "MONUSCO: start, PoC, early warning, Ch. VII")]
    both = build_view(find_panel("protection", "mandates-by-year"),
                      Filters(missions=("MONUC", "MINUSMA")), engine)
    assert annotations(both.figure) == [(2000, "MONUC: PoC, Ch. VII"), (2010, "MONUC: end"),
                                        (2013, "MINUSMA: start, PoC, Ch. VII"),
                                        (2019, "MINUSMA: early warning")]
