"""Each row's months read from the personnel series' runs of months, where those answer exactly
as the indicator's by-month query does."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, String, cast, func, select

from indicators.filters import GENDERS, Filters
from indicators.indicator import Indicator
from indicators.measures.personnel import (
    contributing_countries_query,
    headcount_query,
    ugps_group,
    women_share_query,
)
from indicators.measures.sql import filter_conditions, mission_type_of
from indicators.models.rollups import PersonnelMonth, PersonnelMonthRun
from indicators.rollup_choice import rollups_enabled, stored_dimensions

# The dimensions a run's codes give (the year and gender are worked out from its months).
_CODED = ("mission", "mission-type", "country", "category", "ugps-group")


@dataclass(frozen=True)
class Question:
    """What the by-month query keeps, in the runs' terms: the flags its fact rows must have,
    whether its months are joined to the months reported (personnel_month, with the same
    flags), and the genders each row is split into (None: not split)."""

    flags: tuple[str, ...]
    joined: bool
    genders: tuple[str, ...] | None


def question(indicator: Indicator, filters: Filters, by: tuple[str, ...]) -> Question | None:
    """The runs' question for `indicator`'s by-month rows, or None where the runs cannot
    answer it exactly (another indicator, a cut they do not have, the rollups switched off
    as for the comparisons with the base table) or would be slower than the query."""
    ask = _QUESTIONS.get(indicator.query)
    if ask is None or not rollups_enabled() or "month" in by:
        return None
    # Only where the query reads a row per contributing country and month: a rollup without
    # countries (by category, by mission) is read faster than the runs of every country in it
    # (by year and UGPS group at 100 times the data: 53 ms, against 3.8 s from the runs).
    always = ("country",) if indicator.query is contributing_countries_query else ()
    if "country" not in stored_dimensions(filters, (*by, "month"), always):
        return None
    return ask(filters, by)


def _needs_missions(filters: Filters, by: tuple[str, ...]) -> bool:
    # As indicators.measures.personnel._needs_missions: a mission's type is known only where
    # the mission is, so these leave out the months with no mission detail.
    return (bool(filters.missions or filters.mission_type) or "mission" in by
            or "mission-type" in by)


def _headcount(filters: Filters, by: tuple[str, ...]) -> Question | None:
    """headcount_query: every fact row of the filters, split into women and men rows (even
    where either is not given) with a gender cut or filter, on months reported with the same
    flags (its month counts)."""
    if not set(by) <= {*_CODED, "year", "gender"}:
        return None
    split = "gender" in by or bool(filters.gender)
    flags = ("has_missions",) * _needs_missions(filters, by) + ("has_gender",) * split
    genders = ((filters.gender,) if filters.gender else GENDERS) if "gender" in by else None
    return Question(flags, joined=True, genders=genders)


def _women_share(filters: Filters, by: tuple[str, ...]) -> Question | None:
    """women_share_query: rows of months with a gender split that give women (it has no
    gender filter)."""
    if not set(by) <= {*_CODED, "year"}:
        return None
    flags = ("has_missions",) * _needs_missions(filters, by) + ("has_gender", "gives_women")
    return Question(flags, joined=False, genders=None)


def _contributing(filters: Filters, by: tuple[str, ...]) -> Question | None:
    """contributing_countries_query: rows with anyone deployed."""
    if not set(by) <= {*_CODED, "year"}:
        return None
    flags = ("has_missions",) * _needs_missions(filters, by) + ("anyone_deployed",)
    return Question(flags, joined=False, genders=None)


_QUESTIONS: dict[Callable, Callable[[Filters, tuple[str, ...]], Question | None]] = {
    headcount_query: _headcount,
    women_share_query: _women_share,
    contributing_countries_query: _contributing,
}


def months_from_runs(asked: Question, filters: Filters, by: tuple[str, ...], engine: Engine
                     ) -> dict[tuple, list[str]]:
    """Each row's months ("YYYY-MM", sorted) by its values of `by`: its runs' months, clipped
    to the filters' period (and to the months reported, where the query joins them)."""
    r = PersonnelMonthRun
    columns = {"mission": r.mission, "mission-type": mission_type_of(r.mission),
               "country": r.country_iso3, "category": r.category,
               "ugps-group": ugps_group(r.category)}
    coded = [columns[d] for d in by if d in _CODED]
    # Each row's runs as one text of "YYYY-MM-DDYYYY-MM-DD" (first and last month) pairs:
    # a line per row, not per run (215,000 runs for one mission's contributors at 100 times
    # the data), and rows whose runs are alike have the same text, read once.
    dates = _ISO_DATE.get(engine.dialect.name, lambda column: cast(column, String))
    runs = select(*coded, (dates(r.first_month) + dates(r.last_month)).label("run")).where(
        *[r.__table__.c[flag] for flag in asked.flags], *filter_conditions(filters, columns))
    if filters.period_from:
        runs = runs.where(r.last_month >= filters.period_from)
    if filters.period_to:
        runs = runs.where(r.first_month <= filters.period_to)
    # Without a cut by country, a row's runs are mostly the same spans over and over (one
    # mission's contributors, 15,000 at 100 times the data): each once.
    runs = (runs.distinct() if "country" not in by else runs).subquery("runs")
    codes = [runs.c[i] for i in range(len(coded))]
    runs = select(*codes, func.aggregate_strings(runs.c.run, ","))
    reported = select(PersonnelMonth.month).where(
        *[PersonnelMonth.__table__.c[flag] for flag in asked.flags
          if flag in ("has_missions", "has_gender")])
    with engine.connect() as conn:
        reported = [_index(month) for (month,) in conn.execute(reported)] \
            if asked.joined else None
        rows = conn.execute(runs.group_by(*codes) if codes else runs).all()
    low = _index(filters.period_from) if filters.period_from else None
    high = _index(filters.period_to) if filters.period_to else None
    names = _Names(reported)
    read: dict[str, list[str]] = {}
    found: dict[tuple, list[str]] = {}
    for row in rows:
        listed = row[-1]
        if listed is None:  # no runs at all (a query with no cut by codes has one line)
            continue
        months = read.get(listed)
        if months is None:
            months = read[listed] = names.months(_merged(_spans(listed), low, high))
        if months:
            _place(found, by, row[:-1], months, asked.genders, names.years)
    return found


