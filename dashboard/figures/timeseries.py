"""Lines over time (year or month), one line per series, with an optional target line, and
marks for the chosen missions' milestones (start, end, mandate tasks)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.plain import plain
from dashboard.figures.theme import (
    MUTED,
    PALETTE,
    TARGET_COLOUR,
    axis_title,
    figure_from,
    hover,
    hover_value,
    value_format,
    value_label,
    with_unit,
)
from dashboard.figures.uncertainty import error_bars, hover_details, partial_rows, with_details
from indicators.i18n import N_, _


def line_chart(frame: pd.DataFrame, time: str, series: str | None = None,
               unit: str = "count", target: str | None = None, labels=None) -> go.Figure:
    """`time` is "year" or "month"; `series` splits into lines; `target` draws a dashed line."""
    labels = labels or {}
    groups = [(None, frame)] if series is None else list(frame.groupby(series, sort=True))
    fmt = value_format(unit)
    traces = []  # the figure is made once, from these (theme.figure_from)
    for index, (name, group) in enumerate(groups):
        group = group.sort_values(time)
        label = labels.get(name, name) if name is not None else axis_title(unit)
        details = hover_details(group, unit)  # what a share rests on, and its interval
        partial = partial_rows(group)
        style = {
            "mode": "lines+markers",
            "line": {"color": PALETTE[index % len(PALETTE)], "width": 2},
            # Shapes as well as colours; a partial year's point is hollow and larger.
            "marker": {"size": [9 if p else 5 for p in partial],
                       "symbol": [index % 20 + (100 if p else 0) for p in partial]},
        }
        if len(group) == 1:  # one period alone is no line: a larger point that says its value
            style.update(_lone_point(group, unit, index))
        x = _x(group[time], time)
        traces.append(dict(
            type="scatter", x=x, y=group["value"].astype(float), name=str(label),
            error_y=error_bars(group), customdata=details,
            hovertemplate=with_details(hover("%{x}", hover_value(unit, "y"), extra=str(label)),
                                       details), **style,
        ))
        if target and target in group and group[target].notna().any():
            traces.append(dict(
                type="scatter", x=x, y=group[target].astype(float),
                name=_("Target") if name is None else _("Target ({series})").format(
                    series=label), mode="lines",
                line={"color": TARGET_COLOUR, "dash": "dash", "width": 2},
                hovertemplate=hover("%{x}", _("target {value}").format(
                    value=hover_value(unit, "y"))),
            ))
    yaxis = {"title": {"text": axis_title(unit)},
             "tickformat": fmt if unit != "percent" else ".0f",
             "ticksuffix": with_unit("", unit) if unit == "percent" else ""}
    values = pd.to_numeric(frame["value"], errors="coerce")
    if fmt == ",.0f" and values.notna().any() and values.max() <= SMALL_COUNT_TICKS:
        # Whole numbers this small would get ticks at halves, shown rounded as "1, 1, 2".
        yaxis["dtick"] = 1
    layout = {"showlegend": series is not None or bool(target), "hovermode": "x unified",
              "yaxis": yaxis}
    if time == "year":
        layout["xaxis"] = {"dtick": 1, "tickformat": "d"}
    return figure_from(traces, layout)


def _lone_point(group: pd.DataFrame, unit: str, index: int) -> dict:
    """A series of one period: a labelled point, not a line of one dot."""
    return {"mode": "markers+text", "text": [value_label(v, unit) for v in group["value"]],
            "textposition": "top center", "cliponaxis": False,
            "marker": {"size": 12,
                       "symbol": [index % 20 + (100 if p else 0) for p in partial_rows(group)]}}


SMALL_COUNT_TICKS = 5  # up to this value, a whole-number axis ticks at every whole number


def _x(values: pd.Series, time: str):
    if time == "month":  # "2024-03": the format given, not guessed for each series
        return pd.to_datetime(values + "-01", format="%Y-%m-%d")
    return values.astype(int)


# A milestone's words on the chart (short, beside its line) and in its hover.
MILESTONE_WORDS = {
    "start": (N_("start"), N_("{mission} starts")),
    "end": (N_("end"), N_("{mission} ends")),
    "poc": (N_("PoC"), N_("{mission}: protection of civilians in the mandate from {year}")),
    "early-warning": (N_("early warning"),
                      N_("{mission}: early warning in the mandate from {year}")),
    "use-of-force": (N_("Ch. VII"),
                     N_("{mission}: use of force (Chapter VII) in the mandate from {year}")),
}


def mark_milestones(figure: go.Figure, milestones: pd.DataFrame, time: str,
                    shown: pd.Series, labels=None) -> go.Figure:
    """A dotted vertical line and a label at each milestone (`milestones` as
    indicators.milestones.mission_milestones gives them) that falls within the time values the
    chart shows (`shown`); milestones on the same date or year share one line, each mission's
    words a line of the label. `labels` maps mission codes to the acronyms shown (FINUL for
    UNIFIL in French)."""
    if milestones.empty or shown.empty:
        return figure
    labels = labels or {}
    marks = milestones.assign(x=milestones["year"].astype(int) if time == "year"
                              else pd.to_datetime(milestones["day"]))
    drawn = _x(shown, time)
    first, last = drawn.min(), drawn.max()
    if time == "month":
        last = last + pd.offsets.MonthEnd(0)  # the whole of the last month shown
    marks = marks[(marks["x"] >= first) & (marks["x"] <= last)]
    span = last - first
    shapes, notes = [], []  # set at once: add_shape()/add_annotation() cost ms each
    for x, group in marks.groupby("x", sort=True):
        # A label reads to the right of its line, except near the right edge, where it would
        # run past the plot and make plotly.js grow the margin and draw the chart again.
        near_end = bool(span) and (x - first) / span > 0.9
        texts, hovers = [], []
        for code, kinds in group.groupby("mission", sort=False):
            mission = labels.get(code, code)
            words = [_(MILESTONE_WORDS[kind][0]) for kind in kinds["kind"]]
            texts.append(_("{mission}: {milestones}").format(
                mission=mission, milestones=", ".join(words)))
            hovers.extend(_(MILESTONE_WORDS[kind][1]).format(mission=mission, year=year)
                          for kind, year in zip(kinds["kind"], kinds["year"], strict=True))
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x,
                       "y0": 0, "y1": 1, "layer": "below",
                       "line": {"color": MUTED, "width": 1, "dash": "dot"}})
        notes.append({"x": x, "xref": "x", "y": 1, "yref": "paper", "yanchor": "top",
                      "xanchor": "right" if near_end else "left", "textangle": -90,
                      "showarrow": False, "text": "<br>".join(texts),
                      "hovertext": "<br>".join(hovers), "font": {"size": 10, "color": MUTED},
                      "bgcolor": "rgba(255, 255, 255, 0.7)"})
    if shapes:
        figure.layout.shapes = (*figure.layout.shapes, *plain(shapes))
        figure.layout.annotations = (*figure.layout.annotations, *plain(notes))
    return figure
