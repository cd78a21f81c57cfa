"""The KPI card's sparkline: the previous period muted, the current period in colour."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import MUTED, PALETTE, TEMPLATE, hover, hover_value, separators
from indicators.i18n import _


def kpi_sparkline(series: pd.DataFrame, time: str, unit: str = "count",
                  current_from=None, height: int = 64) -> go.Figure:
    """`series` has `time` and `value`; points from `current_from` on are the current period."""
    ordered = series.dropna(subset=["value"]).sort_values(time)
    x = ordered[time].astype(str)
    y = ordered["value"].astype(float)
    current = ordered[time] >= current_from if current_from is not None else y.notna()
    figure = go.Figure()
    template = hover("%{x}", hover_value(unit, "y"))
    # The muted line runs through every point, so the two parts join without a gap.
    figure.add_trace(go.Scatter(x=x, y=y, mode="lines", line={"color": MUTED, "width": 1.5},
                                hovertemplate=template, name=_("Previous period")))
    figure.add_trace(go.Scatter(x=x[current], y=y[current], mode="lines",
                                line={"color": PALETTE[0], "width": 2.5},
                                hovertemplate=template, name=_("Current period")))
    if len(ordered):
        figure.add_trace(go.Scatter(x=x.iloc[-1:], y=y.iloc[-1:], mode="markers",
                                    marker={"color": PALETTE[0], "size": 6},
                                    hoverinfo="skip", name=_("Latest")))
    figure.update_layout(template=TEMPLATE, height=height, showlegend=False,
                         separators=separators(),
                         margin={"l": 2, "r": 6, "t": 4, "b": 4})
    figure.update_xaxes(visible=False, type="category")
    figure.update_yaxes(visible=False, rangemode="normal")
    return figure
