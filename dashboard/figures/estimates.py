"""Estimates beside each other: one point per estimate with its 95% interval, the zero line,
and the units each rests on in its label; and a funnel of stages in their fixed order."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import (
    MUTED,
    PALETTE,
    axis_title,
    base_figure,
    hover,
    hover_value,
    value_label,
)
from dashboard.figures.uncertainty import error_bars, hover_details, with_details
from indicators.i18n import _, format_number


def estimate_points(frame: pd.DataFrame, key: str, order: tuple[str, ...] = (),
                    unit: str = "score", labels=None) -> go.Figure:
    """One row per estimate, top to bottom in `order`; the interval is drawn where the frame
    has one, and each label says how many units (the denominator) it rests on."""
    labels = labels or {}
    valued = frame.dropna(subset=["value"])
    present = list(valued[key].astype(str))
    sequence = [s for s in order if s in present] + sorted(s for s in present if s not in order)
    ordered = valued.set_index(valued[key].astype(str)).loc[sequence].reset_index(drop=True)
    names = [_("{name} (n = {count})").format(name=labels.get(s, s),
                                             count=format_number(int(n)))
             for s, n in zip(sequence, ordered["denominator"].astype(float), strict=True)]
    values = ordered["value"].astype(float)
    details = hover_details(ordered, unit)
    figure = base_figure(height=90 + 70 * len(sequence))
    figure.add_trace(go.Scatter(
        x=values, y=names, mode="markers+text", error_x=error_bars(ordered),
        marker={"size": 12, "color": [PALETTE[i % len(PALETTE)] for i in range(len(names))]},
        text=[value_label(v, unit) for v in values], textposition="top center",
        customdata=details,
        hovertemplate=with_details(hover("%{y}", hover_value(unit, "x")), details),
    ))
    figure.add_vline(x=0, line={"color": MUTED, "dash": "dot", "width": 1})
    figure.update_yaxes(type="category", autorange="reversed", rangemode="normal")
    figure.update_xaxes(title=_("Change in {unit}").format(unit=axis_title(unit)),
                        rangemode="normal")
    figure.update_layout(showlegend=False)
    return figure


def stage_funnel(frame: pd.DataFrame, stage: str, order: tuple[str, ...],
                 unit: str = "count", labels=None) -> go.Figure:
    """The stages in `order` only, as horizontal bars from the widest down, each with its
    share of the first: what falls out between two is the loop's leak. Bars, not plotly's
    funnel trace, which the vendored plotly.js bundle does not carry."""
    labels = labels or {}
    valued = frame.dropna(subset=["value"])
    steps = dict(zip(valued[stage].astype(str), valued["value"].astype(float), strict=True))
    sequence = [s for s in order if s in steps]
    first = steps[sequence[0]] if sequence else 0
    figure = base_figure(height=90 + 56 * len(sequence))
    figure.add_trace(go.Bar(
        y=[str(labels.get(s, s)) for s in sequence], x=[steps[s] for s in sequence],
        orientation="h",
        # The value, then its share of the first stage (no words: the card's note says so).
        text=[f"{value_label(steps[s], unit)} · "
              f"{value_label(100 * steps[s] / first if first else float('nan'), 'percent')}"
              for s in sequence],
        textposition="auto",
        marker={"color": [PALETTE[i % len(PALETTE)] for i in range(len(sequence))]},
        hovertemplate=hover("%{y}", hover_value(unit, "x")),
    ))
    figure.update_yaxes(type="category", autorange="reversed", rangemode="normal")
    figure.update_layout(showlegend=False, xaxis_title=axis_title(unit))
    return figure


def estimate_sentence(title: str, frame: pd.DataFrame, key: str, names, fmt) -> str:
    """The chart in words: each estimate with its interval and the units it rests on."""
    parts = []
    for _index, row in frame.iterrows():
        name = names.get(key, {}).get(row[key], row[key])
        if pd.notna(row.get("low")):
            parts.append(_("{name} {value} (95% interval {low} to {high}; n = {count})").format(
                name=name, value=fmt(row["value"]), low=fmt(row["low"]), high=fmt(row["high"]),
                count=format_number(int(row["denominator"]))))
        else:
            parts.append(_("{name} {value} (too few units for an interval; n = {count})").format(
                name=name, value=fmt(row["value"]), count=format_number(int(row["denominator"]))))
    return _("{title}: {listed}.").format(title=title, listed="; ".join(parts))
