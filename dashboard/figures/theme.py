"""The look every chart shares: colour-blind-safe palette, fonts, number formats, margins."""

from __future__ import annotations

import plotly.graph_objects as go

# Okabe–Ito: distinguishable under the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")
TARGET_COLOUR = "#D55E00"
MUTED = "#6c757d"
# DPO's gender-parity colour code, with shapes/labels carrying the meaning too.
STATUS_COLOURS = {"meets target": "#009E73", "some women": "#E69F00", "no women": "#6c757d"}

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13,
              "color": "#212529"},
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 56, "r": 16, "t": 16, "b": 48},
        hoverlabel={"namelength": -1},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        xaxis={"gridcolor": "#eceff1", "linecolor": "#adb5bd", "automargin": True},
        yaxis={"gridcolor": "#eceff1", "linecolor": "#adb5bd", "automargin": True,
               "rangemode": "tozero"},
        separators=".,",
    )
)

# Hover and tick formats per unit (d3-format).
UNIT_FORMATS = {
    "percent": ".1f",
    "per 1,000 personnel per year": ".2f",
    "score": ".1f",
    "USD": ",.0f",
    "days": ",.0f",
}
UNIT_SUFFIX = {"percent": "%", "per 1,000 personnel per year": " per 1,000"}


def value_format(unit: str) -> str:
    return UNIT_FORMATS.get(unit, ",.0f")


def base_figure(height: int = 360) -> go.Figure:
    figure = go.Figure()
    figure.update_layout(template=TEMPLATE, height=height)
    return figure


def axis_title(unit: str) -> str:
    return {"percent": "%", "per 1,000 personnel per year": "per 1,000 personnel per year",
            "USD": "US dollars"}.get(unit, unit)
