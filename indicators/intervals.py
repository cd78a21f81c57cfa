"""95% intervals for the values compute() returns, so a small group's share or rate is never
read as more certain than it is: Wilson for shares, exact (Garwood) Poisson for event counts
and for rates per 1,000 (the count's interval over the same exposure)."""

from __future__ import annotations

import numpy as np
import pandas as pd

# scipy.special, not scipy.stats: the functions scipy.stats's norm.ppf and chi2.ppf call,
# without the 50 MB scipy.stats costs every web worker (benchmarks/worker_memory.py). Same
# numbers, bit for bit (tests/indicators/test_intervals.py compares them).
from scipy.special import gammaincinv, ndtri

from indicators.indicator import Indicator

CONFIDENCE = 0.95
EVENT_UNITS = ("fatalities", "allegations")
# The normal quantile of the Wilson interval, once.
Z = ndtri(0.5 + CONFIDENCE / 2)  # scipy.stats.norm.ppf
INTERVAL_RULE = (
    "Intervals are 95%: Wilson score intervals for shares (for a share of personnel over "
    "several months, on the mean monthly numbers), exact Poisson intervals for counts of "
    "events, and for rates per 1,000 the count's exact interval over the same exposure.")


def interval_kind(indicator: Indicator) -> str | None:
    """"share", "rate", "count", or None for values with no sampling sense (headcounts,
    scores, medians, money, generated inputs counted as they are)."""
    if indicator.unit == "percent" and indicator.denominator:
        return "share"
    if indicator.unit.startswith("per 1,000"):
        return "rate"
    if indicator.unit in EVENT_UNITS:
        return "count"
    return None


def add_intervals(frame: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """`frame` with `low` and `high` (in the value's unit) where the indicator has a kind of
    interval; missing where the value is (withheld or undefined)."""
    kind = interval_kind(indicator)
    if kind is None or frame.empty:
        return frame
    numerator, denominator = as_floats(frame["numerator"]), as_floats(frame["denominator"])
    if kind == "share":
        if "months" in frame:  # person-months: the interval is on the mean monthly numbers
            months = as_floats(frame["months"])
            months = np.where(months > 0, months, np.nan)
            numerator, denominator = numerator / months, denominator / months
        low, high = wilson(numerator, denominator)
        low, high = low * indicator.scale, high * indicator.scale
    else:
        low, high = poisson_exact(numerator)
        if kind == "rate":
            exposure = np.where(denominator > 0, denominator, np.nan)
            low, high = low * indicator.scale / exposure, high * indicator.scale / exposure
    value = frame["value"]
    missing = (value if value.dtype.kind in "iuf" else pd.to_numeric(value, errors="coerce")
               ).isna().to_numpy()
    low = pd.array(np.where(missing, np.nan, low), dtype="Float64")
    high = pd.array(np.where(missing, np.nan, high), dtype="Float64")
    # A copy with the two columns (replaced where they are): for two, cheaper than a concat.
    return frame.assign(low=low, high=high)


def as_floats(column: pd.Series) -> np.ndarray:
    """A column as floats, NaN where it is missing or not a number (numbers directly: pandas'
    to_numeric costs a millisecond a column; the chart's error bars read theirs so too)."""
    if column.dtype.kind in "iuf":  # numbers already (Float64, Int64, float64...)
        return column.to_numpy(dtype=float, na_value=np.nan)
    return pd.to_numeric(column, errors="coerce").astype(float).to_numpy()


def wilson(successes: np.ndarray, trials: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of successes / trials, as fractions (NaN where trials <= 0)."""
    z = Z
    with np.errstate(divide="ignore", invalid="ignore"):
        n = np.where(trials > 0, trials, np.nan)
        p = np.clip(successes / n, 0, 1)
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def poisson_exact(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The exact (Garwood) interval of a Poisson count (NaN where the count is)."""
    alpha = 1 - CONFIDENCE
    with np.errstate(invalid="ignore"):
        low = np.where(counts > 0, chi2_ppf(alpha / 2, 2 * counts) / 2, 0.0)
        high = chi2_ppf(1 - alpha / 2, 2 * (counts + 1)) / 2
    nan = np.isnan(counts)
    return np.where(nan, np.nan, low), np.where(nan, np.nan, high)


def chi2_ppf(q: float, df: np.ndarray) -> np.ndarray:
    """scipy.stats.chi2.ppf(q, df) for 0 < q < 1: scipy's own formula (2·gammaincinv(df/2, q)),
    without its argument checks (a third of a millisecond a call); NaN where the degrees of
    freedom are not positive, as chi2.ppf gives."""
    df = np.asarray(df, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.where(df > 0, 2 * gammaincinv(df / 2, q), np.nan)
