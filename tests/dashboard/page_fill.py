"""Helpers for the topic-page tests: declarations name real indicators and allowed cuts, the
layout builds inside a request, and the shared callback fills a panel when called directly."""

from __future__ import annotations

import importlib
from pathlib import Path

import dash

from dashboard.app import create_app
from dashboard.callbacks import fill_panel
from dashboard.panels import Panel
from dashboard.settings import Settings
from indicators.catalogue import CATALOGUE

FILL_OUTPUTS = ("figure", "rows", "columns", "caption", "summary", "message", "body_style",
                "badge", "csv", "xlsx")
TIME = ("year", "month")
TWO_WAY = ("split", "heat", "sankey")


def check_declarations(panels: tuple[Panel, ...]) -> None:
    for panel in panels:
        indicator = CATALOGUE.get(panel.indicator)
        assert indicator is not None, f"{panel.key}: no indicator {panel.indicator}"
        assert set(panel.by) <= set(indicator.dimensions), (panel.key, panel.by)
        for axis in (panel.x, panel.series):
            assert axis is None or axis in panel.by, (panel.key, axis)
        if panel.chart in TWO_WAY:
            assert len(panel.by) == 2, panel.key
        if panel.chart == "line":
            assert any(d in TIME for d in panel.by), panel.key
        if panel.chart == "pipeline":
            assert len(panel.by) == 1 and panel.order, panel.key


def page_module(module: str):
    """A page module; Dash only lets pages register once an app exists, so make one first."""
    if not dash.page_registry:
        create_app(Settings(database_url="sqlite://", raw_dir=Path("/nonexistent-raw")))
    return importlib.import_module(f"dashboard.pages.{module}")


def page_entry(module: str) -> dict:
    """The page's registry entry."""
    page_module(module)
    return next(page for page in dash.page_registry.values()
                if page["module"] == f"dashboard.pages.{module}")


def render(app, module: str, path: str):
    page = page_module(module)
    with app.server.test_request_context(path):
        return page.layout()


def fill(app, page: str, key: str, query: dict | None = None) -> dict:
    """The shared pattern-matching callback, called as a plain function inside a request."""
    with app.server.test_request_context("/"):
        return dict(zip(FILL_OUTPUTS, fill_panel(query or {}, {"page": page, "panel": key}),
                        strict=True))


def find(component, wanted_id):
    """The first component in a tree with this id, or None."""
    if getattr(component, "id", None) == wanted_id:
        return component
    for child in _children(component):
        found = find(child, wanted_id)
        if found is not None:
            return found
    return None


def ids_in(component, kind: str) -> list[dict]:
    """Every dict id of the given kind in a tree (e.g. each panel's figure)."""
    identifier = getattr(component, "id", None)
    found = [identifier] if isinstance(identifier, dict) and identifier.get("kind") == kind \
        else []
    for child in _children(component):
        found.extend(ids_in(child, kind))
    return found


def hrefs_in(component) -> list[str]:
    href = getattr(component, "href", None)
    found = [href] if href else []
    for child in _children(component):
        found.extend(hrefs_in(child))
    return found


def _children(component) -> list:
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        return list(children)
    if children is None or isinstance(children, str | int | float):
        return []
    return [children]
