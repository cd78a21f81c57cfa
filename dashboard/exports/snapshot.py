"""What one chart shows for some filters, computed as its page computes it; packs of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from sqlalchemy import Engine

from dashboard.exports.headline import Headline
from dashboard.exports.messages import key_messages
from dashboard.panels.spec import Panel, find_panel, visible_panels
from dashboard.panels.text import panel_title
from dashboard.panels.view import build_view, panel_filters
from indicators.access import restriction_mark
from indicators.change_set import ChangeSet
from indicators.compute import get_indicator
from indicators.disclosure import is_suppressed
from indicators.filters import Filters
from indicators.i18n import N_, _
from indicators.indicator import Indicator
from indicators.lookups import Provenance
from indicators.origins import chart_origins
from indicators.serialize import ROW_MARK
from indicators.viewer import ANONYMOUS, Viewer

# Translated where shown, so a pack made in French says it in French.
CLASSIFICATION = N_("UNCLASSIFIED — for briefing use")


class UnknownChart(LookupError):
    """No panel is registered under this page and key (or the page modules are not loaded)."""

    def __init__(self, page: str, key: str):
        self.page, self.key = page, key
        super().__init__(f"no chart {page}/{key}: pages register their panels when "
                         "dashboard.app.create_app() imports them")


@dataclass
class ChartSnapshot:
    """One chart as an official sees it: figure, numbers, caption, messages and sources."""

    page: str
    panel: str
    title: str
    indicator: Indicator
    filters: Filters  # as asked (the page's filters)
    figure: go.Figure | None  # the page's own figure (build_view); None when nothing to draw
    frame: pd.DataFrame  # exactly the numbers of the panel's CSV download (panel_frame)
    caption: str  # filters · source, as of: the screen's caption
    messages: list[str]
    illustrative: bool
    sources: list[Provenance]
    no_data: str = ""  # the page's no-data message when there is nothing to draw
    summary: str = ""  # the screen's one-sentence text alternative
    note: str = ""  # the panel's "why this matters" line, if any
    chart: str = ""  # the panel's chart kind
    order: tuple[str, ...] = ()  # a pipeline's stages in their order
    # The filters the numbers were computed with: the same as `filters` unless the panel
    # widens them (a country's peers); footers describe these.
    shown_filters: Filters = field(default_factory=Filters)
    ignored_filters: list[str] = field(default_factory=list)
    withheld: int = 0  # rows shown as "fewer than N" under the small-numbers rule
    names: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)
    # The files the numbers were read from (indicators.origins.chart_origins); None: not known.
    origins: dict | None = field(default=None, repr=False)
    images: dict[tuple, bytes] = field(default_factory=dict, repr=False)  # rendered once
    restriction: str = ""  # "Restricted: Rwanda delegation" for a restricted indicator

    @property
    def has_data(self) -> bool:
        return self.figure is not None

    @property
    def shows_generated_data(self) -> bool:
        """Whether this chart puts generated numbers in front of the reader."""
        return self.illustrative and self.has_data

    @property
    def query(self) -> dict[str, str]:
        return self.filters.to_query()


@dataclass
class Pack:
    """Charts for a briefing, in order, with what the title page says."""

    title: str
    filters: Filters
    snapshots: list[ChartSnapshot]
    generated_at: dt.datetime
    classification: str = CLASSIFICATION
    subtitle: str = ""
    link: str = ""  # an address that reproduces the pack, shown on the title page if given
    page_link: str = ""  # the page's address with its filters, if the pack is a page's
    headline: Headline | None = None  # the page's headline figures, on their own slide
    # ISO3 -> the country's name in the pack's language: filters are said in words.
    country_names: dict[str, str] = field(default_factory=dict, repr=False)
    restriction: str = ""  # "Restricted: Rwanda delegation" on every page; "" when public
    # Issue 17: the data version the pack was made from, and (when asked ?since=) what
    # changed since then, for the "Since your briefing of …" slide (exports/since_pages.py).
    data_version: int | None = None
    changes: ChangeSet | None = None
    since_kind: str = ""  # "briefing" | "date" | "moment" | "version"
    since_day: dt.date | None = None
    changes_hidden: int = 0  # changes left out by the pack's mission/country filters
    # The saved briefing's public address (…/briefings/<token>), printed on the pack so
    # opening the file later leads to what changed since; "" when it is not kept.
    briefing_link: str = ""

    @property
    def illustrative(self) -> bool:
        return (any(snapshot.shows_generated_data for snapshot in self.snapshots)
                or bool(self.headline and self.headline.illustrative))

    def describe_filters(self) -> str:
        """The pack's filters in words, countries by their names."""
        return self.filters.describe(country_names=self.country_names)

    @property
    def shown(self) -> list[ChartSnapshot]:
        """The charts that get a slide: a slide that only says "no data" tells nothing."""
        return [snapshot for snapshot in self.snapshots if snapshot.has_data]

    @property
    def left_out(self) -> list[ChartSnapshot]:
        """The charts with nothing to draw for these filters, named on the title slide."""
        return [snapshot for snapshot in self.snapshots if not snapshot.has_data]

    @property
    def sources(self) -> list[Provenance]:
        """Every source cited by the headline figures or a chart, once, in the order they
        first appear."""
        seen: dict[str, Provenance] = {}
        for source in self.headline.sources if self.headline else []:
            seen.setdefault(source.slug, source)
        for snapshot in self.snapshots:
            for source in snapshot.sources:
                seen.setdefault(source.slug, source)
        return list(seen.values())


