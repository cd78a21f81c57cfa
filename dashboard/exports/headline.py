"""The headline slide of a pack: the page's KPI cards as the page shows them (value, change,
status against target, period), worked out by indicators.kpi exactly as the cards are."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from dashboard.panels.kpi import STATUS_LOOK
from dashboard.panels.kpi_text import (
    change_words,
    format_value,
    no_data_text,
    row_note,
    row_period_text,
)
from dashboard.panels.spec import headline_keys
from dashboard.panels.text import sources_for_period
from indicators.compute import get_indicator
from indicators.filters import Filters
from indicators.i18n import _
from indicators.kpi import KPIS, NO_TARGET, Kpi, kpi, row_period
from indicators.lookups import Provenance, provenance
from indicators.viewer import ANONYMOUS, Viewer


@dataclass(frozen=True)
class HeadlineFigure:
    """One KPI card in words, as the page's card says it."""

    key: str
    title: str
    value: str  # the figure, or "No data"
    measure: str  # what the number is, and its period
    change: str  # against the previous period of the same length
    status: str  # against the target
    illustrative: bool
    note: str = ""  # why there is no figure, or why this card's period differs from the row's


@dataclass(frozen=True)
class Headline:
    """The headline figures of a page for some filters, real ones first."""

    figures: tuple[HeadlineFigure, ...]
    period: str = ""  # the sentence the page says once above the cards
    sources: list[Provenance] = field(default_factory=list)

    @property
    def real(self) -> list[HeadlineFigure]:
        return [figure for figure in self.figures if not figure.illustrative]

    @property
    def illustrative(self) -> list[HeadlineFigure]:
        return [figure for figure in self.figures if figure.illustrative]


def page_headline(page: str, filters: Filters, engine: Engine, viewer: Viewer = ANONYMOUS
                  ) -> Headline | None:
    """The page's headline figures for these filters, as `viewer` may see them (None: the
    page shows none)."""
    keys = headline_keys(page)
    if not keys:
        return None
    shared = row_period(keys, filters, engine)  # the period the page's row shares
    figures = tuple(headline_figure(kpi(key, filters, engine, shared, viewer),
                                    row_note(key, shared))
                    for key in keys)
    slugs = tuple(dict.fromkeys(slug for key in keys
                                for slug in get_indicator(KPIS[key].indicator).sources))
    # As a chart's caption does: a 2024 figure does not cite a file that ends in 2014.
    sources = sources_for_period(provenance(engine, slugs), filters)
    return Headline(figures, row_period_text(shared, keys) or "", sources)


def headline_figure(figure: Kpi, note: str | None = None) -> HeadlineFigure:
    """A card's words: the same value, change and status the page's card shows."""
    title = _(KPIS[figure.key].title) if figure.key in KPIS else figure.title
    if figure.value is None:
        return HeadlineFigure(figure.key, title, _("No data"), _(figure.measure), "", "",
                              figure.illustrative, no_data_text(figure))
    measure = f"{_(figure.measure)}, {figure.period}" if figure.measure else figure.period
    return HeadlineFigure(figure.key, title, format_value(figure.value, figure.unit), measure,
                          change_text(figure), status_text(figure), figure.illustrative,
                          note or "")


def change_text(figure: Kpi) -> str:
    """'▲ +1,234 (+2%) vs Jan 2023 – Dec 2023 (82,045)', as the card's change line."""
    if figure.change is None:
        return _("No comparable figure for {period}.").format(period=figure.previous_period)
    arrow = "▲" if figure.change > 0 else "▼" if figure.change < 0 else "■"
    return f"{arrow} {change_words(figure)} " + _("vs {period} ({value})").format(
        period=figure.previous_period, value=format_value(figure.previous, figure.unit))


def status_text(figure: Kpi) -> str:
    """'✓ Target met (target 15.0%)', as the card's status pill and the words after it."""
    symbol, words, _css = STATUS_LOOK.get(figure.status, STATUS_LOOK[NO_TARGET])
    words = _(words)
    if figure.status == NO_TARGET and figure.has_target:
        words = _("No target for this period")
    text = f"{symbol} {words}"
    if figure.target is not None:
        text += " " + _("(target {value})").format(value=format_value(figure.target,
                                                                       figure.unit))
    return text
