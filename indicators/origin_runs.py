"""Each row's months read from the personnel series' runs of months, where those answer exactly
as the indicator's by-month query does."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, select

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
from indicators.rollup_choice import rollups_enabled

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
    as for the comparisons with the base table)."""
    ask = _QUESTIONS.get(indicator.query)
    if ask is None or not rollups_enabled() or "month" in by:
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
    coded = [d for d in by if d in _CODED]
    runs = select(*[columns[d] for d in coded], r.first_month, r.last_month).where(
        *[r.__table__.c[flag] for flag in asked.flags], *filter_conditions(filters, columns))
    if filters.period_from:
        runs = runs.where(r.last_month >= filters.period_from)
    if filters.period_to:
        runs = runs.where(r.first_month <= filters.period_to)
    reported = select(PersonnelMonth.month).where(
        *[PersonnelMonth.__table__.c[flag] for flag in asked.flags
          if flag in ("has_missions", "has_gender")])
    with engine.connect() as conn:
        reported = [_index(month) for (month,) in conn.execute(reported)] \
            if asked.joined else None
        spans: dict[tuple, list[tuple[int, int]]] = {}
        for row in conn.execute(runs):
            spans.setdefault(row[:-2], []).append((_index(row[-2]), _index(row[-1])))
    low = _index(filters.period_from) if filters.period_from else None
    high = _index(filters.period_to) if filters.period_to else None
    names = _Names(reported)
    found: dict[tuple, list[str]] = {}
    for codes, its_spans in spans.items():
        months_of = names.months(_merged(its_spans, low, high))
        if months_of:
            _place(found, by, coded, codes, months_of, asked.genders)
    return found


def _place(found: dict, by: tuple[str, ...], coded: list[str], codes: tuple,
           months: list[str], genders: tuple[str, ...] | None) -> None:
    """The row (or rows: one per year, one per gender) of one set of codes, keyed in `by`'s
    order."""
    values = dict(zip(coded, codes, strict=True))
    years = _by_year(months) if "year" in by else {None: months}
    for year, its_months in years.items():
        for gender in genders or (None,):
            values.update(year=year, gender=gender)
            # Codes are text or NULL (None), the year a number: each is its own key already
            # (indicators.origin_months.row_key).
            found[tuple(values[d] for d in by)] = its_months


def _by_year(months: list[str]) -> dict[int, list[str]]:
    years: dict[int, list[str]] = {}
    for month in months:
        years.setdefault(int(month[:4]), []).append(month)
    return years


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

    def months(self, spans: tuple[tuple[int, int], ...]) -> list[str]:
        listed = self._lists.get(spans)
        if listed is None:
            months = [_name(index) for first, last in spans for index in range(first, last + 1)
                      if self._reported is None or index in self._reported]
            listed = self._lists[spans] = self._shared.setdefault(tuple(months), months)
        return listed


_NAMES: dict[int, str] = {}


def _name(index: int) -> str:
    name = _NAMES.get(index)
    if name is None:
        name = _NAMES[index] = sys.intern(f"{index // 12:04d}-{index % 12 + 1:02d}")
    return name


def _index(month) -> int:
    """A month (a date, or its ISO text as SQLite may give it) as year * 12 + month - 1."""
    if isinstance(month, str):
        return int(month[:4]) * 12 + int(month[5:7]) - 1
    return month.year * 12 + month.month - 1
