"""Turn a panel and the current filters into what its card shows (a PanelView): the numbers,
the figure, the table and the words, with the sources and filters they were made with.
Numbers come only from indicators.compute()."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from sqlalchemy import Engine

from dashboard.figures.bars import ranked_bars, split_bars
from dashboard.figures.estimates import estimate_points, stage_funnel
from dashboard.figures.flows import flow_sankey, pipeline_bars
from dashboard.figures.heat import heat_strip
from dashboard.figures.margins import reserve_margins
from dashboard.figures.parity import parity_grid
from dashboard.figures.timeseries import line_chart, mark_milestones
from dashboard.figures.uncertainty import BASIS, ORIGIN
from dashboard.figures.withheld import note_withheld, withheld_bars
from dashboard.panels.basis import basis_words
from dashboard.panels.map import SITES_SOURCE, map_figure, map_summary, with_places
from dashboard.panels.spec import TIME, Panel
from dashboard.panels.table import table_columns, table_rows
from dashboard.panels.text import (
    caption_text,
    no_data_message,
    sources_for_period,
    summary_sentence,
    withheld_summary,
)
from indicators.compute import compute, get_indicator, one_data_version
from indicators.disclosure import DISPLAY, is_suppressed, suppressed_label
from indicators.filters import Filters
from indicators.i18n import N_, _
from indicators.indicator import Indicator
from indicators.lookups import Provenance, deployment_sites, labels, provenance
from indicators.milestones import mission_milestones
from indicators.origin_words import REPORTS_NAMED
from indicators.origins import row_origin_parts
from indicators.periods import no_data_cause, with_partial_years
from indicators.ranking import RANKED, mark_ranked, rule_text
from indicators.viewer import ANONYMOUS, Viewer

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
    # What the words were made with, so an export reuses them rather than asking again: the
    # filters the caption describes (a hook's wider set: a country and its peers), the
    # sources it cites (those covering the period shown), and the codes' names.
    shown_filters: Filters = field(default_factory=Filters)
    sources: list[Provenance] = field(default_factory=list)
    names: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)


def panel_filters(panel: Panel, filters: Filters, engine: Engine) -> Filters:
    """The filters a panel computes with: its category subset, then its hook, if any."""
    narrowed = panel.filters_for(filters)
    return panel.filters_hook(narrowed, engine) if panel.filters_hook else narrowed


def panel_frame(panel: Panel, filters: Filters, engine: Engine, viewer: Viewer = ANONYMOUS
                ) -> pd.DataFrame:
    """The numbers a panel shows (and downloads) to `viewer`: compute() with the panel's
    grouping, the ranking's verdict and a partial year's months (as build_view() has them)."""
    computed = panel_filters(panel, filters, engine)
    indicator = get_indicator(panel.indicator)
    return _marked(panel, indicator, _frame(panel, computed, engine, viewer), computed, engine,
                   viewer)


def _marked(panel: Panel, indicator: Indicator, frame: pd.DataFrame, computed: Filters,
            engine: Engine, viewer: Viewer) -> pd.DataFrame:
    """The frame with which groups a ranking may order, and which years are partial."""
    frame = mark_ranked(frame, indicator) if is_ranking(panel) else frame
    return with_partial_years(frame, indicator, computed, panel.by, engine, viewer)


def _frame(panel: Panel, computed: Filters, engine: Engine, viewer: Viewer) -> pd.DataFrame:
    """panel_frame() for the filters the panel computes with (panel_filters())."""
    kept = tuple(dimension for dimension, _value in panel.where)
    frame = compute(panel.indicator, computed, (*panel.by, *kept), engine=engine, viewer=viewer)
    if kept:
        attrs = frame.attrs
        for dimension, value in panel.where:
            frame = frame[frame[dimension] == value]
        frame = frame.drop(columns=list(kept)).reset_index(drop=True)
        frame.attrs = attrs
    if panel.chart == "map":  # the map's table and download give each mission's place
        frame = with_places(frame, computed, engine)
    return frame


def build_view(panel: Panel, filters: Filters, engine: Engine, viewer: Viewer = ANONYMOUS,
               origins: bool = True) -> PanelView:
    """What the card shows `viewer` for these filters; an export takes the same
    (exports/snapshot). NotPermitted (from compute) if the viewer may not see it.
    `origins`: the table and hovers name each row's file and pages (a picture has no use for
    them)."""
    with one_data_version():  # the whole card from one version of the data, read once
        return _build_view(panel, filters, engine, viewer, origins)


def _build_view(panel: Panel, filters: Filters, engine: Engine, viewer: Viewer,
                origins: bool) -> PanelView:
    """build_view() within one version of the data."""
    indicator = get_indicator(panel.indicator)
    computed = panel_filters(panel, filters, engine)
    frame = _frame(panel, computed, engine, viewer)
    names = labels(engine)
    is_map = panel.chart == "map"
    sources = provenance(engine, (*indicator.sources, *((SITES_SOURCE,) if is_map else ())))
    if panel.filters_hook:  # the caption names the set the hook chose (a country's peers)
        filters = computed
    caption = caption_text(indicator, filters, sources, frame.attrs.get("ignored_filters", []),
                           names.get("country"))
    frame = with_basis(_marked(panel, indicator, frame, computed, engine, viewer), indicator)
    if frame.attrs.get("snapshot_year"):  # a snapshot measure, read in one year
        caption = _("In {year}, the latest year in the period (what was present then, not "
                    "summed over years).").format(year=frame.attrs["snapshot_year"]
                                                  ) + " " + caption
    if RANKED in frame:  # the rule beside the ranking, first thing under the chart
        caption = rule_text(indicator, int((~frame[RANKED]).sum())) + " " + caption
    said = {"shown_filters": filters, "sources": sources_for_period(sources, filters),
            "names": names}
    withheld = is_suppressed(frame)
    has_values = not frame.empty and (frame["value"].notna().any() or withheld.any())
    if not has_values:
        message = no_data_message(indicator, filters, sources,
                                  no_data_cause(indicator, computed, engine, viewer),
                                  names.get("country"))
        return PanelView(None, [], [], caption, "", message, indicator.illustrative, frame,
                         **said)
    # The table and the hovers also say where each row came from; the frame kept for the
    # files does not (the workbook's About sheet names the files).
    shown = without_attrs(
        with_origins(frame, panel, indicator, computed, engine, viewer) if origins else frame)
    drawn = _name_missing(shown, panel.by)
    summary = (summary_sentence(panel, indicator, drawn, names)
               if frame["value"].notna().any() else "")
    if withheld.any():
        summary = withheld_summary(panel, indicator, drawn, withheld, names, summary)
    if is_map:  # the map also places deployment sites, which the frame only counts
        sites = deployment_sites(engine, panel.filters_for(filters))
        figure, summary = map_figure(shown, sites), map_summary(frame, sites, summary)
    else:
        figure = make_figure(panel, indicator, drawn, names)
        figure = reserve_margins(with_milestones(figure, panel, indicator, drawn, filters, engine))
    return PanelView(
        figure=figure,
        rows=table_rows(shown, names),
        columns=table_columns(shown, indicator),
        caption=caption,
        summary=summary,
        illustrative=indicator.illustrative,
        frame=frame,
        **said,
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
    if panel.chart == "funnel":
        return stage_funnel(frame, panel.x or panel.by[0], panel.order, indicator.unit,
                            dimension_labels)
    if panel.chart == "estimate":
        return estimate_points(frame, panel.x or panel.by[0], panel.order, indicator.unit,
                               dimension_labels)
    category = panel.x or (panel.by[0] if panel.by else None)
    if category is None:
        frame = frame.assign(total=_("All"))
        category = "total"
    if RANKED in frame and frame[RANKED].any():  # leave out what is too small to rank
        frame = frame[frame[RANKED].astype(bool)]
    return ranked_bars(frame, category, indicator.unit, panel.top, dimension_labels, target)


def is_ranking(panel: Panel) -> bool:
    """A chart that puts groups in order of their value: ranked bars of one non-time cut."""
    return (panel.chart == "bars" and len(panel.by) == 1 and panel.by[0] not in TIME
            and not panel.target)


def with_basis(frame: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """The frame with what each share or rate rests on, in words (hover and table)."""
    words = basis_words(frame, indicator)
    return frame if words is None else frame.assign(**{BASIS: words})


def with_origins(frame: pd.DataFrame, panel: Panel, indicator: Indicator, computed: Filters,
                 engine: Engine, viewer: Viewer) -> pd.DataFrame:
    """The frame with each row's origin (indicators.origins.row_origin_parts: files and, for
    the UN's reports, pages; put in words by the table and the hovers) in an ORIGIN column."""
    kept = dict(panel.where)  # values the panel selected and dropped: still what it counts
    keyed = frame.assign(**kept) if kept else frame
    # Pages only where the table names them (origin_words): a row over years is counted.
    return frame.assign(**{ORIGIN: row_origin_parts(
        indicator, computed, (*panel.by, *kept), keyed, engine, viewer,
        paged_within=REPORTS_NAMED)})


