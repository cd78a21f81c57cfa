"""Turn a panel and the current filters into what its card shows: figure, table rows,
caption, summary sentence and messages. Numbers come only from indicators.compute()."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from sqlalchemy import Engine

from dashboard.figures.bars import ranked_bars, split_bars
from dashboard.figures.flows import flow_sankey, pipeline_bars
from dashboard.figures.heat import heat_strip
from dashboard.figures.timeseries import line_chart
from dashboard.figures.withheld import note_withheld, withheld_bars
from dashboard.mission_map import COLUMN_TITLES, SITES_SOURCE, map_figure, map_summary, with_places
from dashboard.panels import Panel
from indicators.compute import compute, get_indicator
from indicators.disclosure import DISPLAY, is_suppressed
from indicators.filters import Filters
from indicators.indicator import Indicator
from indicators.lookups import Provenance, deployment_sites, labels, provenance
from indicators.status import period_label

DIMENSION_TITLES = {
    "mission": "Mission", "country": "Country", "category": "Category", "gender": "Gender",
    "year": "Year", "month": "Month", "incident-type": "Incident type",
    "personnel-type": "Personnel type", "nationality": "Nationality", "unit-type": "Unit type",
    "capability-area": "Capability area", "status": "Status", "key-factor": "Key factor",
    "course-area": "Course area", "stage": "Stage", "provider": "Provider",
    "recipient": "Recipient", "actor": "Taken by", "action": "Action", DISPLAY: "Shown as",
    **COLUMN_TITLES,
}
TIME = ("year", "month")
NOT_GIVEN = "Not given"  # a group with no code (no nationality, no actor), on charts


@dataclass
class PanelView:
    """Everything the card displays, in plain Python (testable without a browser)."""

    figure: go.Figure | None
    rows: list[dict]
    columns: list[dict]
    caption: str
    summary: str
    message: str = ""
    illustrative: bool = False
    frame: pd.DataFrame = field(default_factory=pd.DataFrame)


def panel_filters(panel: Panel, filters: Filters, engine: Engine) -> Filters:
    """The filters a panel computes with: its category subset, then its hook, if any."""
    narrowed = panel.filters_for(filters)
    return panel.filters_hook(narrowed, engine) if panel.filters_hook else narrowed


def panel_frame(panel: Panel, filters: Filters, engine: Engine) -> pd.DataFrame:
    """The numbers a panel shows (and downloads): compute() with the panel's grouping."""
    kept = tuple(dimension for dimension, _ in panel.where)
    frame = compute(panel.indicator, panel_filters(panel, filters, engine),
                    (*panel.by, *kept), engine=engine)
    if kept:
        attrs = frame.attrs
        for dimension, value in panel.where:
            frame = frame[frame[dimension] == value]
        frame = frame.drop(columns=list(kept)).reset_index(drop=True)
        frame.attrs = attrs
    if panel.chart == "map":  # the map's table and download give each mission's place
        frame = with_places(frame, panel.filters_for(filters), engine)
    return frame


def build_view(panel: Panel, filters: Filters, engine: Engine) -> PanelView:
    indicator = get_indicator(panel.indicator)
    frame = panel_frame(panel, filters, engine)
    names = labels(engine)
    is_map = panel.chart == "map"
    sources = provenance(engine, (*indicator.sources, *((SITES_SOURCE,) if is_map else ())))
    if panel.filters_hook:  # the caption names the set the hook chose (a country's peers)
        filters = panel_filters(panel, filters, engine)
    caption = caption_text(indicator, filters, sources, frame.attrs.get("ignored_filters", []))
    withheld = is_suppressed(frame)
    has_values = not frame.empty and (frame["value"].notna().any() or withheld.any())
    if not has_values:
        return PanelView(None, [], [], caption, "", no_data_message(indicator, filters, sources),
                         indicator.illustrative, frame)
    drawn = _name_missing(frame, panel.by)
    summary = (summary_sentence(panel, indicator, drawn, names)
               if frame["value"].notna().any() else "")
    if withheld.any():
        summary = _withheld_summary(panel, indicator, drawn, withheld, names, summary)
    if is_map:  # the map also places deployment sites, which the frame only counts
        sites = deployment_sites(engine, panel.filters_for(filters))
        figure, summary = map_figure(frame, sites), map_summary(frame, sites, summary)
    else:
        figure = make_figure(panel, indicator, drawn, names)
    return PanelView(
        figure=figure,
        rows=table_rows(frame, names),
        columns=table_columns(frame, indicator),
        caption=caption,
        summary=summary,
        illustrative=indicator.illustrative,
        frame=frame,
    )


