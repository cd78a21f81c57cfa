"""compute()'s frame on a miss is made with few pandas operations (indicators.compute._tidy,
the hooks' columns joined at once, no sort of rows already in order): here it is checked
against the straightforward way, column by column, for every personnel indicator and the
rates and counts with intervals, over the pages' cuts and a sample of filters, on SQLite and
PostgreSQL. The rows are test_rollups' generated ones (illustrative, never shown)."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, norm

from indicators.catalogue import CATALOGUE
from indicators.compute import (
    RESULT_COLUMNS,
    _in_order,
    _month_label,
    _run,
    data_version,
    ignored_filters,
)
from indicators.disclosure import applies as disclosure_applies
from indicators.filters import Filters
from indicators.intervals import add_intervals, chi2_ppf, interval_kind
from indicators.measures import personnel
from indicators.measures.sql import label
from indicators.periods import _cells
from tests.indicators.test_rollups import (  # noqa: F401 - world is a fixture
    PAGE_CUTS,
    PER_1000,
    PERSONNEL,
    sample_filters,
    world,
)


def reference_run(indicator, filters, by, engine):
    """compute's _run as it was before issue 19's cheaper miss: one operation per column."""
    with engine.connect() as conn:
        result = conn.execute(indicator.query(filters, by))
        frame = pd.DataFrame([tuple(row) for row in result], columns=list(result.keys()))
    frame = frame.rename(columns={label(d): d for d in by})
    if "denominator" not in frame:
        frame["denominator"] = pd.NA
    for column in ("numerator", "denominator"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Float64")
    if "value" in frame:
        frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("Float64")
    elif indicator.denominator is None:
        frame["value"] = frame["numerator"]
    else:
        denominator = frame["denominator"].where(frame["denominator"] != 0)
        frame["value"] = frame["numerator"] * indicator.scale / denominator
    if "month" in frame:
        frame["month"] = frame["month"].map(_month_label)
    if "year" in frame:
        frame["year"] = frame["year"].astype("Int64")
    frame["unit"] = indicator.unit
    frame["illustrative"] = indicator.illustrative
    if indicator.enrich is not None:
        assert indicator.enrich is personnel.add_ugps_targets  # the only hook: its reference
        frame = reference_targets(frame, filters)
    assert not disclosure_applies(indicator, filters, by)  # no nationality in these measures
    frame = reference_intervals(frame, indicator)
    extras = [c for c in frame.columns if c not in by and c not in RESULT_COLUMNS]
    frame = frame[[*by, *RESULT_COLUMNS, *extras]]
    if by:
        frame = frame.sort_values(list(by), kind="stable").reset_index(drop=True)
    frame.attrs.update({
        "indicator": indicator.slug, "unit": indicator.unit, "filters": filters.to_query(),
        "ignored_filters": ignored_filters(indicator, filters),
        "illustrative": indicator.illustrative, "suppressed_below": None,
    })
    return frame


def reference_targets(frame, filters):
    frame = frame.copy()
    rows = frame.to_dict("records")
    groups = [personnel._row_group(row, filters) for row in rows]
    targets = [personnel._row_target(row, group, filters)
               for row, group in zip(rows, groups, strict=True)]
    finals = [personnel.final_target(group) if group else None for group in groups]
    needed = personnel._women_needed
    frame["target"] = pd.array([t.percent if t else None for t in targets], dtype="Float64")
    frame["target_status"] = [t.status if t else None for t in targets]
    frame["gap_points"] = frame["value"] - frame["target"]
    frame["women_needed"] = pd.array(
        [needed(row, t) for row, t in zip(rows, targets, strict=True)], dtype="Int64")
    frame["target_2028"] = pd.array([t.percent if t else None for t in finals], dtype="Float64")
    frame["women_needed_2028"] = pd.array(
        [needed(row, t) for row, t in zip(rows, finals, strict=True)], dtype="Int64")
    frame["parity"] = [personnel._parity(row["value"], t)
                       for row, t in zip(rows, targets, strict=True)]
    return frame


def reference_intervals(frame, indicator):
    kind = interval_kind(indicator)
    if kind is None or frame.empty:
        return frame
    frame = frame.copy()
    numerator = pd.to_numeric(frame["numerator"], errors="coerce").astype(float).to_numpy()
    denominator = pd.to_numeric(frame["denominator"], errors="coerce").astype(float).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "share":
            if "months" in frame:
                months = pd.to_numeric(frame["months"]).astype(float).to_numpy()
                months = np.where(months > 0, months, np.nan)
                numerator, denominator = numerator / months, denominator / months
            z = norm.ppf(0.5 + 0.95 / 2)
            n = np.where(denominator > 0, denominator, np.nan)
            p = np.clip(numerator / n, 0, 1)
            centre = (p + z * z / (2 * n)) / (1 + z * z / n)
            half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
            low = np.clip(centre - half, 0, 1) * indicator.scale
            high = np.clip(centre + half, 0, 1) * indicator.scale
        else:
            alpha = 1 - 0.95
            low = np.where(numerator > 0, chi2.ppf(alpha / 2, 2 * numerator) / 2, 0.0)
            high = chi2.ppf(1 - alpha / 2, 2 * (numerator + 1)) / 2
            nan = np.isnan(numerator)
            low, high = np.where(nan, np.nan, low), np.where(nan, np.nan, high)
            if kind == "rate":
                exposure = np.where(denominator > 0, denominator, np.nan)
                low = low * indicator.scale / exposure
                high = high * indicator.scale / exposure
    missing = pd.to_numeric(frame["value"], errors="coerce").isna().to_numpy()
    frame["low"] = pd.array(np.where(missing, np.nan, low), dtype="Float64")
    frame["high"] = pd.array(np.where(missing, np.nan, high), dtype="Float64")
    return frame


def cells(frame: pd.DataFrame) -> list:
    """Every cell with its type: None, NA and NaN apart, 1 and 1.0 apart."""
    def cell(value):
        if value is None or value is pd.NA:
            return repr(value)
        if isinstance(value, float) and math.isnan(value):
            return "nan"
        return (type(value).__name__, value)
    return [[cell(v) for v in frame[c].tolist()] for c in frame.columns]


def assert_same(made: pd.DataFrame, expected: pd.DataFrame, what: str) -> None:
    pd.testing.assert_frame_equal(made, expected, check_exact=True, check_column_type=True,
                                  check_index_type=True, obj=what)
    assert list(made.dtypes) == list(expected.dtypes), what
    assert cells(made) == cells(expected), what
    assert made.attrs == expected.attrs, what


@pytest.mark.parametrize("slug", [*PERSONNEL, *PER_1000])
def test_compute_makes_the_frame_the_straightforward_way_does(world, slug):  # noqa: F811
    indicator = CATALOGUE[slug]
    cuts = [cut for cut in PAGE_CUTS if set(cut) <= set(indicator.dimensions)]
    cuts += [(d,) for d in indicator.dimensions if (d,) not in cuts]
    compared = rows = 0
    data_version(world)
    for by, filters in itertools.product(cuts, sample_filters(10, seed=7)):
        expected = reference_run(indicator, filters, by, world)
        assert_same(_run(indicator, filters, by, world), expected, f"{slug} by {by} {filters}")
        compared, rows = compared + 1, rows + len(expected)
    assert rows > compared  # not only empty frames


def test_the_poisson_quantiles_are_scipys():
    counts = np.array([0, 0.5, 1, 2, 3, 7, 12.25, 40, 999, 12345, 1e6, np.nan, -0.5, -3])
    for q in (0.025, 0.975, (1 - 0.95) / 2, 1 - (1 - 0.95) / 2):
        for df in (2 * counts, 2 * (counts + 1)):
            with np.errstate(invalid="ignore"):
                expected = chi2.ppf(q, df)
            assert np.array_equal(chi2_ppf(q, df), expected, equal_nan=True)


def keyed(rows: list[tuple], dtypes: tuple[str, str]) -> pd.DataFrame:
    first, second = zip(*rows, strict=True)
    return pd.DataFrame({"a": pd.array(first, dtype=dtypes[0]),
                         "b": pd.array(second, dtype=dtypes[1])})


IN_ORDER = ([("a", 1), ("a", 2), ("b", 1)], [("a", 1), ("a", 1), ("b", 0)],
            [("a", None), ("a", None), ("b", 1)], [("Z", 1), ("a", 1), ("É", 1), ("é", 1)])


ROWS = [
    [("a", 1), ("a", 2), ("b", 1)],  # in order
    [("a", 1), ("a", 1), ("b", 0)],  # ties
    [("b", 1), ("a", 2)],  # not in order
    [("a", 2), ("a", 1)],
    [("a", None), ("a", None), ("b", 1)],  # missing numbers tie
    [("a", None), ("a", 1)],  # NA sorts last
    [("a", 1), ("a", None), ("b", 1)],
    [(None, 1), ("a", 2)],  # missing text sorts last
    [("a", 1), (None, 2), (None, 1)],
    [("é", 1), ("z", 1), ("É", 1)],
    [("Z", 1), ("a", 1), ("É", 1), ("é", 1)],  # code-point order, as pandas sorts
]
# int64 keys have no missing value: those rows only with the nullable Int64.
CASES = [(rows, dtypes) for rows in ROWS for dtypes in (("str", "Int64"), ("str", "int64"))
         if dtypes[1] == "Int64" or all(b is not None for _a, b in rows)]


@pytest.mark.parametrize(("rows", "dtypes"), CASES)
def test_rows_left_unsorted_only_where_sorting_would_keep_them(rows, dtypes):
    frame = keyed(rows, dtypes)
    in_order = _in_order(frame, ("a", "b"))
    if in_order:
        assert_same(frame, frame.sort_values(["a", "b"], kind="stable", ignore_index=True),
                    str(rows))
    assert in_order == (rows in IN_ORDER)


def test_a_frame_numbered_otherwise_is_sorted():
    frame = keyed([("a", 1), ("b", 2)], ("str", "Int64")).set_axis([5, 6])
    assert not _in_order(frame, ("a",))


def test_a_row_read_as_iterrows_reads_it():
    frame = pd.DataFrame({
        "ugps-group": pd.array(["troops", None, "troops"], dtype="str"),
        "year": pd.array([2023, 2024, None], dtype="Int64"),
        "value": pd.array([1.5, None, 2.0], dtype="Float64"),
        "unit": "percent", "illustrative": False,
        "target_status": [None, None, "estimate"],
        "months_covered": [None, "2024-01/2024-07", None],
        "when": [dt.date(2024, 1, 1), None, dt.date(2023, 1, 1)],
    })
    columns = ["ugps-group", "year", "value", "target_status", "when"]
    expected = [tuple(row[c] for c in columns) for _index, row in frame.iterrows()]
    made = _cells(frame, columns)
    assert [[(type(v), repr(v)) for v in row] for row in made] == \
        [[(type(v), repr(v)) for v in row] for row in expected]


def tidy_frame(keys: dict, numerators: list, denominators: list, months: list) -> pd.DataFrame:
    """A frame as _tidy makes it for women-share, with these key columns."""
    numerator = pd.array(numerators, dtype="Float64")
    denominator = pd.array(denominators, dtype="Float64")
    nonzero = denominator.copy()
    nonzero[(denominator == 0).fillna(False)] = pd.NA
    return pd.DataFrame({**keys, "numerator": numerator, "denominator": denominator,
                         "value": numerator * 100 / nonzero, "unit": "percent",
                         "illustrative": False, "months": np.array(months, dtype="int64")})


TARGET_CASES = [  # (by, filters, key columns): the generated rows above have no target years
    (("year", "ugps-group"), Filters(), {
        "year": pd.array([2020, 2021, 2023, 2023, 2028, None], dtype="Int64"),
        "ugps-group": pd.array(["troops", "individual-military", "formed-police-units",
                                "individual-police", "troops", "troops"], dtype="str")}),
    (("month", "category"), Filters(), {
        "month": pd.array(["2022-01", "2023-06", "2024-12", "2025-03", "2019-01", "2021-03"],
                          dtype="str"),
        "category": pd.array(["troops", "staff-officers", "experts-on-mission",
                              "formed-police-units", "individual-police", None], dtype="str")}),
    (("country",), Filters(categories=("troops",), period_from=dt.date(2023, 1, 1),
                           period_to=dt.date(2023, 12, 1)), {
        "country": pd.array(["BGD", "FRA", "GHA", "NPL", "RWA", None], dtype="str")}),
    (("mission",), Filters(), {  # no group: no target
        "mission": pd.array(["MINUSCA", "UNMISS", "MONUSCO", "UNAMA", "UNSOM", "UNMIL"],
                            dtype="str")}),
]


@pytest.mark.parametrize(("by", "filters", "keys"), TARGET_CASES)
def test_the_ugps_targets_are_the_straightforward_ones(by, filters, keys):
    frame = tidy_frame(keys, [12, 0, 3, None, 40, 7], [150, 80, 0, 20, 400, 90],
                       [3, 1, 2, 0, 12, 1])
    made = personnel.add_ugps_targets(frame, filters, by)
    assert_same(made, reference_targets(frame, filters), f"targets by {by}")
    if by != ("mission",):  # the cases hold targets: a wrong one would show
        assert made["target"].notna().sum() >= 3
        assert made["women_needed"].notna().sum() >= 2
    indicator = CATALOGUE["women-share"]
    assert_same(add_intervals(made, indicator), reference_intervals(made, indicator),
                f"intervals by {by}")