def without_attrs(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame without its attrs, for the table, sentences and figure, which read none:
    pandas deep-copies attrs on every operation, most of a card's deep copies (issue 19).
    The view's `frame` keeps them for the caption and the downloads."""
    bare = frame.copy(deep=False)
    bare.attrs = {}
    return bare


def _name_missing(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """The frame for charts and sentences: a missing code reads "Not given", not "nan"."""
    missing = {d: frame[d].astype(object).where(frame[d].notna(), _(NOT_GIVEN))
               for d in by if d not in TIME and d in frame and frame[d].isna().any()}
    return frame.assign(**missing) if missing else frame


def _withheld_figure(panel: Panel, indicator: Indicator, frame: pd.DataFrame,
                     withheld: pd.Series, names, dimension_labels) -> go.Figure:
    """Small numbers the disclosure rule withheld: labelled bars where the chart has one
    dimension, otherwise the chart of the other values with a note under it."""
    label = frame.loc[withheld, DISPLAY].iloc[0]
    if len(panel.by) <= 1 and panel.chart in ("bars", "line"):
        category = panel.x or (panel.by[0] if panel.by else None)
        if category is None:
            frame, category = frame.assign(total=_("All")), "total"
        return withheld_bars(frame, category, withheld, label, indicator.unit, panel.top,
                             dimension_labels, vertical=category in TIME)
    shown = frame[~withheld]
    if shown["value"].notna().any():
        figure = make_figure(panel, indicator, shown.reset_index(drop=True), names)
    else:
        figure = go.Figure(layout={"height": 200, "xaxis": {"visible": False},
                                   "yaxis": {"visible": False}})
    small = label == suppressed_label(indicator.suppress_below or 0)
    return note_withheld(figure, label, small)
