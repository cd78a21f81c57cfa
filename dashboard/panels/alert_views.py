"""Which page an alert links to: the sources page for new data, the conduct page for
allegations, and for a headline figure the first page that shows it (as a headline, then as a
chart), read from the pages' declarations."""

from __future__ import annotations

import dash

from dashboard.panels.spec import headline_keys, page_panels, registered_pages
from indicators.kpi import KPIS


def page_path(page: str) -> str:
    module = f"dashboard.pages.{page}"
    entry = dash.page_registry.get(module)
    return entry["path"] if entry else "/"


def _nav_order(page: str) -> int:
    entry = dash.page_registry.get(f"dashboard.pages.{page}") or {}
    return entry.get("order") if isinstance(entry.get("order"), int) else 99


def view_path_for(kind: str, subject: str) -> str:
    """The page an alert links to: the sources page, the conduct page, or the first page
    that shows the figure in the navigation's order (as a headline, then as a chart)."""
    if kind == "source":
        return page_path("sources")
    if kind == "allegations":
        return page_path("conduct")
    slug = KPIS[subject].indicator if subject in KPIS else subject
    pages = sorted(registered_pages(), key=_nav_order)  # the navigation's order
    for page in pages:
        if subject in headline_keys(page):
            return page_path(page)
    for page in pages:
        if any(panel.indicator == slug for panel in page_panels(page)):
            return page_path(page)
    return "/"