def panel_snapshot(page: str, key: str, filters: Filters, engine: Engine,
                   viewer: Viewer = ANONYMOUS) -> ChartSnapshot:
    """One chart as `viewer` sees it, through the same build_view() the page's callback
    calls (NotPermitted if the viewer may not see it)."""
    panel = find_panel(page, key)
    if panel is None:
        raise UnknownChart(page, key)
    indicator = get_indicator(panel.indicator)
    # A file's chart is a picture and its table has no source column: the rows' origins are
    # not worked out, and the About sheet's files come from chart_origins() below.
    view = build_view(panel, filters, engine, viewer, origins=False)
    frame, names = view.frame, view.names
    has_data = view.figure is not None
    return ChartSnapshot(
        page=page, panel=key, title=chart_title(panel, indicator), indicator=indicator,
        filters=filters, figure=view.figure, frame=frame, caption=view.caption,
        messages=marked_messages(key_messages(panel, indicator, frame, names), indicator)
        if has_data else [],
        illustrative=bool(indicator.illustrative), sources=view.sources,
        no_data="" if has_data else view.message, summary=view.summary,
        note=_(panel.note) if panel.note else "", chart=panel.chart, order=panel.order,
        shown_filters=view.shown_filters,
        ignored_filters=list(frame.attrs.get("ignored_filters", [])),
        withheld=int(is_suppressed(frame).sum()), names=names,
        origins=chart_origins(indicator, panel_filters(panel, filters, engine),
                              (*panel.by, *(d for d, _value in panel.where)), engine,
                              where=panel.where, viewer=viewer),
        restriction=restriction_mark(viewer, names.get("country"))
        if indicator.visibility != "public" else "",
    )


def marked_messages(messages: list[str], indicator: Indicator) -> list[str]:
    """An illustrative chart's key messages each start with the mark: a bullet pasted into a
    note on its own still says its number is not real."""
    if not indicator.illustrative:
        return messages
    return [f"[{_(ROW_MARK)}] {message}" for message in messages]


def page_snapshots(page: str, filters: Filters, engine: Engine, viewer: Viewer = ANONYMOUS
                   ) -> list[ChartSnapshot]:
    """The charts the page shows `viewer` for these filters, in page order."""
    return [panel_snapshot(page, panel.key, filters, engine, viewer)
            for panel in visible_panels(page, filters, viewer)]


def chart_title(panel: Panel, indicator: Indicator) -> str:
    """The card's heading: the panel's title, or one made from the indicator and its cuts,
    in the current language, as the page shows it."""
    return panel_title(panel, indicator)
