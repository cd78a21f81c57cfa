"""Partial years: a year the data cover only in part (2024 from January to July) is never set
against a whole one. Which months a year covers comes from the sources' coverage and the
period chosen; a partial year is compared with the same months of the year before."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pandas as pd
from babel.dates import format_date
from sqlalchemy import Engine

from indicators.compute import compute
from indicators.filters import Filters
from indicators.i18n import _, babel_locale, format_month
from indicators.indicator import Indicator
from indicators.intervals import EVENT_UNITS
from indicators.lookups import provenance
from indicators.viewer import ANONYMOUS, Viewer

# Frame column on a partial year's rows: the months it covers, the same in every language
# ("2024-01/2024-07", an ISO 8601 interval); months_text() says it ("Jan–Jul").
MONTHS_COVERED = "months_covered"
SAME_MONTHS_BEFORE = "same_months_before"  # the year before, over the same months


def covered_span(indicator: Indicator, filters: Filters, engine: Engine
                 ) -> tuple[dt.date, dt.date] | None:
    """First and last month (first days) the indicator's sources cover, within the period
    chosen; None where a source does not say."""
    sources = [s for s in provenance(engine, indicator.sources) if s.loaded]
    if not sources or any(s.coverage_start is None or s.coverage_end is None for s in sources):
        return None
    start = min(s.coverage_start for s in sources).replace(day=1)
    end = max(s.coverage_end for s in sources).replace(day=1)
    if filters.period_from and filters.period_from > start:
        start = filters.period_from
    if filters.period_to and filters.period_to < end:
        end = filters.period_to
    return (start, end) if start <= end else None


def partial_years(indicator: Indicator, filters: Filters, engine: Engine
                  ) -> dict[int, tuple[int, int]]:
    """{year: (first month, last month)} for the years covered only in part."""
    span = covered_span(indicator, filters, engine)
    if span is None:
        return {}
    start, end = span
    partial = {}
    for year in range(start.year, end.year + 1):
        first = start.month if year == start.year else 1
        last = end.month if year == end.year else 12
        if (first, last) != (1, 12):
            partial[year] = (first, last)
    return partial


def months_label(first: int, last: int) -> str:
    """Jan–Jul (en) / janv.–juil. (fr); one month alone: Jul."""
    def name(month: int) -> str:
        return format_date(dt.date(2000, month, 1), "MMM",
                           locale=babel_locale())
    return name(first) if first == last else f"{name(first)}–{name(last)}"


def months_text(covered) -> str | None:
    """A MONTHS_COVERED cell as words: "2024-01/2024-07" is Jan–Jul (janv.–juil. in French);
    None for a whole year."""
    if not isinstance(covered, str) or not covered:
        return None
    found = re.fullmatch(r"\d{4}-(\d{2})/\d{4}-(\d{2})", covered)
    return months_label(int(found[1]), int(found[2])) if found else covered


def year_label(year: int, partial: dict[int, tuple[int, int]]) -> str:
    """2023, or Jan–Jul 2024 for a partial year."""
    if year in partial:
        return _("{months} {year}").format(months=months_label(*partial[year]), year=year)
    return str(year)


def with_partial_years(frame: pd.DataFrame, indicator: Indicator, filters: Filters,
                       by: tuple[str, ...], engine: Engine, viewer: Viewer = ANONYMOUS
                       ) -> pd.DataFrame:
    """A frame cut by year, with the months each partial year covers, and, on the latest
    year's rows where it is partial, the year before over the same months (per group)."""
    if "year" not in by or frame.empty:
        return frame
    partial = partial_years(indicator, filters, engine)
    years = pd.to_numeric(frame["year"], errors="coerce")
    if not partial or not years.isin(list(partial)).any():
        return frame
    frame = frame.assign(**{MONTHS_COVERED: [
        "{0}-{1:02d}/{0}-{2:02d}".format(int(y), *partial[int(y)])
        if not pd.isna(y) and int(y) in partial else None for y in years]})
    latest = int(years.max())
    if latest not in partial or (latest - 1) not in set(years.dropna().astype(int)):
        return frame
    first, last = partial[latest]
    before = dataclasses.replace(filters, period_from=dt.date(latest - 1, first, 1),
                                 period_to=dt.date(latest - 1, last, 1))
    others = tuple(d for d in by if d != "year")
    earlier = compute(indicator, before, others, engine=engine, viewer=viewer)
    none = 0.0 if indicator.unit in EVENT_UNITS else None  # no event recorded: none happened
    if others:
        lookup = {row[:-1]: row[-1] for row in _cells(earlier, [*others, "value"])}
        values = [lookup.get(row[:-1], none) if row[-1] == latest else None
                  for row in _cells(frame, [*others, "year"])]
    else:
        value = earlier["value"].iloc[0] if not earlier.empty else none
        values = [value if y == latest else None for y in years]
    column = pd.array([None if v is None or pd.isna(v) else float(v) for v in values],
                      dtype="Float64")
    return frame.assign(**{SAME_MONTHS_BEFORE: column})


