"""compute(): one indicator, filtered and grouped, as a tidy frame that keeps its numerator and
denominator beside the value. The CLI, the API, the pages and the exports all call this."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from contextlib import contextmanager
from contextvars import ContextVar

import pandas as pd
from sqlalchemy import Engine, func, select

from indicators.access import (
    NotPermitted,  # noqa: F401 - re-exported for the doors
    check,
    row_countries,
    scope_key,
)
from indicators.blocks import blocks_for
from indicators.cache import clear_cache, frame_cache  # noqa: F401 - clear_cache re-exported
from indicators.catalogue import CATALOGUE
from indicators.disclosure import applies as disclosure_applies
from indicators.disclosure import suppress_small_numbers, withhold_unaligned
from indicators.filters import Filters
from indicators.i18n import current_locale
from indicators.indicator import Indicator
from indicators.intervals import add_intervals
from indicators.measures.sql import label
from indicators.models.provenance import SourceVersion
from indicators.rollup_choice import rollups_enabled
from indicators.viewer import ANONYMOUS, Viewer

RESULT_COLUMNS = ("numerator", "denominator", "value", "unit", "illustrative")


class QueryError(ValueError):
    """A request compute() cannot answer; names the parameter and the reason."""

    def __init__(self, parameter: str, value: str, reason: str):
        self.parameter, self.value, self.reason = parameter, value, reason
        super().__init__(f"{parameter}={value!r}: {reason}")


def get_indicator(slug: str) -> Indicator:
    try:
        return CATALOGUE[slug]
    except KeyError:
        raise QueryError("indicator", slug, "no indicator with this slug; see "
                         "`pkdash query --list` or GET /api/v1/indicators") from None


def ignored_filters(indicator: Indicator, filters: Filters) -> list[str]:
    """Filters that were set but do not apply to this indicator (reported, not silently lost)."""
    used = {
        "mission": bool(filters.missions),
        "country": bool(filters.countries),
        "category": bool(filters.categories),
        "period": bool(filters.period_from or filters.period_to),
        "gender": bool(filters.gender),
        "mission-type": bool(filters.mission_type),
    }
    return [name for name, is_set in used.items() if is_set and name not in indicator.filters]


def compute(indicator: str | Indicator, filters: Filters | None = None,
            by: Sequence[str] = (), *, engine: Engine, viewer: Viewer = ANONYMOUS
            ) -> pd.DataFrame:
    """The indicator for these filters, one row per combination of the `by` dimensions, as
    `viewer` may see it: NotPermitted if its tier does not reach the indicator's; a
    delegation's own countries' rows only, of a restricted indicator (indicators.access)."""
    indicator = get_indicator(indicator) if isinstance(indicator, str) else indicator
    check(indicator, viewer)  # before the cache: a cached answer is no answer to ask for
    filters = filters or Filters()
    by = tuple(dict.fromkeys(by))  # keep order, drop repeats
    for dimension in by:
        if dimension not in indicator.dimensions:
            raise QueryError("by", dimension, f"{indicator.slug} can be cut by "
                             f"{', '.join(indicator.dimensions) or 'nothing'}")
    snapshot = None
    if indicator.snapshot and "year" not in by:  # what is present now, not over all years
        snapshot = latest_year(indicator, filters, engine, viewer)
        if snapshot is not None:
            filters = dataclasses.replace(filters, period_from=dt.date(snapshot, 1, 1),
                                          period_to=dt.date(snapshot, 12, 1))
    # suppress_below is in the key so a declaration without the rule (tests) never shares;
    # the locale, because the small-numbers rule writes words ("fewer than 3") in the frame;
    # the viewer's scope, so two delegations (or a delegation and the Secretariat) never share
    # a restricted answer; whether rollups may answer, so a test comparing them with the base
    # table never hits.
    key = (engine.url, indicator.slug, indicator.suppress_below, filters, by,
           data_version(engine), current_locale(), scope_key(indicator, viewer),
           rollups_enabled())
    cache = frame_cache()  # in this process, or shared by every worker (PKDASH_CACHE_URL)
    cached = cache.get(key)
    if cached is not None:
        return cached.copy()  # the cache's own frame stays as computed, whatever callers do
    frame = _run(indicator, filters, by, engine, row_countries(indicator, viewer))
    frame.attrs["snapshot_year"] = snapshot
    cache.put(key, frame)
    return frame.copy()


def latest_year(indicator: Indicator, filters: Filters, engine: Engine,
                viewer: Viewer = ANONYMOUS) -> int | None:
    """The latest year with a value in the period: where a snapshot measure is read."""
    years = compute(indicator, filters, ("year",), engine=engine, viewer=viewer
                    ).dropna(subset=["value"])
    return int(years["year"].max()) if not years.empty else None


def _run(indicator: Indicator, filters: Filters, by: tuple[str, ...], engine: Engine,
         countries: frozenset[str] | None = None) -> pd.DataFrame:
    # The rows are kept in SQL, before any sum: no figure of another country enters a total.
    statement = (indicator.query(filters, by) if countries is None
                 else indicator.query(filters, by, countries=countries))
    names = {label(d): d for d in by}
    with engine.connect() as conn:
        result = conn.execute(statement)
        # Plain tuples: pandas probes every Row for attributes, and a Row's missing attribute
        # costs an exception (at 10,000 rows, two thirds of the call).
        frame = pd.DataFrame([tuple(row) for row in result],
                             columns=[names.get(key, key) for key in result.keys()])
    if indicator.reduce is not None:
        frame = indicator.reduce(frame, by)
    frame = _tidy(frame, indicator, by)
    if indicator.enrich is not None:
        frame = indicator.enrich(frame, filters, by)
    # Here, before the cache, so no front door (page, download, API, CLI) sees a small count.
    suppressed = disclosure_applies(indicator, filters, by)
    if suppressed:
        blocks = blocks_for(indicator, engine, data_version(engine))
        frame = withhold_unaligned(frame, blocks, filters, by)
        frame = suppress_small_numbers(frame, indicator.suppress_below, by)
    # After the small-numbers rule, so a withheld value has no interval to tell it either.
    frame = add_intervals(frame, indicator)
    extras = [c for c in frame.columns if c not in by and c not in RESULT_COLUMNS]
    order = [*by, *RESULT_COLUMNS, *extras]
    if list(frame.columns) != order:  # _tidy has put them so; a hook may not have
        frame = frame[order]
    if by and not _in_order(frame, by):
        frame = frame.sort_values(list(by), kind="stable", ignore_index=True)
    # Last: pandas deep-copies attrs at every operation on the frame.
    frame.attrs.update({
        "indicator": indicator.slug,
        "unit": indicator.unit,
        "filters": filters.to_query(),
        "ignored_filters": ignored_filters(indicator, filters),
        "illustrative": indicator.illustrative,
        "suppressed_below": indicator.suppress_below if suppressed else None,
    })
    return frame


def _tidy(frame: pd.DataFrame, indicator: Indicator, by: tuple[str, ...]) -> pd.DataFrame:
    """The query's frame with numbers as Float64, the value, month labels, integer years, the
    unit and the illustrative flag: the `by` columns, RESULT_COLUMNS, then the query's others.
    Made in one DataFrame() from the columns: each operation on a small frame costs more than
    its arithmetic (some 20 a call, when done column by column on the frame)."""
    columns = {name: frame[name] for name in frame.columns}
    numerator = _floats(columns["numerator"])
    denominator = (_floats(columns["denominator"]) if "denominator" in columns
                   else pd.array([pd.NA] * len(frame), dtype="Float64"))
    if "value" in columns:  # the measure computed the value itself (a median, for example)
        value = _floats(columns["value"])
    elif indicator.denominator is None:
        value = numerator
    else:
        nonzero = denominator.copy()
        nonzero[(denominator == 0).fillna(False)] = pd.NA
        value = numerator * indicator.scale / nonzero
    if "month" in columns:
        columns["month"] = columns["month"].map(_month_label)
    if "year" in columns:
        columns["year"] = columns["year"].astype("Int64")
    data = {name: columns[name].array for name in by}
    data.update(numerator=numerator, denominator=denominator, value=value,
                unit=indicator.unit, illustrative=indicator.illustrative)
    data.update({name: column.array for name, column in columns.items()
                 if name not in data and name not in RESULT_COLUMNS})
    return pd.DataFrame(data, index=frame.index)


def _in_order(frame: pd.DataFrame, by: tuple[str, ...]) -> bool:
    """Whether sort_values(by, kind="stable", ignore_index=True) would give `frame` as it is:
    numbered from 0, and the rows' keys already in order (SQLite's GROUP BY returns its groups
    so). Compared as Python tuples, for text and integer keys only, whose order in Python is
    pandas' order. A missing key (NaN, NA) is in order only beside the same missing object,
    where pandas ties too; before or after a value it compares False or raises TypeError:
    then sort_values decides, as it does for any other kind of key."""
    if not frame.index.equals(pd.RangeIndex(len(frame))):
        return False
    keys = [frame[name] for name in by]
    if not all(isinstance(key.dtype, pd.StringDtype) or key.dtype.kind in "iu" for key in keys):
        return False
    rows = list(zip(*(key.tolist() for key in keys), strict=True))
    try:
        return all(a <= b for a, b in zip(rows, rows[1:]))  # noqa: B905 - one shorter
    except TypeError:
        return False


def _floats(column: pd.Series):
    """A column as a Float64 array: numbers as they are, anything else as a number or NA."""
    if column.dtype.kind not in "iuf":
        column = pd.to_numeric(column, errors="coerce")
    return column.array.astype("Float64")


def _month_label(value) -> str:
    if isinstance(value, str):
        return value[:7]
    if isinstance(value, dt.date):  # isoformat: a quarter of strftime's cost, the same text
        return value.isoformat()[:7] if value.year >= 1000 else value.strftime("%Y-%m")
    return value


# Inside one_data_version(): the versions already read, by engine (None outside).
_pinned_versions: ContextVar[dict | None] = ContextVar("pinned_data_versions", default=None)


def data_version(engine: Engine) -> tuple:
    """Changes whenever any source is (re)loaded, so cached results never outlive their data."""
    pinned = _pinned_versions.get()
    if pinned is not None and engine in pinned:
        return pinned[engine]
    with engine.connect() as conn:
        version = tuple(conn.execute(
            select(func.count(), func.max(SourceVersion.loaded_at)).select_from(SourceVersion)
        ).one())
    if pinned is not None:
        pinned[engine] = version
    return version


@contextmanager
def one_data_version():
    """Within this block, data_version() reads the database once per engine: a card's numbers,
    words and origins all come from one version of the data, and a card asks for it once
    rather than at every lookup (a query each, some 60 per page)."""
    if _pinned_versions.get() is not None:  # nested: the outer block's version holds
        yield
        return
    token = _pinned_versions.set({})
    try:
        yield
    finally:
        _pinned_versions.reset(token)
