"""Bar charts: ranked horizontal bars for categories, grouped or stacked bars for splits."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import (
    PALETTE,
    TARGET_COLOUR,
    axis_title,
    figure_from,
    hover,
    hover_value,
    value_label,
)
from dashboard.figures.uncertainty import error_bars, hover_details, partial_rows, with_details
from indicators.i18n import _


def ranked_bars(frame: pd.DataFrame, category: str, unit: str = "count", top: int = 15,
                labels=None, target: str | None = None, colours: list[str] | None = None
                ) -> go.Figure:
    """The `top` largest values, largest at the top; `colours` per row if given."""
    labels = labels or {}
    ordered = frame.dropna(subset=["value"]).sort_values("value", ascending=False).head(top)
    ordered = ordered.iloc[::-1]  # plotly draws the first bar at the bottom
    names = [str(labels.get(v, v)) for v in ordered[category]]
    details = hover_details(ordered, unit)  # what a share rests on, and its 95% interval
    marker = {"color": colours[::-1][: len(ordered)] if colours else PALETTE[0]}
    if "ranked" in ordered and not ordered["ranked"].all():
        # Groups too small to rank (indicators.ranking), when shown at all: hatched, pale.
        marker["pattern"] = {"shape": ["" if r else "/" for r in ordered["ranked"]]}
        marker["opacity"] = [1.0 if r else 0.45 for r in ordered["ranked"]]
    bars = error_bars(ordered)
    traces = [dict(
        type="bar", x=ordered["value"].astype(float), y=names, orientation="h", showlegend=False,
        marker=marker,
        error_x=bars, customdata=details,
        hovertemplate=with_details(hover("%{y}", hover_value(unit, "x")), details),
        # Same digits and separators as the hover text (d3 with the layout's separators).
        text=[value_label(v, unit) for v in ordered["value"].astype(float)],
        # Inside the bar, so the label never sits on the error bar's whisker.
        textposition="inside" if bars else "auto", insidetextanchor="start",
    )]
    if target and target in ordered and ordered[target].notna().any():
        traces.append(dict(
            type="scatter", x=ordered[target].astype(float), y=names, mode="markers",
            name=_("Target"),
            marker={"symbol": "line-ns", "size": 18, "line": {"width": 3,
                                                             "color": TARGET_COLOUR}},
            hovertemplate=hover("%{y}", _("target {value}").format(
                value=hover_value(unit, "x"))),
        ))
    # Made at once (theme.figure_from), not updated after.
    return figure_from(traces, {"showlegend": bool(target), "margin": {"l": 8},
                                "xaxis": {"title": {"text": axis_title(unit)}},
                                "yaxis": {"automargin": True, "rangemode": "normal"}},
                       height=max(240, 28 * len(ordered) + 80))


def split_bars(frame: pd.DataFrame, x: str, split: str, unit: str = "count",
               stacked: bool = True, labels=None, order: tuple = ()) -> go.Figure:
    """One bar group per `x` value, one colour per `split` value (stacked by default);
    `order` puts those split values first, in that order (e.g. before, then after)."""
    labels = labels or {}
    traces = []  # the figure is made at once (theme.figure_from)
    groups = sorted(frame.groupby(split, sort=True), key=lambda item: (
        order.index(item[0]) if item[0] in order else len(order)))
    for index, (name, group) in enumerate(groups):
        group = group.sort_values(x)
        label = str(labels.get(name, name))
        details = hover_details(group, unit)
        partial = partial_rows(group)  # a partial year's bar is paler, so never read as whole
        traces.append(dict(
            type="bar", x=[str(labels.get(v, v)) for v in group[x]], y=group["value"].astype(float),
            name=label, customdata=details,
            error_y=None if stacked else error_bars(group),
            marker={"color": PALETTE[index % len(PALETTE)],
                    "opacity": [0.4 if p else 1.0 for p in partial],
                    "pattern": {"shape": ["", "/", ".", "x", "-", "|", "+", "\\"][index % 8]}},
            hovertemplate=with_details(hover("%{x}", hover_value(unit, "y"), extra=label),
                                       details),
        ))
    layout = {"barmode": "stack" if stacked else "group",
              "yaxis": {"title": {"text": axis_title(unit)}}}
    if x == "year":
        # Traces list their own years; without an order, the axis follows first appearance.
        layout["xaxis"] = {"type": "category", "categoryorder": "category ascending"}
    return figure_from(traces, layout)
