"""Flows and pipelines: who gives to whom (a Sankey), and stages in their fixed order."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import (
    PALETTE,
    axis_title,
    base_figure,
    hover,
    hover_value,
    value_format,
    value_label,
)
from indicators.i18n import N_, _

OTHER = "Other"  # the code of the pooled sources or targets, named by its side
OTHER_PROVIDERS, OTHER_RECIPIENTS = N_("Other providers"), N_("Other recipients")


def flow_sankey(frame: pd.DataFrame, source: str, target: str, unit: str = "count",
                top: int = 15, labels=None) -> go.Figure:
    """One link per (source, target) pair, as wide as its value. Beyond the `top` largest on
    each side, sources and targets are pooled as "Other" so the diagram stays legible; the
    table beside the chart keeps every pair."""
    labels = labels or {}
    valued = frame.dropna(subset=["value"])
    valued = valued[valued["value"].astype(float) > 0]
    left = _keep_largest(valued, source, top)
    right = _keep_largest(valued, target, top)
    links = (valued.assign(_from=left, _to=right)
             .groupby(["_from", "_to"], sort=False)["value"].sum().astype(float)
             .reset_index())
    sources = _ordered_nodes(links, "_from")
    targets = _ordered_nodes(links, "_to")
    # A country can give and receive: each side gets its own node, so no link loops back.
    names = [_name(code, labels, OTHER_PROVIDERS) for code in sources] + \
            [_name(code, labels, OTHER_RECIPIENTS) for code in targets]
    position = {code: i for i, code in enumerate(sources)}
    offset = len(sources)
    fmt = value_format(unit)
    figure = base_figure(height=max(320, 26 * max(len(sources), len(targets)) + 80))
    figure.add_trace(go.Sankey(
        arrangement="fixed",
        node={"label": names, "pad": 10, "thickness": 14,
              "color": [PALETTE[0]] * len(sources) + [PALETTE[1]] * len(targets),
              "hovertemplate": hover("%{label}", hover_value(unit, "value"))},
        link={"source": [position[code] for code in links["_from"]],
              "target": [offset + targets.index(code) for code in links["_to"]],
              "value": links["value"].tolist(),
              "color": "rgba(108,117,125,0.35)",
              "hovertemplate": hover("%{source.label} → %{target.label}",
                                     hover_value(unit, "value"))},
        valueformat=fmt,
    ))
    figure.update_layout(margin={"l": 8, "r": 8, "t": 8, "b": 8})
    return figure


def pipeline_bars(frame: pd.DataFrame, stage: str, order: tuple[str, ...] = (),
                  unit: str = "count", labels=None) -> go.Figure:
    """One bar per stage, left to right in `order` (stages not listed follow, sorted)."""
    labels = labels or {}
    valued = frame.dropna(subset=["value"])
    present = list(valued[stage].astype(str))
    sequence = [s for s in order if s in present] + sorted(s for s in present if s not in order)
    ordered = valued.set_index(valued[stage].astype(str)).loc[sequence]
    values = ordered["value"].astype(float)
    names = [str(labels.get(s, s)) for s in sequence]
    figure = base_figure(height=300)
    figure.add_trace(go.Bar(
        x=names, y=values,
        marker={"color": [PALETTE[i % len(PALETTE)] for i in range(len(sequence))]},
        text=[value_label(v, unit) for v in values], textposition="auto",
        hovertemplate=hover("%{x}", hover_value(unit, "y")),
    ))
    figure.update_layout(yaxis_title=axis_title(unit), showlegend=False)
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=names)
    return figure


def _keep_largest(frame: pd.DataFrame, column: str, top: int) -> pd.Series:
    totals = frame.groupby(column)["value"].sum().astype(float).sort_values(ascending=False)
    if len(totals) <= top:
        return frame[column]
    kept = set(totals.index[: top - 1])  # one place is left for "Other"
    return frame[column].where(frame[column].isin(kept), OTHER)


def _ordered_nodes(links: pd.DataFrame, column: str) -> list[str]:
    """Largest first, "Other" last."""
    totals = links.groupby(column)["value"].sum().sort_values(ascending=False)
    codes = [code for code in totals.index if code != OTHER]
    return codes + ([OTHER] if OTHER in totals.index else [])


def _name(code: str, labels, other: str) -> str:
    return _(other) if code == OTHER else str(labels.get(code, code))
