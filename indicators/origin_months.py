"""Each row's months (the months its reports are named by), read from its indicator's query."""

from __future__ import annotations

import sys

import pandas as pd
from sqlalchemy import Engine, Select, String, cast, func, select

from indicators.compute import compute
from indicators.filters import Filters
from indicators.indicator import Indicator
from indicators.measures.sql import label
from indicators.origin_runs import months_from_runs, question
from indicators.viewer import Viewer


def row_months(indicator: Indicator, filters: Filters, by: tuple[str, ...], engine: Engine,
               viewer: Viewer) -> dict[tuple, list[str]]:
    """Each row's months ("YYYY-MM"), by its values of `by` (no month among them): the months
    of the by-month rows compute(indicator, filters, (*by, "month")) has with those values."""
    # compute() narrows a snapshot's period first, and keeps a delegation to its own rows.
    if indicator.snapshot or indicator.visibility != "public":
        monthly = compute(indicator, filters, (*by, "month"), engine=engine, viewer=viewer)
        months: dict[tuple, set[str]] = {}
        for values, month in zip(monthly[list(by)].itertuples(index=False, name=None),
                                 monthly["month"], strict=True):
            months.setdefault(row_key(values), set()).add(str(month))
        return {key: sorted(found) for key, found in months.items()}
    # Personnel's rows from the series' runs of months, where they answer exactly: a run is
    # one line for years of a country's months (at 100 times the data, 3 million index
    # entries of one mission's contributors were most of a card's time).
    asked = question(indicator, filters, by)
    if asked is not None:
        return months_from_runs(asked, filters, by, engine)
    # The indicator's own query by month, with each row's months listed by the database (one
    # line per row, not per row and month): compute() would also work out what the values
    # need (targets, intervals), for thousands of rows no one reads.
    monthly = codes_only(indicator.query(filters, (*by, "month")), by).subquery()
    keys = [monthly.c[label(d)] for d in by]
    listed = select(*keys, func.aggregate_strings(cast(monthly.c[label("month")], String),
                                                  ",")).group_by(*keys)
    with engine.connect() as conn:
        rows = [tuple(row) for row in conn.execute(listed)]
    # Kept small, as the origins' cache remembers them: month strings interned, and rows with
    # the same months share one list (one string per row and month held 42 MB at 100 times
    # the data; benchmarks/worker_memory.py --top). Read only, as every caller does.
    shared: dict[tuple, list[str]] = {}
    return {row_key(row[:-1]): _shared(shared, sorted(
        {sys.intern(month[:7]) for month in (row[-1] or "").split(",") if month}))
        for row in rows}


def _shared(shared: dict[tuple, list[str]], months: list[str]) -> list[str]:
    return shared.setdefault(tuple(months), months)


def codes_only(query, by: tuple[str, ...]):
    """The by-month query selecting only its rows' codes and month: which rows there are is
    decided by what it reads, filters and groups by, not by the measures it sums or counts
    (those were most of a row per country's time). Its tables are kept as they were."""
    if not isinstance(query, Select):
        return query
    chosen = query.selected_columns
    return query.with_only_columns(*[chosen[label(d)] for d in (*by, "month")],
                                   maintain_column_froms=True)


def row_key(values: tuple) -> tuple:
    """A row's dimension values as a dict key: a missing value (NaN, None) is None, since
    NaN never equals itself. (A code or a month is text, a year a number: neither is asked
    pandas, which was most of the time of a key.)"""
    return tuple(value if type(value) in _NEVER_MISSING else None if pd.isna(value) else value
                 for value in values)


_NEVER_MISSING = (str, int)


