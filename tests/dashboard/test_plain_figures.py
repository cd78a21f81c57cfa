"""Figures made without plotly's validation (dashboard/figures/plain.py) send readers the same
JSON, byte for byte, as the validated figure of the same traces and layout would."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.bars import ranked_bars, split_bars
from dashboard.figures.margins import reserve_margins
from dashboard.figures.parity import parity_grid
from dashboard.figures.plain import plain, unchecked_figure
from dashboard.figures.timeseries import line_chart, mark_milestones
from dashboard.figures.uncertainty import error_bars
from indicators.measures.personnel import PARITY_MET, PARITY_SOME


def validated(figure: go.Figure) -> str:
    """The JSON of the same figure put through plotly's validators afresh."""
    return go.Figure(figure).to_json()


def test_values_of_every_kind_come_out_as_validation_makes_them():
    traces = [{"type": "scatter", "y": pd.Series([1.5, np.nan, 3.0]),
               "x": pd.Series(["2020-01-01", "2020-02-01", "2020-03-01"]).astype("datetime64[ns]"),
               "name": "A", "error_y": None, "customdata": ("one", "two", None),
               "marker": {"symbol": [1, 101, 1], "size": [5, 9, 5], "color": "#0072B2"},
               "line": {"width": 2, "dash": "dot", "color": "#000000"},
               "text": ["3", "b", "2.5"], "textfont": {"size": np.int64(11)},
               "mode": "lines+markers"},
              {"type": "bar", "x": np.array([3, 1]), "y": ["B", "A"], "orientation": "h",
               "marker": {"pattern": {"shape": ["", "/"]}, "opacity": [1.0, 0.45]}}]
    layout = {"yaxis": {"title": {"text": "count"}, "tickformat": ",.0f", "dtick": None},
              "margin": {"t": 16, "b": 48, "l": 56, "r": 16}, "height": 300,
              "shapes": ({"type": "line", "x0": np.int64(2020), "x1": 2020, "y0": 0, "y1": 1,
                          "yref": "paper", "line": {"dash": "dot", "width": 1}},),
              "template": go.layout.Template(layout={"colorway": ("#000000", "#ffffff")})}
    expected = go.Figure(data=traces, layout=layout).to_json()
    assert unchecked_figure(traces, layout).to_json() == expected


def test_a_dict_comes_out_in_plotlys_key_order():
    assert list(plain({"t": 1, "b": 2, "l": None, "r": 3})) == ["b", "r", "t"]


def test_the_dashboards_charts_are_what_validation_would_make():
    years = pd.DataFrame({"year": [2019, 2020, 2021] * 2, "sex": ["F"] * 3 + ["M"] * 3,
                          "value": [12.5, 14.0, 15.5, 87.5, 86.0, 84.5],
                          "low": [10.0, 12.0, 13.0, 85.0, 84.0, 82.0],
                          "high": [15.0, 16.0, 18.0, 90.0, 88.0, 87.0],
                          "target": [15.0, 16.0, 17.0, 15.0, 16.0, 17.0]})
    line = line_chart(years, "year", "sex", "percent", "target")
    ranked = ranked_bars(years[years["sex"] == "F"], "year", "percent", target="target")
    split = split_bars(years, "year", "sex", stacked=False)
    parity = parity_grid(pd.DataFrame({
        "country": ["GHA", "GHA", "RWA"], "group": ["troops", "individual-police", "troops"],
        "value": [8.0, 20.0, np.nan], "parity": [PARITY_SOME, PARITY_MET, None],
        "denominator": [100, 100, 50]}), "country", "group", 10)
    for figure in (line, ranked, split, parity):
        assert figure.to_json() == validated(figure)


def test_milestones_and_margins_added_later_are_what_validation_would_make():
    years = pd.DataFrame({"year": [2019, 2020, 2021], "value": [1200.0, 1350.0, 1500.0]})
    milestones = pd.DataFrame({"mission": ["UNMISS", "UNMISS"], "kind": ["start", "poc"],
                               "year": [2020, 2021], "day": ["2020-07-09", "2021-01-01"]})
    unchecked = line_chart(years, "year")
    checked = go.Figure(unchecked)  # the same figure, validated as before issue 19
    for figure in (unchecked, checked):
        reserve_margins(mark_milestones(figure, milestones, "year", years["year"]))
    assert unchecked.to_json() == checked.to_json()
    assert len(unchecked.layout.shapes) == 2 and unchecked.layout.margin.l > 56


def test_error_bars_stop_at_zero_and_keep_what_is_unknown():
    frame = pd.DataFrame({"value": [5.0, 2.0, np.nan], "low": [6.0, 1.0, np.nan],
                          "high": [7.0, 3.0, np.nan]})
    bars = error_bars(frame)
    assert bars["arrayminus"][:2] == [0.0, 1.0] and np.isnan(bars["arrayminus"][2])
    assert bars["array"][:2] == [2.0, 1.0]
    assert error_bars(frame.assign(low=np.nan)) is None
