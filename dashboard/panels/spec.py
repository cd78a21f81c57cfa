"""Panels: what a page declares (an indicator, a grouping, a chart kind), and the registry of
pages, their panels and the rule for which of them each page shows for some filters."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import dash

from indicators.access import may_see
from indicators.catalogue import CATALOGUE
from indicators.filters import Filters
from indicators.viewer import Viewer

if TYPE_CHECKING:
    from sqlalchemy import Engine

TIME = ("year", "month")  # the dimensions that are time: a line chart's axis
CHART_KINDS = ("line", "bars", "split", "heat", "number", "sankey", "pipeline",
               "map", "parity", "funnel", "estimate")


@dataclass(frozen=True)
class Panel:
    """One chart on a page. `by` are the indicator's dimensions to group by; `x` and `series`
    say which of them go on the axis and in the legend."""

    key: str
    indicator: str
    by: tuple[str, ...] = ()
    chart: str = "bars"
    title: str = ""
    x: str | None = None
    series: str | None = None
    top: int = 15
    categories: tuple[str, ...] = ()  # this panel only shows these categories
    target: bool = False  # draw the indicator's target column
    note: str = ""  # one sentence under the title: why this chart matters
    order: tuple[str, ...] = ()  # fixed order of the values shown (a pipeline's stages)
    # Maps (filters, engine) to the filters this panel computes with, when it needs a set
    # the filter bar cannot express (a country and its peers). Lives in `indicators` or the
    # page module; the caption then describes the filters it returns.
    filters_hook: Callable[[Filters, Engine], Filters] | None = None
    # Values of other dimensions this panel keeps, e.g. (("stage", "final"),): computed by
    # them too, then selected and dropped, so the chart and table see `by` only.
    where: tuple[tuple[str, str], ...] = ()

    def __post_init__(self):
        if self.chart not in CHART_KINDS:
            raise ValueError(f"panel {self.key}: chart must be one of {CHART_KINDS}")

    def filters_for(self, filters: Filters) -> Filters:
        """The page filters narrowed by the panel's own category subset, if any."""
        if not self.categories:
            return filters
        wanted = tuple(c for c in self.categories if not filters.categories
                       or c in filters.categories)
        # If the person's choice excludes every category this panel is about, show nothing
        # rather than silently widening their filter.
        return dataclasses.replace(filters, categories=wanted or ("-none-",))


# Which of a page's panels it shows for some filters (`register_page`'s `shows`).
VisibilityRule = Callable[[Panel, Filters], bool]

_REGISTRY: dict[str, dict[str, Panel]] = {}
_SHOWN: dict[str, VisibilityRule] = {}
_HEADLINE: dict[str, tuple[str, ...]] = {}


def _always(_panel: Panel, _filters: Filters) -> bool:
    return True


def register_page(module: str, panels: tuple[Panel, ...], shows: VisibilityRule | None = None,
                  headline: tuple[str, ...] = (), **page: Any) -> str:
    """Register a page once: with Dash Pages (`page` are dash.register_page's keywords: path,
    name, order, ...), and its panels, with the rule for which of them it shows for some
    filters (all of them unless `shows` says otherwise), so the shared callback, the downloads
    and the exports ask the registry, never a page module. Returns the page's name, its
    module's (`dashboard.pages.missions` -> `missions`). Named as Dash's on purpose: Dash
    imports only the page files that say `register_page`."""
    name = module.rpartition(".")[2]
    keys = [panel.key for panel in panels]
    if len(set(keys)) != len(keys):
        raise ValueError(f"page {name}: two panels share a key")
    dash.register_page(module, **page)
    _REGISTRY[name] = {panel.key: panel for panel in panels}
    _SHOWN[name] = shows or _always
    _HEADLINE[name] = tuple(headline)
    return name


def headline_keys(page: str) -> tuple[str, ...]:
    """The headline figures (indicators.kpi keys) a page shows above its charts, in order."""
    return _HEADLINE.get(page, ())


def find_panel(page: str, key: str) -> Panel | None:
    return _REGISTRY.get(page, {}).get(key)


def registered_pages() -> tuple[str, ...]:
    """The pages that declared panels, by name (`overview`, `women`, ...)."""
    return tuple(sorted(_REGISTRY))


def page_panels(page: str) -> tuple[Panel, ...]:
    return tuple(_REGISTRY.get(page, {}).values())


def shown_for(page: str, panel: Panel, filters: Filters) -> bool:
    """Whether the page's layout shows this panel for these filters (its own rule)."""
    return _SHOWN.get(page, _always)(panel, filters)


def visible_panels(page: str, filters: Filters, viewer: Viewer | None = None
                   ) -> tuple[Panel, ...]:
    """The page's panels that its layout shows for these filters, by the page's own rule;
    with `viewer`, only those it may see (the others are absent, not greyed)."""
    shows = _SHOWN.get(page, _always)
    panels = tuple(panel for panel in page_panels(page) if shows(panel, filters))
    return panels if viewer is None else seen_by(panels, viewer)


def seen_by(panels: tuple[Panel, ...], viewer: Viewer) -> tuple[Panel, ...]:
    """The panels whose indicator the viewer's tier reaches (indicators.access)."""
    return tuple(panel for panel in panels if may_see(CATALOGUE[panel.indicator], viewer))


def page_seen_by(page: str, viewer: Viewer) -> bool:
    """Whether a page is in the viewer's navigation: one without panels (sources) always is;
    one whose every panel is restricted beyond the viewer's tier is absent."""
    panels = page_panels(page)
    return not panels or bool(seen_by(panels, viewer))