def make_figure(panel: Panel, indicator: Indicator, frame: pd.DataFrame, names) -> go.Figure:
    dimension_labels = {}
    for dimension in panel.by:
        dimension_labels.update(names.get(dimension, {}))
    target = "target" if panel.target and "target" in frame else None
    withheld = is_suppressed(frame)
    if withheld.any():
        return _withheld_figure(panel, indicator, frame, withheld, names, dimension_labels)
    if panel.chart == "line":
        time = panel.x or next(d for d in panel.by if d in TIME)
        return line_chart(frame, time, panel.series, indicator.unit, target, dimension_labels)
    if panel.chart == "split":
        # Counts add up; rates and mean scores do not, so those stand side by side.
        return split_bars(frame, panel.x or panel.by[0], panel.series or panel.by[1],
                          indicator.unit, stacked=indicator.denominator is None,
                          labels=dimension_labels, order=panel.order)
    if panel.chart == "heat":
        return heat_strip(frame, panel.x or panel.by[0], panel.series or panel.by[1],
                          indicator.unit, labels=dimension_labels)
    if panel.chart == "sankey":
        return flow_sankey(frame, panel.x or panel.by[0], panel.series or panel.by[1],
                           indicator.unit, panel.top, dimension_labels)
    if panel.chart == "pipeline":
        return pipeline_bars(frame, panel.x or panel.by[0], panel.order, indicator.unit,
                             dimension_labels)
    category = panel.x or (panel.by[0] if panel.by else None)
    if category is None:
        frame = frame.assign(total="All")
        category = "total"
    return ranked_bars(frame, category, indicator.unit, panel.top, dimension_labels, target)


