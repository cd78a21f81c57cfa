"""The difference in differences behind the LCM view: how much more supported units' scores
changed than those of comparable unsupported units evaluated in the same years, with Welch
t intervals (scipy), from one row per unit evaluation."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.intervals import CONFIDENCE

# The rows an estimate frame has, in this order (the `estimate` dimension's values).
ESTIMATES = ("before-after", "comparison-change", "difference-in-differences")


def supported_changes(evaluations: pd.DataFrame) -> pd.DataFrame:
    """One row per supported unit evaluated on both sides of its first delivery: the years of
    its last evaluation before and first after, and the change in its score between them.

    `evaluations`: mission, category, unit, evaluated_on, score, first_delivered (missing
    for units never supported)."""
    supported = evaluations.dropna(subset=["first_delivered"])
    before = supported[supported.evaluated_on <= supported.first_delivered]
    after = supported[supported.evaluated_on > supported.first_delivered]
    keys = ["mission", "category", "unit"]
    last = before.sort_values("evaluated_on").groupby(keys).tail(1)
    first = after.sort_values("evaluated_on").groupby(keys).head(1)
    paired = last.merge(first, on=keys, suffixes=("_before", "_after"))
    return pd.DataFrame({
        **{key: paired[key] for key in keys},
        "year_before": paired.evaluated_on_before.dt.year,
        "year_after": paired.evaluated_on_after.dt.year,
        "change": paired.score_after - paired.score_before,
    })


def comparison_changes(evaluations: pd.DataFrame, supported: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of a supported unit's years (mission, category, year_before,
    year_after) and a never-supported unit of the same mission and category evaluated in
    both: that unit's change in score between the two years."""
    never = evaluations[evaluations.first_delivered.isna()]
    scores = never.assign(year=never.evaluated_on.dt.year)
    scores = scores.groupby(["mission", "category", "unit", "year"], as_index=False)["score"].mean()
    windows = supported[["mission", "category", "year_before", "year_after"]].drop_duplicates()
    keys = ["mission", "category"]
    start = windows.merge(scores.rename(columns={"year": "year_before", "score": "before"}),
                          on=[*keys, "year_before"])
    end = start.merge(scores.rename(columns={"year": "year_after", "score": "after"}),
                      on=[*keys, "unit", "year_after"])
    return end.assign(change=end.after - end.before)


def estimate(evaluations: pd.DataFrame) -> pd.DataFrame:
    """The three estimates (ESTIMATES) with value, low, high and the units behind them.

    Supported units without a comparable unit are left out of both the before-after and the
    difference, so the two are about the same units."""
    # Imported here: scipy.stats is some 50 MB that a web worker drawing other pages need not
    # hold; only this (illustrative) estimate uses it (benchmarks/worker_memory.py).
    from scipy.stats import ttest_1samp, ttest_ind

    evaluations = evaluations.assign(
        score=pd.to_numeric(evaluations["score"]).astype(float),
        evaluated_on=pd.to_datetime(evaluations["evaluated_on"]),
        first_delivered=pd.to_datetime(evaluations["first_delivered"]))
    supported = supported_changes(evaluations)
    pairs = comparison_changes(evaluations, supported)
    window = ["mission", "category", "year_before", "year_after"]
    matched = supported.merge(pairs[window].drop_duplicates(), on=window)
    # A unit comparable to several supported units' years counts once, with its mean change,
    # so the units are the independent observations the interval assumes.
    comparison = pairs.groupby(["mission", "category", "unit"], as_index=False)["change"].mean()
    treated = matched["change"].to_numpy(float)
    control = comparison["change"].to_numpy(float)
    rows = [
        _row("before-after", treated, _interval(ttest_1samp, treated, popmean=0.0)),
        _row("comparison-change", control, _interval(ttest_1samp, control, popmean=0.0)),
        {"estimate": "difference-in-differences",
         "value": treated.mean() - control.mean() if len(treated) and len(control) else np.nan,
         "numerator": np.nan, "denominator": float(len(treated) + len(control)),
         **_bounds(_interval(ttest_ind, treated, control, equal_var=False))},
    ]
    frame = pd.DataFrame(rows)
    frame["supported_units"] = len(treated)
    frame["comparison_units"] = len(control)
    return frame


def _row(name: str, changes: np.ndarray, interval) -> dict:
    return {"estimate": name, "value": changes.mean() if len(changes) else np.nan,
            "numerator": changes.sum(), "denominator": float(len(changes)),
            **_bounds(interval)}


def _interval(test, *samples, **options):
    """The test's confidence interval for the mean (or the difference of means); None when
    a sample is too small to have one (fewer than two units)."""
    if any(len(sample) < 2 for sample in samples):
        return None
    return test(*samples, **options).confidence_interval(CONFIDENCE)


def _bounds(interval) -> dict:
    if interval is None:
        return {"low": np.nan, "high": np.nan}
    return {"low": float(interval.low), "high": float(interval.high)}