def _cells(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Each row's cells in `columns`, the objects iterrows() gave, without making a Series of
    every row: iterrows reads frame.values too, and a row of compute's frame mixes text,
    numbers and a flag, so its Series kept each object as it was."""
    positions = [frame.columns.get_loc(column) for column in columns]
    return [tuple(row[p] for p in positions) for row in frame.values]


def sources_coverage(indicator: Indicator, engine: Engine) -> tuple[dt.date, dt.date] | None:
    """First and last month every one of the indicator's sources covers (None if unknown)."""
    sources = provenance(engine, indicator.sources)
    if not sources or any(s.coverage_start is None or s.coverage_end is None for s in sources):
        return None
    start = max(s.coverage_start for s in sources).replace(day=1)
    end = min(s.coverage_end for s in sources).replace(day=1)
    return (start, end) if start <= end else None


def period_covered(period, coverage, full: bool) -> bool:
    """Whether the sources' coverage holds all (`full`) or some of a period (a kpi.Period)."""
    start, end = coverage
    if full:
        return start <= period.start and period.end <= end
    return period.start <= end and start <= period.end


def point_covered(point, grain: str, coverage) -> bool:
    """Whether the coverage holds a year (int) or month ("YYYY-MM")."""
    start, end = coverage
    if grain == "year":
        return start.year <= point <= end.year
    return start.strftime("%Y-%m") <= point <= end.strftime("%Y-%m")


def shift_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def compared_months(start: dt.date, end: dt.date, length: int,
                    span: tuple[dt.date, dt.date] | None, by_month: bool
                    ) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date], bool] | None:
    """What a headline figure over the months `start`..`end` (`length` months long) is
    compared with when the sources cover only part of it (2024 chosen, data to July): the
    months covered, the same months one period earlier (Jan–Jul 2024 against Jan–Jul 2023),
    and whether to compare them at all (not where the sources do not cover the earlier
    months, or the indicator has no months to cut them by). None where the period is
    covered whole (or not at all): it is compared with the whole previous period."""
    if span is None:
        return None
    first, last = max(start, span[0]), min(end, span[1])
    if first > last or (first, last) == (start, end):
        return None
    before = (shift_months(first, -length), shift_months(last, -length))
    return (first, last), before, by_month and before[0] >= span[0]


def months_span_label(start: dt.date, end: dt.date) -> str:
    """Jan–Jul 2024, or 2024 for a whole year, or Nov 2023 – Feb 2024 across years."""
    if start.year != end.year:
        return f"{format_month(start)} – {format_month(end)}"
    if (start.month, end.month) == (1, 12):
        return str(start.year)
    return _("{months} {year}").format(months=months_label(start.month, end.month),
                                       year=start.year)


def no_data_cause(indicator: Indicator, filters: Filters, engine: Engine,
                  viewer: Viewer = ANONYMOUS) -> str:
    """Why these filters give no value: "outside" (the period lies outside what the sources
    cover), "empty" (the sources loaded hold nothing for the indicator at all), "never" (the
    filters select nothing in the data in any period), or "none" (the period is covered,
    and this combination had none in it)."""
    span = covered_span(indicator, Filters(), engine)
    if span is not None:
        start, end = span
        if ((filters.period_to and filters.period_to < start)
                or (filters.period_from and filters.period_from > end)):
            return "outside"
    if filters.period_from or filters.period_to:
        anytime = compute(indicator, dataclasses.replace(filters, period_from=None,
                                                         period_to=None), (), engine=engine,
                          viewer=viewer)
        if _holds_data(anytime):
            return "none"
    everything = compute(indicator, Filters(), (), engine=engine, viewer=viewer)
    return "never" if _holds_data(everything) else "empty"


def _holds_data(frame: pd.DataFrame) -> bool:
    """Whether a total holds anything counted: a count of nothing is a 0 with nothing behind
    it, while a share of 0 out of 100 is data."""
    counted = (pd.to_numeric(frame["numerator"], errors="coerce").fillna(0) > 0) | (
        pd.to_numeric(frame["denominator"], errors="coerce").fillna(0) > 0)
    return bool((frame["value"].notna() & counted).any())
