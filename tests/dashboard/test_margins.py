"""Margins reserved for a chart's labels (dashboard/figures/margins.py): each grows with what
the chart shows, and charts without axes are left alone. Whether plotly.js then finds nothing
to add is checked in the browser (tests/browser/test_first_view.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.bars import ranked_bars, split_bars
from dashboard.figures.flows import flow_sankey
from dashboard.figures.margins import reserve_margins, text_px
from dashboard.figures.timeseries import line_chart
from dashboard.figures.withheld import withheld_bars


def margins(figure: go.Figure) -> dict:
    return {side: figure.layout.margin[side] for side in ("l", "r", "t", "b")}


def test_longer_category_names_get_a_wider_left_margin():
    short = ranked_bars(pd.DataFrame({"mission": ["A", "B"], "value": [3, 4]}), "mission")
    long = ranked_bars(pd.DataFrame({"mission": ["Military experts on mission", "B"],
                                     "value": [3, 4]}), "mission")
    assert margins(reserve_margins(long))["l"] > margins(reserve_margins(short))["l"]
    assert margins(long)["l"] >= text_px("Military experts on mission")


def test_bigger_numbers_get_a_wider_value_axis():
    def line(values):
        frame = pd.DataFrame({"year": [2020, 2021], "value": values})
        return reserve_margins(line_chart(frame, "year"))

    assert margins(line([1_250_000, 3]))["l"] > margins(line([12, 3]))["l"]


def test_a_legend_of_many_long_names_takes_more_rows_above_the_plot():
    def split(names):
        frame = pd.DataFrame({"year": [2020] * len(names), "type": names,
                              "value": np.arange(1, len(names) + 1)})
        return reserve_margins(split_bars(frame, "year", "type"))

    one_row = split(["A", "B"])
    many_rows = split([f"Incident type number {n}" for n in range(8)])
    assert margins(many_rows)["t"] > margins(one_row)["t"] > 16


def test_years_that_cannot_stand_side_by_side_get_room_to_tilt():
    def years(count):
        frame = pd.DataFrame({"year": range(2000, 2000 + count), "value": 1.0})
        return reserve_margins(line_chart(frame, "year"))

    assert margins(years(40))["b"] > margins(years(3))["b"]


def test_charts_without_axes_are_left_as_they_are():
    frame = pd.DataFrame({"from": ["Ghana"], "to": ["UNMISS"], "value": [4.0]})
    sankey = flow_sankey(frame, "from", "to", "count")
    before = margins(sankey)
    assert margins(reserve_margins(sankey)) == before


def test_a_withheld_value_placed_by_name_gets_room_for_its_name():
    # "Fewer than 3" is a mark on the axis (a scatter), named like the bars beside it.
    frame = pd.DataFrame({"nationality": ["GHA", "COD"], "value": [40.0, None]})
    figure = withheld_bars(frame, "nationality", pd.Series([False, True]), "fewer than 3",
                           labels={"GHA": "Ghana",
                                   "COD": "Democratic Republic of the Congo"})
    assert margins(reserve_margins(figure))["l"] >= text_px("Democratic Republic of the Congo")
