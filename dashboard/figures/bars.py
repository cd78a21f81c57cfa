"""Bar charts: ranked horizontal bars for categories, grouped or stacked bars for splits."""

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
    value_label,
)
from indicators.i18n import _


def ranked_bars(frame: pd.DataFrame, category: str, unit: str = "count", top: int = 15,
                labels=None, target: str | None = None, colours: list[str] | None = None
                ) -> go.Figure:
    """The `top` largest values, largest at the top; `colours` per row if given."""
    labels = labels or {}
    ordered = frame.dropna(subset=["value"]).sort_values("value", ascending=False).head(top)
    ordered = ordered.iloc[::-1]  # plotly draws the first bar at the bottom
    names = [str(labels.get(v, v)) for v in ordered[category]]
    figure = base_figure(height=max(240, 28 * len(ordered) + 80))
    figure.add_trace(go.Bar(
        x=ordered["value"].astype(float), y=names, orientation="h", showlegend=False,
        marker={"color": colours[::-1][: len(ordered)] if colours else PALETTE[0]},
        hovertemplate=hover("%{y}", hover_value(unit, "x")),
        # Same digits and separators as the hover text (d3 with the layout's separators).
        text=[value_label(v, unit) for v in ordered["value"].astype(float)],
        textposition="auto",
    ))
    if target and target in ordered and ordered[target].notna().any():
        figure.add_trace(go.Scatter(
            x=ordered[target].astype(float), y=names, mode="markers", name=_("Target"),
            marker={"symbol": "line-ns", "size": 18, "line": {"width": 3,
                                                             "color": TARGET_COLOUR}},
            hovertemplate=hover("%{y}", _("target {value}").format(
                value=hover_value(unit, "x"))),
        ))
    figure.update_layout(showlegend=bool(target), xaxis_title=axis_title(unit),
                         margin={"l": 8})
    figure.update_yaxes(automargin=True, rangemode="normal")
    return figure


def split_bars(frame: pd.DataFrame, x: str, split: str, unit: str = "count",
               stacked: bool = True, labels=None, order: tuple = ()) -> go.Figure:
    """One bar group per `x` value, one colour per `split` value (stacked by default);
    `order` puts those split values first, in that order (e.g. before, then after)."""
    labels = labels or {}
    figure = base_figure()
    groups = sorted(frame.groupby(split, sort=True), key=lambda item: (
        order.index(item[0]) if item[0] in order else len(order)))
    for index, (name, group) in enumerate(groups):
        group = group.sort_values(x)
        label = str(labels.get(name, name))
        figure.add_trace(go.Bar(
            x=[str(labels.get(v, v)) for v in group[x]], y=group["value"].astype(float),
            name=label,
            marker={"color": PALETTE[index % len(PALETTE)],
                    "pattern": {"shape": ["", "/", ".", "x", "-", "|", "+", "\\"][index % 8]}},
            hovertemplate=hover("%{x}", hover_value(unit, "y"), extra=label),
        ))
    figure.update_layout(barmode="stack" if stacked else "group", yaxis_title=axis_title(unit))
    if x == "year":
        # Traces list their own years; without an order, the axis follows first appearance.
        figure.update_xaxes(type="category", categoryorder="category ascending")
    return figure
