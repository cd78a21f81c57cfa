"""Room for a chart's labels, reserved before plotly.js draws it, so that it draws once.

plotly.js's `automargin` measures the tick labels, axis titles, legend and colour bar after a
first drawing and, when they need more room than the layout's margins give, draws the whole
chart again: on a page of eleven charts, nearly half of the browser's plotly time
(benchmarks/README.md). Here each margin is set from the text the chart will show, estimated
a little wide, so the second drawing is not needed. `automargin` stays on: where the estimate
falls short (a narrower font would never make it so), plotly still makes room, as before.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.plain import plain

FONT_SIZE = 13  # theme.TEMPLATE's font
# Widths in ems, as DejaVu Sans draws them (system-ui on Debian, the widest of the fonts the
# theme names): others draw narrower, so the estimate errs on the side of room.
_EM = {"digit": 0.64, "upper": 0.76, "lower": 0.6, "space": 0.32, "other": 0.64}
# Measured with plotly.js 4.1 and the theme: a titled value axis needs this much beside its
# tick labels; a category axis (no title) a little; a legend row is this high; a legend item
# takes its symbol and gaps beside its text.
TITLED_AXIS_PX = 34
CATEGORY_AXIS_PX = 12
LEGEND_ROW_PX = 20
LEGEND_TOP_PX = 27
LEGEND_ITEM_PX = 45
COLOUR_BAR_PX = 52
TILTED_BOTTOM_PX = 54  # tick labels tilted by 30 degrees, below a plot with an axis title
TILTED_RIGHT_PX = 20  # room for the last tilted label's lean past the plot
# The plot width a horizontal legend wraps in: a half-width card on a laptop. Wider cards have
# room to spare; narrower ones (a phone) let plotly make more.
LEGEND_WIDTH_PX = 420
CARTESIAN = ("scatter", "bar", "heatmap")


def text_px(text: str, size: int = FONT_SIZE) -> float:
    """The width of one line of `text` at `size` px, estimated a little wide."""
    ems = 0.0
    for char in str(text):
        if char.isdigit():
            ems += _EM["digit"]
        elif char.isspace():
            ems += _EM["space"]
        elif char.isupper():
            ems += _EM["upper"]
        elif char.islower():
            ems += _EM["lower"]
        else:
            ems += _EM["other"]
    return ems * size


def reserve_margins(figure: go.Figure) -> go.Figure:
    """Set the figure's margins to what plotly's automargin would make of them (see above)."""
    if any(trace.type not in CARTESIAN for trace in figure.data):
        return figure  # a flow or a map: no axes to measure
    # The layout read once as plain dicts: each attribute read through plotly's objects (a
    # margin, the template's, an axis title) builds objects and cost a chart milliseconds.
    layout = figure.layout.to_plotly_json()
    margin = {side: _margin(layout, side) for side in ("l", "r", "t", "b")}
    for trace in figure.data:
        _fit_trace(layout, trace, margin)
    listed = [trace for trace in figure.data if trace.showlegend is not False]
    if _legend_shown(layout, listed):
        rows = _legend_rows([trace.name for trace in listed if trace.name])
        margin["t"] = max(margin["t"], LEGEND_TOP_PX + LEGEND_ROW_PX * rows)
    # Set, not update_layout(): the four sides are all a margin holds here, for 1/15 the time.
    figure.layout.margin = plain({side: math.ceil(value) for side, value in margin.items()})
    return figure


def _margin(layout: dict, side: str) -> float:
    """The margin as the figure sets it, else as the template does."""
    value = layout.get("margin", {}).get(side)
    if value is None:
        value = layout.get("template", {}).get("layout", {}).get("margin", {}).get(side)
    return value or 0


def _get(layout: dict, *path: str):
    """The layout's value at this path of keys, None where it has none."""
    for key in path:
        layout = layout.get(key) if isinstance(layout, dict) else None
    return layout


