"""A chart of one period whose group has no value (a share of no personnel: pandas' NA) is
drawn without a label for it, never an error; the real case was /missions?mission=UNISFA,
whose women's share by UGPS group answered 400 (found by benchmarks/scale.py)."""

from __future__ import annotations

import pandas as pd

from dashboard.figures.theme import value_label
from dashboard.figures.timeseries import line_chart


def one_year_with_an_empty_group() -> pd.DataFrame:
    frame = pd.DataFrame({"year": [2025, 2025], "ugps-group": ["troops", "individual-police"],
                          "value": [8.2, None]})
    frame["value"] = frame["value"].astype("Float64")  # nullable, as compute() returns
    return frame


def test_a_lone_point_with_no_value_is_drawn_unlabelled():
    figure = line_chart(one_year_with_an_empty_group(), "year", series="ugps-group",
                        unit="percent")
    texts = {trace.name: list(trace.text) for trace in figure.data if trace.text is not None}
    assert texts[next(name for name in texts if "police" in name)] == [""]
    assert texts[next(name for name in texts if "troops" in name)] == ["8.2%"]


def test_a_missing_value_has_no_label():
    assert value_label(pd.NA, "percent") == "" and value_label(float("nan"), "count") == ""
    assert value_label(12.5, "percent") == "12.5%"
