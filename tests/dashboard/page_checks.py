"""Helpers for the page tests: declarations name real indicators and allowed cuts, layouts
build inside a request, components are found by id, and the shared panel callback is called
as a plain function."""

from __future__ import annotations

import importlib
from pathlib import Path

import dash
import flask

from dashboard.app import create_app
from dashboard.panels.card import fill_panel
from dashboard.panels.spec import Panel, find_panel
from dashboard.settings import Settings
from indicators.catalogue import CATALOGUE
from indicators.viewer import ANONYMOUS, Viewer

FILL_OUTPUTS = ("chart", "table", "caption", "summary", "message", "body_style", "badge",
                "csv", "xlsx", "png", "svg", "shown")
TIME = ("year", "month")
TWO_WAY = ("split", "heat", "sankey")


def check_declarations(page: str, panels: tuple[Panel, ...]) -> None:
    """Every panel names a real indicator, cuts it only by allowed dimensions, fits its chart
    kind, and is found by the shared callback under its page and key."""
    for panel in panels:
        indicator = CATALOGUE.get(panel.indicator)
        assert indicator is not None, f"{panel.key}: no indicator {panel.indicator}"
        kept = {dimension for dimension, _ in panel.where}
        assert {*panel.by, *kept} <= set(indicator.dimensions), (panel.key, panel.by, kept)
        assert not kept & set(panel.by), panel.key
        for axis in (panel.x, panel.series):
            assert axis is None or axis in panel.by, (panel.key, axis)
        if panel.chart in TWO_WAY:
            assert len(panel.by) == 2, panel.key
        if panel.chart == "line":
            assert set(TIME) & set(panel.by), panel.key
        if panel.chart == "pipeline":
            assert len(panel.by) == 1 and panel.order, panel.key
        assert find_panel(page, panel.key) == panel, panel.key


def page_module(module: str):
    """A page module; Dash lets pages register only once an app exists, so make one first."""
    if not dash.page_registry:
        create_app(Settings(database_url="sqlite://", raw_dir=Path("/nonexistent-raw")))
    return importlib.import_module(f"dashboard.pages.{module}")


def page_entry(module: str) -> dict:
    """The page's registry entry."""
    page_module(module)
    return next(entry for entry in dash.page_registry.values()
                if entry["module"] == f"dashboard.pages.{module}")


def render(app, module: str, path: str, viewer: Viewer = ANONYMOUS, **query):
    """The layout as Dash Pages calls it: inside a request, with the query as keywords, for
    `viewer` (see as_viewer)."""
    page = page_module(module)
    with app.server.test_request_context(path):
        as_viewer(viewer)
        return page.layout(**query)


def as_viewer(viewer: Viewer) -> None:
    """In the request being handled, the viewer is `viewer`: flask.g.viewer is where sign-in
    (branch i-auth) puts the signed-in viewer, and all that dashboard.web.viewer reads. Not a
    way in over HTTP: requests from a test client are signed in by sign-in itself."""
    flask.g.viewer = viewer


def fill(app, page: str, key: str, query: dict | None = None,
         viewer: Viewer = ANONYMOUS) -> dict:
    """The shared pattern-matching callback, called as a plain function inside a request,
    for `viewer` (see as_viewer)."""
    with app.server.test_request_context("/"):
        as_viewer(viewer)
        outputs = fill_panel(query or {}, {"page": page, "panel": key})
    filled = dict(zip(FILL_OUTPUTS, outputs, strict=True))
    # The chart's figure, as drawn once the card is seen (none: the card says why).
    filled["figure"] = (filled["chart"] or {}).get("props", {}).get("figure")
    # The Table tab's grid: its rows and columns, as the person opening the tab sees them.
    grid = (filled["table"] or {}).get("props", {})
    filled["rows"], filled["columns"] = grid.get("rowData", []), grid.get("columnDefs", [])
    return filled


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
    """Every dict id of this kind in a tree, in order (e.g. each panel's figure)."""
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
