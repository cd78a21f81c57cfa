"""The look every chart shares: colour-blind-safe palette, fonts, number formats, margins."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.plain import unchecked_figure
from dashboard.i18n.numbers import unit_label
from indicators.i18n import _, current_locale

# Okabe–Ito: distinguishable under the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")
TARGET_COLOUR = "#D55E00"
MUTED = "#6c757d"
# DPO's gender-parity colour code (green, yellow, red) in Okabe-Ito hues; a symbol in each
# cell carries the meaning too (dashboard/figures/parity.py).
PARITY_COLOURS = {"met": "#009E73", "some women": "#F0E442", "no women": "#D55E00"}
NO_TARGET_COLOUR = "#e9ecef"

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

# The template as a validated layout holds it, made once: not copied and checked per figure.
TEMPLATE_JSON = TEMPLATE.to_plotly_json()

# plotly's layout.separators per language: the decimal mark, then the thousands separator, so
# ticks, hovers and d3-formatted values read 1,234.5 in English and 1 234,5 in French (the
# narrow no-break space Babel writes, so chart and text numbers match).
SEPARATORS = {"en": ".,", "fr": ",\u202f"}

# Hover and tick formats per unit (d3-format); the separators come from the layout.
UNIT_FORMATS = {
    "percent": ".1f",
    "per 1,000 personnel per year": ".2f",
    "score": ".1f",
    "USD": ",.0f",
    "days": ",.0f",
}
# Units whose values carry a suffix on bars and in hovers (12.5%, 0.35 per 1,000).
SUFFIXED_UNITS = ("percent", "per 1,000 personnel per year")


def value_format(unit: str) -> str:
    return UNIT_FORMATS.get(unit, ",.0f")


def separators() -> str:
    """plotly's separators for the current locale."""
    return SEPARATORS.get(current_locale(), SEPARATORS["en"])


def base_figure(height: int = 360) -> go.Figure:
    """An empty themed figure, validated, for figures built by adding to it."""
    return go.Figure(layout={"template": TEMPLATE, "height": height, "separators": separators()})


def figure_from(traces: list, layout: dict, height: int = 360) -> go.Figure:
    """A figure made at once from its traces and layout (dicts or graph objects), with the
    theme, and not validated (figures/plain.py): validation, and each update_layout() or
    add_trace() after construction, cost milliseconds per chart (issue 19: a third of a
    page's build)."""
    return unchecked_figure(traces, {"template": TEMPLATE_JSON, "height": height,
                                     "separators": separators(), **layout})


def with_unit(number: str, unit: str) -> str:
    """A number, as text or as a plotly placeholder such as %{y:.1f}, with its unit's short
    suffix as bars and hovers show it: 12.5% / 12,5 %, 0.35 per 1,000; other units bare."""
    if unit == "percent":
        return _("{number}%").format(number=number)
    if unit == "per 1,000 personnel per year":
        return _("{number} per 1,000").format(number=number)
    return number


def number_text(value: float, unit: str) -> str:
    """The number as the chart's hover writes it: the unit's format spec (Python and d3 share
    them, so the digits match), then the locale's separators (1,234.5 / 1 234,5)."""
    decimal, thousands = separators()
    return f"{float(value):{value_format(unit)}}".translate(
        {ord("."): decimal, ord(","): thousands})


def value_label(value: float, unit: str) -> str:
    """A bar's text, the same as its hover: 12.5%, 1,234 / 12,5 %, 1 234; no text for a
    missing value (a share of no personnel is pandas' NA, which float() refuses)."""
    if pd.isna(value):
        return ""
    return with_unit(number_text(value, unit), unit)


def hover_value(unit: str, axis: str) -> str:
    """The hover placeholder of a value on `axis` (x, y, z, value), with its unit's suffix."""
    return with_unit(f"%{{{axis}:{value_format(unit)}}}", unit)


def hover(group: str, value: str, extra: str = "") -> str:
    """A hover template, 'Ghana: 1,234' / 'Ghana : 1 234'; `extra` goes in plotly's side box
    (the trace's name), empty for none."""
    return _("{group}: {value}").format(group=group, value=value) + f"<extra>{extra}</extra>"


def axis_title(unit: str) -> str:
    """The unit as an axis (or colour bar) names it, in the current locale."""
    if unit == "per 1,000 personnel per year":
        return _("per 1,000 personnel per year")
    if unit == "USD":
        return _("US dollars")
    return unit_label(unit)