# A date as ISO text in SQL: PostgreSQL's CAST follows the server's DateStyle; SQLite keeps
# dates as ISO text already.
_ISO_DATE = {"postgresql": lambda column: func.to_char(column, "YYYY-MM-DD", type_=String)}


def _spans(listed: str) -> list[tuple[int, int]]:
    """The (first, last) month indexes of the pairs in one row's text of runs."""
    pairs = listed.split(",")
    if any(len(pair) != 20 for pair in pairs):  # never guess months from another layout
        raise ValueError(f"personnel_month_runs: dates not as YYYY-MM-DD: {pairs[0]!r}")
    return [(_index(pair[:7]), _index(pair[10:17])) for pair in pairs]


def _place(found: dict, by: tuple[str, ...], codes: tuple, months: list[str],
           genders: tuple[str, ...] | None, years_of: Callable) -> None:
    """The row (or rows: one per year, one per gender) of one set of codes, keyed in `by`'s
    order."""
    values = dict(zip([d for d in by if d in _CODED], codes, strict=True))
    years = years_of(months) if "year" in by else {None: months}
    for year, its_months in years.items():
        for gender in genders or (None,):
            values.update(year=year, gender=gender)
            # Codes are text or NULL (None), the year a number: each is its own key already
            # (indicators.origin_months.row_key).
            found[tuple(values[d] for d in by)] = its_months


def _merged(spans: list[tuple[int, int]], low: int | None, high: int | None
            ) -> tuple[tuple[int, int], ...]:
    """The spans clipped to [low, high] and joined where they overlap or touch (a month's
    rows of several categories or flags are several runs)."""
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        first = first if low is None else max(first, low)
        last = last if high is None else min(last, high)
        if first > last:
            continue
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return tuple((first, last) for first, last in merged)


class _Names:
    """Month strings by month index, interned, and one list for each set of spans (rows with
    the same months share one list, as indicators.origin_months does); only the months
    reported, where the query joins them."""

    def __init__(self, reported: list[int] | None) -> None:
        self._reported = None if reported is None else set(reported)
        self._lists: dict[tuple, list[str]] = {}
        self._shared: dict[tuple, list[str]] = {}
        self._years: dict[int, dict[int, list[str]]] = {}

    def months(self, spans: tuple[tuple[int, int], ...]) -> list[str]:
        listed = self._lists.get(spans)
        if listed is None:
            months = [_name(index) for first, last in spans for index in range(first, last + 1)
                      if self._reported is None or index in self._reported]
            listed = self._lists[spans] = self._shared.setdefault(tuple(months), months)
        return listed

    def years(self, months: list[str]) -> dict[int, list[str]]:
        """One of months()'s lists by year, each year's list shared as well."""
        years = self._years.get(id(months))  # months() keeps every list it gave alive
        if years is None:
            years = {}
            for month in months:
                years.setdefault(int(month[:4]), []).append(month)
            years = self._years[id(months)] = {
                year: self._shared.setdefault(tuple(its), its) for year, its in years.items()}
        return years


_NAMES: dict[int, str] = {}


def _name(index: int) -> str:
    name = _NAMES.get(index)
    if name is None:
        name = _NAMES[index] = sys.intern(f"{index // 12:04d}-{index % 12 + 1:02d}")
    return name


def _index(month) -> int:
    """A month (a date, or its "YYYY-MM" text) as year * 12 + month - 1."""
    if not isinstance(month, str):
        return month.year * 12 + month.month - 1
    index = _INDEXES.get(month)
    if index is None:  # a few hundred months, each parsed once
        index = _INDEXES[month] = int(month[:4]) * 12 + int(month[5:7]) - 1
    return index


_INDEXES: dict[str, int] = {}