def _name_missing(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """The frame for charts and sentences: a missing code reads "Not given", not "nan"."""
    missing = {d: frame[d].astype(object).where(frame[d].notna(), NOT_GIVEN)
               for d in by if d not in TIME and d in frame and frame[d].isna().any()}
    return frame.assign(**missing) if missing else frame


def _withheld_summary(panel: Panel, indicator: Indicator, frame: pd.DataFrame,
                      withheld: pd.Series, names, summary: str) -> str:
    """The text alternative where small numbers are withheld: every value as shown, when few."""
    label = frame.loc[withheld, DISPLAY].iloc[0]
    if len(panel.by) == 1 and len(frame) <= 12:
        key, fmt = panel.by[0], _formatter(indicator.unit)
        listed = ", ".join(
            f"{names.get(key, {}).get(row[key], row[key])}: "
            f"{label if hidden else _shown(fmt, row['value'])}"
            for hidden, (_, row) in zip(withheld, frame.iterrows(), strict=True))
        return f"{indicator.title_en}: {listed}."
    return (f"{summary} {int(withheld.sum())} of {len(frame)} values are {label} and are not "
            "shown exactly.").strip()


def _shown(fmt, value) -> str:
    return "no value" if pd.isna(value) else fmt(value)


def _withheld_figure(panel: Panel, indicator: Indicator, frame: pd.DataFrame,
                     withheld: pd.Series, names, dimension_labels) -> go.Figure:
    """Small numbers the disclosure rule withheld: labelled bars where the chart has one
    dimension, otherwise the chart of the other values with a note under it."""
    label = frame.loc[withheld, DISPLAY].iloc[0]
    if len(panel.by) <= 1 and panel.chart in ("bars", "line"):
        category = panel.x or (panel.by[0] if panel.by else None)
        if category is None:
            frame, category = frame.assign(total="All"), "total"
        # For a count the threshold is an upper bound on the bar; for a rate it is no value.
        placeholder = (indicator.suppress_below or 0) if indicator.denominator is None else 0
        return withheld_bars(frame, category, withheld, label, indicator.unit, panel.top,
                             dimension_labels, vertical=category in TIME,
                             placeholder=placeholder)
    shown = frame[~withheld]
    if shown["value"].notna().any():
        figure = make_figure(panel, indicator, shown.reset_index(drop=True), names)
    else:
        figure = go.Figure(layout={"height": 200, "xaxis": {"visible": False},
                                   "yaxis": {"visible": False}})
    return note_withheld(figure, label)


def table_columns(frame: pd.DataFrame, indicator: Indicator) -> list[dict]:
    columns = []
    for column in frame.columns:
        if column in ("unit", "illustrative"):
            continue
        definition = {"field": column, "headerName": DIMENSION_TITLES.get(column, column)}
        if column == "value":
            definition["headerName"] = f"Value ({indicator.unit})"
        if column in ("numerator", "denominator", "value", "target", "gap_points",
                      "women_needed", "months"):
            definition["type"] = "rightAligned"
            definition["valueFormatter"] = {
                "function": "params.value == null ? '' : d3.format(',.4~f')(params.value)"}
        if column.endswith("_name"):
            definition["headerName"] = DIMENSION_TITLES.get(column[:-5], column[:-5]) + " name"
        columns.append(definition)
    return columns


def table_rows(frame: pd.DataFrame, names) -> list[dict]:
    """The frame as grid rows, with a readable name beside each code (same numbers as CSV)."""
    shown = frame.drop(columns=["unit", "illustrative"])
    for dimension in ("country", "nationality", "provider", "recipient", "category"):
        if dimension in shown:
            shown.insert(shown.columns.get_loc(dimension) + 1, f"{dimension}_name",
                         shown[dimension].map(names.get(dimension, {})))
    shown = shown.astype(object).where(shown.notna(), None)
    return shown.to_dict("records")


def caption_text(indicator: Indicator, filters: Filters, sources: list[Provenance],
                 ignored: list[str]) -> str:
    parts = [filters.describe()]
    for source in sources:
        if source.as_of:
            parts.append(f"Source: {source.title}, as of {source.as_of:%d %b %Y}")
        elif source.loaded:  # generated data describe no date, only the months they cover
            covers = period_label(source.coverage_start, source.coverage_end)
            parts.append(f"Source: {source.title}" + (f", covering {covers}" if covers else ""))
        else:
            parts.append(f"Source: {source.title}, not loaded")
    if ignored:
        parts.append(f"Not applicable to this indicator, so not applied: {', '.join(ignored)}")
    return " · ".join(parts)


def no_data_message(indicator: Indicator, filters: Filters, sources: list[Provenance]) -> str:
    coverage = "; ".join(
        f"{s.title} covers {period_label(s.coverage_start, s.coverage_end)}"
        for s in sources if s.loaded)
    if not any(s.loaded for s in sources):
        return (f"No data: the source of {indicator.title_en.lower()} is not loaded yet "
                "(run `pkdash fetch && pkdash build`).")
    return (f"No data for {filters.describe()}. {coverage}. Try a wider period or fewer "
            "filters.")


def summary_sentence(panel: Panel, indicator: Indicator, frame: pd.DataFrame, names) -> str:
    """A text alternative to the chart, and a key message for a briefing."""
    fmt = _formatter(indicator.unit)
    title = indicator.title_en
    valued = frame.dropna(subset=["value"])
    time = next((d for d in panel.by if d in TIME), None)
    others = [d for d in panel.by if d != time]
    if time and not others:
        ordered = valued.sort_values(time)
        first, last = ordered.iloc[0], ordered.iloc[-1]
        peak = ordered.loc[ordered["value"].astype(float).idxmax()]
        return (f"{title}: {fmt(first['value'])} in {first[time]}, {fmt(last['value'])} in "
                f"{last[time]}; highest {fmt(peak['value'])} in {peak[time]}.")
    if panel.chart == "sankey":
        return _flow_sentence(panel, title, valued, names, fmt)
    if panel.chart == "pipeline":
        key = panel.x or panel.by[0]
        steps = {row[key]: row["value"] for _, row in valued.iterrows()}
        sequence = [s for s in panel.order if s in steps] + [s for s in steps
                                                              if s not in panel.order]
        listed = ", ".join(f"{names.get(key, {}).get(s, s)} {fmt(steps[s])}" for s in sequence)
        return f"{title}: {listed}."
    if others and not time:
        top = valued.sort_values("value", ascending=False).head(3)
        # Name every dimension of a cell (a heat strip's row and column), not just the first.
        listed = ", ".join(" · ".join(str(names.get(key, {}).get(row[key], row[key]))
                                      for key in others) + f" {fmt(row['value'])}"
                           for _, row in top.iterrows())
        return f"{title}, highest: {listed}."
    if time and others:
        latest = valued[valued[time] == valued[time].max()]
        listed = ", ".join(" · ".join(str(names.get(key, {}).get(row[key], row[key]))
                                      for key in others) + f" {fmt(row['value'])}"
                           for _, row in latest.sort_values("value", ascending=False)
                           .head(5).iterrows())
        return f"{title}, in {latest[time].iloc[0]}: {listed}."
    if not panel.by:
        return f"{title}: {fmt(valued.iloc[0]['value'])}."
    return f"{title}: {len(valued)} values shown; see the table for each."


def _flow_sentence(panel: Panel, title: str, valued: pd.DataFrame, names, fmt) -> str:
    source, target = panel.x or panel.by[0], panel.series or panel.by[1]
    biggest = valued.sort_values("value", ascending=False).iloc[0]
    source_name = names.get(source, {}).get(biggest[source], biggest[source])
    target_name = names.get(target, {}).get(biggest[target], biggest[target])
    return (f"{title}: {fmt(valued['value'].astype(float).sum())} in all, from "
            f"{valued[source].nunique()} {DIMENSION_TITLES.get(source, source).lower()}s to "
            f"{valued[target].nunique()} {DIMENSION_TITLES.get(target, target).lower()}s; "
            f"largest: {source_name} → {target_name}, {fmt(biggest['value'])}.")


def _formatter(unit: str):
    if unit == "percent":
        return lambda v: f"{float(v):.1f}%"
    if unit.startswith("per 1,000"):
        return lambda v: f"{float(v):.2f} per 1,000 per year"
    if unit in ("score",):
        return lambda v: f"{float(v):.1f}"
    return lambda v: f"{float(v):,.0f}"