def _fit_trace(layout: dict, trace, margin: dict) -> None:
    """Widen `margin` for the labels this trace puts on the left axis and beside the plot."""
    # Names on the left axis: horizontal bars, or marks placed by name (a withheld value).
    horizontal = getattr(trace, "orientation", None) == "h" or (
        trace.type == "scatter" and trace.y is not None and _has_text(trace.y))
    if trace.type == "heatmap":
        margin["l"] = max(margin["l"], _labels_px(trace.y) + CATEGORY_AXIS_PX)
        if _get(layout, "xaxis", "side") == "top":  # one line of column names above the strip
            margin["t"] = max(margin["t"], FONT_SIZE + 22)
        colour_bar = trace.colorbar.title.text or ""
        margin["r"] = max(margin["r"], COLOUR_BAR_PX + max(
            text_px(colour_bar), _numbers_px(trace.z)))
    elif horizontal:
        margin["l"] = max(margin["l"], _labels_px(trace.y) + CATEGORY_AXIS_PX)
        # The value axis's last tick label sits centred on the plot's right edge.
        margin["r"] = max(margin["r"], _numbers_px(trace.x) / 2 + 8)
    elif trace.type in ("scatter", "bar") and trace.y is not None:
        ticks = _numbers_px(trace.y, _get(layout, "yaxis", "ticksuffix") or "")
        titled = bool(_get(layout, "yaxis", "title", "text"))
        margin["l"] = max(margin["l"], ticks + (TITLED_AXIS_PX if titled else CATEGORY_AXIS_PX))
        if _labels_tilted(trace.x, layout.get("xaxis") or {}):
            margin["b"] = max(margin["b"], TILTED_BOTTOM_PX)
            # The last tilted label leans a few pixels past the plot's right edge.
            margin["r"] = max(margin["r"], TILTED_RIGHT_PX)


def _has_text(values) -> bool:
    """Whether any of these values is a name (an array of numbers has none: not read one by
    one)."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iufM":
        return False
    return any(isinstance(value, str) for value in values)


def _labels_tilted(values, axis) -> bool:
    """Whether plotly.js tilts this axis's labels (one per category, or per year where the
    axis shows every year) because they do not fit side by side."""
    if values is None or (axis.get("type") != "category" and axis.get("dtick") != 1):
        return False
    labels = [str(value) for value in pd.unique(np.asarray(values, dtype=object))]
    return len(labels) * (_labels_px(labels) + 8) > LEGEND_WIDTH_PX


def _labels_px(labels) -> float:
    """The widest of these labels."""
    return max((text_px(label) for label in labels or ()), default=0)


def _numbers_px(values, suffix: str = "") -> float:
    """The widest tick label an axis of these values shows: about the largest value (plotly's
    top tick), with thousands separators and the suffix (both languages' separators are one
    character)."""
    if values is None:
        return 0
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":  # as plain() keeps them
        known = values[~np.isnan(values)] if values.dtype.kind == "f" else values.ravel()
        largest = np.abs(known).max() if known.size else np.nan
    else:
        flat = pd.to_numeric(pd.Series(np.asarray(values, dtype=object).ravel()),
                             errors="coerce")
        largest = flat.abs().max()
    largest = largest * 1.1  # the axis reaches a little past the largest value
    if pd.isna(largest):
        return 0
    digits = len(f"{largest:,.0f}")  # 12,500 -> "12,500": 6 characters
    decimals = ".88" if largest < 10 else ""  # small values get ticks such as 0.25
    return text_px("8" * digits + decimals + suffix)


def _legend_shown(layout: dict, listed: list) -> bool:
    """As plotly.js decides: as the layout says, else when more than one trace is listed."""
    shown = layout.get("showlegend")
    return bool(shown) if shown is not None else len(listed) > 1


def _legend_rows(names: list[str]) -> int:
    """Rows a horizontal legend of these names takes in LEGEND_WIDTH_PX: one if they all fit
    side by side, else plotly.js lays them out in columns as wide as the widest."""
    widths = [LEGEND_ITEM_PX + text_px(name) for name in names]
    if sum(widths) <= LEGEND_WIDTH_PX:
        return 1
    columns = max(1, int(LEGEND_WIDTH_PX // max(widths)))
    return math.ceil(len(widths) / columns)
