"""Heat strips: one row per group, one column per factor, the value as colour and as text."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import axis_title, base_figure, hover, number_text, value_format


def heat_strip(frame: pd.DataFrame, rows: str, columns: str, unit: str = "score",
               labels=None) -> go.Figure:
    labels = labels or {}
    table = frame.pivot_table(index=rows, columns=columns, values="value", aggfunc="first")
    figure = base_figure(height=max(220, 34 * len(table) + 100))
    figure.add_trace(go.Heatmap(
        z=table.to_numpy(dtype=float),
        x=[str(labels.get(c, c)) for c in table.columns],
        y=[str(labels.get(r, r)) for r in table.index],
        colorscale="Cividis",  # perceptually uniform and colour-blind safe
        # The colour bar names the unit, so cells and hovers show the number alone.
        text=[[number_text(v, unit) if pd.notna(v) else "" for v in row]
              for row in table.to_numpy()],
        texttemplate="%{text}",
        hovertemplate=hover("%{y} · %{x}", f"%{{z:{value_format(unit)}}}"),
        colorbar={"title": {"text": axis_title(unit)}},
    ))
    figure.update_yaxes(autorange="reversed", rangemode="normal")
    figure.update_xaxes(side="top")
    return figure
