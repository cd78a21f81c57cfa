"""Lines over time (year or month), one line per series, with an optional target line."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import (
    PALETTE,
    TARGET_COLOUR,
    axis_title,
    base_figure,
    hover,
    hover_value,
    value_format,
    with_unit,
)
from indicators.i18n import _


def line_chart(frame: pd.DataFrame, time: str, series: str | None = None,
               unit: str = "count", target: str | None = None, labels=None) -> go.Figure:
    """`time` is "year" or "month"; `series` splits into lines; `target` draws a dashed line."""
    labels = labels or {}
    figure = base_figure()
    groups = [(None, frame)] if series is None else list(frame.groupby(series, sort=True))
    fmt = value_format(unit)
    for index, (name, group) in enumerate(groups):
        group = group.sort_values(time)
        label = labels.get(name, name) if name is not None else axis_title(unit)
        figure.add_trace(go.Scatter(
            x=_x(group[time], time), y=group["value"].astype(float), name=str(label),
            mode="lines+markers", line={"color": PALETTE[index % len(PALETTE)], "width": 2},
            marker={"size": 5, "symbol": index % 20},  # shapes as well as colours
            hovertemplate=hover("%{x}", hover_value(unit, "y"), extra=str(label)),
        ))
        if target and target in group and group[target].notna().any():
            figure.add_trace(go.Scatter(
                x=_x(group[time], time), y=group[target].astype(float),
                name=_("Target") if name is None else _("Target ({series})").format(
                    series=label), mode="lines",
                line={"color": TARGET_COLOUR, "dash": "dash", "width": 2},
                hovertemplate=hover("%{x}", _("target {value}").format(
                    value=hover_value(unit, "y"))),
            ))
    figure.update_layout(showlegend=series is not None or bool(target),
                         yaxis_title=axis_title(unit), hovermode="x unified")
    figure.update_yaxes(tickformat=fmt if unit != "percent" else ".0f",
                        ticksuffix=with_unit("", unit) if unit == "percent" else "")
    if time == "year":
        figure.update_xaxes(dtick=1, tickformat="d")
    return figure


def _x(values: pd.Series, time: str):
    if time == "month":
        return pd.to_datetime(values + "-01")
    return values.astype(int)
