"""Milestones of chosen missions, for marking trend charts: start and end (the missions table)
and the first year each mandate task was in force (the mandate-tasks indicator)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache

import pandas as pd
from sqlalchemy import Engine, select

from indicators.compute import compute, data_version
from indicators.filters import Filters
from indicators.measures.mandates import SLUG as MANDATE_TASKS
from indicators.measures.mandates import TASKS
from indicators.models.dimensions import Mission

# Kinds of milestone, in the order a chart lists those falling on the same date.
KINDS = ("start", *TASKS, "end")
COLUMNS = ["mission", "kind", "day", "year"]


def mission_milestones(engine: Engine, missions: Sequence[str]) -> pd.DataFrame:
    """One row per milestone of the given missions: mission, kind (start, end, or a task
    slug), day and year. A task's milestone is known to the year only: its day is 1 January,
    or the mission's start when the mission began later that year."""
    chosen = tuple(sorted(dict.fromkeys(missions)))
    if not chosen:
        return pd.DataFrame(columns=COLUMNS)
    return _milestones(engine, data_version(engine), chosen).copy()


@lru_cache(maxsize=64)
def _milestones(engine: Engine, _version, missions: tuple[str, ...]) -> pd.DataFrame:
    with engine.connect() as conn:
        dates = {acronym: (start, end) for acronym, start, end in conn.execute(
            select(Mission.acronym, Mission.start_date, Mission.end_date)
            .where(Mission.acronym.in_(missions)))}
    rows = []
    for mission, (start, end) in sorted(dates.items()):
        if start is not None:
            rows.append((mission, "start", start))
        if end is not None:
            rows.append((mission, "end", end))
    tasks = compute(MANDATE_TASKS, Filters(missions=missions), ("mission", "task", "year"),
                    engine=engine)
    tasks = tasks[tasks["value"] > 0]
    for (mission, task), years in tasks.groupby(["mission", "task"])["year"]:
        first = int(years.min())
        day = dt.date(first, 1, 1)
        start = dates.get(mission, (None, None))[0]
        if start is not None and start.year == first:
            day = max(day, start)
        rows.append((mission, task, day))
    frame = pd.DataFrame(rows, columns=COLUMNS[:3])
    frame["year"] = pd.array([day.year for day in frame["day"]], dtype="Int64")
    order = {kind: index for index, kind in enumerate(KINDS)}
    frame = frame.assign(_order=frame["kind"].map(order)).sort_values(
        ["day", "mission", "_order"], kind="stable").drop(columns="_order")
    return frame.reset_index(drop=True)
