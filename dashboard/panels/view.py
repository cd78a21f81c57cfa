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
from dashboard.figures.margins import reserve_margins
from dashboard.figures.parity import PARITY_WORDS, parity_grid, parity_sentence
from dashboard.figures.timeseries import line_chart, mark_milestones
from dashboard.figures.withheld import note_withheld, withheld_bars
from dashboard.i18n.numbers import unit_label, value_text
from dashboard.panels.kpi import FILTER_WORDS
from dashboard.panels.map import COLUMN_TITLES, SITES_SOURCE, map_figure, map_summary, with_places
from dashboard.panels.spec import Panel
from indicators.compute import compute, get_indicator
from indicators.disclosure import DISPLAY, is_suppressed
from indicators.filters import Filters
from indicators.i18n import DEFAULT_LOCALE, N_, _, current_locale, format_day, format_number
from indicators.indicator import Indicator
from indicators.lookups import Provenance, deployment_sites, labels, provenance
from indicators.milestones import mission_milestones
from indicators.status import period_label

# Column and dimension names, in English; shown through _() in the current locale.
DIMENSION_TITLES = {
    "mission": N_("Mission"), "country": N_("Country"), "category": N_("Category"),
    "gender": N_("Gender"), "year": N_("Year"), "month": N_("Month"),
    "incident-type": N_("Incident type"), "personnel-type": N_("Personnel type"),
    "nationality": N_("Nationality"), "unit-type": N_("Unit type"),
    "capability-area": N_("Capability area"), "status": N_("Status"),
    "key-factor": N_("Key factor"), "course-area": N_("Course area"), "stage": N_("Stage"),
    "provider": N_("Provider"), "recipient": N_("Recipient"), "actor": N_("Taken by"),
    "action": N_("Action"), "ugps-group": N_("UGPS target group"),
    "mission-type": N_("Mission type"), DISPLAY: N_("Shown as"),
    "task": N_("Mandate task"),
    **COLUMN_TITLES,
}
# The table's number columns besides the value (whose header names the indicator's unit).
MEASURE_TITLES = {
    "numerator": N_("Numerator"), "denominator": N_("Denominator"), "months": N_("Months"),
    "target_status": N_("Target status"), "gap_points": N_("Gap (points)"),
    "women_needed": N_("Women needed"), "sessions": N_("Sessions"),
    "target_2028": N_("2028 target (%)"), "women_needed_2028": N_("Women needed for 2028"),
    "parity": N_("Against the target"),
}
# Columns only the downloads have: the card says the unit and the kind of data elsewhere.
FILE_TITLES = {"unit": N_("Unit"), "illustrative": N_("Illustrative data")}
# A target's status in the table: published, or estimated between two published targets.
TARGET_STATUS_WORDS = {"official": N_("official"), "estimate": N_("estimate")}
# The table's name columns beside a code column (table_rows, mission_map.with_places).
NAME_TITLES = {
    "mission": N_("Mission name"), "country": N_("Country name"),
    "category": N_("Category name"), "nationality": N_("Nationality name"),
    "provider": N_("Provider name"), "recipient": N_("Recipient name"),
}
# How many of a dimension's values a flow links: "from 12 providers to 30 recipients".
FLOW_COUNTS = {
    "provider": N_("{count} providers"), "recipient": N_("{count} recipients"),
    "country": N_("{count} countries"), "nationality": N_("{count} nationalities"),
    "mission": N_("{count} missions"),
}
TIME = ("year", "month")
NOT_GIVEN = N_("Not given")  # a group with no code (no nationality, no actor), on charts


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
    kept = tuple(dimension for dimension, _value in panel.where)
    frame = compute(panel.indicator, panel_filters(panel, filters, engine),
                    (*panel.by, *kept), engine=engine)
    if kept:
        attrs = frame.attrs
        for dimension, value in panel.where:
            frame = frame[frame[dimension] == value]
        frame = frame.drop(columns=list(kept)).reset_index(drop=True)
        frame.attrs = attrs
    if panel.chart == "map":  # the map's table and download give each mission's place
        frame = with_places(frame, panel_filters(panel, filters, engine), engine)
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
        figure = reserve_margins(with_milestones(figure, panel, indicator, drawn, filters, engine))
    return PanelView(
        figure=figure,
        rows=table_rows(frame, names),
        columns=table_columns(frame, indicator),
        caption=caption,
        summary=summary,
        illustrative=indicator.illustrative,
        frame=frame,
    )


# Trend charts mark the milestones of up to this many chosen missions; more would crowd them.
MILESTONE_MISSIONS = 3


