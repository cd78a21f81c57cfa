"""Charts with withheld small numbers: a "fewer than 3" mark with no length, never a bar."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import (
    MUTED,
    PALETTE,
    SUFFIXED_UNITS,
    axis_title,
    base_figure,
    hover,
    hover_value,
    value_label,
)
from indicators.disclosure import DISPLAY
from indicators.i18n import _


def withheld_bars(frame: pd.DataFrame, category: str, withheld: pd.Series, label: str,
                  unit: str = "count", top: int = 15, labels=None, vertical: bool = False
                  ) -> go.Figure:
    """Shown values as plain bars; withheld rows as a mark of no length on the axis,
    labelled `label` in its text and hover. `vertical` keeps the categories in order (time);
    otherwise shown values are ranked, largest first, and the withheld rows follow in code
    order.
    """
    labels = labels or {}
    withheld = withheld.reindex(frame.index, fill_value=False).astype(bool)
    shown, hidden = frame[~withheld], frame[withheld]
    if vertical:
        shown = shown.sort_values(category)
        hidden = hidden.sort_values(category)
    else:
        shown = shown.dropna(subset=["value"]).sort_values("value", ascending=False)
        hidden = hidden.sort_values(category)
        keep = max(top, 0)
        shown, hidden = shown.head(keep), hidden.head(max(keep - len(shown), 0))

    def names(rows: pd.DataFrame) -> list[str]:
        return [str(labels.get(v, v)) for v in rows[category]]

    count = len(shown) + len(hidden)
    figure = base_figure(height=360 if vertical else max(240, 24 * count + 90))
    values = shown["value"].astype(float).tolist()
    figure.add_trace(_bar(
        names(shown), values, vertical,
        name=_("Value") if unit in SUFFIXED_UNITS else _("Count shown"),
        marker={"color": PALETTE[0]},
        text=[value_label(v, unit) for v in values],
        hovertemplate=hover("%{x}", hover_value(unit, "y")) if vertical
        else hover("%{y}", hover_value(unit, "x")),
    ))
    # A withheld value is no quantity: a mark on the axis line with no length, and its label,
    # never a bar as tall as the threshold (which would read the same as a real 3). Each row
    # says its own reason ("fewer than 3", "combined with 2015–2016"...), in words.
    reasons = (hidden[DISPLAY].astype(str).tolist() if DISPLAY in hidden
               else [label] * len(hidden))
    said = label if set(reasons) <= {label} else "%{text}"
    figure.add_trace(go.Scatter(
        x=names(hidden) if vertical else [0] * len(hidden),
        y=[0] * len(hidden) if vertical else names(hidden),
        mode="markers+text", name=label.capitalize(), cliponaxis=False,
        marker={"symbol": "line-ew-open" if vertical else "line-ns-open", "size": 14,
                "color": MUTED, "line": {"color": MUTED, "width": 2}},
        text=reasons, textposition="top center" if vertical else "middle right",
        textfont={"color": MUTED, "size": 11},
        hovertemplate=hover("%{x}" if vertical else "%{y}", said),
    ))
    if vertical:
        figure.update_layout(yaxis_title=axis_title(unit), barmode="overlay")
        figure.update_xaxes(type="category", categoryorder="category ascending")
    else:
        order = names(shown) + names(hidden)
        figure.update_layout(xaxis_title=axis_title(unit), barmode="overlay", margin={"l": 8})
        figure.update_xaxes(rangemode="tozero")  # the marks sit on the axis line, at 0
        # Largest at the top; plotly draws the first category at the bottom.
        figure.update_yaxes(categoryorder="array", categoryarray=order[::-1], automargin=True,
                            rangemode="normal")
    figure.update_layout(showlegend=False)  # each withheld bar carries its own label
    return figure


def note_withheld(figure: go.Figure, label: str, small: bool = True) -> go.Figure:
    """Say under a chart that some values are withheld (where no bar can carry the label):
    `small` when the label is a value ("fewer than 3"), else a reason ("combined with 2015")."""
    sentence = (_("Values of {label} are withheld and not drawn; the table lists them.")
                if small else _("Values are withheld and not drawn ({label}); the table "
                                "says why for each."))
    figure.add_annotation(
        text=sentence.format(label=label),
        xref="paper", yref="paper", x=0, y=-0.2, showarrow=False, xanchor="left",
        font={"size": 11, "color": MUTED})
    figure.update_layout(margin={"b": 80})
    return figure


def _bar(categories: list[str], values: list[float], vertical: bool, **style) -> go.Bar:
    if vertical:
        return go.Bar(x=categories, y=values, **style)
    return go.Bar(x=values, y=categories, orientation="h", **style)
