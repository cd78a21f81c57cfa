"""A small trend line for a KPI card: no axes, just the shape and the last point."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import PALETTE, TEMPLATE, hover, separators, value_format


def sparkline(frame: pd.DataFrame, time: str, unit: str = "count") -> go.Figure:
    ordered = frame.dropna(subset=["value"]).sort_values(time)
    fmt = value_format(unit)
    figure = go.Figure(go.Scatter(
        x=ordered[time].astype(str), y=ordered["value"].astype(float), mode="lines",
        line={"color": PALETTE[0], "width": 2}, fill="tozeroy",
        fillcolor="rgba(0,114,178,0.12)",
        hovertemplate=hover("%{x}", f"%{{y:{fmt}}}"),
    ))
    figure.update_layout(template=TEMPLATE, height=60, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                         showlegend=False, separators=separators())
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure
