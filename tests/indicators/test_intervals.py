"""95% intervals: the formulas against published values, and compute() carrying them for
shares, event counts and rates, never for a withheld value (both engines)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators.compute import compute, get_indicator
from indicators.filters import Filters
from indicators.intervals import interval_kind, poisson_exact, wilson
from tests.indicators import sea_rows
from tests.indicators.test_measures_personnel import FEB, JAN
from tests.indicators.test_measures_personnel import db as personnel_db  # noqa: F401


def test_wilson_matches_the_published_values():
    # Newcombe (1998), table I: 15 of 148 -> 0.0624-0.1605; and the 13 of 26.
    low, high = wilson(np.array([15.0, 13.0, 0.0]), np.array([148.0, 26.0, 10.0]))
    assert low[0] == pytest.approx(0.0624, abs=1e-4) and high[0] == pytest.approx(0.1605, abs=1e-4)
    assert low[1] == pytest.approx(0.3206, abs=1e-4) and high[1] == pytest.approx(0.6794, abs=1e-4)
    assert low[2] == 0 and high[2] == pytest.approx(0.2775, abs=1e-4)


def test_exact_poisson_matches_the_published_values():
    # Garwood (1936) limits, as tabulated: 0 -> 0-3.689, 2 -> 0.242-7.225, 10 -> 4.795-18.390.
    low, high = poisson_exact(np.array([0.0, 2.0, 10.0]))
    assert list(np.round(low, 3)) == [0.0, 0.242, 4.795]
    assert list(np.round(high, 3)) == [3.689, 7.225, 18.390]


def test_which_indicators_carry_which_interval():
    assert interval_kind(get_indicator("women-share")) == "share"
    assert interval_kind(get_indicator("fatalities-per-1000")) == "rate"
    assert interval_kind(get_indicator("sea-allegations")) == "count"
    assert interval_kind(get_indicator("uniformed-personnel")) is None  # a census, not a rate
    assert interval_kind(get_indicator("sea-investigation-days")) is None  # a median


def test_a_share_over_months_is_judged_on_the_mean_monthly_numbers(personnel_db):  # noqa: F811
    # Ghana, MINUSCA troops, Jan-Feb: 10 of 100 each month, so 20 of 200 person-months; the
    # interval is Wilson's for 10 of 100, not the narrower one for 20 of 200.
    period = Filters(countries=("GHA",), period_from=JAN, period_to=FEB)
    frame = compute("women-share", period, (), engine=personnel_db)
    low, high = wilson(np.array([10.0]), np.array([100.0]))
    assert frame.loc[0, "value"] == pytest.approx(10.0)
    assert frame.loc[0, "low"] == pytest.approx(100 * low[0])
    assert frame.loc[0, "high"] == pytest.approx(100 * high[0])


def test_counts_get_exact_intervals_and_withheld_values_none(engine):
    sea_rows.load(engine)
    frame = compute("sea-allegations", Filters(), ("nationality",), engine=engine)
    rows = frame.set_index(frame["nationality"].fillna("none"))
    # Ghana 4: 1.090-10.242; Nepal 2 and Congo 1 are withheld, and so are their intervals.
    assert rows.loc["GHA", "low"] == pytest.approx(1.0899, abs=1e-4)
    assert rows.loc["GHA", "high"] == pytest.approx(10.2416, abs=1e-4)
    for withheld in ("NPL", "COG"):
        assert pd.isna(rows.loc[withheld, "value"])
        assert pd.isna(rows.loc[withheld, "low"]) and pd.isna(rows.loc[withheld, "high"])


def test_the_quantiles_are_scipy_stats_own_bit_for_bit():
    # intervals.py calls scipy.special to spare each web worker scipy.stats; readers must see
    # the same bounds, so they are compared exactly, not approximately.
    from scipy.stats import chi2, norm

    from indicators.intervals import CONFIDENCE, chi2_ppf, ndtri

    df = np.concatenate([np.arange(0, 20_001, dtype=float) * 2, [np.nan, -2.0, 1.0, 0.5]])
    for q in (0.025, 0.975):
        np.testing.assert_array_equal(chi2_ppf(q, df), chi2.ppf(q, df))
    assert ndtri(0.5 + CONFIDENCE / 2) == norm.ppf(0.5 + CONFIDENCE / 2)
    counts = np.concatenate([np.arange(0, 5_000, dtype=float), [np.nan]])
    low, high = poisson_exact(counts)
    alpha = 1 - CONFIDENCE
    with np.errstate(invalid="ignore"):
        old_low = np.where(counts > 0, chi2.ppf(alpha / 2, 2 * counts) / 2, 0.0)
        old_high = chi2.ppf(1 - alpha / 2, 2 * (counts + 1)) / 2
    np.testing.assert_array_equal(low, np.where(np.isnan(counts), np.nan, old_low))
    np.testing.assert_array_equal(high, np.where(np.isnan(counts), np.nan, old_high))