def with_milestones(figure: go.Figure, panel: Panel, indicator: Indicator, frame: pd.DataFrame,
                    filters: Filters, engine: Engine) -> go.Figure:
    """A line chart of one to three chosen missions, with their start, end and first years of
    mandate tasks marked (indicators.milestones); other charts as they are."""
    missions = filters.missions  # a panel's own narrowing never changes the missions
    if (panel.chart != "line" or not 0 < len(missions) <= MILESTONE_MISSIONS
            or "mission" not in indicator.filters or is_suppressed(frame).any()):
        return figure
    time = panel.x or next(d for d in panel.by if d in TIME)
    return mark_milestones(figure, mission_milestones(engine, missions), time, frame[time],
                           labels(engine).get("mission", {}))


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
    if panel.chart == "parity":
        return parity_grid(frame, panel.x or panel.by[0], panel.series or panel.by[1],
                           panel.top, dimension_labels)
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
        frame = frame.assign(total=_("All"))
        category = "total"
    return ranked_bars(frame, category, indicator.unit, panel.top, dimension_labels, target)


def _name_missing(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """The frame for charts and sentences: a missing code reads "Not given", not "nan"."""
    missing = {d: frame[d].astype(object).where(frame[d].notna(), _(NOT_GIVEN))
               for d in by if d not in TIME and d in frame and frame[d].isna().any()}
    return frame.assign(**missing) if missing else frame


def _withheld_summary(panel: Panel, indicator: Indicator, frame: pd.DataFrame,
                      withheld: pd.Series, names, summary: str) -> str:
    """The text alternative where small numbers are withheld: every value as shown, when few."""
    label = frame.loc[withheld, DISPLAY].iloc[0]
    if len(panel.by) == 1 and len(frame) <= 12:
        key, fmt = panel.by[0], _formatter(indicator.unit)
        listed = ", ".join(
            _("{group}: {value}").format(group=names.get(key, {}).get(row[key], row[key]),
                                         value=label if hidden else _shown(fmt, row["value"]))
            for hidden, (_index, row) in zip(withheld, frame.iterrows(), strict=True))
        return _("{title}: {listed}.").format(title=_title(indicator), listed=listed)
    withheld_sentence = _("{count} of {total} values are {label} and are not shown "
                          "exactly.").format(count=format_number(int(withheld.sum())),
                                             total=format_number(len(frame)), label=label)
    return f"{summary} {withheld_sentence}".strip()


def _shown(fmt, value) -> str:
    return _("no value") if pd.isna(value) else fmt(value)


def _withheld_figure(panel: Panel, indicator: Indicator, frame: pd.DataFrame,
                     withheld: pd.Series, names, dimension_labels) -> go.Figure:
    """Small numbers the disclosure rule withheld: labelled bars where the chart has one
    dimension, otherwise the chart of the other values with a note under it."""
    label = frame.loc[withheld, DISPLAY].iloc[0]
    if len(panel.by) <= 1 and panel.chart in ("bars", "line"):
        category = panel.x or (panel.by[0] if panel.by else None)
        if category is None:
            frame, category = frame.assign(total=_("All")), "total"
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


# The grid's numbers, up to four decimals, with the language's separators: d3-format (which
# dash-ag-grid puts in its functions' scope as `d3`), in French through a d3 locale with the
# narrow no-break space Babel writes.
GRID_NUMBER_FORMATS = {
    "en": "d3.format(',.4~f')",
    "fr": ("d3.formatLocale({decimal: ',', thousands: '\\u202f', grouping: [3], "
           "currency: ['', '\\u00a0€']}).format(',.4~f')"),
}


def grid_number_formatter() -> dict:
    """The ag-grid valueFormatter of a number column, in the current locale."""
    number = GRID_NUMBER_FORMATS.get(current_locale(), GRID_NUMBER_FORMATS["en"])
    return {"function": f"params.value == null ? '' : {number}(params.value)"}


def table_columns(frame: pd.DataFrame, indicator: Indicator) -> list[dict]:
    columns = []
    formatter = grid_number_formatter()
    for column in frame.columns:
        if column in ("unit", "illustrative"):
            continue
        title = DIMENSION_TITLES.get(column) or MEASURE_TITLES.get(column) or column
        definition = {"field": column, "headerName": _(title)}
        if column in ("value", "target"):
            template = _("Value ({unit})") if column == "value" else _("Target ({unit})")
            definition["headerName"] = template.format(unit=unit_label(indicator.unit))
        if column in ("numerator", "denominator", "value", "target", "gap_points",
                      "women_needed", "months", "target_2028", "women_needed_2028"):
            definition["type"] = "rightAligned"
            definition["valueFormatter"] = formatter
        if column.endswith("_name"):
            definition["headerName"] = name_title(column[:-5])
        columns.append(definition)
    return columns


def download_headers(frame: pd.DataFrame, indicator: Indicator) -> dict[str, str] | None:
    """A panel download's header row (CSV and Excel) in the current language, by column
    code: the table's own headers, and titles for the unit and illustrative columns. None in
    English: the files keep the column codes, as the API writes them."""
    if current_locale() == DEFAULT_LOCALE:
        return None
    titles = {code: _(title) for code, title in FILE_TITLES.items()}
    titles.update((column["field"], column["headerName"])
                  for column in table_columns(frame, indicator))
    return titles


def name_title(dimension: str) -> str:
    """The header of the name column beside a code column: Country name / Nom du pays."""
    if dimension in NAME_TITLES:
        return _(NAME_TITLES[dimension])
    return _("{dimension} name").format(
        dimension=_(DIMENSION_TITLES.get(dimension, dimension)))


def table_rows(frame: pd.DataFrame, names) -> list[dict]:
    """The frame as grid rows, with a readable name beside each code (same numbers as CSV)."""
    shown = frame.drop(columns=["unit", "illustrative"])
    for dimension in ("country", "nationality", "provider", "recipient", "category",
                      "ugps-group"):
        if dimension in shown:
            shown.insert(shown.columns.get_loc(dimension) + 1, f"{dimension}_name",
                         shown[dimension].map(names.get(dimension, {})))
    if "target_status" in shown:
        shown["target_status"] = shown["target_status"].map(
            lambda status: _(TARGET_STATUS_WORDS[status]) if status in TARGET_STATUS_WORDS
            else status)
    if "parity" in shown:
        shown["parity"] = shown["parity"].map(
            lambda parity: _(PARITY_WORDS[parity]) if parity in PARITY_WORDS else parity)
    shown = shown.astype(object).where(shown.notna(), None)
    return shown.to_dict("records")


def sources_for_period(sources: list[Provenance], filters: Filters) -> list[Provenance]:
    """The sources whose coverage meets the chosen period (all when no period is chosen or
    none would be left): a 2024 chart does not cite a file that ends in 2014."""
    def meets(source: Provenance) -> bool:
        if source.coverage_start is None or source.coverage_end is None:
            return True
        starts_after = filters.period_to and source.coverage_start > _month_end(
            filters.period_to)
        ends_before = filters.period_from and source.coverage_end < filters.period_from
        return not (starts_after or ends_before)
    kept = [source for source in sources if meets(source)]
    return kept or sources


def _month_end(month_start):
    return (pd.Timestamp(month_start) + pd.offsets.MonthEnd(0)).date()


def caption_text(indicator: Indicator, filters: Filters, sources: list[Provenance],
                 ignored: list[str]) -> str:
    parts = [filters.describe()]
    for source in sources_for_period(sources, filters):
        if source.as_of:
            parts.append(_("Source: {title}, as of {date}").format(
                title=source.title, date=format_day(source.as_of)))
        elif source.loaded:  # generated data describe no date, only the months they cover
            covers = period_label(source.coverage_start, source.coverage_end)
            parts.append(_("Source: {title}, covering {period}").format(
                title=source.title, period=covers) if covers
                else _("Source: {title}").format(title=source.title))
        else:
            parts.append(_("Source: {title}, not loaded").format(title=source.title))
    if ignored:
        parts.append(_("Not applicable to this indicator, so not applied: {filters}").format(
            filters=", ".join(_(FILTER_WORDS.get(name, name)) for name in ignored)))
    return " · ".join(parts)


def no_data_message(indicator: Indicator, filters: Filters, sources: list[Provenance]) -> str:
    loaded = [source for source in sources if source.loaded]
    if not loaded:
        # English says "the source of women's share of ..."; French quotes the title as is.
        title = _title(indicator)
        return _("No data: the source of {indicator} is not loaded yet (run `pkdash fetch && "
                 "pkdash build`).").format(
            indicator=title.lower() if current_locale() == "en" else title)
    coverage = _("; ").join(
        _("{source} covers {period}").format(
            source=s.title, period=period_label(s.coverage_start, s.coverage_end))
        for s in loaded)
    return _("No data for {filters}. {coverage}. Try a wider period or fewer filters.").format(
        filters=filters.describe(), coverage=coverage)


def summary_sentence(panel: Panel, indicator: Indicator, frame: pd.DataFrame, names) -> str:
    """A text alternative to the chart, and a key message for a briefing."""
    fmt = _formatter(indicator.unit)
    title = _title(indicator)
    valued = frame.dropna(subset=["value"])
    time = next((d for d in panel.by if d in TIME), None)
    others = [d for d in panel.by if d != time]
    if time and not others:
        ordered = valued.sort_values(time)
        first, last = ordered.iloc[0], ordered.iloc[-1]
        peak = ordered.loc[ordered["value"].astype(float).idxmax()]
        return _("{title}: {first} in {first_period}, {last} in {last_period}; highest "
                 "{peak} in {peak_period}.").format(
            title=title, first=fmt(first["value"]), first_period=first[time],
            last=fmt(last["value"]), last_period=last[time], peak=fmt(peak["value"]),
            peak_period=peak[time])
    if panel.chart == "sankey":
        return _flow_sentence(panel, title, valued, names, fmt)
    if panel.chart == "parity":
        return parity_sentence(valued, panel.x or panel.by[0], panel.series or panel.by[1],
                               panel.top, names)
    if panel.target and "target" in valued and not time and len(others) == 1:
        return target_sentence(title, valued, others[0], names, fmt)
    if panel.chart == "pipeline":
        key = panel.x or panel.by[0]
        steps = {row[key]: row["value"] for _index, row in valued.iterrows()}
        sequence = [s for s in panel.order if s in steps] + [s for s in steps
                                                              if s not in panel.order]
        listed = ", ".join(f"{names.get(key, {}).get(s, s)} {fmt(steps[s])}" for s in sequence)
        return _("{title}: {listed}.").format(title=title, listed=listed)
    if others and not time:
        top = valued.sort_values("value", ascending=False).head(3)
        # Name every dimension of a cell (a heat strip's row and column), not just the first.
        listed = ", ".join(" · ".join(str(names.get(key, {}).get(row[key], row[key]))
                                      for key in others) + f" {fmt(row['value'])}"
                           for _index, row in top.iterrows())
        return _("{title}, highest: {listed}.").format(title=title, listed=listed)
    if time and others:
        latest = valued[valued[time] == valued[time].max()]
        listed = ", ".join(" · ".join(str(names.get(key, {}).get(row[key], row[key]))
                                      for key in others) + f" {fmt(row['value'])}"
                           for _index, row in latest.sort_values("value", ascending=False)
                           .head(5).iterrows())
        return _("{title}, in {period}: {listed}.").format(
            title=title, period=latest[time].iloc[0], listed=listed)
    if not panel.by:
        return _("{title}: {value}.").format(title=title, value=fmt(valued.iloc[0]["value"]))
    return _("{title}: {count} values shown; see the table for each.").format(
        title=title, count=format_number(len(valued)))


def target_sentence(title: str, frame: pd.DataFrame, key: str, names, fmt) -> str:
    """Each group against its target: the gap in women where it falls short."""
    parts = []
    for _index, row in frame.sort_values("value", ascending=False).iterrows():
        group = names.get(key, {}).get(row[key], row[key])
        if pd.isna(row["target"]):
            detail = _("no target for the year")
        elif row["value"] >= row["target"]:
            detail = _("target {target}: met").format(target=fmt(row["target"]))
        else:
            detail = _("target {target}: {count} more women needed").format(
                target=fmt(row["target"]), count=format_number(int(row["women_needed"])))
        if row.get("target_status") == "estimate":
            detail += " " + _("(estimated target)")
        parts.append(_("{group} {value} ({detail})").format(group=group, value=fmt(row["value"]),
                                                            detail=detail))
    return _("{title}, against the UGPS targets: {listed}.").format(title=title,
                                                                    listed="; ".join(parts))


def _flow_sentence(panel: Panel, title: str, valued: pd.DataFrame, names, fmt) -> str:
    source, target = panel.x or panel.by[0], panel.series or panel.by[1]
    biggest = valued.sort_values("value", ascending=False).iloc[0]
    source_name = names.get(source, {}).get(biggest[source], biggest[source])
    target_name = names.get(target, {}).get(biggest[target], biggest[target])
    return _("{title}: {total} in all, from {sources} to {targets}; largest: {source} → "
             "{target}, {value}.").format(
        title=title, total=fmt(valued["value"].astype(float).sum()),
        sources=_flow_count(source, valued[source].nunique()),
        targets=_flow_count(target, valued[target].nunique()),
        source=source_name, target=target_name, value=fmt(biggest["value"]))


def _flow_count(dimension: str, count: int) -> str:
    if dimension in FLOW_COUNTS:
        return _(FLOW_COUNTS[dimension]).format(count=format_number(count))
    return _("{count} ({dimension})").format(
        count=format_number(count), dimension=_(DIMENSION_TITLES.get(dimension, dimension)))


def _title(indicator: Indicator) -> str:
    return indicator.title(current_locale())


def _formatter(unit: str):
    """A value as sentences write it, in the current locale: 10.2%, 0.35 per 1,000 per year."""
    return lambda v: value_text(float(v), unit)
